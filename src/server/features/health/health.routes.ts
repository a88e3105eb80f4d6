import { healthApi } from '../../../shared/contracts/health.ts';
import type { Database } from '../../db/database.ts';
import type { App } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { pingDatabase } from './health.repository.ts';

export function healthRoutes(app: App, deps: { database: Database; version: string }) {
  routes(app, healthApi, {
    check: async () => {
      await pingDatabase(deps.database.db);
      return { status: 'ok' as const, database: deps.database.kind, version: deps.version };
    },
  });
}
