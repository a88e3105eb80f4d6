import { type AssessmentSettings, assessmentSettingsApi, assessmentsApi } from '../../../shared/contracts/assessments.ts';
import { type App, contextOf, languageOf, sendDownload } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { AssessmentFilesService } from './assessments-files.service.ts';
import type { AssessmentsService } from './assessments.service.ts';
import type { TrackerService } from './tracker.service.ts';
import type { VersionedSettingService } from '../settings/settings.module.ts';

export function assessmentsRoutes(
  app: App,
  deps: { assessments: AssessmentsService; assessmentFiles: AssessmentFilesService; tracker: TrackerService; assessmentSettings: VersionedSettingService<AssessmentSettings> },
) {
  const { assessments, assessmentFiles, tracker, assessmentSettings } = deps;
  routes(app, assessmentsApi, {
    export: async (request, reply) => sendDownload(reply, await assessmentFiles.exportTable(contextOf(request), request.query, languageOf(request))),
    import: (request) => assessmentFiles.importUpload(contextOf(request), () => uploadOf(request), request.query.dryRun, languageOf(request)),
    list: (request) => assessments.list(contextOf(request), request.query),
    create: (request) => assessments.create(contextOf(request), request.body),
    tracker: (request) => tracker.list(contextOf(request), request.query),
    get: (request) => assessments.get(contextOf(request), request.params.id),
    update: (request) => assessments.update(contextOf(request), request.params.id, request.body),
    uploadReport: (request) => assessments.uploadReport(contextOf(request), request.params.id, () => uploadOf(request)),
    downloadReport: async (request, reply) => {
      const report = await assessments.downloadReport(contextOf(request), request.params.id);
      return sendDownload(reply, { body: report.content, fileName: report.fileName, contentType: 'application/pdf' });
    },
    deleteReport: (request) => assessments.deleteReport(contextOf(request), request.params.id),
  });
  routes(app, assessmentSettingsApi, {
    get: (request) => assessmentSettings.get(contextOf(request)),
    update: (request) => assessmentSettings.update(contextOf(request), request.body),
  });
}
