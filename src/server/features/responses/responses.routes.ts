import { importProgressApi, responsesApi } from '../../../shared/contracts/responses.ts';
import { notFound } from '../../errors.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { ImportProgressBoard } from './import-progress.ts';
import type { PivotService } from './pivot.service.ts';
import type { ResponsesExporter } from './responses.export.ts';
import type { ResponsesImporter } from './responses.import.ts';
import type { ResponsesService } from './responses.service.ts';

export function responsesRoutes(
  app: App,
  deps: { responses: ResponsesService; pivot: PivotService; importer: ResponsesImporter; exporter: ResponsesExporter; progress: ImportProgressBoard },
) {
  const { responses, pivot, importer, exporter, progress } = deps;
  routes(app, responsesApi, {
    template: async (request, reply) => sendDownload(reply, await exporter.template(contextOf(request), request.query, languageOf(request))),
    export: (request, reply) => {
      const { format, lang: _lang, ...filters } = request.query;
      return sendDownload(reply, exporter.export(contextOf(request), filters, format, languageOf(request)));
    },
    import: (request) => importer.upload(contextOf(request), () => uploadOf(request), { ...request.query, language: languageOf(request) }),
    pivot: (request) => pivot.pivot(contextOf(request), request.query, languageOf(request)),
    list: (request) => responses.list(contextOf(request), request.query),
    create: (request) => responses.create(contextOf(request), request.body),
    get: (request) => responses.get(contextOf(request), request.params.id),
    update: (request) => responses.update(contextOf(request), request.params.id, request.body),
    remove: (request) => responses.remove(contextOf(request), request.params.id, request.query.version),
  });
  routes(app, importProgressApi, {
    get: (request) => {
      const state = progress.get(contextOf(request).user.id, request.params.key);
      if (!state) throw notFound();
      return state;
    },
  });
}
