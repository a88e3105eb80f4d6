import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { type HarmonisedMethod, type HarmonisedPackage, packageStatuses } from '../../../shared/contracts/packages.ts';
import { can } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { usePackagesT } from './i18n.ts';
import { PackageStatusBadge, usePackageLabels } from './labels.tsx';
import { packageExportUrl, useMethodList, usePackageList } from './packages.api.ts';
import { PackagesNav } from './PackagesNav.tsx';
import './packages.css';

const defaults = { view: 'packages', sector: '', status: '', current: 'true' };

/** The harmonised packages and methods, sector by sector: what the clusters endorsed, and what is being proposed. */
export default function PackageListPage() {
  const { t } = useTranslation();
  const pt = usePackagesT();
  const user = useCurrentUser();
  const labels = usePackageLabels();
  const [params] = useSearchParams();
  const list = useListParams({ filters: defaults });
  const { filters } = list;
  const methodsView = (params.get('view') ?? filters.view) === 'methods';
  const query = { ...list.query, view: undefined, current: filters.status ? undefined : filters.current || undefined };
  const packages = usePackageList(query);
  const methods = useMethodList(query);
  const result = methodsView ? methods : packages;
  const propose = can(user, 'package:propose');

  const endorsement = (p: HarmonisedPackage | HarmonisedMethod) =>
    p.endorsement ? pt('endorsedBy', { body: labels.body(p.endorsement.by), date: labels.date(p.endorsement.on) }) : pt('detail.none');
  const name = (p: HarmonisedPackage | HarmonisedMethod, path: string) => <Link to={`/${path}/${p.id}`}>{p.name}</Link>;
  const packageColumns: Column<HarmonisedPackage>[] = [
    { key: 'sector', header: pt('columns.sector'), cell: (p) => labels.sector(p.sector) },
    { key: 'name', header: pt('columns.name'), cell: (p) => name(p, 'packages') },
    { key: 'revision', header: pt('columns.revision'), cell: (p) => labels.revision(p.revision) },
    { key: 'phase', header: pt('columns.phase'), cell: (p) => labels.phase(p.phase) },
    { key: 'modality', header: pt('columns.modality'), cell: (p) => labels.modality(p.modality) },
    { key: 'value', header: pt('columns.value'), numeric: true, cell: (p) => labels.value(p.transferValueXof, p.recurring) },
    { key: 'duration', header: pt('columns.duration'), numeric: true, cell: (p) => labels.months(p.durationMonths) },
    { key: 'status', header: pt('columns.status'), cell: (p) => <PackageStatusBadge status={p.status} /> },
    { key: 'endorsement', header: pt('columns.endorsement'), cell: endorsement },
  ];
  const methodColumns: Column<HarmonisedMethod>[] = [
    { key: 'sector', header: pt('columns.sector'), cell: (m) => labels.sector(m.sector) },
    { key: 'name', header: pt('columns.name'), cell: (m) => name(m, 'methods') },
    { key: 'type', header: pt('columns.methodType'), cell: (m) => labels.methodType(m.methodType) },
    { key: 'revision', header: pt('columns.revision'), cell: (m) => labels.revision(m.revision) },
    { key: 'status', header: pt('columns.status'), cell: (m) => <PackageStatusBadge status={m.status} /> },
    { key: 'endorsement', header: pt('columns.endorsement'), cell: endorsement },
  ];

  return (
    <>
      <PageHeader
        title={pt('title')}
        actions={
          propose && (
            <Link className="button" to={methodsView ? '/methods/new' : '/packages/new'}>
              {methodsView ? pt('newMethod') : pt('newPackage')}
            </Link>
          )
        }
      >
        <p className="lead">{pt('lead')}</p>
      </PageHeader>
      <PackagesNav />
      <div className="filters" role="search" aria-label={t('list.filters')}>
        <SelectField
          label={pt('filters.sector')}
          value={filters.sector}
          onChange={(event) => list.setFilter('sector', event.target.value)}
          options={[{ value: '', label: pt('filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
        />
        <SelectField
          label={pt('filters.status')}
          value={filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[{ value: '', label: pt('filters.allStatuses') }, ...packageStatuses.map((s) => ({ value: s, label: labels.status(s) }))]}
        />
        <label className="checkbox-inline">
          <input
            type="checkbox"
            checked={filters.current === 'true'}
            disabled={filters.status !== ''}
            onChange={(event) => list.setFilter('current', event.target.checked ? 'true' : 'false')}
          />
          {pt('filters.current')}
        </label>
        <ExportLinks urlOf={(format) => packageExportUrl(methodsView ? 'method' : 'package', format, { sector: filters.sector, status: filters.status })} />
      </div>
      {result.error && <ProblemNotice error={result.error} />}
      <ResultCount total={result.data?.total} />
      {result.data?.total === 0 ? (
        <EmptyState title={methodsView ? pt('emptyMethods') : pt('empty')} />
      ) : methodsView ? (
        methods.data && (
          <DataTable caption={pt('methodsCaption')} columns={methodColumns} rows={methods.data.items} rowKey={(m) => m.id} busy={methods.isPlaceholderData} />
        )
      ) : (
        packages.data && (
          <DataTable caption={pt('caption')} columns={packageColumns} rows={packages.data.items} rowKey={(p) => p.id} busy={packages.isPlaceholderData} />
        )
      )}
      {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
      {!result.data && !result.error && <p className="page-loading">{t('common.loading')}</p>}
    </>
  );
}
