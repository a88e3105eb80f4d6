import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Alert, alertStatuses, shockTypes } from '../../../shared/contracts/alerts.ts';
import { activePhaseFilter } from '../../../shared/dashboard.ts';
import { phases } from '../../../shared/phases.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ImportDialog } from '../../ui/ImportDialog.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useAdminAreas, useRegions } from '../gazetteer/gazetteer.api.ts';
import { AlertStatusBadge, PhaseBadge, RrmCountdown } from './AlertBadges.tsx';
import { exportUrl, importAlerts, useAfterAlertImport, useAlertList } from './alerts.api.ts';
import { useAlertLabels } from './labels.ts';
import './alerts.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

/** The statuses still being worked on: the usual view of a coordination desk. */
const openStatuses = alertStatuses.filter((s) => s !== 'closed' && s !== 'rejected').join(',');
/** The ready filter's horizon: the RRM of these shocks ends within a month, the post-RRM must be ready. */
const endingSoonDays = '30';

const filterDefaults = { q: '', region: '', cercle: '', status: '', phase: '', shockType: '', from: '', to: '', rrmEndsWithinDays: '', rrmLate: '', at: '' };

export default function AlertListPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const labels = useAlertLabels();
  const format = useFormat();
  const list = useListParams({ filters: filterDefaults, sort: '-alertDate' });
  const result = useAlertList(list.query);
  const regions = useRegions();
  const cercles = useAdminAreas({ level: 2, parent: list.filters.region || undefined, pageSize: 100 });
  const [, setParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const afterImport = useAfterAlertImport();
  const manage = can(user, 'alert:manage');
  const { filters } = list;
  const moreFiltersSet = [filters.cercle, filters.shockType, filters.from, filters.to, filters.at].filter(Boolean).length;

  const columns: Column<Alert>[] = [
    { key: 'code', header: t('alerts.code'), sortKey: 'code', cell: (a) => <Link className="nowrap" to={`/alerts/${a.id}`}>{a.code}</Link> },
    {
      key: 'shock',
      header: t('alerts.shock'),
      sortKey: 'shockDate',
      cell: (a) => (
        <span className="cell-stack">
          <span>{labels.shockType(a.shockType)}</span>
          <span className="muted">{labels.day(a.shockDate)}</span>
        </span>
      ),
    },
    {
      key: 'locality',
      header: t('alerts.hostLocality'),
      sortKey: 'locality',
      cell: (a) => (
        <span className="cell-stack">
          <Link to={`/localities/${a.hostLocality.id}`}>{a.hostLocality.name}</Link>
          <span className="muted">{[a.hostLocality.adm2Name, a.hostLocality.adm1Name].filter(Boolean).join(', ')}</span>
        </span>
      ),
    },
    { key: 'alertDate', header: t('alerts.alertDate'), sortKey: 'alertDate', cell: (a) => <span className="nowrap">{labels.day(a.alertDate)}</span> },
    { key: 'households', header: t('alerts.households'), sortKey: 'households', numeric: true, cell: (a) => format.number(a.households) },
    {
      key: 'status',
      header: t('alerts.status'),
      sortKey: 'status',
      cell: (a) => (
        <span>
          <AlertStatusBadge status={a.status} />
        </span>
      ),
    },
    {
      key: 'phase',
      header: t('alerts.phase'),
      cell: (a) => (
        <span className="badges badges-stacked">
          <PhaseBadge phase={a.continuum.phase} month={a.continuum.month} />
          <RrmCountdown continuum={a.continuum} />
        </span>
      ),
    },
  ];

  const chip = (name: 'rrmEndsWithinDays' | 'rrmLate', on: string, label: string) => {
    const pressed = filters[name] !== '';
    return (
      <button type="button" className="chip" aria-pressed={pressed} onClick={() => list.setFilter(name, pressed ? '' : on)}>
        {label}
      </button>
    );
  };

  /** One URL change: a cercle outside the new region would leave the list empty for no visible reason. */
  function chooseRegion(region: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (region) next.set('region', region);
        else next.delete('region');
        if (region && !next.get('cercle')?.startsWith(region)) next.delete('cercle');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  }

  const emptyAndUnfiltered = result.data?.total === 0 && !list.isFiltered;

  return (
    <>
      <PageHeader
        title={t('alerts.listTitle')}
        actions={
          manage && (
            <>
              <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
                {t('alerts.import.open')}
              </button>
              <Link className="button" to="/alerts/new">
                {t('alerts.new')}
              </Link>
            </>
          )
        }
      />
      <FilterBar active={list.activeFilters} className="alert-filters">
        <SearchField label={t('alerts.searchLabel')} value={filters.q} onSearch={(q) => list.setFilter('q', q)} />
        <SelectField
          label={t('alerts.region')}
          value={filters.region}
          onChange={(event) => chooseRegion(event.target.value)}
          options={[{ value: '', label: t('alerts.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={t('alerts.status')}
          value={filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[
            { value: '', label: t('alerts.allStatuses') },
            { value: openStatuses, label: t('alerts.openStatuses') },
            ...alertStatuses.map((s) => ({ value: s, label: labels.status(s) })),
          ]}
        />
        <SelectField
          label={t('alerts.phase')}
          value={filters.phase}
          onChange={(event) => list.setFilter('phase', event.target.value)}
          options={[
            { value: '', label: t('alerts.allPhases') },
            { value: activePhaseFilter, label: t('alerts.activePhases') },
            ...phases.map((p) => ({ value: p, label: labels.phase(p) })),
          ]}
        />
        <details className="more-filters" open={moreFiltersSet > 0 || undefined}>
          <summary>{moreFiltersSet > 0 ? t('alerts.moreFiltersSet', { count: moreFiltersSet }) : t('alerts.moreFilters')}</summary>
          <div className="more-filters-body">
            <SelectField
              label={t('alerts.cercle')}
              value={filters.cercle}
              onChange={(event) => list.setFilter('cercle', event.target.value)}
              options={[
                { value: '', label: t('alerts.allCercles') },
                ...(cercles.data?.items ?? []).map((c) => ({ value: c.pcode, label: filters.region ? c.name : `${c.name} (${c.parentName ?? c.parentPcode ?? ''})` })),
              ]}
            />
            <SelectField
              label={t('alerts.shockType')}
              value={filters.shockType}
              onChange={(event) => list.setFilter('shockType', event.target.value)}
              options={[{ value: '', label: t('alerts.allShockTypes') }, ...shockTypes.map((s) => ({ value: s, label: labels.shockType(s) }))]}
            />
            <TextField type="date" label={t('alerts.alertDateFrom')} value={filters.from} max={filters.to || undefined} onChange={(event) => list.setFilter('from', event.target.value)} />
            <TextField type="date" label={t('alerts.alertDateTo')} value={filters.to} min={filters.from || undefined} onChange={(event) => list.setFilter('to', event.target.value)} />
            <TextField type="date" label={t('alerts.phasesAt')} value={filters.at} onChange={(event) => list.setFilter('at', event.target.value)} />
          </div>
        </details>
        <div className="chips" role="group" aria-label={t('alerts.readyFilters')}>
          {chip('rrmEndsWithinDays', endingSoonDays, t('alerts.rrmEndsWithin', { count: Number(filters.rrmEndsWithinDays || endingSoonDays) }))}
          {chip('rrmLate', 'true', t('alerts.rrmLate'))}
          {list.isFiltered && (
            <button type="button" className="link-button" onClick={list.clearFilters}>
              {t('list.clearFilters')}
            </button>
          )}
        </div>
      </FilterBar>
      {result.error ? (
        <ProblemNotice error={result.error} />
      ) : (
        <>
          <div className="list-bar">
            <ResultCount total={result.data?.total} />
            {result.data && result.data.total > 0 && (
              <span className="muted list-summary">
                {t('alerts.listSummary', {
                  households: format.number(result.data.summary.households),
                  persons: format.number(result.data.summary.persons),
                  count: result.data.summary.localities,
                  localities: format.number(result.data.summary.localities),
                })}
              </span>
            )}
            {result.data && result.data.total > 0 && (
              <ExportLinks urlOf={(format) => exportUrl(format, list.query)} />
            )}
          </div>
          {result.data && result.data.total === 0 ? (
            emptyAndUnfiltered ? (
              <EmptyState
                title={t('alerts.emptyTitle')}
                action={
                  manage && (
                    <Link className="button" to="/alerts/new">
                      {t('alerts.createFirst')}
                    </Link>
                  )
                }
              >
                <p>{t('alerts.emptyText')}</p>
              </EmptyState>
            ) : (
              <EmptyState
                title={t('alerts.noMatch')}
                action={
                  <button type="button" className="button button-secondary" onClick={list.clearFilters}>
                    {t('list.clearFilters')}
                  </button>
                }
              />
            )
          ) : (
            <div className="compact-table alert-list-table">
              <DataTable
                caption={t('alerts.caption')}
                columns={columns}
                rows={result.data?.items ?? []}
                rowKey={(a) => a.id}
                sort={list.sort}
                onSort={list.toggleSort}
                busy={result.isPlaceholderData}
              />
            </div>
          )}
          {result.data && <Pagination page={list.page} pageSize={list.pageSize} total={result.data.total} onPageChange={list.setPage} />}
        </>
      )}
      {manage && (
        <ImportDialog
          open={importing}
          onClose={() => setImporting(false)}
          title={t('alerts.import.title')}
          intro={t('alerts.import.intro')}
          upload={importAlerts}
          onCommitted={afterImport}
        />
      )}
    </>
  );
}
