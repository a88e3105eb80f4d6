import { alertsApi } from '../../../shared/contracts/alerts.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { AlertFilesService } from './alerts-files.service.ts';
import type { AlertsService } from './alerts.service.ts';

export function alertsRoutes(app: App, deps: { alerts: AlertsService; alertFiles: AlertFilesService }) {
  const { alerts, alertFiles } = deps;
  routes(app, alertsApi, {
    export: async (request, reply) => sendDownload(reply, await alertFiles.exportTable(contextOf(request), request.query, languageOf(request))),
    import: (request) => alertFiles.importUpload(contextOf(request), () => uploadOf(request), request.query.dryRun, languageOf(request)),
    list: (request) => alerts.list(contextOf(request), request.query),
    create: (request) => alerts.create(contextOf(request), request.body),
    get: (request) => alerts.get(contextOf(request), request.params.id, request.query.at),
    update: (request) => alerts.update(contextOf(request), request.params.id, request.body),
    transition: (request) => alerts.transition(contextOf(request), request.params.id, request.body),
  });
}
