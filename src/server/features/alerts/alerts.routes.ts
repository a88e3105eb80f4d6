import {
  alert,
  alertExportQuery,
  alertImportQuery,
  alertImportResult,
  alertInput,
  alertListQuery,
  alertPage,
  alertPatch,
  alertTransitionInput,
  continuumQuery,
} from '../../../shared/contracts/alerts.ts';
import { idParams } from '../../../shared/contracts/common.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { AlertFilesService } from './alerts-files.service.ts';
import type { AlertsService } from './alerts.service.ts';

export function alertsRoutes(app: App, deps: { alerts: AlertsService; alertFiles: AlertFilesService }) {
  const { alerts, alertFiles } = deps;

  app.get('/api/v1/alerts/export', { schema: { querystring: alertExportQuery } }, async (request, reply) => {
    const file = await alertFiles.exportTable(contextOf(request), request.query, languageOf(request));
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.stream);
  });

  app.post('/api/v1/alerts/import', { schema: { querystring: alertImportQuery, response: { 200: alertImportResult } } }, (request) =>
    alertFiles.importUpload(
      contextOf(request),
      async () => {
        const file = await request.file();
        return file?.toBuffer();
      },
      request.query.dryRun,
      languageOf(request),
    ),
  );

  app.get('/api/v1/alerts', { schema: { querystring: alertListQuery, response: { 200: alertPage } } }, (request) =>
    alerts.list(contextOf(request), request.query),
  );

  app.post('/api/v1/alerts', { schema: { body: alertInput, response: { 201: alert } } }, async (request, reply) => {
    reply.code(201);
    return alerts.create(contextOf(request), request.body);
  });

  app.get('/api/v1/alerts/:id', { schema: { params: idParams, querystring: continuumQuery, response: { 200: alert } } }, (request) =>
    alerts.get(contextOf(request), request.params.id, request.query.at),
  );

  app.patch('/api/v1/alerts/:id', { schema: { params: idParams, body: alertPatch, response: { 200: alert } } }, (request) =>
    alerts.update(contextOf(request), request.params.id, request.body),
  );

  app.post('/api/v1/alerts/:id/transitions', { schema: { params: idParams, body: alertTransitionInput, response: { 200: alert } } }, (request) =>
    alerts.transition(contextOf(request), request.params.id, request.body),
  );
}
