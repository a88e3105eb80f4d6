import {
  type AssessmentSettings,
  assessment,
  assessmentInput,
  assessmentExportQuery,
  assessmentImportQuery,
  assessmentImportResult,
  assessmentListQuery,
  assessmentPage,
  assessmentPatch,
  assessmentSettingsState,
  assessmentSettingsUpdate,
  trackerPage,
  trackerQuery,
} from '../../../shared/contracts/assessments.ts';
import { idParams } from '../../../shared/contracts/common.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { VersionedSettingService } from '../gaps/settings.service.ts';
import type { AssessmentFilesService } from './assessments-files.service.ts';
import type { AssessmentsService } from './assessments.service.ts';
import type { TrackerService } from './tracker.service.ts';

/** `attachment` with an ASCII fallback name and the exact UTF-8 one (RFC 6266 / 5987). */
function attachment(fileName: string): string {
  const ascii = fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'rapport.pdf';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function assessmentsRoutes(
  app: App,
  deps: { assessments: AssessmentsService; assessmentFiles: AssessmentFilesService; tracker: TrackerService; assessmentSettings: VersionedSettingService<AssessmentSettings> },
) {
  const { assessments, assessmentFiles, tracker, assessmentSettings } = deps;

  app.get('/api/v1/assessments/export', { schema: { querystring: assessmentExportQuery } }, async (request, reply) => {
    const file = await assessmentFiles.exportTable(contextOf(request), request.query, languageOf(request));
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.stream);
  });

  app.post('/api/v1/assessments/import', { schema: { querystring: assessmentImportQuery, response: { 200: assessmentImportResult } } }, (request) =>
    assessmentFiles.importUpload(
      contextOf(request),
      async () => {
        const file = await request.file();
        return file?.toBuffer();
      },
      request.query.dryRun,
      languageOf(request),
    ),
  );

  app.get('/api/v1/assessments', { schema: { querystring: assessmentListQuery, response: { 200: assessmentPage } } }, (request) =>
    assessments.list(contextOf(request), request.query),
  );

  app.post('/api/v1/assessments', { schema: { body: assessmentInput, response: { 201: assessment } } }, async (request, reply) => {
    reply.code(201);
    return assessments.create(contextOf(request), request.body);
  });

  app.get('/api/v1/assessments/tracker', { schema: { querystring: trackerQuery, response: { 200: trackerPage } } }, (request) =>
    tracker.list(contextOf(request), request.query),
  );

  app.get('/api/v1/assessments/:id', { schema: { params: idParams, response: { 200: assessment } } }, (request) =>
    assessments.get(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/assessments/:id', { schema: { params: idParams, body: assessmentPatch, response: { 200: assessment } } }, (request) =>
    assessments.update(contextOf(request), request.params.id, request.body),
  );

  app.put('/api/v1/assessments/:id/report', { schema: { params: idParams, response: { 200: assessment } } }, (request) =>
    assessments.uploadReport(contextOf(request), request.params.id, async () => {
      const file = await request.file();
      return file && { stream: file.file, filename: file.filename };
    }),
  );

  app.get('/api/v1/assessments/:id/report', { schema: { params: idParams } }, async (request, reply) => {
    const report = await assessments.downloadReport(contextOf(request), request.params.id);
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', attachment(report.fileName))
      .header('cache-control', 'private, no-cache')
      .send(report.content);
  });

  app.delete('/api/v1/assessments/:id/report', { schema: { params: idParams, response: { 200: assessment } } }, (request) =>
    assessments.deleteReport(contextOf(request), request.params.id),
  );

  app.get('/api/v1/settings/assessments', { schema: { response: { 200: assessmentSettingsState } } }, (request) => assessmentSettings.get(contextOf(request)));

  app.put('/api/v1/settings/assessments', { schema: { body: assessmentSettingsUpdate, response: { 200: assessmentSettingsState } } }, (request) =>
    assessmentSettings.update(contextOf(request), request.body),
  );
}
