import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { User } from '../../../shared/contracts/users.ts';
import { roles } from '../../../shared/permissions.ts';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useUserList } from './users.api.ts';

export default function UserListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useListParams({ filters: { q: '', role: '', organisationId: '', active: 'all' } });
  const result = useUserList(list.query);
  const organisations = useActiveOrganisations();

  const columns: Column<User>[] = [
    { key: 'name', header: t('users.name'), cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.name}</Link> },
    { key: 'email', header: t('users.email'), cell: (u) => <span className="break">{u.email}</span> },
    { key: 'role', header: t('users.role'), cell: (u) => t(`roles.${u.role}`) },
    { key: 'organisation', header: t('users.organisation'), cell: (u) => u.organisationAcronym ?? t('common.empty') },
    {
      key: 'status',
      header: t('status.label'),
      cell: (u) => (
        <span className="badges">
          <StatusBadge active={u.active} label={u.active ? t('status.activeUser') : t('status.inactiveUser')} />
          {u.active && u.mustChangePassword && <span className="badge badge-warning">{t('users.mustChangePassword')}</span>}
        </span>
      ),
    },
    { key: 'lastLogin', header: t('users.lastLogin'), cell: (u) => (u.lastLoginAt ? format.dateTime(u.lastLoginAt) : t('users.never')) },
  ];

  return (
    <>
      <PageHeader
        title={t('users.listTitle')}
        actions={
          <Link className="button" to="/admin/users/new">
            {t('users.invite')}
          </Link>
        }
      />
      <div className="filters" role="search" aria-label={t('list.filters')}>
        <SearchField label={t('users.searchLabel')} value={list.filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={t('users.role')}
          value={list.filters.role}
          onChange={(event) => list.setFilter('role', event.target.value)}
          options={[{ value: '', label: t('users.anyRole') }, ...roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
        />
        <SelectField
          label={t('users.organisation')}
          value={list.filters.organisationId}
          onChange={(event) => list.setFilter('organisationId', event.target.value)}
          options={[
            { value: '', label: t('users.anyOrganisation') },
            ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.acronym })),
          ]}
        />
        <SelectField
          label={t('status.label')}
          value={list.filters.active}
          onChange={(event) => list.setFilter('active', event.target.value)}
          options={[
            { value: 'all', label: t('status.all') },
            { value: 'true', label: t('status.activeUser') },
            { value: 'false', label: t('status.inactiveUser') },
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
              title={t('users.empty')}
              action={
                list.isFiltered && (
                  <button type="button" className="button button-secondary" onClick={list.clearFilters}>
                    {t('list.clearFilters')}
                  </button>
                )
              }
            />
          ) : (
            <DataTable caption={t('users.caption')} columns={columns} rows={result.data?.items ?? []} rowKey={(u) => u.id} busy={result.isPlaceholderData} />
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
    </>
  );
}
