import { capacitiesApi } from '../../../shared/contracts/capacities.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { CapacitiesExporter } from './capacities.export.ts';
import type { CapacitiesImporter } from './capacities.import.ts';
import type { CapacitiesService } from './capacities.service.ts';

export function capacitiesRoutes(app: App, deps: { capacities: CapacitiesService; importer: CapacitiesImporter; exporter: CapacitiesExporter }) {
  const { capacities, importer, exporter } = deps;
  routes(app, capacitiesApi, {
    list: (request) => capacities.list(contextOf(request), request.query),
    create: (request) => capacities.create(contextOf(request), request.body),
    summary: (request) => capacities.summary(contextOf(request), request.query),
    template: async (request, reply) => sendDownload(reply, await exporter.template(contextOf(request), request.query, languageOf(request))),
    export: async (request, reply) => {
      const { format, lang: _lang, ...filters } = request.query;
      return sendDownload(reply, await exporter.export(contextOf(request), filters, format, languageOf(request)));
    },
    import: (request) => importer.upload(contextOf(request), () => uploadOf(request), { ...request.query, language: languageOf(request) }),
    get: (request) => capacities.get(contextOf(request), request.params.id),
    update: (request) => capacities.update(contextOf(request), request.params.id, request.body),
    remove: (request) => capacities.remove(contextOf(request), request.params.id, request.query.version),
  });
}
