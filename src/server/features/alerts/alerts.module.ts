import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import { alertFilesService } from './alerts-files.service.ts';
import { alertsImporter } from './alerts.import.ts';
import { alertsRepository } from './alerts.repository.ts';
import { alertsRoutes } from './alerts.routes.ts';
import { alertsService } from './alerts.service.ts';
import { handoversRepository } from '../handovers/handovers.module.ts';
import { continuumRepository } from './continuum.repository.ts';
import { continuumRoutes } from './continuum.routes.ts';
import { continuumService } from './continuum.service.ts';

/** The phase settings other features read (gaps, assessments, handovers). */
export { phaseSettingsRepository };
/** The alert matrix's columns, for the HXL feeds. */
export { alertColumns } from './alerts.columns.ts';
import { phaseSettingsRoutes } from './phase-settings.routes.ts';
import { rrmResponsesRepository } from './rrm-responses.repository.ts';
import { rrmResponsesRoutes } from './rrm-responses.routes.ts';
import { rrmResponsesService } from './rrm-responses.service.ts';
import { phaseSettingGroup, phaseSettingsRepository, versionedSettingService } from '../settings/settings.module.ts';

/** Wires the alerts feature (alerts, RRM responses, continuum, phase settings) into the app. */
export function registerAlerts(app: App, deps: { db: Kysely<DB>; organisations: OrganisationsRepository }) {
  const { db, organisations } = deps;
  const repositories = {
    alerts: alertsRepository(db),
    rrmResponses: rrmResponsesRepository(),
    phaseSettings: phaseSettingsRepository(db),
    continuum: continuumRepository(db),
    handovers: handoversRepository(db),
  };
  const services = {
    alerts: alertsService({ db, organisations, ...repositories }),
    rrmResponses: rrmResponsesService({ db, organisations, ...repositories }),
    continuum: continuumService({ db, ...repositories }),
    phaseSettings: versionedSettingService({ db, group: phaseSettingGroup }),
    alertFiles: alertFilesService({ ...repositories, importer: alertsImporter({ db, alerts: repositories.alerts }) }),
  };
  alertsRoutes(app, services);
  rrmResponsesRoutes(app, services);
  continuumRoutes(app, services);
  phaseSettingsRoutes(app, services);
  return services;
}

/* What this feature offers the others (they reach it only through this module). */
export { ruleError } from './alerts.service.ts';
