import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Capacity, fundingStatuses } from '../../../shared/contracts/capacities.ts';
import { can } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { currentPeriod, useResponseLabels } from '../responses/labels.ts';
import { MonthlyReportImportDialog } from '../responses/MonthlyReportImportDialog.tsx';
import { CapacityFormDialog } from './CapacityFormDialog.tsx';
import { capacityExportUrl, capacityTemplateUrl, useCapacityList, useCapacitySummary } from './capacities.api.ts';
import '../responses/responses.css';
import { useFiveWT } from '../responses/i18n.ts';
import { TableWrap } from '../../ui/TableWrap.tsx';
import { FilterBar } from '../../ui/FilterBar.tsx';

const defaults = { period: '', organisationId: '', sector: '', region: '', fundingStatus: '' };

/** Who could do more, where: capacities declared by organisation, sector, region and month. */
export default function CapacityListPage() {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const user = useCurrentUser();
  const labels = useResponseLabels();
  const format = useFormat();
  const list = useListParams({ filters: { ...defaults, period: currentPeriod() }, sort: 'region' });
  const { filters } = list;
  const readRecords = can(user, 'response:read');
  const capacities = useCapacityList(list.query, readRecords);
  const summary = useCapacitySummary({ period: filters.period || currentPeriod(), sector: filters.sector || undefined });
  const organisations = useActiveOrganisations();
  const regions = useRegions();
  const [editing, setEditing] = useState<Capacity | null | 'new'>(null);
  const [importing, setImporting] = useState(false);
  const write = can(user, 'capacity:write');

  const columns: Column<Capacity>[] = [
    { key: 'region', header: ft('capacities.fields.region'), sortKey: 'region', cell: (c) => c.region.name },
    { key: 'sector', header: ft('capacities.fields.sector'), sortKey: 'sector', cell: (c) => labels.sector(c.sector) },
    { key: 'organisation', header: ft('capacities.fields.organisation'), sortKey: 'organisation', cell: (c) => <abbr title={c.organisation.name}>{c.organisation.acronym}</abbr> },
    { key: 'households', header: ft('capacities.fields.households'), sortKey: 'households', numeric: true, cell: (c) => format.number(c.households) },
    { key: 'funding', header: ft('capacities.fields.fundingStatus'), cell: (c) => labels.funding(c.fundingStatus) },
    { key: 'stock', header: ft('capacities.fields.stock'), cell: (c) => c.stock ?? t('common.empty') },
    { key: 'contact', header: ft('capacities.fields.contactName'), cell: (c) => [c.contactName, c.contactPhone].filter(Boolean).join(' · ') || t('common.empty') },
    ...(write
      ? [
          {
            key: 'edit',
            header: ft('capacities.actions'),
            cell: (c: Capacity) =>
              can(user, 'capacity:write', { organisationId: c.organisation.id, regionPcodes: [c.region.pcode] }) ? (
                <button type="button" className="link-button" onClick={() => setEditing(c)}>
                  {t('common.edit')}
                </button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={ft('capacities.title')}
        actions={
          write && (
            <>
              <button type="button" className="button button-secondary" onClick={() => setImporting(true)}>
                {ft('responses.import.open')}
              </button>
              <button type="button" className="button" onClick={() => setEditing('new')}>
                {ft('capacities.new')}
              </button>
            </>
          )
        }
      />
      <FilterBar active={list.activeFilters} className="response-filters">
        <TextField type="month" label={ft('capacities.fields.period')} value={filters.period} onChange={(e) => list.setFilter('period', e.target.value)} />
        <SelectField
          label={ft('capacities.fields.sector')}
          value={filters.sector}
          onChange={(e) => list.setFilter('sector', e.target.value)}
          options={[{ value: '', label: ft('responses.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
        />
        {/* The summary is by region and sector for everyone; the other filters choose records, which donors do not see. */}
        {readRecords && (
          <>
        <SelectField
          label={ft('capacities.fields.region')}
          value={filters.region}
          onChange={(e) => list.setFilter('region', e.target.value)}
          options={[{ value: '', label: ft('responses.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={ft('capacities.fields.organisation')}
          value={filters.organisationId}
          onChange={(e) => list.setFilter('organisationId', e.target.value)}
          options={[{ value: '', label: ft('responses.allOrganisations') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.acronym }))]}
        />
        <SelectField
          label={ft('capacities.fields.fundingStatus')}
          value={filters.fundingStatus}
          onChange={(e) => list.setFilter('fundingStatus', e.target.value)}
          options={[{ value: '', label: ft('capacities.allFunding') }, ...fundingStatuses.map((f) => ({ value: f, label: labels.funding(f) }))]}
        />
          </>
        )}
      </FilterBar>

      <section className="panel" aria-labelledby="capacity-summary-title">
        <h2 id="capacity-summary-title">{ft('capacities.summary.title', { month: labels.month(filters.period || currentPeriod()) })}</h2>
        <p className="field-hint">{ft('capacities.summary.rule')}</p>
        {summary.error ? (
          <ProblemNotice error={summary.error} />
        ) : summary.data && summary.data.regions.length === 0 ? (
          <Notice tone="info" title={ft('capacities.summary.empty')} />
        ) : (
          <TableWrap label={ft('capacities.summary.caption')} className="sticky-first">
            <table className="data-table capacity-summary">
              <caption className="visually-hidden">{ft('capacities.summary.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{ft('capacities.fields.region')}</th>
                  {sectors.map((s) => (
                    <th key={s} scope="col" className="numeric">
                      {labels.sector(s)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {(summary.data?.regions ?? []).map((region) => (
                  <tr key={region.pcode}>
                    <th scope="row">{region.name}</th>
                    {sectors.map((s) => {
                      const cell = region.sectors.find((c) => c.sector === s);
                      return (
                        <td key={s} className="numeric" data-label={labels.sector(s)}>
                          {cell && (
                            <>
                              {format.number(cell.households)}
                              <small>{ft('capacities.summary.organisations', { count: cell.organisations })}</small>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      {readRecords &&
        (capacities.error ? (
          <ProblemNotice error={capacities.error} />
        ) : (
          <>
            <div className="list-bar">
              <ResultCount total={capacities.data?.total} />
              {capacities.data && capacities.data.total > 0 && (
                <ExportLinks urlOf={(format) => capacityExportUrl(format, list.query)} />
              )}
            </div>
            {capacities.data?.total === 0 ? (
              <EmptyState title={ft('capacities.empty')} />
            ) : (
              <DataTable caption={ft('capacities.caption')} columns={columns} rows={capacities.data?.items ?? []} rowKey={(c) => c.id} sort={list.sort} onSort={list.toggleSort} busy={capacities.isPlaceholderData} />
            )}
            {capacities.data && <Pagination page={list.page} pageSize={list.pageSize} total={capacities.data.total} onPageChange={list.setPage} />}
          </>
        ))}
      {editing !== null && <CapacityFormDialog key={editing === 'new' ? 'new' : editing.id} capacity={editing === 'new' ? null : editing} open onClose={() => setEditing(null)} />}
      {write && <MonthlyReportImportDialog open={importing} onClose={() => setImporting(false)} kind="capacities" templateUrl={capacityTemplateUrl} />}
    </>
  );
}
