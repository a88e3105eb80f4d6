import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { periodsRepository } from './periods.repository.ts';
import { periodsRoutes } from './periods.routes.ts';
import { periodGuard, periodsService } from './periods.service.ts';

/** Wires the reporting periods into the app; returns the guard the 5W and capacities check locks with. */
export function registerPeriods(app: App, deps: { db: Kysely<DB> }) {
  const periods = periodsRepository();
  periodsRoutes(app, { periods: periodsService({ db: deps.db, periods }) });
  return { guard: periodGuard(periods) };
}

/* What this feature offers the others (they reach it only through this module). */
export { type PeriodGuard } from './periods.service.ts';
