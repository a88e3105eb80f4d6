import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type AdminToken, tokenStatuses } from '../../../shared/contracts/tokens.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useTokensT } from './i18n.ts';
import { RevokeDialog, useTokenColumns } from './TokenParts.tsx';
import { useAllTokens, useRevokeToken } from './tokens.api.ts';
import './tokens.css';

/** Administration: every account's API tokens, filtered by status, account or name; any of them revoked. */
export default function AdminTokensPage() {
  const t = useTokensT();
  const { t: tApp } = useTranslation();
  const list = useListParams({ filters: { q: '', status: '', userId: '' } });
  const result = useAllTokens(list.query);
  const revoke = useRevokeToken('admin');
  const [revoking, setRevoking] = useState<AdminToken | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);

  const sharedColumns = useTokenColumns<AdminToken>(setRevoking);
  const columns: Column<AdminToken>[] = [
    { key: 'name', header: t('list.name'), cell: (token) => <span className="break">{token.name}</span> },
    {
      key: 'user',
      header: t('list.user'),
      cell: (token) => (
        <>
          <Link to={`/admin/users/${token.user.id}`}>{token.user.name}</Link>
          <br />
          <span className="muted break">
            {token.user.email} · {tApp(`roles.${token.user.role}`)}
            {!token.user.active && ` · ${t('admin.inactiveAccount')}`}
          </span>
        </>
      ),
    },
    ...sharedColumns,
  ];

  return (
    <div className="tokens-page">
      <PageHeader title={t('admin.title')} />
      <p className="lead">{t('admin.lead')}</p>
      {revoked && <Notice tone="success" title={t('revoke.done', { name: revoked })} />}
      {revoke.error && <ProblemNotice error={revoke.error} />}
      <div className="filters" role="search" aria-label={tApp('list.filters')}>
        <SearchField label={t('admin.search')} value={list.filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={t('list.status')}
          value={list.filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[{ value: '', label: t('admin.anyStatus') }, ...tokenStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))]}
        />
      </div>
      {result.error ? (
        <ProblemNotice error={result.error} />
      ) : (
        <>
          <ResultCount total={result.data?.total} />
          {result.data && result.data.total === 0 ? (
            <EmptyState
              title={list.isFiltered ? t('admin.noMatch') : t('admin.emptyTitle')}
              action={
                list.isFiltered && (
                  <button type="button" className="button button-secondary" onClick={list.clearFilters}>
                    {t('admin.clear')}
                  </button>
                )
              }
            >
              {!list.isFiltered && t('admin.emptyText')}
            </EmptyState>
          ) : (
            <DataTable
              caption={t('admin.title')}
              columns={columns}
              rows={result.data?.items ?? []}
              rowKey={(token) => token.id}
              busy={result.isPlaceholderData}
            />
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
      <RevokeDialog
        token={revoking}
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              setRevoked(revoking.name);
              setRevoking(null);
            },
          })
        }
      />
    </div>
  );
}
