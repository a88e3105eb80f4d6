import { useTranslation } from 'react-i18next';
import { followUpStatuses } from '../../../shared/contracts/gaps.ts';
import { gapStatuses } from '../../../shared/gaps.ts';
import { phases } from '../../../shared/phases.ts';
import { sectors } from '../../../shared/sectors.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { useRegions } from '../gazetteer/gazetteer.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';

/** The filters of the gap list and matrix, all kept in the URL. */
export const gapFilterDefaults = { at: '', horizonDays: '', region: '', sector: '', status: '', phase: '', upcoming: '', open: 'true', followUp: '', q: '', localityId: '' };
export type GapFilterName = keyof typeof gapFilterDefaults;

interface GapFiltersProps {
  filters: Record<GapFilterName, string>;
  setFilter: (name: GapFilterName, value: string) => void;
  /** The matrix shows every status: its own filters stop at place, sector and phase. */
  compact?: boolean;
}

export function GapFilters({ filters, setFilter, compact }: GapFiltersProps) {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const regions = useRegions();
  return (
    <div className="filters gap-filters" role="search" aria-label={t('list.filters')}>
      <TextField type="date" label={gt('gaps.filters.at')} value={filters.at} onChange={(e) => setFilter('at', e.target.value)} />
      <TextField type="number" min={0} max={365} label={gt('gaps.filters.horizon')} value={filters.horizonDays} onChange={(e) => setFilter('horizonDays', e.target.value)} />
      <SelectField
        label={gt('gaps.filters.region')}
        value={filters.region}
        onChange={(e) => setFilter('region', e.target.value)}
        options={[{ value: '', label: gt('gaps.filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
      />
      <SelectField
        label={gt('gaps.filters.sector')}
        value={filters.sector}
        onChange={(e) => setFilter('sector', e.target.value)}
        options={[{ value: '', label: gt('gaps.filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
      />
      <SelectField
        label={gt('gaps.filters.phase')}
        value={filters.phase}
        onChange={(e) => setFilter('phase', e.target.value)}
        options={[{ value: '', label: gt('gaps.filters.allPhases') }, ...phases.map((p) => ({ value: p, label: labels.phase(p) }))]}
      />
      {!compact && (
        <>
          <SelectField
            label={gt('gaps.filters.status')}
            value={filters.status}
            onChange={(e) => setFilter('status', e.target.value)}
            options={[{ value: '', label: gt('gaps.filters.allStatuses') }, ...gapStatuses.map((s) => ({ value: s, label: labels.status(s) }))]}
          />
          <SelectField
            label={gt('gaps.filters.open')}
            value={filters.open}
            onChange={(e) => setFilter('open', e.target.value)}
            options={[
              { value: 'true', label: gt('gaps.filters.openOnly') },
              { value: '', label: gt('gaps.filters.openAll') },
            ]}
          />
          <SelectField
            label={gt('gaps.filters.upcoming')}
            value={filters.upcoming}
            onChange={(e) => setFilter('upcoming', e.target.value)}
            options={[
              { value: '', label: gt('gaps.filters.upcomingAll') },
              { value: 'true', label: gt('gaps.filters.upcomingOnly') },
            ]}
          />
          <SelectField
            label={gt('gaps.filters.followUp')}
            value={filters.followUp}
            onChange={(e) => setFilter('followUp', e.target.value)}
            options={[
              { value: '', label: gt('gaps.filters.followUpAll') },
              { value: 'none', label: gt('gaps.filters.followUpNone') },
              ...followUpStatuses.map((s) => ({ value: s, label: labels.followUp(s) })),
            ]}
          />
          <SearchField label={gt('gaps.filters.search')} value={filters.q} onSearch={(value) => setFilter('q', value)} />
        </>
      )}
    </div>
  );
}
