import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { SituationFigures } from '../dashboard/dashboard.module.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import { conformityRepository, conformityService } from '../packages/packages.module.ts';
import { briefsRoutes } from './briefs.routes.ts';
import { briefsService } from './briefs.service.ts';

/** Wires the advocacy briefs (the situation's figures, gaps and package conformity as a PDF) into the app. */
export function registerBriefs(app: App, deps: { db: Kysely<DB>; gaps: GapsService; situation: SituationFigures }) {
  const { db, gaps, situation } = deps;
  const briefs = briefsService({ situation, gaps, conformity: conformityService({ conformity: conformityRepository(db) }) });
  briefsRoutes(app, { briefs });
}
