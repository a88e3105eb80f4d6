import { PassThrough } from 'node:stream';
import type { Assessment, AssessmentExportQuery, AssessmentImportResult } from '../../../shared/contracts/assessments.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { todayIso } from '../../../shared/phases.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { type AssessmentRow, assessmentColumns } from './assessments.columns.ts';
import type { AssessmentsImporter } from './assessments.import.ts';
import type { AssessmentsRepository } from './assessments.repository.ts';

/** An assessment as file rows: one per sector result, or one without a sector when it has none yet. */
export function toAssessmentRows(a: Assessment): AssessmentRow[] {
  const base = {
    id: a.id,
    kind: a.kind,
    status: a.status,
    organisation: a.organisation.acronym,
    startDate: a.startDate,
    endDate: a.endDate,
    title: a.title,
    adm1Name: a.locality.adm1Name,
    adm1Code: a.locality.adm1Pcode,
    adm2Name: a.locality.adm2Name,
    adm2Code: a.locality.adm2Pcode,
    adm3Name: a.locality.adm3Name,
    adm3Code: a.locality.adm3Pcode,
    localityName: a.locality.name,
    localityCode: a.locality.pcode,
  };
  if (a.results.length === 0) return [{ ...base, sector: null, severity: null, householdsInNeed: null, personsInNeed: null, findings: null }];
  return a.results.map((r) => ({ ...base, sector: r.sector, severity: r.severity, householdsInNeed: r.householdsInNeed, personsInNeed: r.personsInNeed, findings: r.findings }));
}

/** Assessments as files: export with the list's filters (re-importable as is), and import. */
export function assessmentFilesService(deps: { assessments: AssessmentsRepository; importer: AssessmentsImporter }) {
  const { assessments, importer } = deps;

  return {
    async exportTable(ctx: ServiceContext, query: AssessmentExportQuery, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'gap:read');
      const organisations = (await assessments.activeOrganisations()).map((o) => o.acronym);
      async function* rows() {
        for await (const chunk of assessments.listAll(query)) {
          for (const assessment of chunk) yield* toAssessmentRows(assessment);
        }
      }
      const stream = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      void writeTable(stream, { format: query.format, columns: assessmentColumns, rows: rows(), language, lists: { organisation: organisations } }).catch((error: unknown) =>
        stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      const name = language === 'fr' ? 'evaluations' : 'assessments';
      return { body: stream, fileName: `${name}-${todayIso()}${query.format === 'hxl' ? '-hxl' : ''}${tableExtensions[query.format]}`, contentType: tableContentTypes[query.format] };
    },

    async importUpload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, dryRun: boolean, language: Language): Promise<AssessmentImportResult> {
      requireAccess(ctx.user, 'assessment:write');
      return withUploadedFile(upload, (filePath) => importer.run(ctx, { path: filePath }, { dryRun, language }));
    },
  };
}
export type AssessmentFilesService = ReturnType<typeof assessmentFilesService>;
