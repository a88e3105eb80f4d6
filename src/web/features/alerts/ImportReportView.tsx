import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportReport, ImportRowOutcome } from '../../../shared/contracts/import.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';

/**
 * The platform's import report (the shared `importReport` contract): what was read, what the
 * import would do, then each problem and each row as the spreadsheet numbers them.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures: [string, number][] = [
    [t('alerts.import.rows'), report.rows],
    [t('alerts.import.valid'), report.valid],
    [t('alerts.import.invalid'), report.invalid],
  ];
  if (report.plan) {
    figures.push([t('alerts.import.plan.create'), report.plan.create], [t('alerts.import.plan.update'), report.plan.update], [t('alerts.import.plan.unchanged'), report.plan.unchanged]);
  }

  const issueColumns: Column<ImportIssue & { key: string }>[] = [
    { key: 'row', header: t('alerts.import.row'), numeric: true, cell: (i) => (i.row === null ? t('alerts.import.wholeFile') : format.number(i.row)) },
    {
      key: 'severity',
      header: t('alerts.import.severity'),
      cell: (i) => <span className={i.severity === 'error' ? 'badge badge-late' : 'badge badge-warning'}>{t(`alerts.import.severities.${i.severity}`)}</span>,
    },
    { key: 'column', header: t('alerts.import.column'), cell: (i) => i.header ?? i.column ?? t('common.empty') },
    { key: 'value', header: t('alerts.import.value'), cell: (i) => (i.value ? <code className="break">{i.value}</code> : t('common.empty')) },
    {
      key: 'message',
      header: t('alerts.import.message'),
      cell: (i) => (
        <>
          {i.message}
          {i.suggestions.length > 0 && <span className="muted"> {t('alerts.import.suggestions', { values: format.list(i.suggestions.slice(0, 3)) })}</span>}
        </>
      ),
    },
  ];
  const outcomeColumns: Column<ImportRowOutcome>[] = [
    { key: 'row', header: t('alerts.import.row'), numeric: true, cell: (o) => format.number(o.row) },
    { key: 'action', header: t('alerts.import.action'), cell: (o) => <span className={`badge import-${o.action}`}>{t(`alerts.import.actions.${o.action}`)}</span> },
    { key: 'label', header: t('alerts.import.label'), cell: (o) => o.label ?? t('common.empty') },
  ];

  return (
    <section className="import-report" aria-label={t('alerts.import.reportTitle')}>
      <dl className="figures-inline">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{format.number(value)}</dd>
          </div>
        ))}
      </dl>
      {report.columns.length > 0 && (
        <details className="import-columns">
          <summary>{t('alerts.import.columnsSummary', { count: report.columns.length })}</summary>
          <p className="muted">{format.list(report.columns.map((c) => `${c.header ?? c.hxl ?? c.key} (${c.letter})`))}</p>
        </details>
      )}
      {report.unknownColumns.length > 0 && (
        <p className="muted">{t('alerts.import.unknownColumns', { columns: format.list(report.unknownColumns.map((c) => `${c.header ?? c.hxl ?? '?'} (${c.letter})`)) })}</p>
      )}
      {report.missingRequiredColumns.length > 0 && (
        <p className="field-error">{t('alerts.import.missingColumns', { columns: format.list(report.missingRequiredColumns.map((c) => c.header)) })}</p>
      )}
      {report.issues.length > 0 && (
        <>
          <h3>{t('alerts.import.issuesTitle')}</h3>
          <DataTable caption={t('alerts.import.issuesTitle')} columns={issueColumns} rows={report.issues.map((i, n) => ({ ...i, key: `${i.row}-${i.column}-${i.code}-${n}` }))} rowKey={(i) => i.key} />
          {report.issuesTruncated && <p className="muted">{t('alerts.import.truncated')}</p>}
        </>
      )}
      {report.outcomes.length > 0 && (
        <details className="import-outcomes" open={report.outcomes.length <= 30 || undefined}>
          <summary>{t('alerts.import.outcomesTitle', { count: report.outcomes.length })}</summary>
          <DataTable caption={t('alerts.import.outcomesTitle', { count: report.outcomes.length })} columns={outcomeColumns} rows={report.outcomes} rowKey={(o) => String(o.row)} />
          {report.outcomesTruncated && <p className="muted">{t('alerts.import.truncated')}</p>}
        </details>
      )}
    </section>
  );
}
