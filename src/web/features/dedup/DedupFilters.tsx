import { useTranslation } from 'react-i18next';
import { sectors } from '../../../shared/sectors.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useListLabels } from '../lists/labels.ts';
import { useDedupT } from './i18n.ts';

export interface DedupFilterValues {
  region: string;
  sector: string;
  from: string;
  to: string;
}

/** Region, sector and period (months, or days for the overlap), kept in the URL by the page. */
export function DedupFilters({
  filters,
  setFilter,
  period,
  children,
}: {
  filters: DedupFilterValues;
  setFilter: (name: keyof DedupFilterValues, value: string) => void;
  period: 'month' | 'date';
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const dt = useDedupT();
  const labels = useListLabels();
  const regions = useRegions();
  return (
    <div className="filters" role="search" aria-label={t('list.filters')}>
      <SelectField
        label={dt('filters.region')}
        value={filters.region}
        onChange={(e) => setFilter('region', e.target.value)}
        options={[{ value: '', label: dt('filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
      />
      <SelectField
        label={dt('filters.sector')}
        value={filters.sector}
        onChange={(e) => setFilter('sector', e.target.value)}
        options={[{ value: '', label: dt('filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
      />
      <TextField type={period} label={dt('filters.from')} value={filters.from} onChange={(e) => setFilter('from', e.target.value)} />
      <TextField type={period} label={dt('filters.to')} value={filters.to} onChange={(e) => setFilter('to', e.target.value)} />
      {children}
    </div>
  );
}
