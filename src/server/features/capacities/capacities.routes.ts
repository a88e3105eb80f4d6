import { z } from 'zod';
import {
  capacity,
  capacityExportQuery,
  capacityInput,
  capacityListQuery,
  capacityPage,
  capacityPatch,
  capacitySummary,
  capacitySummaryQuery,
  capacityTemplateQuery,
} from '../../../shared/contracts/capacities.ts';
import { idParams } from '../../../shared/contracts/common.ts';
import { importQuery, responseImportResult } from '../../../shared/contracts/responses.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import { sendDownload } from '../responses/responses.routes.ts';
import type { CapacitiesExporter } from './capacities.export.ts';
import type { CapacitiesImporter } from './capacities.import.ts';
import type { CapacitiesService } from './capacities.service.ts';

const versionQuery = z.object({ version: z.coerce.number().int().optional() });

export function capacitiesRoutes(app: App, deps: { capacities: CapacitiesService; importer: CapacitiesImporter; exporter: CapacitiesExporter }) {
  const { capacities, importer, exporter } = deps;

  app.get('/api/v1/capacities', { schema: { querystring: capacityListQuery, response: { 200: capacityPage } } }, (request) =>
    capacities.list(contextOf(request), request.query),
  );

  app.post('/api/v1/capacities', { schema: { body: capacityInput, response: { 201: capacity } } }, async (request, reply) => {
    reply.code(201);
    return capacities.create(contextOf(request), request.body);
  });

  app.get('/api/v1/capacities/summary', { schema: { querystring: capacitySummaryQuery, response: { 200: capacitySummary } } }, (request) =>
    capacities.summary(contextOf(request), request.query),
  );

  app.get('/api/v1/capacities/template', { schema: { querystring: capacityTemplateQuery } }, async (request, reply) =>
    sendDownload(reply, await exporter.template(contextOf(request), request.query, languageOf(request))),
  );

  app.get('/api/v1/capacities/export', { schema: { querystring: capacityExportQuery } }, async (request, reply) => {
    const { format, ...filters } = request.query;
    return sendDownload(reply, await exporter.export(contextOf(request), filters, format, languageOf(request)));
  });

  app.post('/api/v1/capacities/import', { schema: { querystring: importQuery, response: { 200: responseImportResult } } }, (request) =>
    importer.upload(
      contextOf(request),
      async () => {
        const file = await request.file();
        return file && { stream: file.file, filename: file.filename };
      },
      { ...request.query, language: languageOf(request) },
    ),
  );

  app.get('/api/v1/capacities/:id', { schema: { params: idParams, response: { 200: capacity } } }, (request) =>
    capacities.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/capacities/:id', { schema: { params: idParams, body: capacityPatch, response: { 200: capacity } } }, (request) =>
    capacities.update(contextOf(request), request.params.id, request.body),
  );

  app.delete('/api/v1/capacities/:id', { schema: { params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await capacities.remove(contextOf(request), request.params.id, request.query.version);
    return reply.code(204).send();
  });
}
