import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { auditRepository } from './audit.repository.ts';
import { auditRoutes } from './audit.routes.ts';

/** Wires the audit trail's reading routes into the app (every service writes its own rows through lib/audit.ts). */
export function registerAudit(app: App, deps: { db: Kysely<DB> }) {
  auditRoutes(app, { audit: auditRepository(deps.db) });
}
