import { actionPointsApi } from '../../../shared/contracts/meetings.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { ActionPointsService } from './action-points.service.ts';

export function actionPointsRoutes(app: App, deps: { actionPoints: ActionPointsService }) {
  const { actionPoints } = deps;
  routes(app, actionPointsApi, {
    list: (request) => actionPoints.list(contextOf(request), request.query),
    export: async (request, reply) => sendDownload(reply, await actionPoints.exportTable(contextOf(request), request.query, languageOf(request))),
    create: (request) => actionPoints.create(contextOf(request), request.body),
    get: (request) => actionPoints.get(contextOf(request), request.params.id),
    update: (request) => actionPoints.update(contextOf(request), request.params.id, request.body),
    delete: (request) => actionPoints.remove(contextOf(request), request.params.id, request.query.version),
  });
}
