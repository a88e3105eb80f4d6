import { phaseSettingsState, phaseSettingsUpdate } from '../../../shared/contracts/alerts.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { PhaseSettingsService } from './phase-settings.service.ts';

export function phaseSettingsRoutes(app: App, deps: { phaseSettings: PhaseSettingsService }) {
  const { phaseSettings } = deps;

  app.get('/api/v1/settings/phases', { schema: { response: { 200: phaseSettingsState } } }, (request) => phaseSettings.get(contextOf(request)));

  app.put('/api/v1/settings/phases', { schema: { body: phaseSettingsUpdate, response: { 200: phaseSettingsState } } }, (request) =>
    phaseSettings.update(contextOf(request), request.body),
  );
}
