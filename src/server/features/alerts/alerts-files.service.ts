import { PassThrough, type Readable } from 'node:stream';
import type { AlertExportQuery, AlertImportResult } from '../../../shared/contracts/alerts.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { todayIso } from '../../../shared/phases.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { alertColumns } from './alerts.columns.ts';
import { toAlertRow } from './alerts.export.ts';
import type { AlertsImporter } from './alerts.import.ts';
import type { AlertsRepository } from './alerts.repository.ts';
import { toAlert } from './alerts.service.ts';
import type { PhaseSettingsRepository } from './phase-settings.repository.ts';

export interface TableDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
}

/** The alert matrix as files: export with the list's filters, and import. */
export function alertFilesService(deps: { alerts: AlertsRepository; phaseSettings: PhaseSettingsRepository; importer: AlertsImporter }) {
  const { alerts, phaseSettings, importer } = deps;

  return {
    async exportTable(ctx: ServiceContext, query: AlertExportQuery, language: Language): Promise<TableDownload> {
      requireAccess(ctx.user, 'alert:read');
      const at = query.at ?? todayIso();
      const settings = await phaseSettings.get();
      const organisations = (await alerts.activeOrganisations()).map((o) => o.acronym);
      async function* rows() {
        for await (const chunk of alerts.listAll(query, at, settings)) {
          for (const record of chunk) yield toAlertRow(toAlert(record, at, settings), language);
        }
      }
      const stream = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      void writeTable(stream, { format: query.format, columns: alertColumns, rows: rows(), language, lists: { source: organisations } }).catch((error) => stream.destroy(error));
      const name = language === 'fr' ? 'alertes' : 'alerts';
      return { stream, fileName: `${name}-${at}${query.format === 'hxl' ? '-hxl' : ''}${tableExtensions[query.format]}`, contentType: tableContentTypes[query.format] };
    },

    async importUpload(ctx: ServiceContext, upload: () => Promise<Buffer | undefined>, dryRun: boolean, language: Language): Promise<AlertImportResult> {
      requireAccess(ctx.user, 'alert:manage');
      const buffer = await upload();
      if (!buffer) throw new AppError('file_missing', 400);
      return importer.run(ctx, { buffer }, { dryRun, language });
    },
  };
}
export type AlertFilesService = ReturnType<typeof alertFilesService>;
