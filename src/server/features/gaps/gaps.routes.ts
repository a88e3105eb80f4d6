import {
  followUpInput,
  followUpList,
  followUpRecord,
  gapExplainQuery,
  gapExplanation,
  gapExportQuery,
  gapFilters,
  gapListQuery,
  gapMatrix,
  gapPage,
  gapParams,
  gapSettingsState,
  gapSettingsUpdate,
} from '../../../shared/contracts/gaps.ts';
import type { GapSettings } from '../../../shared/gaps.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { GapsService } from './gaps.service.ts';
import type { VersionedSettingService } from './settings.service.ts';

export function gapsRoutes(app: App, deps: { gaps: GapsService; gapSettings: VersionedSettingService<GapSettings> }) {
  const { gaps, gapSettings } = deps;

  app.get('/api/v1/gaps', { schema: { querystring: gapListQuery, response: { 200: gapPage } } }, (request) => gaps.list(contextOf(request), request.query));

  app.get('/api/v1/gaps/matrix', { schema: { querystring: gapFilters, response: { 200: gapMatrix } } }, (request) => gaps.matrix(contextOf(request), request.query));

  app.get('/api/v1/gaps/export', { schema: { querystring: gapExportQuery } }, async (request, reply) => {
    const file = await gaps.exportTable(contextOf(request), request.query, languageOf(request));
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.stream);
  });

  app.get('/api/v1/gaps/:localityId/:sector/follow-ups', { schema: { params: gapParams, response: { 200: followUpList } } }, (request) =>
    gaps.followUps(contextOf(request), request.params.localityId, request.params.sector),
  );

  app.post('/api/v1/gaps/:localityId/:sector/follow-ups', { schema: { params: gapParams, body: followUpInput, response: { 201: followUpRecord } } }, async (request, reply) => {
    reply.code(201);
    return gaps.addFollowUp(contextOf(request), request.params.localityId, request.params.sector, request.body);
  });

  app.get('/api/v1/gaps/:localityId/:sector', { schema: { params: gapParams, querystring: gapExplainQuery, response: { 200: gapExplanation } } }, (request) =>
    gaps.explain(contextOf(request), request.params.localityId, request.params.sector, request.query),
  );

  app.get('/api/v1/settings/gaps', { schema: { response: { 200: gapSettingsState } } }, (request) => gapSettings.get(contextOf(request)));

  app.put('/api/v1/settings/gaps', { schema: { body: gapSettingsUpdate, response: { 200: gapSettingsState } } }, (request) =>
    gapSettings.update(contextOf(request), request.body),
  );
}
