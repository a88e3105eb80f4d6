import { rrmResponsesApi } from '../../../shared/contracts/alerts.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { RrmResponsesService } from './rrm-responses.service.ts';

export function rrmResponsesRoutes(app: App, deps: { rrmResponses: RrmResponsesService }) {
  const { rrmResponses } = deps;
  routes(app, rrmResponsesApi, {
    list: (request) => rrmResponses.list(contextOf(request), request.params.id),
    create: (request) => rrmResponses.create(contextOf(request), request.params.id, request.body),
    update: (request) => rrmResponses.update(contextOf(request), request.params.id, request.params.responseId, request.body),
    remove: (request) => rrmResponses.remove(contextOf(request), request.params.id, request.params.responseId, request.query.version),
  });
}
