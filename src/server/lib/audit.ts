import type { Kysely } from 'kysely';
import type { AuditAction } from '../../shared/contracts/audit.ts';
import type { DB } from '../db/schema.ts';
import type { ServiceContext } from './context.ts';

/** Who acts: the user (none for a failed sign-in) and, for a request made with an API token, that token. */
type AuditContext = Pick<ServiceContext, 'requestId'> & { user: { id: string; apiToken?: { id: string } | null } | null };

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Called by services inside the transaction of the change, so an audit row exists
 * exactly when the change does. Callers pass records already stripped of secrets.
 */
export async function recordAudit(trx: Kysely<DB>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      actor_id: ctx.user?.id ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
      api_token_id: ctx.user?.apiToken?.id ?? null,
    })
    .execute();
}

/** Many audit rows in one statement per thousand, for imports that change thousands of records at once. */
export async function recordAuditMany(trx: Kysely<DB>, ctx: AuditContext, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await trx
      .insertInto('audit_events')
      .values(
        entries.slice(i, i + 1000).map((entry) => ({
          actor_id: ctx.user?.id ?? null,
          action: entry.action,
          entity: entry.entity,
          entity_id: entry.entityId,
          before: entry.before === undefined ? null : JSON.stringify(entry.before),
          after: entry.after === undefined ? null : JSON.stringify(entry.after),
          request_id: ctx.requestId,
          api_token_id: ctx.user?.apiToken?.id ?? null,
        })),
      )
      .execute();
  }
}
