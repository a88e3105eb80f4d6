import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.ts';
import {
  importProgressParams,
  importProgressState,
  importQuery,
  pivotQuery,
  pivotResult,
  response,
  responseExportQuery,
  responseImportResult,
  responseInput,
  responseListQuery,
  responsePage,
  responsePatch,
  responseTemplateQuery,
} from '../../../shared/contracts/responses.ts';
import { notFound } from '../../errors.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { ImportProgressBoard } from './import-progress.ts';
import type { PivotService } from './pivot.service.ts';
import type { Download, ResponsesExporter } from './responses.export.ts';
import type { ResponsesImporter } from './responses.import.ts';
import type { ResponsesService } from './responses.service.ts';

const versionQuery = z.object({ version: z.coerce.number().int().optional() });

/** A file download; the name is ASCII-safe and also given in UTF-8 (RFC 6266). */
export function sendDownload(reply: FastifyReply, download: Download) {
  const ascii = download.fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`)
    .header('cache-control', 'no-store')
    .send(download.body);
}

export function responsesRoutes(
  app: App,
  deps: { responses: ResponsesService; pivot: PivotService; importer: ResponsesImporter; exporter: ResponsesExporter; progress: ImportProgressBoard },
) {
  const { responses, pivot, importer, exporter, progress } = deps;

  app.get('/api/v1/responses/template', { schema: { querystring: responseTemplateQuery } }, async (request, reply) =>
    sendDownload(reply, await exporter.template(contextOf(request), request.query, languageOf(request))),
  );

  app.get('/api/v1/responses/export', { schema: { querystring: responseExportQuery } }, (request, reply) => {
    const { format, ...filters } = request.query;
    return sendDownload(reply, exporter.export(contextOf(request), filters, format, languageOf(request)));
  });

  app.post('/api/v1/responses/import', { schema: { querystring: importQuery, response: { 200: responseImportResult } } }, (request) =>
    importer.upload(
      contextOf(request),
      async () => {
        const file = await request.file();
        return file && { stream: file.file, filename: file.filename };
      },
      { ...request.query, language: languageOf(request) },
    ),
  );

  app.get('/api/v1/import-progress/:key', { schema: { params: importProgressParams, response: { 200: importProgressState } } }, (request) => {
    const ctx = contextOf(request);
    const state = progress.get(ctx.user.id, request.params.key);
    if (!state) throw notFound();
    return state;
  });

  app.get('/api/v1/responses/pivot', { schema: { querystring: pivotQuery, response: { 200: pivotResult } } }, (request) =>
    pivot.pivot(contextOf(request), request.query, languageOf(request)),
  );

  app.get('/api/v1/responses', { schema: { querystring: responseListQuery, response: { 200: responsePage } } }, (request) =>
    responses.list(contextOf(request), request.query),
  );

  app.post('/api/v1/responses', { schema: { body: responseInput, response: { 201: response } } }, async (request, reply) => {
    reply.code(201);
    return responses.create(contextOf(request), request.body);
  });

  app.get('/api/v1/responses/:id', { schema: { params: idParams, response: { 200: response } } }, (request) =>
    responses.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/responses/:id', { schema: { params: idParams, body: responsePatch, response: { 200: response } } }, (request) =>
    responses.update(contextOf(request), request.params.id, request.body),
  );

  app.delete('/api/v1/responses/:id', { schema: { params: idParams, querystring: versionQuery } }, async (request, reply) => {
    await responses.remove(contextOf(request), request.params.id, request.query.version);
    return reply.code(204).send();
  });
}
