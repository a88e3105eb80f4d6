import { z } from 'zod';
import { pageOf, pageQuery, timestamp } from './common.ts';

export const organisationTypes = ['un', 'ingo', 'nngo', 'government', 'red_cross', 'research', 'donor', 'other'] as const;
export const organisationRoles = ['rrm_partner', 'post_rrm_actor', 'development_actor', 'research', 'coordination'] as const;

export const organisation = z.object({
  id: z.uuid(),
  name: z.string(),
  acronym: z.string(),
  type: z.enum(organisationTypes),
  roles: z.array(z.enum(organisationRoles)),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Organisation = z.infer<typeof organisation>;

export const organisationInput = z.object({
  name: z.string().trim().min(2).max(200),
  acronym: z.string().trim().min(1).max(40),
  type: z.enum(organisationTypes),
  roles: z.array(z.enum(organisationRoles)).max(organisationRoles.length).default([]),
});
export type OrganisationInput = z.infer<typeof organisationInput>;

export const organisationPatch = organisationInput.partial().extend({
  active: z.boolean().optional(),
  version: z.number().int(),
});

export const organisationListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
});
export const organisationPage = pageOf(organisation);
