import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import { assessmentFilesService } from './assessments-files.service.ts';
import { assessmentsImporter } from './assessments.import.ts';
import { assessmentsRepository } from './assessments.repository.ts';
import { assessmentsRoutes } from './assessments.routes.ts';
import { assessmentsService } from './assessments.service.ts';
import { trackerRepository } from './tracker.repository.ts';
import { trackerService } from './tracker.service.ts';
import { assessmentSettingGroup, assessmentSettingsRepository, phaseSettingsRepository, versionedSettingService } from '../settings/settings.module.ts';

/** Wires assessments (records, results, reports, files, tracker, settings) into the app. */
export function registerAssessments(app: App, deps: { db: Kysely<DB>; organisations: OrganisationsRepository }) {
  const { db, organisations } = deps;
  const repositories = {
    assessments: assessmentsRepository(db),
    assessmentSettings: assessmentSettingsRepository(db),
    tracker: trackerRepository(db),
    phaseSettings: phaseSettingsRepository(db),
  };
  const services = {
    assessments: assessmentsService({ db, organisations, ...repositories }),
    assessmentFiles: assessmentFilesService({ assessments: repositories.assessments, importer: assessmentsImporter({ db, assessments: repositories.assessments }) }),
    tracker: trackerService(repositories),
    assessmentSettings: versionedSettingService({ db, group: assessmentSettingGroup }),
  };
  assessmentsRoutes(app, services);
  return { ...services, repositories };
}
