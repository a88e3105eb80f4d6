import { useTranslation } from 'react-i18next';
import { trendMonths } from '../../../shared/dashboard.ts';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useAreas } from './dashboard.api.ts';
import type { DashboardParams } from '../../../shared/dashboard-first-load.ts';
import { useLanguage } from './useLanguage.ts';

/** Region (or cercle within a region), sector, period and date of the figures. */
export function DashboardFilters({ values, set, regionFixed }: { values: DashboardParams; set: (name: keyof DashboardParams, value: string) => void; regionFixed?: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const regions = useAreas(1, null);
  const cercles = useAreas(2, regionFixed ? values.region : null);
  return (
    <div className="filters dashboard-filters" role="search" aria-label={t('dashboard.filters.label')}>
      {regionFixed ? (
        <SelectField
          label={t('dashboard.filters.cercle')}
          value={values.cercle}
          onChange={(event) => set('cercle', event.target.value)}
          options={[{ value: '', label: t('dashboard.filters.allCercles') }, ...(cercles.data?.items ?? []).map((c) => ({ value: c.pcode, label: c.name }))]}
        />
      ) : (
        <SelectField
          label={t('dashboard.filters.region')}
          value={values.region}
          onChange={(event) => set('region', event.target.value)}
          options={[{ value: '', label: t('dashboard.filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
        />
      )}
      <SelectField
        label={t('dashboard.filters.sector')}
        value={values.sector}
        onChange={(event) => set('sector', event.target.value)}
        options={[{ value: '', label: t('dashboard.filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: sectorLabels[s][language] }))]}
      />
      <SelectField
        label={t('dashboard.filters.months')}
        value={values.months}
        onChange={(event) => set('months', event.target.value)}
        options={trendMonths.map((m) => ({ value: String(m), label: t('dashboard.filters.lastMonths', { count: m }) }))}
      />
      <TextField label={t('dashboard.filters.at')} type="date" value={values.at} onChange={(event) => set('at', event.target.value)} />
    </div>
  );
}
