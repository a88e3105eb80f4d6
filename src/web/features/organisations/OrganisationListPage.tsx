import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Organisation } from '../../../shared/contracts/organisations.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useOrganisationList } from './organisations.api.ts';

export default function OrganisationListPage() {
  const { t } = useTranslation();
  const list = useListParams({ filters: { q: '', active: 'true' } });
  const result = useOrganisationList(list.query);

  const columns: Column<Organisation>[] = [
    { key: 'acronym', header: t('organisations.acronym'), cell: (o) => <Link to={`/admin/organisations/${o.id}`}>{o.acronym}</Link> },
    { key: 'name', header: t('organisations.name'), cell: (o) => o.name },
    { key: 'type', header: t('organisations.type'), cell: (o) => t(`organisations.types.${o.type}`) },
    { key: 'roles', header: t('organisations.roles'), cell: (o) => o.roles.map((r) => t(`organisations.roleNames.${r}`)).join(', ') || t('common.empty') },
    { key: 'status', header: t('status.label'), cell: (o) => <StatusBadge active={o.active} label={o.active ? t('status.active') : t('status.inactive')} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('organisations.listTitle')}
        actions={
          <Link className="button" to="/admin/organisations/new">
            {t('organisations.new')}
          </Link>
        }
      />
      <div className="filters" role="search" aria-label={t('list.filters')}>
        <SearchField label={t('organisations.searchLabel')} value={list.filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={t('status.label')}
          value={list.filters.active}
          onChange={(event) => list.setFilter('active', event.target.value)}
          options={[
            { value: 'true', label: t('status.active') },
            { value: 'false', label: t('status.inactive') },
            { value: 'all', label: t('status.all') },
          ]}
        />
      </div>
      {result.error ? (
        <ProblemNotice error={result.error} />
      ) : (
        <>
          <ResultCount total={result.data?.total} />
          {result.data && result.data.total === 0 ? (
            <EmptyState
              title={t('organisations.empty')}
              action={
                list.isFiltered && (
                  <button type="button" className="button button-secondary" onClick={list.clearFilters}>
                    {t('list.clearFilters')}
                  </button>
                )
              }
            />
          ) : (
            <DataTable caption={t('organisations.caption')} columns={columns} rows={result.data?.items ?? []} rowKey={(o) => o.id} busy={result.isPlaceholderData} />
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
    </>
  );
}
