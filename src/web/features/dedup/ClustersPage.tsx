import { useState } from 'react';
import { Link } from 'react-router';
import type { Sector } from '../../../shared/sectors.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination } from '../../ui/Pagination.tsx';
import { ListsNav } from '../lists/ListsNav.tsx';
import { useListLabels } from '../lists/labels.ts';
import { useClusters } from './dedup.api.ts';
import { useDedupT } from './i18n.ts';
import './dedup.css';

interface ClusterRow {
  id: string;
  records: number;
  lists: number;
  organisations: string[];
  localities: string[];
  sectors: Sector[];
}

/** The custodian's households of several records, largest first: counts and places; names on each household's page. */
export default function ClustersPage() {
  const dt = useDedupT();
  const format = useFormat();
  const labels = useListLabels();
  const [page, setPage] = useState(1);
  const clusters = useClusters(page);
  const columns: Column<ClusterRow>[] = [
    {
      key: 'household',
      header: dt('clusters.columns.household'),
      cell: (c) => (
        <Link className="mono" to={`/lists/dedup/clusters/${c.id}`}>
          {c.id.slice(0, 8)}
        </Link>
      ),
    },
    { key: 'records', header: dt('clusters.columns.records'), numeric: true, cell: (c) => format.number(c.records) },
    { key: 'lists', header: dt('clusters.columns.lists'), numeric: true, cell: (c) => format.number(c.lists) },
    { key: 'organisations', header: dt('clusters.columns.organisations'), cell: (c) => c.organisations.join(', ') },
    { key: 'localities', header: dt('clusters.columns.localities'), cell: (c) => c.localities.join(', ') },
    { key: 'sectors', header: dt('clusters.columns.sectors'), cell: (c) => c.sectors.map(labels.sector).join(', ') },
  ];
  return (
    <>
      <PageHeader title={dt('clusters.title')} back={<Link to="/lists/dedup">{dt('review.back')}</Link>}>
        <p className="lead">{dt('clusters.lead')}</p>
      </PageHeader>
      <ListsNav />
      {clusters.error && <ProblemNotice error={clusters.error} />}
      {clusters.data?.total === 0 ? (
        <EmptyState title={dt('clusters.empty')}>
          <p>{dt('clusters.emptyText')}</p>
        </EmptyState>
      ) : (
        clusters.data && (
          <>
            <DataTable caption={dt('clusters.caption')} columns={columns} rows={clusters.data.items} rowKey={(c) => c.id} busy={clusters.isPlaceholderData} />
            <Pagination page={clusters.data.page} pageSize={clusters.data.pageSize} total={clusters.data.total} onPageChange={setPage} />
          </>
        )
      )}
    </>
  );
}
