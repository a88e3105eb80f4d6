import { needsApi } from '../../../shared/contracts/gaps.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { NeedsService } from './needs.service.ts';

export function needsRoutes(app: App, deps: { needs: NeedsService }) {
  const { needs } = deps;
  routes(app, needsApi, { list: (request) => needs.list(contextOf(request), request.query) });
}
