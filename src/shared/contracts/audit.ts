import { z } from 'zod';
import { pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

export const auditActions = [
  'create',
  'update',
  'delete',
  'import',
  'login',
  'login_failed',
  'read_personal',
  'export_personal',
  'purge',
  'api_request',
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditEvent = z.object({
  id: z.string(),
  at: timestamp,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.enum(auditActions),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  /** The personal API token the change was made with, if any (its name, never its secret). */
  apiToken: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditQuery = pageQuery.extend({
  entity: z.string().max(60).optional(),
  id: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  apiTokenId: z.uuid().optional(),
});
export const auditPage = pageOf(auditEvent);

export const auditApi = {
  list: endpoint({ operationId: 'listAuditEvents', method: 'GET', path: '/api/v1/audit', access: 'audit:read', query: auditQuery, response: auditPage }),
};
