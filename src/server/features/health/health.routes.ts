import { sql } from 'kysely';
import { healthResponse } from '../../../shared/contracts/health.ts';
import type { Database } from '../../db/database.ts';
import type { App } from '../../lib/http.ts';

export function healthRoutes(app: App, deps: { database: Database; version: string }) {
  app.get('/api/health', { schema: { response: { 200: healthResponse } } }, async () => {
    await sql`SELECT 1`.execute(deps.database.db);
    return { status: 'ok' as const, database: deps.database.kind, version: deps.version };
  });
}
