import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { populationGroups } from '../../../shared/contracts/alerts.ts';
import { type Response, responseStatuses } from '../../../shared/contracts/responses.ts';
import { can } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useAdminAreas, useRegions } from '../gazetteer/gazetteer.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { ResponsesNav } from './ResponsesNav.tsx';
import { useResponseLabels } from './labels.ts';
import { MonthlyReportImportDialog } from './MonthlyReportImportDialog.tsx';
import { exportUrl, templateUrl, useResponseList } from './responses.api.ts';
import './responses.css';
import { useFiveWT } from './i18n.ts';
import { FilterBar } from '../../ui/FilterBar.tsx';

export const matrixFilterDefaults = { organisationId: '', sector: '', region: '', cercle: '', commune: '', status: '', period: '', populationGroup: '', q: '' };

/** The 5W matrix: who does what, where, when and for whom, filtered from the URL. */
export default function ResponseListPage() {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const user = useCurrentUser();
  const labels = useResponseLabels();
  const format = useFormat();
  const list = useListParams({ filters: matrixFilterDefaults, sort: '-period' });
  const result = useResponseList(list.query);
  const organisations = useActiveOrganisations();
  const regions = useRegions();
  const { filters } = list;
  const cercles = useAdminAreas({ level: 2, parent: filters.region || undefined, pageSize: 100 }, filters.region !== '');
  const communes = useAdminAreas({ level: 3, parent: filters.cercle || undefined, pageSize: 100 }, filters.cercle !== '');
  const [, setParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const write = can(user, 'response:write');

  /** A narrower area below a changed one would leave the list empty for no visible reason. */
  function chooseArea(level: 'region' | 'cercle' | 'commune', pcode: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (pcode) next.set(level, pcode);
        else next.delete(level);
        if (level === 'region') next.delete('cercle');
        if (level !== 'commune') next.delete('commune');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }

  const figure = (value: number | null) => (value === null ? t('common.empty') : format.number(value));
  const columns: Column<Response>[] = [
    { key: 'period', header: ft('responses.fields.period'), sortKey: 'period', cell: (r) => <span className="nowrap">{labels.month(r.period)}</span> },
    { key: 'organisation', header: ft('responses.fields.organisation'), sortKey: 'organisation', cell: (r) => <abbr title={r.organisation.name}>{r.organisation.acronym}</abbr> },
    {
      key: 'activity',
      header: ft('responses.fields.activity'),
      sortKey: 'sector',
      cell: (r) => (
        <span className="cell-stack">
          <Link to={`/responses/${r.id}`}>{r.activity}</Link>
          <span className="muted">{labels.sector(r.sector)}</span>
        </span>
      ),
    },
    {
      key: 'locality',
      header: ft('responses.fields.locality'),
      sortKey: 'locality',
      cell: (r) => (
        <span className="cell-stack">
          <Link to={`/localities/${r.locality.id}`}>{r.locality.name}</Link>
          <span className="muted">{[r.locality.adm3Name, r.locality.adm2Name, r.locality.adm1Name].filter(Boolean).join(', ')}</span>
        </span>
      ),
    },
    { key: 'status', header: ft('responses.fields.status'), sortKey: 'status', cell: (r) => <span className={`badge response-${r.status}`}>{labels.status(r.status)}</span> },
    { key: 'group', header: ft('responses.fields.populationGroup'), cell: (r) => labels.populationGroup(r.populationGroup) },
    { key: 'targeted', header: ft('responses.fields.householdsTargeted'), numeric: true, cell: (r) => figure(r.householdsTargeted) },
    {
      key: 'reached',
      header: ft('responses.fields.householdsReached'),
      sortKey: 'householdsReached',
      numeric: true,
      cell: (r) => (
        <>
          {figure(r.householdsReached)}
          {r.warnings.length > 0 && (
            <span className="warning-mark" title={ft('responses.hasWarnings', { count: r.warnings.length })}>
              {' '}
              ⚠
            </span>
          )}
        </>
      ),
    },
  ];

  const select = (name: 'status' | 'populationGroup' | 'sector' | 'organisationId', label: string, all: string, options: { value: string; label: string }[]) => (
    <SelectField label={label} value={filters[name]} onChange={(e) => list.setFilter(name, e.target.value)} options={[{ value: '', label: all }, ...options]} />
  );
  const emptyAndUnfiltered = result.data?.total === 0 && !list.isFiltered;

  return (
    <>
      <PageHeader
        title={ft('responses.listTitle')}
        actions={
          write && (
            <>
              <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
                {ft('responses.import.open')}
              </button>
              <Link className="button" to="/responses/new">
                {ft('responses.new')}
              </Link>
            </>
          )
        }
      />
      <ResponsesNav />
      <FilterBar active={list.activeFilters} className="response-filters">
        <SearchField label={ft('responses.searchLabel')} value={filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <TextField type="month" label={ft('responses.fields.period')} value={filters.period} onChange={(e) => list.setFilter('period', e.target.value)} />
        {select('organisationId', ft('responses.fields.organisation'), ft('responses.allOrganisations'), (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.acronym })))}
        {select('sector', ft('responses.fields.sector'), ft('responses.allSectors'), sectors.map((s) => ({ value: s, label: labels.sector(s) })))}
        <SelectField
          label={ft('responses.region')}
          value={filters.region}
          onChange={(e) => chooseArea('region', e.target.value)}
          options={[{ value: '', label: ft('responses.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        {filters.region && (
          <SelectField
            label={ft('responses.cercle')}
            value={filters.cercle}
            onChange={(e) => chooseArea('cercle', e.target.value)}
            options={[{ value: '', label: ft('responses.allCercles') }, ...(cercles.data?.items ?? []).map((c) => ({ value: c.pcode, label: c.name }))]}
          />
        )}
        {filters.cercle && (
          <SelectField
            label={ft('responses.commune')}
            value={filters.commune}
            onChange={(e) => chooseArea('commune', e.target.value)}
            options={[{ value: '', label: ft('responses.allCommunes') }, ...(communes.data?.items ?? []).map((c) => ({ value: c.pcode, label: c.name }))]}
          />
        )}
        {select('status', ft('responses.fields.status'), ft('responses.allStatuses'), responseStatuses.map((s) => ({ value: s, label: labels.status(s) })))}
        {select('populationGroup', ft('responses.fields.populationGroup'), ft('responses.allGroups'), populationGroups.map((g) => ({ value: g, label: labels.populationGroup(g) })))}
        {list.isFiltered && (
          <button type="button" className="link-button" onClick={list.clearFilters}>
            {t('list.clearFilters')}
          </button>
        )}
      </FilterBar>
      {result.error ? (
        <ProblemNotice error={result.error} />
      ) : (
        <>
          <div className="list-bar">
            <ResultCount total={result.data?.total} />
            {result.data && result.data.total > 0 && (
              <ExportLinks urlOf={(format) => exportUrl(format, list.query)} />
            )}
          </div>
          {result.data && result.data.total === 0 ? (
            <EmptyState
              title={emptyAndUnfiltered ? ft('responses.emptyTitle') : ft('responses.noMatch')}
              action={
                emptyAndUnfiltered ? (
                  write && (
                    <button type="button" className="button" onClick={() => setImporting(true)}>
                      {ft('responses.import.open')}
                    </button>
                  )
                ) : (
                  <button type="button" className="button button-secondary" onClick={list.clearFilters}>
                    {t('list.clearFilters')}
                  </button>
                )
              }
            >
              {emptyAndUnfiltered && <p>{ft('responses.emptyText')}</p>}
            </EmptyState>
          ) : (
            <div className="compact-table">
              <DataTable
                caption={ft('responses.caption')}
                columns={columns}
                rows={result.data?.items ?? []}
                rowKey={(r) => r.id}
                sort={list.sort}
                onSort={list.toggleSort}
                busy={result.isPlaceholderData}
              />
            </div>
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
      {write && <MonthlyReportImportDialog open={importing} onClose={() => setImporting(false)} kind="responses" templateUrl={templateUrl} />}
    </>
  );
}
