import { useTranslation } from 'react-i18next';
import type { GazetteerImportResult, ImportRowError } from '../../../shared/contracts/gazetteer.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';

/** What an import did or would do, then its errors row by row as the file numbers them. */
export function ImportReport({ report }: { report: GazetteerImportResult }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures: [string, number][] = [
    [t('gazetteer.report.rows'), report.rows],
    [t('gazetteer.report.created'), report.created],
    [t('gazetteer.report.updated'), report.updated],
    [t('gazetteer.report.unchanged'), report.unchanged],
  ];
  if (report.parentsCreated) figures.push([t('gazetteer.report.parentsCreated'), report.parentsCreated]);
  if (report.located) figures.push([t('gazetteer.report.located'), report.located]);
  const mapping = Object.entries(report.mapping);

  const columns: Column<ImportRowError & { key: string }>[] = [
    { key: 'row', header: t('gazetteer.report.row'), cell: (e) => (e.row === 0 ? t('gazetteer.report.wholeFile') : format.number(e.row)), numeric: true },
    { key: 'column', header: t('gazetteer.report.column'), cell: (e) => e.column ?? t('common.empty') },
    { key: 'value', header: t('gazetteer.report.value'), cell: (e) => (e.value ? <code>{e.value}</code> : t('common.empty')) },
    { key: 'message', header: t('gazetteer.report.message'), cell: (e) => e.message },
  ];
  const hidden = report.errorCount - report.errors.length;

  return (
    <section className="import-report" aria-label={t('gazetteer.report.title')}>
      {report.errorCount === 0 && (
        <dl className="page-meta">
          {figures.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{format.number(value)}</dd>
            </div>
          ))}
        </dl>
      )}
      {mapping.length > 0 && (
        <p className="muted">
          {t('gazetteer.report.mapping', { columns: format.list(mapping.map(([field, column]) => `${field} ← ${column}`)) })}
        </p>
      )}
      {report.errorCount > 0 && (
        <>
          <DataTable
            caption={t('gazetteer.report.errorsCaption')}
            columns={columns}
            rows={report.errors.map((e, i) => ({ ...e, key: `${e.row}-${e.column ?? ''}-${e.code}-${i}` }))}
            rowKey={(e) => e.key}
          />
          {hidden > 0 && <p className="muted">{t('gazetteer.report.moreErrors', { count: hidden, formatted: format.number(hidden) })}</p>}
        </>
      )}
    </section>
  );
}
