import { z } from 'zod';
import { pageOf, pageQuery, timestamp } from './common.ts';

export const auditActions = ['create', 'update', 'delete', 'import', 'login', 'read_personal'] as const;
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
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditQuery = pageQuery.extend({
  entity: z.string().max(60).optional(),
  id: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
});
export const auditPage = pageOf(auditEvent);
