import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { handoversRepository } from '../handovers/handovers.module.ts';
import { listsRepository } from '../lists/lists.module.ts';
import { needsRepository, needsRoutes, needsService } from '../needs/needs.module.ts';
import { gapAlertsRepository } from './gap-alerts.repository.ts';
import { gapAlertsRoutes } from './gap-alerts.routes.ts';
import { scheduleGapAlerts } from './gap-alerts.scheduler.ts';
import { gapAlertsService } from './gap-alerts.service.ts';
import { gapsRepository } from './gaps.repository.ts';
import { gapsRoutes } from './gaps.routes.ts';
import { gapsService } from './gaps.service.ts';
import { createMailer } from '../../lib/mailer.ts';
import { gapSettingGroup, gapSettingsRepository, phaseSettingsRepository, versionedSettingService } from '../settings/settings.module.ts';

/** The gap list's columns, for the HXL feeds. */
export { gapColumns } from './gaps.columns.ts';

/** Wires needs, the gap engine, its settings and its alerts into the app. */
export function registerGaps(app: App, deps: { db: Kysely<DB>; config: Config }) {
  const { db, config } = deps;
  const repositories = {
    needs: needsRepository(db),
    gaps: gapsRepository(db),
    gapSettings: gapSettingsRepository(db),
    phaseSettings: phaseSettingsRepository(db),
  };
  const lists = listsRepository(db);
  const gaps = gapsService({
    db,
    ...repositories,
    handovers: handoversRepository(db),
    listCoverage: (localityId, sector) => lists.coverageByMonth(localityId, sector),
  });
  const mailer = createMailer(config);
  if (mailer)
    app.addHook('onClose', (_instance, done) => {
      mailer.close();
      done();
    });
  const services = {
    needs: needsService(repositories),
    gaps,
    gapSettings: versionedSettingService({ db, group: gapSettingGroup }),
    gapAlerts: gapAlertsService({ db, alerts: gapAlertsRepository(db), gaps, mailer, publicUrl: config.publicUrl }),
  };
  needsRoutes(app, services);
  gapsRoutes(app, services);
  gapAlertsRoutes(app, services);
  scheduleGapAlerts(app, services.gapAlerts, config.gapAlertsEveryMinutes);
  return services;
}

/* What this feature offers the others (they reach it only through this module). */
export { gapAlertsRepository, type GapAlertsRepository } from './gap-alerts.repository.ts';
export { matchesFilters, summarise } from './gap-list.ts';
export { gapsRepository, type CapacityLeftRow } from './gaps.repository.ts';
export { type GapComputation, type GapsService } from './gaps.service.ts';
