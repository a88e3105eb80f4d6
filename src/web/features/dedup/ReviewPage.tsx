import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type DedupPair, pairStatuses, type PairStatus } from '../../../shared/contracts/dedup.ts';
import { useFormat } from '../../i18n/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useDecidePair, usePairs } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import { PairComparison, percent } from './PairComparison.tsx';
import './dedup.css';

/** Keys typed into a field are the field's; shortcuts act only when no field has the focus. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

function PairCard({
  pair,
  n,
  total,
  current,
  onSelect,
  onDecide,
  busy,
}: {
  pair: DedupPair;
  n: number;
  total: number;
  current: boolean;
  onSelect: () => void;
  onDecide: (decision: 'same' | 'different') => void;
  busy: boolean;
}) {
  const dt = useDedupT();
  const format = useFormat();
  const ref = useRef<HTMLElement>(null);
  const shown = useRef(false);
  // The pair in focus takes the keyboard; the page does not jump to it when it first opens.
  useEffect(() => {
    if (!current) return;
    ref.current?.focus({ preventScroll: !shown.current });
    shown.current = true;
  }, [current]);
  const headingId = `pair-${pair.id}`;
  return (
    <article
      ref={ref}
      tabIndex={-1}
      className={`panel pair-card personal-data${current ? ' pair-current' : ''}`}
      aria-labelledby={headingId}
      aria-current={current || undefined}
      onFocus={onSelect}
    >
      <div className="pair-head">
        <h2 id={headingId}>
          {dt('review.pair', { n: format.number(n), total: format.number(total) })}
          <span className="pair-probability">{dt('review.probability', { value: format.number(percent(pair.probability)) })}</span>
        </h2>
        {pair.status === 'pending' ? (
          <div className="pair-actions">
            <button type="button" className="button" aria-keyshortcuts="S" disabled={busy} onClick={() => onDecide('same')}>
              {dt('review.same')} <kbd>{dt('review.sameKey')}</kbd>
            </button>
            <button type="button" className="button button-secondary" aria-keyshortcuts="D" disabled={busy} onClick={() => onDecide('different')}>
              {dt('review.different')} <kbd>{dt('review.differentKey')}</kbd>
            </button>
          </div>
        ) : (
          <p className="muted">{dt('review.decided', { who: pair.decidedBy ?? '—', date: pair.decidedAt ? format.dateTime(pair.decidedAt) : '—' })}</p>
        )}
      </div>
      <PairComparison a={pair.a} b={pair.b} contributions={pair.contributions} caption={dt('review.caption')} />
      <p className="pair-links">
        {pair.a.clusterId && <Link to={`/lists/dedup/clusters/${pair.a.clusterId}`}>{`${dt('review.cluster')} (A)`}</Link>}
        {pair.b.clusterId && <Link to={`/lists/dedup/clusters/${pair.b.clusterId}`}>{`${dt('review.cluster')} (B)`}</Link>}
      </p>
    </article>
  );
}

/**
 * The custodian's review queue: uncertain pairs of the latest run, both households side by side
 * with each field's weight; S / D decide the pair in focus, J / K move between pairs.
 */
export default function ReviewPage() {
  const dt = useDedupT();
  const [params, setParams] = useSearchParams();
  const status = (pairStatuses as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as PairStatus) : 'pending';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pairs = usePairs(status, page);
  const decide = useDecidePair();
  const [current, setCurrent] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const items = useMemo(() => pairs.data?.items ?? [], [pairs.data]);

  const setView = (next: { status?: PairStatus; page?: number }) => {
    const search = new URLSearchParams();
    const nextStatus = next.status ?? status;
    if (nextStatus !== 'pending') search.set('status', nextStatus);
    if ((next.page ?? 1) > 1) search.set('page', String(next.page));
    setParams(search);
    setCurrent(0);
  };

  const onDecide = useCallback(
    (pair: DedupPair, decision: 'same' | 'different') => {
      decide.mutate(
        { id: pair.id, decision },
        {
          onSuccess: (result) =>
            setMessage(decision === 'different' ? dt('review.doneDifferent') : result.merged ? dt('review.doneSame') : dt('review.doneSameLater')),
        },
      );
    },
    [decide, dt],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      const pair = items[current];
      const key = event.key.toLowerCase();
      if (key === 'j') setCurrent((c) => Math.min(items.length - 1, c + 1));
      else if (key === 'k') setCurrent((c) => Math.max(0, c - 1));
      else if (pair && pair.status === 'pending' && !decide.isPending && (key === 's' || key === 'd')) onDecide(pair, key === 's' ? 'same' : 'different');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, current, decide.isPending, onDecide]);

  // After a decision the queue is read again: the pair in focus stays at the same place, the next one in it.
  const focused = Math.min(current, Math.max(0, items.length - 1));

  return (
    <>
      <PageHeader title={dt('review.title')} back={<Link to="/lists/dedup">{dt('review.back')}</Link>}>
        <p className="lead">{dt('review.lead')}</p>
      </PageHeader>
      <ListsNav />
      <nav className="tabs" aria-label={dt('review.title')}>
        {pairStatuses.map((s) => (
          <a
            key={s}
            href={`?${s === 'pending' ? '' : `status=${s}`}`}
            className={s === status ? 'active' : undefined}
            aria-current={s === status ? 'page' : undefined}
            onClick={(event) => {
              event.preventDefault();
              setMessage(null);
              setView({ status: s, page: 1 });
            }}
          >
            {dt(`review.tabs.${s}`)}
          </a>
        ))}
      </nav>
      {message && <Notice tone="success" title={message} />}
      {decide.error && <ProblemNotice error={decide.error} />}
      {pairs.error && <ProblemNotice error={pairs.error} />}
      {pairs.data &&
        (items.length === 0 ? (
          <EmptyState title={status === 'pending' ? dt('review.empty') : dt('review.emptyDecided')}>
            {status === 'pending' && <p>{dt('review.emptyText')}</p>}
          </EmptyState>
        ) : (
          <>
            <p className="muted">
              {status === 'pending' && <span>{dt('review.keys')} </span>}
              {dt('review.audited')}
            </p>
            {items.map((pair, i) => (
              <PairCard
                key={pair.id}
                pair={pair}
                n={(pairs.data.page - 1) * pairs.data.pageSize + i + 1}
                total={pairs.data.total}
                current={i === focused}
                onSelect={() => setCurrent(i)}
                onDecide={(decision) => onDecide(pair, decision)}
                busy={decide.isPending}
              />
            ))}
            <Pagination page={pairs.data.page} pageSize={pairs.data.pageSize} total={pairs.data.total} onPageChange={(p) => setView({ page: p })} />
          </>
        ))}
    </>
  );
}
