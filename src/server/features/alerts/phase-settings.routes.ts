import { phaseSettingsApi } from '../../../shared/contracts/alerts.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { PhaseSettingsService } from './phase-settings.service.ts';

export function phaseSettingsRoutes(app: App, deps: { phaseSettings: PhaseSettingsService }) {
  const { phaseSettings } = deps;
  routes(app, phaseSettingsApi, {
    get: (request) => phaseSettings.get(contextOf(request)),
    update: (request) => phaseSettings.update(contextOf(request), request.body),
  });
}
