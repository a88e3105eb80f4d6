import { gapSettingsApi, gapsApi } from '../../../shared/contracts/gaps.ts';
import type { GapSettings } from '../../../shared/gaps.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { GapsService } from './gaps.service.ts';
import type { VersionedSettingService } from '../settings/settings.module.ts';

export function gapsRoutes(app: App, deps: { gaps: GapsService; gapSettings: VersionedSettingService<GapSettings> }) {
  const { gaps, gapSettings } = deps;
  routes(app, gapsApi, {
    list: (request) => gaps.list(contextOf(request), request.query),
    matrix: (request) => gaps.matrix(contextOf(request), request.query),
    export: async (request, reply) => sendDownload(reply, await gaps.exportTable(contextOf(request), request.query, languageOf(request))),
    followUps: (request) => gaps.followUps(contextOf(request), request.params.localityId, request.params.sector),
    addFollowUp: (request) => gaps.addFollowUp(contextOf(request), request.params.localityId, request.params.sector, request.body),
    explain: (request) => gaps.explain(contextOf(request), request.params.localityId, request.params.sector, request.query),
  });
  routes(app, gapSettingsApi, {
    get: (request) => gapSettings.get(contextOf(request)),
    update: (request) => gapSettings.update(contextOf(request), request.body),
  });
}
