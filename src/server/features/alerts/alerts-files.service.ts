import { PassThrough } from 'node:stream';
import type { AlertExportQuery, AlertFilters, AlertImportResult } from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { todayIso } from '../../../shared/phases.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { alertColumns, type AlertRow } from './alerts.columns.ts';
import { toAlertRow } from './alerts.export.ts';
import type { AlertsImporter } from './alerts.import.ts';
import type { AlertsRepository } from './alerts.repository.ts';
import { toAlert } from './alerts.service.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

/** The alert matrix as files: export with the list's filters, and import. */
export function alertFilesService(deps: { alerts: AlertsRepository; phaseSettings: PhaseSettingsRepository; importer: AlertsImporter }) {
  const { alerts, phaseSettings, importer } = deps;

  /** The alerts matching the filters as rows of the alert matrix, read 500 at a time. */
  async function* tableRows(query: AlertFilters, language: Language): AsyncGenerator<AlertRow> {
    const at = query.at ?? todayIso();
    const settings = await phaseSettings.get();
    for await (const chunk of alerts.listAll(query, at, settings)) {
      for (const record of chunk) yield toAlertRow(toAlert(record, at, settings), language);
    }
  }

  return {
    /** For the HXL feed. */
    tableRows(ctx: ServiceContext, query: AlertFilters, language: Language): AsyncGenerator<AlertRow> {
      requireAccess(ctx.user, 'alert:read');
      return tableRows(query, language);
    },

    async exportTable(ctx: ServiceContext, query: AlertExportQuery, language: Language): Promise<Download> {
      requireAccess(ctx.user, 'alert:read');
      const at = query.at ?? todayIso();
      const organisations = (await alerts.activeOrganisations()).map((o) => o.acronym);
      const rows = () => tableRows(query, language);
      const stream = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      void writeTable(stream, { format: query.format, columns: alertColumns, rows: rows(), language, lists: { source: organisations } }).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
      const name = language === 'fr' ? 'alertes' : 'alerts';
      return { body: stream, fileName: `${name}-${at}${query.format === 'hxl' ? '-hxl' : ''}${tableExtensions[query.format]}`, contentType: tableContentTypes[query.format] };
    },

    async importUpload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, dryRun: boolean, language: Language): Promise<AlertImportResult> {
      requireAccess(ctx.user, 'alert:manage');
      return withUploadedFile(upload, (filePath) => importer.run(ctx, { path: filePath }, { dryRun, language }));
    },
  };
}
export type AlertFilesService = ReturnType<typeof alertFilesService>;
