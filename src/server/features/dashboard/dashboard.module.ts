import { conformityRepository } from '../packages/conformity.repository.ts';
import { conformityService } from '../packages/conformity.service.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { figuresCache, invalidateOnWrites } from '../../lib/figures-cache.ts';
import type { App } from '../../lib/http.ts';
import { briefsRoutes } from '../briefs/briefs.routes.ts';
import { briefsService } from '../briefs/briefs.service.ts';
import type { GapsService } from '../gaps/gaps.service.ts';
import { pivotRepository } from '../responses/pivot.repository.ts';
import { dashboardRepository } from './dashboard.repository.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { dashboardService } from './dashboard.service.ts';
import { publicRoutes } from './public.routes.ts';
import { publicService } from './public.service.ts';
import { situationFigures } from './situation.ts';
import { allowTileOrigin } from './tile-csp.ts';
import { dashboardSettingGroup, dashboardSettingsRepository, phaseSettingsRepository, versionedSettingService } from '../settings/settings.module.ts';

/** Wires the global situation views (dashboard, regional view, public page, advocacy briefs) into the app. */
export function registerDashboard(app: App, deps: { db: Kysely<DB>; gaps: GapsService }) {
  const { db, gaps } = deps;
  const dashboard = dashboardRepository(db);
  const settings = dashboardSettingsRepository(db);
  const cache = figuresCache({ dataVersion: dashboard.dataVersion });
  invalidateOnWrites(app, cache);
  const situation = situationFigures({
    dashboard,
    gaps,
    pivot: pivotRepository(db),
    phaseSettings: phaseSettingsRepository(db),
    settings,
    cache,
  });
  const services = {
    dashboard: dashboardService({ situation }),
    dashboardSettings: versionedSettingService({ db, group: dashboardSettingGroup }),
    publicPage: publicService({ situation, settings }),
    briefs: briefsService({ situation, gaps, conformity: conformityService({ conformity: conformityRepository(db) }) }),
  };
  dashboardRoutes(app, services);
  publicRoutes(app, services);
  briefsRoutes(app, services);
  allowTileOrigin(app, settings);
  return services;
}
