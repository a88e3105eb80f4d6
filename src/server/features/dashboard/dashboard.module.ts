import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { figuresCache, invalidateOnWrites } from '../../lib/figures-cache.ts';
import type { App } from '../../lib/http.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import type { PivotState } from '../responses/responses.module.ts';
import { dashboardRepository } from './dashboard.repository.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { dashboardService } from './dashboard.service.ts';
import { publicRoutes } from './public.routes.ts';
import { publicService } from './public.service.ts';
import { situationFigures } from './situation.ts';
import { allowTileOrigin } from './tile-csp.ts';
import { dashboardSettingGroup, dashboardSettingsRepository, phaseSettingsRepository, versionedSettingService } from '../settings/settings.module.ts';

/** Wires the global situation views (dashboard, regional view, public page) into the app; returns the situation's figures for the briefs. */
export function registerDashboard(app: App, deps: { db: Kysely<DB>; gaps: GapsService; pivot: PivotState }) {
  const { db, gaps, pivot } = deps;
  const dashboard = dashboardRepository(db);
  const settings = dashboardSettingsRepository(db);
  const cache = figuresCache({ dataVersion: dashboard.dataVersion });
  invalidateOnWrites(app, cache);
  const shockCache = figuresCache({ dataVersion: dashboard.shockDataVersion });
  invalidateOnWrites(app, shockCache);
  const situation = situationFigures({
    dashboard,
    gaps,
    pivot,
    phaseSettings: phaseSettingsRepository(db),
    settings,
    cache,
    shockCache,
  });
  const services = {
    dashboard: dashboardService({ situation }),
    dashboardSettings: versionedSettingService({ db, group: dashboardSettingGroup }),
    publicPage: publicService({ situation, settings }),
  };
  dashboardRoutes(app, services);
  publicRoutes(app, services);
  allowTileOrigin(app, settings);
  return { ...services, situation };
}

/* What this feature offers the others (they reach it only through this module). */
export { maliOutline } from './mali-outline.ts';
export type { ResolvedScope, SituationFigures } from './situation.ts';
