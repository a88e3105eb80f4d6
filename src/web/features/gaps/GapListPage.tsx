import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GapRow } from '../../../shared/contracts/gaps.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { GapFilters, gapFilterDefaults } from './GapFilters.tsx';
import { GapStatusBadge } from './GapStatusBadge.tsx';
import { GapsNav } from './GapsNav.tsx';
import { gapExportUrl, useGapList } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import './gaps.css';

/** Where a gap's explanation lives, at the date the list is looking at. */
export function gapLink(row: Pick<GapRow, 'locality' | 'sector'>, at: string | undefined, horizonDays?: string): string {
  const query = new URLSearchParams();
  if (at) query.set('at', at);
  if (horizonDays) query.set('horizonDays', horizonDays);
  const search = query.toString();
  return `/gaps/${row.locality.id}/${row.sector}${search ? `?${search}` : ''}`;
}

/** The prioritised list of gaps, with the situation's figures and the exports. */
export default function GapListPage() {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const list = useListParams({ filters: gapFilterDefaults, sort: '-priority', pageSize: 50 });
  const gaps = useGapList(list.query);
  const page = gaps.data;
  const hh = (value: number | null) => (value === null ? t('common.empty') : labels.number(value));

  const columns: Column<GapRow>[] = [
    {
      key: 'locality',
      header: gt('gaps.columns.locality'),
      sortKey: 'locality',
      cell: (r) => (
        <>
          <Link to={`/localities/${r.locality.id}`}>{r.locality.name}</Link>
          <span className="gap-secondary">{[r.locality.adm2Name, r.locality.adm1Name].filter(Boolean).join(', ')}</span>
          <span className="gap-secondary">{labels.phase(r.phase)}</span>
        </>
      ),
    },
    { key: 'sector', header: gt('gaps.columns.sector'), sortKey: 'sector', cell: (r) => <abbr title={labels.sector(r.sector)}>{labels.sectorShort(r.sector)}</abbr> },
    {
      key: 'need',
      header: gt('gaps.columns.need'),
      numeric: true,
      cell: (r) =>
        r.need === null ? (
          gt('gaps.unknownNeed')
        ) : (
          <>
            {hh(r.need)}
            <span className="gap-secondary">{labels.needSource(r.needSource)}</span>
          </>
        ),
    },
    { key: 'coverage', header: gt('gaps.columns.coverage'), numeric: true, cell: (r) => hh(r.coverage) },
    {
      key: 'gap',
      header: gt('gaps.columns.gap'),
      sortKey: 'gap',
      cell: (r) => (
        <>
          <GapStatusBadge status={r.status} />
          {r.gap !== null && r.gap > 0 && <span className="gap-secondary">{gt('gaps.households', { count: labels.number(r.gap) })}</span>}
          {r.daysUncovered ? <span className="gap-secondary">{gt('gaps.page.days', { count: r.daysUncovered })}</span> : null}
        </>
      ),
    },
    {
      key: 'upcoming',
      header: gt('gaps.columns.upcoming'),
      sortKey: 'upcoming',
      cell: (r) => (r.upcoming ? <span className="gap-upcoming">{gt('gaps.upcomingOn', { date: labels.day(r.upcoming.on), gap: labels.number(r.upcoming.gap) })}</span> : t('common.empty')),
    },
    { key: 'priority', header: gt('gaps.columns.priority'), sortKey: 'priority', numeric: true, cell: (r) => (r.priority ? labels.number(r.priority.score) : t('common.empty')) },
    {
      key: 'capacity',
      header: gt('gaps.columns.capacity'),
      cell: (r) => (
        <>
          {r.capacityOrganisations > 0 ? gt('gaps.capacityOrgs', { count: r.capacityOrganisations }) : gt('gaps.noCapacity')}
          {r.followUp && <span className="gap-secondary">{labels.followUp(r.followUp.status)}</span>}
        </>
      ),
    },
    {
      key: 'explain',
      header: gt('gaps.columns.detail'),
      cell: (r) => (
        <Link to={gapLink(r, list.filters.at || page?.at, list.filters.horizonDays)} aria-label={`${gt('gaps.explain')} : ${labels.sector(r.sector)}, ${r.locality.name}`}>
          {gt('gaps.explain')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={gt('gaps.title')}>
        <p className="lead">{gt('gaps.lead')}</p>
      </PageHeader>
      <GapsNav />
      <GapFilters filters={list.filters} setFilters={list.setFilters} />

      {page && (
        <section aria-labelledby="gap-summary-title">
          <h2 id="gap-summary-title" className="visually-hidden">
            {gt('gaps.summary.title', { date: labels.day(page.at) })}
          </h2>
          <ul className="gap-summary">
            <li>
              <strong>{labels.number(page.summary.uncovered)}</strong>
              <span>{gt('gaps.summary.uncovered')}</span>
            </li>
            <li>
              <strong>{labels.number(page.summary.partial)}</strong>
              <span>{gt('gaps.summary.partial')}</span>
            </li>
            <li>
              <strong>{labels.number(page.summary.upcoming)}</strong>
              <span>{gt('gaps.summary.upcoming', { days: page.horizonDays })}</span>
            </li>
            <li title={gt('gaps.summary.householdsHint')}>
              <strong>{labels.number(page.summary.householdsInGap)}</strong>
              <span>{gt('gaps.summary.households')}</span>
            </li>
          </ul>
        </section>
      )}

      {gaps.error ? (
        <ProblemNotice error={gaps.error} />
      ) : page && page.total === 0 ? (
        <EmptyState title={gt('gaps.empty')}>{gt('gaps.emptyHint')}</EmptyState>
      ) : (
        <>
          <div className="list-bar">
            <ResultCount total={page?.total} />
            <ExportLinks urlOf={(format) => gapExportUrl(format, list.query)} />
          </div>
          <div className="gap-list">
            <DataTable
              caption={gt('gaps.caption')}
              columns={columns}
              rows={page?.items ?? []}
              rowKey={(r) => `${r.locality.id}/${r.sector}`}
              sort={list.sort}
              onSort={list.toggleSort}
              busy={gaps.isFetching}
            />
          </div>
          <Pagination page={list.page} pageSize={list.pageSize} total={page?.total ?? 0} onPageChange={list.setPage} />
        </>
      )}
    </>
  );
}
