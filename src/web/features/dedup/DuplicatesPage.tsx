import { Link } from 'react-router';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useDuplicateSummary } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import './dedup.css';

type Row = NonNullable<ReturnType<typeof useDuplicateSummary>['data']>['lists'][number];

/** An organisation's lists (every list for the custodian): households written twice or more, and how many other organisations hold too. Counts only. */
export default function DuplicatesPage() {
  const dt = useDedupT();
  const format = useFormat();
  const summary = useDuplicateSummary();
  const columns: Column<Row>[] = [
    {
      key: 'list',
      header: dt('duplicates.columns.list'),
      cell: (r) => (
        <>
          <Link className="nowrap" to={`/lists/${r.list.id}`}>
            {r.list.code}
          </Link>
          <span className="dedup-secondary">{r.list.title}</span>
        </>
      ),
    },
    { key: 'organisation', header: dt('duplicates.columns.organisation'), cell: (r) => r.list.organisation.acronym },
    { key: 'households', header: dt('duplicates.columns.households'), numeric: true, cell: (r) => format.number(r.households) },
    {
      key: 'groups',
      header: dt('duplicates.columns.groups'),
      numeric: true,
      cell: (r) =>
        r.duplicateGroups > 0 ? (
          <Link
            to={`/lists/${r.list.id}/duplicates`}
            title={dt('duplicates.open')}
            aria-label={`${dt('duplicates.open')} (${format.number(r.duplicateGroups)})`}
          >
            <strong>{format.number(r.duplicateGroups)}</strong>
          </Link>
        ) : (
          format.number(0)
        ),
    },
    { key: 'records', header: dt('duplicates.columns.records'), numeric: true, cell: (r) => format.number(r.duplicateRecords) },
    { key: 'elsewhere', header: dt('duplicates.columns.elsewhere'), numeric: true, cell: (r) => format.number(r.alsoElsewhere) },
  ];
  return (
    <>
      <PageHeader title={dt('duplicates.title')}>
        <p className="lead">{dt('duplicates.lead')}</p>
      </PageHeader>
      <ListsNav />
      {summary.error && <ProblemNotice error={summary.error} />}
      {summary.data && !summary.data.deduplicated && <Notice tone="warning" title={dt('duplicates.notDeduplicated')} />}
      {summary.data &&
        (summary.data.lists.length === 0 ? (
          <EmptyState title={dt('duplicates.empty')}>
            <p>{dt('duplicates.emptyText')}</p>
          </EmptyState>
        ) : (
          <DataTable caption={dt('duplicates.caption')} columns={columns} rows={summary.data.lists} rowKey={(r) => r.list.id} />
        ))}
    </>
  );
}
