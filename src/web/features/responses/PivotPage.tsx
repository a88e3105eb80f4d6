import { useTranslation } from 'react-i18next';
import { type PivotDimension, type PivotFigures, pivotDimensions, type PivotResult } from '../../../shared/contracts/responses.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useResponseLabels } from './labels.ts';
import { ResponsesNav } from './ResponsesNav.tsx';
import { usePivot } from './responses.api.ts';
import './responses.css';
import { useFiveWT } from './i18n.ts';
import { TableWrap } from '../../ui/TableWrap.tsx';
import { FilterBar } from '../../ui/FilterBar.tsx';

const measures = ['householdsReached', 'householdsTargeted', 'actors', 'records'] as const;
type Measure = (typeof measures)[number];

const defaults = { rows: 'sector', cols: 'adm1', measure: 'householdsReached', periodFrom: '', periodTo: '', region: '', sector: '', organisationId: '' };

/**
 * The 5W crossed by any two of organisation, sector, region, cercle, commune and month. Totals
 * come from the server, computed again from the records: households are never added across
 * sectors or months, so a row's total is not the sum of its cells.
 */
export default function PivotPage() {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const labels = useResponseLabels();
  const format = useFormat();
  const user = useCurrentUser();
  const list = useListParams({ filters: defaults });
  const { filters } = list;
  const regions = useRegions();
  const organisations = useActiveOrganisations();
  const { rows, cols, measure: _measure, ...rest } = filters;
  const query = { rows, cols, ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== '')) };
  const pivot = usePivot(query);
  const measure = (measures as readonly string[]).includes(filters.measure) ? (filters.measure as Measure) : 'householdsReached';
  // Donors see the 5W aggregated by place, sector and month, never by organisation (the server refuses it too).
  const byOrganisation = seesOrganisationDetail(user);
  const dimensionOptions = pivotDimensions.filter((d) => byOrganisation || d !== 'organisation').map((d) => ({ value: d, label: labels.dimension(d) }));

  return (
    <>
      <PageHeader title={ft('responses.pivot.title')} />
      <ResponsesNav />
      <FilterBar active={list.activeFilters} className="pivot-filters">
        <SelectField label={ft('responses.pivot.rows')} value={rows} onChange={(e) => list.setFilter('rows', e.target.value)} options={dimensionOptions} />
        <SelectField label={ft('responses.pivot.cols')} value={cols} onChange={(e) => list.setFilter('cols', e.target.value)} options={dimensionOptions} />
        <SelectField
          label={ft('responses.pivot.measure')}
          value={measure}
          onChange={(e) => list.setFilter('measure', e.target.value)}
          options={measures.map((m) => ({ value: m, label: ft(`responses.pivot.measures.${m}`) }))}
        />
        <TextField type="month" label={ft('responses.pivot.from')} value={filters.periodFrom} onChange={(e) => list.setFilter('periodFrom', e.target.value)} />
        <TextField type="month" label={ft('responses.pivot.to')} value={filters.periodTo} onChange={(e) => list.setFilter('periodTo', e.target.value)} />
        <SelectField
          label={ft('responses.region')}
          value={filters.region}
          onChange={(e) => list.setFilter('region', e.target.value)}
          options={[{ value: '', label: ft('responses.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
        <SelectField
          label={ft('responses.fields.sector')}
          value={filters.sector}
          onChange={(e) => list.setFilter('sector', e.target.value)}
          options={[{ value: '', label: ft('responses.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
        />
        {byOrganisation && (
          <SelectField
            label={ft('responses.fields.organisation')}
            value={filters.organisationId}
            onChange={(e) => list.setFilter('organisationId', e.target.value)}
            options={[{ value: '', label: ft('responses.allOrganisations') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: o.acronym }))]}
          />
        )}
      </FilterBar>
      <p className="field-hint">{ft('responses.pivot.rule')}</p>
      {pivot.error ? (
        <ProblemNotice error={pivot.error} />
      ) : !pivot.data ? (
        <p role="status">{t('common.loading')}</p>
      ) : pivot.data.rowHeaders.length === 0 ? (
        <Notice tone="info" title={ft('responses.noMatch')} />
      ) : (
        <PivotTable result={pivot.data} measure={measure} format={format.number} monthLabel={labels.month} caption={ft('responses.pivot.caption', { rows: labels.dimension(rows as PivotDimension), cols: labels.dimension(cols as PivotDimension) })} totalLabel={ft('responses.pivot.total')} />
      )}
    </>
  );
}

interface PivotTableProps {
  result: PivotResult;
  measure: Measure;
  format: (value: number) => string;
  monthLabel: (period: string) => string;
  caption: string;
  totalLabel: string;
}

export function PivotTable({ result, measure, format, monthLabel, caption, totalLabel }: PivotTableProps) {
  const key = (row: string | null, col: string | null) => `${row ?? ''}\u0000${col ?? ''}`;
  const cells = new Map(result.cells.map((c) => [key(c.row, c.col), c]));
  const rowTotals = new Map(result.rowTotals.map((c) => [c.row, c]));
  const colTotals = new Map(result.colTotals.map((c) => [c.col, c]));
  const value = (figures: PivotFigures | undefined) => (figures ? format(figures[measure]) : '');
  const header = (dimension: PivotDimension, label: string, headerKey: string | null) => (dimension === 'month' && headerKey ? monthLabel(headerKey) : label);
  return (
    <TableWrap label={caption} className="sticky-first">
      <table className="data-table pivot-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <td />
            {result.colHeaders.map((h) => (
              <th key={h.key ?? ''} scope="col" className="numeric">
                {header(result.cols, h.label, h.key)}
              </th>
            ))}
            <th scope="col" className="numeric pivot-total">
              {totalLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.rowHeaders.map((r) => (
            <tr key={r.key ?? ''}>
              <th scope="row">{header(result.rows, r.label, r.key)}</th>
              {result.colHeaders.map((c) => (
                <td key={c.key ?? ''} className="numeric">
                  {value(cells.get(key(r.key, c.key)))}
                </td>
              ))}
              <td className="numeric pivot-total">{value(rowTotals.get(r.key))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{totalLabel}</th>
            {result.colHeaders.map((c) => (
              <td key={c.key ?? ''} className="numeric pivot-total">
                {value(colTotals.get(c.key))}
              </td>
            ))}
            <td className="numeric pivot-total">{value(result.total)}</td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}
