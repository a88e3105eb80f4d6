import { rrmResponse, rrmResponseInput, rrmResponseList, rrmResponseParams, rrmResponsePatch, versionQuery } from '../../../shared/contracts/alerts.ts';
import { idParams } from '../../../shared/contracts/common.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { RrmResponsesService } from './rrm-responses.service.ts';

export function rrmResponsesRoutes(app: App, deps: { rrmResponses: RrmResponsesService }) {
  const { rrmResponses } = deps;

  app.get('/api/v1/alerts/:id/rrm-responses', { schema: { params: idParams, response: { 200: rrmResponseList } } }, (request) =>
    rrmResponses.list(contextOf(request), request.params.id),
  );

  app.post('/api/v1/alerts/:id/rrm-responses', { schema: { params: idParams, body: rrmResponseInput, response: { 201: rrmResponse } } }, async (request, reply) => {
    reply.code(201);
    return rrmResponses.create(contextOf(request), request.params.id, request.body);
  });

  app.patch(
    '/api/v1/alerts/:id/rrm-responses/:responseId',
    { schema: { params: rrmResponseParams, body: rrmResponsePatch, response: { 200: rrmResponse } } },
    (request) => rrmResponses.update(contextOf(request), request.params.id, request.params.responseId, request.body),
  );

  app.delete('/api/v1/alerts/:id/rrm-responses/:responseId', { schema: { params: rrmResponseParams, querystring: versionQuery } }, async (request, reply) => {
    await rrmResponses.remove(contextOf(request), request.params.id, request.params.responseId, request.query.version);
    return reply.code(204).send();
  });
}
