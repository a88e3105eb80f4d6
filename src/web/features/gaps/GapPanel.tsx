import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { gapLink } from './GapListPage.tsx';
import { GapStatusBadge } from './GapStatusBadge.tsx';
import { useGapList } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import './gaps.css';

/** A locality's gaps by sector, worst first, for its page. */
export function GapPanel({ localityId, at }: { localityId: string; at?: string }) {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const gaps = useGapList({ localityId, at, pageSize: 20, sort: '-priority' });
  const rows = gaps.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="locality-gaps">
      <h2 id="locality-gaps">{gt('gaps.panel.title')}</h2>
      {gaps.error ? (
        <ProblemNotice error={gaps.error} />
      ) : !gaps.data ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{gt('gaps.panel.none')}</p>
      ) : (
        <ul className="gap-panel-list">
          {rows.map((r) => (
            <li key={r.sector}>
              <Link to={gapLink(r, gaps.data?.at)}>{labels.sector(r.sector)}</Link>
              <span>
                <GapStatusBadge status={r.status} />{' '}
                {r.gap !== null && r.gap > 0 && gt('gaps.households', { count: labels.number(r.gap) })}
                {r.upcoming && <span className="gap-upcoming"> {gt('gaps.upcomingOn', { date: labels.day(r.upcoming.on), gap: labels.number(r.upcoming.gap) })}</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={{ pathname: '/gaps', search: `?localityId=${localityId}&open=${at ? `&at=${at}` : ''}` }}>
          {gt('gaps.panel.all')}
        </Link>
      </p>
    </section>
  );
}
