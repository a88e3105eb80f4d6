import { continuumQuery, localityContinuum } from '../../../shared/contracts/alerts.ts';
import { idParams } from '../../../shared/contracts/common.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { ContinuumService } from './continuum.service.ts';

export function continuumRoutes(app: App, deps: { continuum: ContinuumService }) {
  app.get(
    '/api/v1/localities/:id/continuum',
    { schema: { params: idParams, querystring: continuumQuery, response: { 200: localityContinuum } } },
    (request) => deps.continuum.ofLocality(contextOf(request), request.params.id, request.query.at),
  );
}
