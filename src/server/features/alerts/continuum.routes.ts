import { continuumApi } from '../../../shared/contracts/alerts.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { ContinuumService } from './continuum.service.ts';

export function continuumRoutes(app: App, deps: { continuum: ContinuumService }) {
  routes(app, continuumApi, {
    ofLocality: (request) => deps.continuum.ofLocality(contextOf(request), request.params.id, request.query.at),
  });
}
