import { z } from 'zod';
import { idParams, pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

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

export const organisationsApi = {
  list: endpoint({
    operationId: 'listOrganisations',
    method: 'GET',
    path: '/api/v1/organisations',
    access: 'organisation:read',
    query: organisationListQuery,
    response: organisationPage,
  }),
  create: endpoint({
    operationId: 'createOrganisation',
    method: 'POST',
    path: '/api/v1/organisations',
    access: 'organisation:manage',
    body: organisationInput,
    response: organisation,
    status: 201,
  }),
  get: endpoint({ operationId: 'getOrganisation', method: 'GET', path: '/api/v1/organisations/:id', access: 'organisation:read', params: idParams, response: organisation }),
  update: endpoint({
    operationId: 'updateOrganisation',
    method: 'PATCH',
    path: '/api/v1/organisations/:id',
    access: 'organisation:manage',
    params: idParams,
    body: organisationPatch,
    response: organisation,
  }),
};
