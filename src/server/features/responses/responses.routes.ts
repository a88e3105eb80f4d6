import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.ts';
import { pivotQuery, pivotResult, response, responseInput, responseListQuery, responsePage, responsePatch } from '../../../shared/contracts/responses.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { PivotService } from './pivot.service.ts';
import type { ResponsesService } from './responses.service.ts';

const versionQuery = z.object({ version: z.coerce.number().int().optional() });

export function responsesRoutes(app: App, deps: { responses: ResponsesService; pivot: PivotService }) {
  const { responses, pivot } = deps;

  app.get('/api/v1/responses/pivot', { schema: { querystring: pivotQuery, response: { 200: pivotResult } } }, (request) =>
    pivot.pivot(contextOf(request), request.query, languageOf(request)),
  );

  app.get('/api/v1/responses', { schema: { querystring: responseListQuery, response: { 200: responsePage } } }, (request) =>
    responses.list(contextOf(request), request.query),
  );

  app.post('/api/v1/responses', { schema: { body: responseInput, response: { 201: response } } }, async (request, reply) => {
    reply.code(201);
    return responses.create(contextOf(request), request.body);
  });

  app.get('/api/v1/responses/:id', { schema: { params: idParams, response: { 200: response } } }, (request) =>
    responses.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/responses/:id', { schema: { params: idParams, body: responsePatch, response: { 200: response } } }, (request) =>
    responses.update(contextOf(request), request.params.id, request.body),
  );

  app.delete('/api/v1/responses/:id', { schema: { params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await responses.remove(contextOf(request), request.params.id, request.query.version);
    return reply.code(204).send();
  });
}
