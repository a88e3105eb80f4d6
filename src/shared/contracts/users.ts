import { z } from 'zod';
import { roles } from '../permissions.ts';
import { idParams, pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

const regionPcode = z.string().regex(/^[A-Z]{2}\d{2}$/, { error: 'region_pcode' });

export const user = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organisationId: z.uuid().nullable(),
  organisationAcronym: z.string().nullable(),
  regions: z.array(z.string()),
  language: z.enum(['fr', 'en']),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: timestamp.nullable(),
  version: z.number().int(),
  createdAt: timestamp,
});
export type User = z.infer<typeof user>;

const userFields = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(2).max(200),
  role: z.enum(roles),
  organisationId: z.uuid().nullable().default(null),
  regions: z.array(regionPcode).max(20).default([]),
  language: z.enum(['fr', 'en']).default('fr'),
});

/** A partner belongs to an organisation; a regional coordinator has at least one region. */
function roleNeeds(value: { role?: string; organisationId?: string | null; regions?: string[] }, ctx: z.RefinementCtx) {
  if (value.role === 'partner' && !value.organisationId) {
    ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'partner_needs_organisation' });
  }
  if (value.role === 'regional_coordinator' && (value.regions ?? []).length === 0) {
    ctx.addIssue({ code: 'custom', path: ['regions'], message: 'regional_needs_region' });
  }
}

export const userInvite = userFields.superRefine(roleNeeds);
export type UserInvite = z.infer<typeof userInvite>;

export const userPatch = userFields
  .partial()
  .extend({ active: z.boolean().optional(), version: z.number().int() })
  .superRefine(roleNeeds);

/** The temporary password is shown once to the admin who invited or reset, never stored in clear. */
export const userWithTemporaryPassword = z.object({ user, temporaryPassword: z.string() });

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(roles).optional(),
  organisationId: z.uuid().optional(),
  active: z.enum(['true', 'false', 'all']).default('all'),
});
export const userPage = pageOf(user);

export const usersApi = {
  list: endpoint({ operationId: 'listUsers', method: 'GET', path: '/api/v1/users', access: 'user:manage', query: userListQuery, response: userPage }),
  invite: endpoint({
    operationId: 'inviteUser',
    method: 'POST',
    path: '/api/v1/users',
    access: 'user:manage',
    body: userInvite,
    response: userWithTemporaryPassword,
    status: 201,
  }),
  get: endpoint({ operationId: 'getUser', method: 'GET', path: '/api/v1/users/:id', access: 'user:manage', params: idParams, response: user }),
  update: endpoint({ operationId: 'updateUser', method: 'PATCH', path: '/api/v1/users/:id', access: 'user:manage', params: idParams, body: userPatch, response: user }),
  resetPassword: endpoint({
    operationId: 'resetUserPassword',
    method: 'POST',
    path: '/api/v1/users/:id/reset-password',
    access: 'user:manage',
    params: idParams,
    response: userWithTemporaryPassword,
  }),
};
