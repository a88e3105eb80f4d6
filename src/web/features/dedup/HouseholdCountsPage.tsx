import type { HouseholdCounts } from '../../../shared/contracts/dedup.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useListLabels } from '../lists/labels.ts';
import { useHouseholdCounts } from './dedup.api.ts';
import { DedupFilters } from './DedupFilters.tsx';
import { useDedupT } from './i18n.ts';
import './dedup.css';

type Row = HouseholdCounts['items'][number];

/** Distinct households assisted per locality × sector × month across organisations: counts only, for the coordination. */
export default function HouseholdCountsPage() {
  const dt = useDedupT();
  const format = useFormat();
  const labels = useListLabels();
  const list = useListParams({ filters: { region: '', sector: '', from: '', to: '' }, pageSize: 50 });
  const counts = useHouseholdCounts(list.query);
  const data = counts.data;
  const columns: Column<Row>[] = [
    { key: 'month', header: dt('counts.columns.month'), cell: (r) => <span className="nowrap">{r.month}</span> },
    {
      key: 'locality',
      header: dt('counts.columns.locality'),
      cell: (r) => (
        <>
          {r.locality.name}
          {r.locality.pcode && <span className="dedup-secondary">{r.locality.pcode}</span>}
        </>
      ),
    },
    { key: 'sector', header: dt('counts.columns.sector'), cell: (r) => labels.sector(r.sector) },
    { key: 'households', header: dt('counts.columns.households'), numeric: true, cell: (r) => <strong>{format.number(r.households)}</strong> },
    { key: 'records', header: dt('counts.columns.records'), numeric: true, cell: (r) => format.number(r.records) },
    { key: 'organisations', header: dt('counts.columns.organisations'), numeric: true, cell: (r) => format.number(r.organisations) },
    { key: 'shared', header: dt('counts.columns.shared'), numeric: true, cell: (r) => format.number(r.sharedHouseholds) },
  ];
  return (
    <>
      <PageHeader title={dt('counts.title')}>
        <p className="lead">{dt('counts.lead')}</p>
      </PageHeader>
      <ListsNav />
      <DedupFilters filters={list.filters} setFilter={list.setFilter} period="month" />
      {counts.error && <ProblemNotice error={counts.error} />}
      {data && (
        <>
          <Notice
            tone={data.deduplicated ? 'info' : 'warning'}
            title={data.deduplicated && data.lastRunAt ? dt('counts.deduplicated', { date: format.dateTime(data.lastRunAt) }) : dt('counts.notDeduplicated')}
          />
          <dl className="dedup-figures">
            <div>
              <dt>{dt('counts.totals.households')}</dt>
              <dd>{format.number(data.totals.households)}</dd>
            </div>
            <div>
              <dt>{dt('counts.totals.records')}</dt>
              <dd>{format.number(data.totals.records)}</dd>
            </div>
            <div>
              <dt>{dt('counts.totals.shared')}</dt>
              <dd>{format.number(data.totals.sharedHouseholds)}</dd>
            </div>
          </dl>
          {data.total === 0 ? (
            <EmptyState title={dt('counts.empty')}>
              <p>{dt('counts.emptyText')}</p>
            </EmptyState>
          ) : (
            <>
              <DataTable
                caption={dt('counts.caption')}
                columns={columns}
                rows={data.items}
                rowKey={(r) => `${r.month}|${r.locality.id}|${r.sector}`}
                busy={counts.isPlaceholderData}
              />
              <Pagination page={data.page} pageSize={data.pageSize} total={data.total} onPageChange={list.setPage} />
            </>
          )}
        </>
      )}
    </>
  );
}
