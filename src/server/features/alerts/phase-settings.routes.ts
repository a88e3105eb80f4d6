import { phaseSettingsApi } from '../../../shared/contracts/alerts.ts';
import type { PhaseSettings } from '../../../shared/phases.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { VersionedSettingService } from '../settings/settings.module.ts';

export function phaseSettingsRoutes(app: App, deps: { phaseSettings: VersionedSettingService<PhaseSettings> }) {
  const { phaseSettings } = deps;
  routes(app, phaseSettingsApi, {
    get: (request) => phaseSettings.get(contextOf(request)),
    update: (request) => phaseSettings.update(contextOf(request), request.body),
  });
}
