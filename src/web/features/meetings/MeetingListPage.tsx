import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { meetingLevels, type MeetingSummary, meetingStatuses } from '../../../shared/contracts/meetings.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { MeetingStatusBadge } from './badges.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { MeetingsNav } from './MeetingsNav.tsx';
import { useMeetingList } from './meetings.api.ts';
import './meetings.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

const filterDefaults = { q: '', region: '', level: '', status: '', from: '', to: '' };

/** The meetings, next ones and archive: searchable by region, date and words of their minutes. */
export default function MeetingListPage() {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const user = useCurrentUser();
  const list = useListParams({ filters: filterDefaults, sort: '-date' });
  const result = useMeetingList(list.query);
  const regions = useRegions();
  const { filters } = list;

  const columns: Column<MeetingSummary>[] = [
    {
      key: 'date',
      header: mt('columns.date'),
      sortKey: 'date',
      cell: (m) => (
        <span className="cell-stack">
          <span className="nowrap">{labels.day(m.date)}</span>
          <span className="muted">{mt('time', { start: m.startTime, end: m.endTime })}</span>
        </span>
      ),
    },
    {
      key: 'title',
      header: mt('columns.title'),
      sortKey: 'title',
      cell: (m) => (
        <span className="cell-stack">
          <Link to={`/meetings/${m.id}`}>{m.title}</Link>
          {m.place && <span className="muted">{m.place}</span>}
        </span>
      ),
    },
    { key: 'level', header: mt('columns.level'), cell: (m) => (m.level === 'national' ? mt('national') : m.regions.map((r) => r.name).join(', ')) },
    { key: 'status', header: mt('columns.status'), cell: (m) => <MeetingStatusBadge status={m.status} /> },
    { key: 'decisions', header: mt('columns.decisions'), numeric: true, cell: (m) => labels.number(m.decisions) },
    { key: 'actions', header: mt('columns.actionPoints'), numeric: true, cell: (m) => (m.actionPoints ? mt('openOfTotal', { open: labels.number(m.openActionPoints), total: labels.number(m.actionPoints) }) : '0') },
  ];

  const empty = result.data?.total === 0;
  return (
    <>
      <PageHeader
        title={mt('title')}
        actions={
          can(user, 'meeting:manage') && (
            <Link className="button" to="/meetings/new">
              {mt('new')}
            </Link>
          )
        }
      >
        <p className="lead">{mt('lead')}</p>
      </PageHeader>
      <MeetingsNav />
      <FilterBar active={list.activeFilters}>
        <SearchField label={mt('filters.search')} value={filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={mt('filters.region')}
          value={filters.region}
          onChange={(event) => list.setFilter('region', event.target.value)}
          options={[{ value: '', label: mt('filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={mt('filters.level')}
          value={filters.level}
          onChange={(event) => list.setFilter('level', event.target.value)}
          options={[{ value: '', label: mt('filters.allLevels') }, ...meetingLevels.map((l) => ({ value: l, label: labels.level(l) }))]}
        />
        <SelectField
          label={mt('filters.status')}
          value={filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[{ value: '', label: mt('filters.allStatuses') }, ...meetingStatuses.map((s) => ({ value: s, label: labels.status(s) }))]}
        />
        <TextField type="date" label={mt('filters.from')} value={filters.from} max={filters.to || undefined} onChange={(event) => list.setFilter('from', event.target.value)} />
        <TextField type="date" label={mt('filters.to')} value={filters.to} min={filters.from || undefined} onChange={(event) => list.setFilter('to', event.target.value)} />
        {list.isFiltered && (
          <button type="button" className="button button-secondary" onClick={list.clearFilters}>
            {mt('filters.clear')}
          </button>
        )}
      </FilterBar>
      {result.error && <ProblemNotice error={result.error} />}
      <ResultCount total={result.data?.total} />
      {empty && !list.isFiltered ? (
        <EmptyState
          title={mt('emptyTitle')}
          action={
            can(user, 'meeting:manage') && (
              <Link className="button" to="/meetings/new">
                {mt('new')}
              </Link>
            )
          }
        >
          <p>{mt('emptyText')}</p>
        </EmptyState>
      ) : empty ? (
        <EmptyState title={mt('noMatch')} />
      ) : (
        result.data && (
          <>
            <DataTable caption={mt('caption')} columns={columns} rows={result.data.items} rowKey={(m) => m.id} sort={list.sort} onSort={list.toggleSort} busy={result.isPlaceholderData} />
            <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />
          </>
        )
      )}
      {!result.data && !result.error && <p className="page-loading">{t('common.loading')}</p>}
    </>
  );
}
