import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { phaseSettingsRepository } from '../alerts/phase-settings.repository.ts';
import { needsRepository } from '../needs/needs.repository.ts';
import { needsRoutes } from '../needs/needs.routes.ts';
import { needsService } from '../needs/needs.service.ts';
import { gapSettingsRepository } from './gap-settings.ts';
import { gapsRepository } from './gaps.repository.ts';
import { gapsRoutes } from './gaps.routes.ts';
import { gapsService } from './gaps.service.ts';
import { versionedSettingService } from './settings.service.ts';

/** Wires needs, the gap engine and its settings into the app. */
export function registerGaps(app: App, deps: { db: Kysely<DB> }) {
  const { db } = deps;
  const repositories = {
    needs: needsRepository(db),
    gaps: gapsRepository(db),
    gapSettings: gapSettingsRepository(db),
    phaseSettings: phaseSettingsRepository(db),
  };
  const services = {
    needs: needsService(repositories),
    gaps: gapsService({ db, ...repositories }),
    gapSettings: versionedSettingService({ db, settings: repositories.gapSettings, entityId: 'gaps' }),
  };
  needsRoutes(app, services);
  gapsRoutes(app, services);
  return services;
}
