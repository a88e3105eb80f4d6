import type { ReportingPeriod } from '../../../shared/contracts/periods.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useResponseLabels } from './labels.ts';
import { ResponsesNav } from './ResponsesNav.tsx';
import { useLockPeriod, usePeriods } from './responses.api.ts';
import './responses.css';
import { useFiveWT } from './i18n.ts';

/**
 * Reporting months: once the coordination has validated a month it locks it, and its 5W
 * records and capacities can no longer change (except by an administrator).
 */
export default function PeriodsPage() {
  const ft = useFiveWT();
  const labels = useResponseLabels();
  const format = useFormat();
  const user = useCurrentUser();
  const periods = usePeriods();
  const lock = useLockPeriod();
  const manage = can(user, 'period:lock');

  const columns: Column<ReportingPeriod>[] = [
    { key: 'period', header: ft('responses.fields.period'), cell: (p) => labels.month(p.period) },
    { key: 'responses', header: ft('responses.periods.responses'), numeric: true, cell: (p) => format.number(p.responses) },
    { key: 'capacities', header: ft('responses.periods.capacities'), numeric: true, cell: (p) => format.number(p.capacities) },
    {
      key: 'state',
      header: ft('responses.periods.state'),
      cell: (p) =>
        p.locked ? (
          <span className="cell-stack">
            <span className="badge response-locked">{ft('responses.periods.locked')}</span>
            {p.lockedBy && p.lockedAt && <span className="muted">{ft('responses.periods.lockedBy', { name: p.lockedBy.name, date: format.date(p.lockedAt) })}</span>}
          </span>
        ) : (
          <span className="badge">{ft('responses.periods.open')}</span>
        ),
    },
    ...(manage
      ? [
          {
            key: 'action',
            header: ft('responses.periods.action'),
            cell: (p: ReportingPeriod) => (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={lock.isPending}
                onClick={() => lock.mutate({ period: p.period, input: { locked: !p.locked, version: p.version } })}
              >
                {p.locked ? ft('responses.periods.unlock', { month: labels.month(p.period) }) : ft('responses.periods.lock', { month: labels.month(p.period) })}
              </button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={ft('responses.periods.title')} />
      <ResponsesNav />
      <p className="field-hint">{ft('responses.periods.intro')}</p>
      {lock.error && <ProblemNotice error={lock.error} />}
      {periods.error ? (
        <ProblemNotice error={periods.error} />
      ) : (
        <DataTable caption={ft('responses.periods.title')} columns={columns} rows={periods.data?.items ?? []} rowKey={(p) => p.period} busy={periods.isFetching} />
      )}
    </>
  );
}
