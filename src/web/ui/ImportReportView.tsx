import { useTranslation } from 'react-i18next';
import type { ImportIssue, ImportReport, ImportRowOutcome } from '../../shared/contracts/import.ts';
import { useFormat } from '../i18n/format.ts';
import { type Column, DataTable } from './DataTable.tsx';

/** Outcomes stay unfolded while a reader can take them in at a glance. */
const outcomesOpenUpTo = 30;

/**
 * The platform's import report (the shared `importReport` contract): what was read, what the
 * import would do, then each problem and each row as the spreadsheet numbers them.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const figures: [string, number][] = [
    [t('imports.rows'), report.rows],
    [t('imports.valid'), report.valid],
    [t('imports.invalid'), report.invalid],
  ];
  if (report.plan) {
    figures.push([t('imports.plan.create'), report.plan.create], [t('imports.plan.update'), report.plan.update], [t('imports.plan.unchanged'), report.plan.unchanged]);
  }

  const issueColumns: Column<ImportIssue & { key: string }>[] = [
    { key: 'row', header: t('imports.row'), numeric: true, cell: (i) => (i.row === null ? t('imports.wholeFile') : format.number(i.row)) },
    {
      key: 'severity',
      header: t('imports.severity'),
      cell: (i) => <span className={i.severity === 'error' ? 'badge badge-late' : 'badge badge-warning'}>{t(`imports.severities.${i.severity}`)}</span>,
    },
    { key: 'column', header: t('imports.column'), cell: (i) => i.header ?? i.column ?? t('common.empty') },
    { key: 'value', header: t('imports.value'), cell: (i) => (i.value ? <code className="break">{i.value}</code> : t('common.empty')) },
    {
      key: 'message',
      header: t('imports.message'),
      cell: (i) => (
        <>
          {i.message}
          {suggestionsLeftOut(i) && <span className="muted"> {t('imports.suggestions', { values: format.list(i.suggestions.slice(0, 3)) })}</span>}
        </>
      ),
    },
  ];
  const outcomeColumns: Column<ImportRowOutcome>[] = [
    { key: 'row', header: t('imports.row'), numeric: true, cell: (o) => format.number(o.row) },
    { key: 'action', header: t('imports.action'), cell: (o) => <span className={`badge import-${o.action}`}>{t(`imports.actions.${o.action}`)}</span> },
    { key: 'label', header: t('imports.label'), cell: (o) => o.label ?? t('common.empty') },
  ];
  const outcomesTitle = t('imports.outcomesTitle', { count: report.outcomes.length, formatted: format.number(report.outcomes.length) });

  return (
    <section className="import-report" aria-label={t('imports.reportTitle')}>
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
          <summary>{t('imports.columnsSummary', { count: report.columns.length })}</summary>
          <p className="muted">{format.list(report.columns.map((c) => `${c.header ?? c.hxl ?? c.key} (${c.letter})`))}</p>
        </details>
      )}
      {report.unknownColumns.length > 0 && (
        <p className="muted">{t('imports.unknownColumns', { columns: format.list(report.unknownColumns.map((c) => `${c.header ?? c.hxl ?? '?'} (${c.letter})`)) })}</p>
      )}
      {report.missingRequiredColumns.length > 0 && (
        <p className="field-error">{t('imports.missingColumns', { columns: format.list(report.missingRequiredColumns.map((c) => c.header)) })}</p>
      )}
      {report.issues.length > 0 && (
        <>
          <h3>{t('imports.issuesTitle')}</h3>
          <DataTable caption={t('imports.issuesTitle')} columns={issueColumns} rows={report.issues.map((i, n) => ({ ...i, key: `${i.row ?? ''}-${i.column ?? ''}-${i.code}-${n}` }))} rowKey={(i) => i.key} />
          {report.issuesTruncated && <p className="muted">{t('imports.truncated')}</p>}
        </>
      )}
      {report.outcomes.length > 0 && (
        <details className="import-outcomes" open={report.outcomes.length <= outcomesOpenUpTo || undefined}>
          <summary>{outcomesTitle}</summary>
          <DataTable caption={outcomesTitle} columns={outcomeColumns} rows={report.outcomes} rowKey={(o) => String(o.row)} />
          {report.outcomesTruncated && <p className="muted">{t('imports.truncated')}</p>}
        </details>
      )}
    </section>
  );
}

/** Most "did you mean" messages already name the suggestions; repeating them would only add noise. */
function suggestionsLeftOut(issue: ImportIssue): boolean {
  const [first] = issue.suggestions;
  return first !== undefined && !issue.message.includes(first);
}
