import { useState } from 'react';
import { Link } from 'react-router';
import type { DedupRun } from '../../../shared/contracts/dedup.ts';
import { isErrorCode, errorMessage } from '../../../shared/errors.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useListLabels } from '../lists/labels.ts';
import { useDedupRuns, useStartRun } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import './dedup.css';

/** The engine's stages report a share (of 1000); reading and writing count households. */
const countedStages = new Set(['reading', 'writing']);

function Progress({ run }: { run: DedupRun }) {
  const dt = useDedupT();
  const format = useFormat();
  const counted = countedStages.has(run.stage);
  const label = counted
    ? dt('runs.progressRecords', { processed: format.number(run.processed), total: format.number(run.total) })
    : dt('runs.progressShare', { percent: format.number(run.total > 0 ? Math.round((run.processed / run.total) * 100) : 0) });
  return (
    <div className="dedup-progress">
      <p className="dedup-stage">
        <strong>{dt(`stage.${run.stage}`)}</strong> — <span>{label}</span>
      </p>
      <progress max={Math.max(1, run.total)} value={run.processed} aria-label={dt(`stage.${run.stage}`)} />
    </div>
  );
}

function Figures({ run }: { run: DedupRun }) {
  const dt = useDedupT();
  const format = useFormat();
  const figures: [string, number | null][] = [
    [dt('runs.figures.lists'), run.lists],
    [dt('runs.figures.records'), run.records],
    [dt('runs.figures.households'), run.households],
    [dt('runs.figures.matchPairs'), run.matchPairs],
    [dt('runs.figures.reviewPairs'), run.reviewPairs],
    [dt('runs.figures.decisions'), run.decisionsApplied],
    [dt('runs.figures.kept'), run.clustersKept],
  ];
  return (
    <dl className="dedup-figures">
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value === null ? '—' : format.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The custodian's (and the administrator's) runs: start one, follow its progress, read its figures. Counts only. */
export default function DedupRunsPage() {
  const dt = useDedupT();
  const user = useCurrentUser();
  const format = useFormat();
  const lang = useListLabels().lang;
  const [page, setPage] = useState(1);
  const runs = useDedupRuns(page);
  const start = useStartRun();
  const [started, setStarted] = useState(false);
  const latest = page === 1 ? runs.data?.items[0] : undefined;
  const reviews = can(user, 'dedup:review');
  const errorText = (code: string | null) => (code && isErrorCode(code) ? errorMessage(code, lang) : (code ?? ''));

  const columns: Column<DedupRun>[] = [
    { key: 'started', header: dt('runs.columns.started'), cell: (r) => <span className="nowrap">{format.dateTime(r.startedAt)}</span> },
    { key: 'by', header: dt('runs.columns.by'), cell: (r) => r.startedBy },
    {
      key: 'status',
      header: dt('runs.columns.status'),
      cell: (r) => (
        <span className={`badge ${r.status === 'completed' ? 'badge-active' : r.status === 'failed' ? 'badge-warning' : ''}`}>{dt(`status.${r.status}`)}</span>
      ),
    },
    { key: 'records', header: dt('runs.columns.records'), numeric: true, cell: (r) => format.number(r.records) },
    { key: 'households', header: dt('runs.columns.households'), numeric: true, cell: (r) => (r.households === null ? '—' : format.number(r.households)) },
    { key: 'review', header: dt('runs.columns.review'), numeric: true, cell: (r) => (r.reviewPairs === null ? '—' : format.number(r.reviewPairs)) },
  ];

  return (
    <>
      <PageHeader
        title={dt('runs.title')}
        actions={
          <button
            type="button"
            className="button"
            disabled={start.isPending || latest?.status === 'running'}
            onClick={() => start.mutate(undefined, { onSuccess: () => setStarted(true) })}
          >
            {start.isPending ? dt('runs.starting') : dt('runs.start')}
          </button>
        }
      >
        <p className="lead">{dt('runs.lead')}</p>
      </PageHeader>
      <ListsNav />
      {start.error && <ProblemNotice error={start.error} />}
      {started && latest?.status === 'running' && <Notice tone="success" title={dt('runs.started')} />}
      {runs.error && <ProblemNotice error={runs.error} />}
      {latest && (
        <section className="panel" aria-labelledby="dedup-latest" aria-live="polite">
          <h2 id="dedup-latest">{latest.status === 'running' ? dt('runs.current') : dt('runs.last')}</h2>
          <p className="muted">
            {format.dateTime(latest.startedAt)}
            {latest.startedBy && ` — ${latest.startedBy}`}
            {' — '}
            <span className={`badge ${latest.status === 'completed' ? 'badge-active' : latest.status === 'failed' ? 'badge-warning' : ''}`}>
              {dt(`status.${latest.status}`)}
            </span>
          </p>
          {latest.status === 'running' && <Progress run={latest} />}
          {latest.status === 'failed' && <Notice tone="error" title={dt('runs.failed', { error: errorText(latest.error) })} />}
          {latest.status === 'completed' && <Figures run={latest} />}
          {latest.status === 'completed' && reviews && (
            <p className="dedup-links">
              <Link className="button button-secondary" to="/lists/dedup/review">
                {dt('runs.review')}
                {latest.reviewPairs ? ` (${format.number(latest.reviewPairs)})` : ''}
              </Link>{' '}
              <Link className="button button-secondary" to="/lists/dedup/clusters">
                {dt('runs.clusters')}
              </Link>
            </p>
          )}
          <p className="muted">{dt('runs.noNames')}</p>
        </section>
      )}
      {runs.data?.total === 0 ? (
        <EmptyState title={dt('runs.empty')}>
          <p>{dt('runs.emptyText')}</p>
        </EmptyState>
      ) : (
        runs.data && (
          <section aria-labelledby="dedup-history">
            <h2 id="dedup-history">{dt('runs.history')}</h2>
            <DataTable caption={dt('runs.caption')} columns={columns} rows={runs.data.items} rowKey={(r) => r.id} busy={runs.isPlaceholderData} />
            <Pagination page={runs.data.page} pageSize={runs.data.pageSize} total={runs.data.total} onPageChange={setPage} />
          </section>
        )
      )}
    </>
  );
}
