import { needPage, needQuery } from '../../../shared/contracts/gaps.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { NeedsService } from './needs.service.ts';

export function needsRoutes(app: App, deps: { needs: NeedsService }) {
  const { needs } = deps;
  app.get('/api/v1/needs', { schema: { querystring: needQuery, response: { 200: needPage } } }, (request) => needs.list(contextOf(request), request.query));
}
