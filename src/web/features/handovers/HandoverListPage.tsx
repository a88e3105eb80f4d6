import { Link } from 'react-router';
import { handoverStatusLabels } from '../../../shared/contracts/handovers.ts';
import { handoverStatuses } from '../../../shared/handovers.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useFormat } from '../../i18n/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ExportLinks } from '../../ui/ExportLinks.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { handoverFiles, useHandovers } from './handovers.api.ts';
import { useHandoversT } from './i18n.ts';
import { FilterBar } from '../../ui/FilterBar.tsx';

const filterDefaults = { region: '', status: '', monthFrom: '', leavingWithinDays: '', overdue: '' };

/** Every handover by locality and shock, with the filters the coordination asks for. */
export default function HandoverListPage() {
  const ht = useHandoversT();
  const format = useFormat();
  const language = currentLanguage();
  const list = useListParams({ filters: filterDefaults, sort: 'shockDate' });
  const { filters } = list;
  const query = Object.fromEntries(Object.entries({ ...list.query, sort: undefined }).filter(([, v]) => v !== '' && v !== undefined));
  const result = useHandovers(query);
  const regions = useRegions();

  return (
    <>
      <PageHeader title={ht('list.title')}>
        <p className="lead">{ht('list.lead')}</p>
      </PageHeader>
      <FilterBar active={list.activeFilters}>
        <SelectField
          label={ht('list.region')}
          value={filters.region}
          onChange={(event) => list.setFilter('region', event.target.value)}
          options={[{ value: '', label: ht('list.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={ht('list.status')}
          value={filters.status}
          onChange={(event) => list.setFilter('status', event.target.value)}
          options={[{ value: '', label: ht('list.allStatuses') }, ...handoverStatuses.map((s) => ({ value: s, label: handoverStatusLabels[s][language] }))]}
        />
        <SelectField
          label={ht('list.monthFrom')}
          value={filters.monthFrom}
          onChange={(event) => list.setFilter('monthFrom', event.target.value)}
          options={[{ value: '', label: '—' }, ...[10, 11, 12, 13, 18, 24].map((m) => ({ value: String(m), label: ht('list.monthN', { month: m }) }))]}
        />
        <label className="checkbox filter-checkbox">
          <input
            type="checkbox"
            checked={filters.leavingWithinDays === '60'}
            onChange={(event) => list.setFilter('leavingWithinDays', event.target.checked ? '60' : '')}
          />
          <span>{ht('list.leaving')}</span>
        </label>
        <label className="checkbox filter-checkbox">
          <input type="checkbox" checked={filters.overdue === 'true'} onChange={(event) => list.setFilter('overdue', event.target.checked ? 'true' : '')} />
          <span>{ht('list.overdueOnly')}</span>
        </label>
      </FilterBar>
      <div className="list-toolbar">
        <ResultCount total={result.data?.total} />
        <ExportLinks urlOf={(f) => handoverFiles.list(f, query)} />
      </div>
      {result.error && <ProblemNotice error={result.error} />}
      {result.data?.total === 0 ? (
        <EmptyState title={ht('list.empty')} />
      ) : (
        result.data && (
          <>
            <div className="table-scroll">
              <table className="data-table">
                <caption className="visually-hidden">{ht('list.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{ht('list.locality')}</th>
                    <th scope="col">{ht('list.shock')}</th>
                    <th scope="col">{ht('list.month')}</th>
                    <th scope="col">{ht('list.resilienceFrom')}</th>
                    <th scope="col">{ht('list.status')}</th>
                    <th scope="col">{ht('list.actors')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.items.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <Link to={`/handovers/${h.id}`}>{h.locality.name}</Link>
                        <div className="muted">{[h.locality.adm3Name, h.locality.adm1Name].filter(Boolean).join(', ')}</div>
                      </td>
                      <td>
                        {h.shock.code}
                        <div className="muted">{format.date(h.shock.shockDate)}</div>
                      </td>
                      <td>{h.month !== null ? ht('list.monthN', { month: h.month }) : '—'}</td>
                      <td>{format.date(addDaysBefore(h.resilienceFrom))}</td>
                      <td>
                        <span className={`badge badge-handover-${h.status}`}>{handoverStatusLabels[h.status][language]}</span>
                        {h.overdue && <span className="badge badge-overdue">{ht('list.overdue')}</span>}
                      </td>
                      <td>{h.actors.map((a) => a.acronym).join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={result.data.page} pageSize={result.data.pageSize} total={result.data.total} onPageChange={list.setPage} />
          </>
        )
      )}
    </>
  );
}

/** The last day of post-RRM: the day before resilience starts. */
function addDaysBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
