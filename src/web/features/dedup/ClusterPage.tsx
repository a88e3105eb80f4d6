import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ClusterDetail, DedupRecord } from '../../../shared/contracts/dedup.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useCluster, useDecidePair } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import { PairComparison, percent, useRecordValue } from './PairComparison.tsx';
import './dedup.css';

/** One household's records from every list, side by side, and why each pair of them was joined; the custodian can split a wrong one. */
export default function ClusterPage() {
  const { id = '' } = useParams();
  const dt = useDedupT();
  const cluster = useCluster(id);
  const [message, setMessage] = useState<string | null>(null);
  if (cluster.error) return <ProblemNotice error={cluster.error} />;
  if (!cluster.data) return <p className="page-loading">…</p>;
  return (
    <>
      <PageHeader title={dt('cluster.title', { id: id.slice(0, 8) })} back={<Link to="/lists/dedup/clusters">{dt('cluster.back')}</Link>} />
      <ListsNav />
      {message && <Notice tone="success" title={message} />}
      <Records cluster={cluster.data} />
      <Pairs cluster={cluster.data} onDone={setMessage} />
      <Decisions cluster={cluster.data} />
    </>
  );
}

function Records({ cluster }: { cluster: ClusterDetail }) {
  const dt = useDedupT();
  const value = useRecordValue();
  const fields = ['list', 'name', 'sex', 'birth', 'phone', 'identity', 'place', 'spouse', 'size', 'assistance'] as const;
  const columns: Column<DedupRecord>[] = fields.map((field) => ({ key: field, header: dt(`fields.${field}`), cell: (r) => value(r, field) }));
  return (
    <section className="panel personal-data" aria-labelledby="cluster-records">
      <h2 id="cluster-records">{dt('cluster.records')}</h2>
      <DataTable caption={dt('cluster.caption')} columns={columns} rows={cluster.records} rowKey={(r) => r.id} />
      <p className="muted">{dt('review.audited')}</p>
    </section>
  );
}

function Pairs({ cluster, onDone }: { cluster: ClusterDetail; onDone: (message: string) => void }) {
  const dt = useDedupT();
  const format = useFormat();
  const decide = useDecidePair();
  const byId = new Map(cluster.records.map((r) => [r.id, r]));
  const pairs = cluster.pairs.filter((p) => byId.has(p.a) && byId.has(p.b));
  if (pairs.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="cluster-pairs">
      <h2 id="cluster-pairs">{dt('cluster.pairs')}</h2>
      {decide.error && <ProblemNotice error={decide.error} />}
      {pairs.map((pair) => {
        const a = byId.get(pair.a)!;
        const b = byId.get(pair.b)!;
        return (
          <details key={pair.id} className="cluster-pair" open={pairs.length <= 3}>
            <summary>
              {dt('cluster.pairTitle', {
                a: `${a.list.organisation.acronym} ${a.row}`,
                b: `${b.list.organisation.acronym} ${b.row}`,
                value: format.number(percent(pair.probability)),
              })}
            </summary>
            <PairComparison a={a} b={b} contributions={pair.contributions} caption={dt('review.caption')} />
            {pair.status !== 'different' && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={decide.isPending}
                onClick={() => decide.mutate({ id: pair.id, decision: 'different' }, { onSuccess: () => onDone(dt('cluster.splitDone')) })}
              >
                {dt('cluster.split')}
              </button>
            )}
          </details>
        );
      })}
    </section>
  );
}

function Decisions({ cluster }: { cluster: ClusterDetail }) {
  const dt = useDedupT();
  const format = useFormat();
  if (cluster.decisions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="cluster-decisions">
      <h2 id="cluster-decisions">{dt('cluster.decisions')}</h2>
      <ul>
        {cluster.decisions.map((d) => (
          <li key={`${d.a}|${d.b}`}>
            {dt(d.same ? 'cluster.decisionSame' : 'cluster.decisionDifferent', { who: d.decidedBy ?? '—', date: format.dateTime(d.decidedAt) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
