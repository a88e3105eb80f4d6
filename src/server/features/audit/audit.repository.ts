import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuditEvent, auditQuery } from '../../../shared/contracts/audit.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';

export function auditRepository(db: Kysely<DB>) {
  return {
    list(query: z.infer<typeof auditQuery>) {
      let q = db
        .selectFrom('audit_events as a')
        .leftJoin('users as u', 'u.id', 'a.actor_id')
        .leftJoin('api_tokens as t', 't.id', 'a.api_token_id')
        .select([
          'a.id',
          'a.at',
          'a.actor_id',
          'u.name as actor_name',
          'a.action',
          'a.entity',
          'a.entity_id',
          'a.before',
          'a.after',
          'a.request_id',
          'a.api_token_id',
          't.name as api_token_name',
        ])
        // An import's rows are shown with its records, once it is no longer pending (migration 20261212090000).
        .where((eb) => eb.or([eb('a.import_id', 'is', null), eb('a.import_id', 'not in', eb.selectFrom('pending_imports').select('pending_imports.id'))]));
      if (query.entity) q = q.where('a.entity', '=', query.entity);
      if (query.id) q = q.where('a.entity_id', '=', query.id);
      if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
      if (query.apiTokenId) q = q.where('a.api_token_id', '=', query.apiTokenId);
      return paginate(
        q,
        query,
        (p) => p.orderBy('a.id', 'desc'),
        (row): AuditEvent => ({
          id: String(row.id),
          at: row.at.toISOString(),
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action as AuditEvent['action'],
          entity: row.entity,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          requestId: row.request_id,
          apiToken: row.api_token_id ? { id: row.api_token_id, name: row.api_token_name ?? '' } : null,
        }),
      );
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
