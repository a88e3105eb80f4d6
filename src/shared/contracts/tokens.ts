import { z } from 'zod';
import { roles } from '../permissions.ts';
import { idParams, pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

/**
 * Personal API tokens: a user's own key for scripts, spreadsheets and other systems, sent as
 * `Authorization: Bearer relais_…`. `read` answers GET requests only; `full` has the rights of
 * the account (whatever its role is at the time of each request).
 */
export const tokenScopes = ['read', 'full'] as const;
export type TokenScope = (typeof tokenScopes)[number];

export const tokenStatuses = ['active', 'expired', 'revoked'] as const;
export type TokenStatus = (typeof tokenStatuses)[number];

/** The secret's first characters: secret scanners (GitHub, GitLab) recognise a Relais token by them. */
export const tokenPrefix = 'relais_';
export const tokenDefaultDays = 90;
export const tokenMaxDays = 365;
/** Live tokens one account may hold at a time. */
export const tokenMaxActive = 20;

export const apiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: z.enum(tokenScopes),
  /** The last characters of the secret, to tell tokens apart (`relais_…x7Qa`); the secret itself is never shown again. */
  hint: z.string(),
  status: z.enum(tokenStatuses),
  createdAt: timestamp,
  expiresAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const tokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scope: z.enum(tokenScopes).default('read'),
  expiresInDays: z.number().int().min(1).max(tokenMaxDays).default(tokenDefaultDays),
});
export type TokenInput = z.infer<typeof tokenInput>;

/** The answer to a creation: the only time the secret travels. */
export const createdToken = z.object({ token: apiToken, secret: z.string() });
export type CreatedToken = z.infer<typeof createdToken>;

export const tokenList = z.object({ items: z.array(apiToken) });

/** What administrators see: every account's tokens, with whose they are. */
export const adminToken = apiToken.extend({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.enum(roles), active: z.boolean() }),
});
export type AdminToken = z.infer<typeof adminToken>;
export const adminTokenQuery = pageQuery.extend({
  status: z.enum(tokenStatuses).optional(),
  userId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export const adminTokenPage = pageOf(adminToken);

export const tokensApi = {
  listOwn: endpoint({
    operationId: 'listMyTokens',
    method: 'GET',
    path: '/api/v1/auth/tokens',
    access: 'signedIn',
    response: tokenList,
    summary: 'List my API tokens',
  }),
  create: endpoint({
    operationId: 'createMyToken',
    method: 'POST',
    path: '/api/v1/auth/tokens',
    access: 'signedIn',
    sessionOnly: true,
    body: tokenInput,
    response: createdToken,
    status: 201,
    summary: 'Create an API token (its secret is in this answer only)',
  }),
  revokeOwn: endpoint({
    operationId: 'revokeMyToken',
    method: 'DELETE',
    path: '/api/v1/auth/tokens/:id',
    access: 'signedIn',
    params: idParams,
    status: 204,
    summary: 'Revoke one of my API tokens',
  }),
  listAll: endpoint({
    operationId: 'listTokens',
    method: 'GET',
    path: '/api/v1/tokens',
    access: 'user:manage',
    query: adminTokenQuery,
    response: adminTokenPage,
    summary: "List every account's API tokens",
  }),
  revoke: endpoint({
    operationId: 'revokeToken',
    method: 'DELETE',
    path: '/api/v1/tokens/:id',
    access: 'user:manage',
    params: idParams,
    status: 204,
    summary: 'Revoke any API token',
  }),
};
