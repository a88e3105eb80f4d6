import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConformityReport, DeviatingResponse } from '../../../shared/contracts/packages.ts';
import { sectors } from '../../../shared/sectors.ts';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { usePackagesT } from './i18n.ts';
import { usePackageLabels } from './labels.tsx';
import { useConformity } from './packages.api.ts';
import { PackagesNav } from './PackagesNav.tsx';
import './packages.css';
import { FilterBar } from '../../ui/FilterBar.tsx';

type SectorRow = ConformityReport['sectors'][number];
type Cell = ConformityReport['cells'][number];
type Usage = ConformityReport['usage'][number];

function Share({ part, whole }: { part: number; whole: number }) {
  const labels = usePackageLabels();
  const share = whole > 0 ? part / whole : 0;
  return (
    <span>
      <span className="conformity-bar-track" aria-hidden="true">
        <span className="conformity-bar" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>{' '}
      {labels.number(Math.round(share * 100))} %
    </span>
  );
}

/** For coordinators and cluster focal points: how far the response follows the endorsed packages, and who falls short. */
export default function ConformityPage() {
  const { t } = useTranslation();
  const pt = usePackagesT();
  const labels = usePackageLabels();
  const regions = useRegions();
  const list = useListParams({ filters: { sector: '', region: '', from: '', to: '' } });
  const { filters } = list;
  const { page: _page, pageSize: _pageSize, ...query } = list.query;
  const report = useConformity(query);
  const data = report.data;

  const sectorColumns: Column<SectorRow>[] = [
    { key: 'sector', header: pt('columns.sector'), cell: (s) => labels.sector(s.sector) },
    { key: 'households', header: pt('conformity.households'), numeric: true, cell: (s) => labels.number(s.households) },
    { key: 'withPackage', header: pt('conformity.withPackage'), numeric: true, cell: (s) => labels.number(s.withPackage) },
    { key: 'share', header: pt('conformity.share'), cell: (s) => <Share part={s.withPackage} whole={s.households} /> },
    { key: 'following', header: pt('conformity.following'), numeric: true, cell: (s) => labels.number(s.following) },
    { key: 'deviating', header: pt('conformity.deviating'), numeric: true, cell: (s) => labels.number(s.deviating) },
  ];
  const cellColumns: Column<Cell>[] = [
    { key: 'sector', header: pt('columns.sector'), cell: (c) => labels.sector(c.sector) },
    { key: 'region', header: pt('conformity.region'), cell: (c) => c.regionName || pt('detail.none') },
    { key: 'period', header: pt('conformity.period'), cell: (c) => c.period },
    { key: 'households', header: pt('conformity.households'), numeric: true, cell: (c) => labels.number(c.households) },
    { key: 'share', header: pt('conformity.share'), cell: (c) => <Share part={c.withPackage} whole={c.households} /> },
    { key: 'following', header: pt('conformity.following'), numeric: true, cell: (c) => labels.number(c.following) },
    { key: 'deviating', header: pt('conformity.deviating'), numeric: true, cell: (c) => labels.number(c.deviating) },
  ];
  const shortfall = (d: DeviatingResponse) =>
    [
      d.deviation.valueShortfall > 0 &&
        pt('conformity.valueShort', {
          pct: `${labels.number(Math.round(d.deviation.valueShortfall * 100))} %`,
          delivered: labels.number(d.deliveredValueXof ?? 0),
          expected: labels.number(d.package.transferValueXof ?? 0),
        }),
      d.deviation.durationShortfallMonths > 0 && pt('conformity.durationShort', { count: d.deviation.durationShortfallMonths }),
      d.deviation.missingComponents.length > 0 && pt('conformity.missing', { items: d.deviation.missingComponents.join(', ') }),
    ]
      .filter(Boolean)
      .join(' ; ');
  const deviatingColumns: Column<DeviatingResponse>[] = [
    { key: 'period', header: pt('conformity.period'), cell: (d) => `${d.period} (${pt(`kind.${d.kind}`)})` },
    { key: 'organisation', header: pt('conformity.organisation'), cell: (d) => d.organisation },
    { key: 'sector', header: pt('columns.sector'), cell: (d) => labels.sector(d.sector) },
    { key: 'locality', header: pt('conformity.locality'), cell: (d) => (d.kind === '5w' ? <Link to={`/responses/${d.id}`}>{d.locality}</Link> : d.locality) },
    { key: 'households', header: pt('conformity.households'), numeric: true, cell: (d) => labels.number(d.households) },
    {
      key: 'package',
      header: pt('conformity.package'),
      cell: (d) => <Link to={`/packages/${d.package.id}`}>{`${d.package.name} (${labels.revision(d.package.revision)})`}</Link>,
    },
    { key: 'shortfall', header: pt('conformity.shortfall'), cell: shortfall },
  ];
  const usageColumns: Column<Usage>[] = [
    { key: 'organisation', header: pt('conformity.organisation'), cell: (u) => u.organisation },
    { key: 'sector', header: pt('columns.sector'), cell: (u) => labels.sector(u.sector) },
    {
      key: 'package',
      header: pt('conformity.package'),
      cell: (u) => <Link to={`/packages/${u.packageId}`}>{`${u.packageName} (${labels.revision(u.revision)})`}</Link>,
    },
    { key: 'responses', header: pt('conformity.responses'), numeric: true, cell: (u) => labels.number(u.responses) },
    { key: 'households', header: pt('conformity.households'), numeric: true, cell: (u) => labels.number(u.households) },
    { key: 'deviating', header: pt('conformity.deviating'), numeric: true, cell: (u) => labels.number(u.deviating) },
  ];

  return (
    <>
      <PageHeader title={pt('conformity.title')}>
        <p className="lead">{pt('conformity.lead')}</p>
      </PageHeader>
      <PackagesNav />
      <FilterBar active={list.activeFilters}>
        <SelectField
          label={pt('filters.sector')}
          value={filters.sector}
          onChange={(e) => list.setFilter('sector', e.target.value)}
          options={[{ value: '', label: pt('filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
        />
        <SelectField
          label={pt('conformity.region')}
          value={filters.region}
          onChange={(e) => list.setFilter('region', e.target.value)}
          options={[{ value: '', label: pt('conformity.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <TextField
          type="month"
          label={pt('conformity.from')}
          value={filters.from || data?.from || ''}
          onChange={(e) => list.setFilter('from', e.target.value)}
        />
        <TextField type="month" label={pt('conformity.to')} value={filters.to || data?.to || ''} onChange={(e) => list.setFilter('to', e.target.value)} />
      </FilterBar>
      {report.error && <ProblemNotice error={report.error} />}
      {!data && !report.error && <p className="page-loading">{t('common.loading')}</p>}
      {data &&
        (data.cells.length === 0 ? (
          <EmptyState title={pt('conformity.noData')} />
        ) : (
          <>
            <h2 className="package-section-title">{pt('conformity.bySector')}</h2>
            <DataTable
              caption={pt('conformity.bySector')}
              columns={sectorColumns}
              rows={data.sectors.filter((s) => s.households > 0)}
              rowKey={(s) => s.sector}
              busy={report.isPlaceholderData}
            />
            <h2 className="package-section-title">{pt('conformity.deviatingTitle')}</h2>
            {data.deviating.length === 0 ? (
              <p>{pt('conformity.noDeviation')}</p>
            ) : (
              <DataTable caption={pt('conformity.deviatingTitle')} columns={deviatingColumns} rows={data.deviating.slice(0, 200)} rowKey={(d) => d.id} />
            )}
            <h2 className="package-section-title">{pt('conformity.usageTitle')}</h2>
            <DataTable caption={pt('conformity.usageTitle')} columns={usageColumns} rows={data.usage} rowKey={(u) => `${u.organisation}-${u.packageId}`} />
            <h2 className="package-section-title">{pt('conformity.cells')}</h2>
            <DataTable caption={pt('conformity.cells')} columns={cellColumns} rows={data.cells} rowKey={(c) => `${c.sector}-${c.regionPcode}-${c.period}`} />
          </>
        ))}
    </>
  );
}
