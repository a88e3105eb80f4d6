import { followUpStatuses } from '../../../shared/contracts/gaps.ts';
import { gapStatuses } from '../../../shared/gaps.ts';
import { phases } from '../../../shared/phases.ts';
import { sectors } from '../../../shared/sectors.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { SearchField } from '../../ui/SearchField.tsx';
import { openGapStatuses } from '../../../shared/dashboard.ts';
import { useAdminAreas, useRegions } from '../gazetteer/gazetteer.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';
import { FilterBar } from '../../ui/FilterBar.tsx';

/** The filters of the gap list and matrix, all kept in the URL. */
export const gapFilterDefaults = { at: '', horizonDays: '', region: '', cercle: '', sector: '', status: '', phase: '', upcoming: '', open: 'true', followUp: '', q: '', localityId: '' };
export type GapFilterName = keyof typeof gapFilterDefaults;

interface GapFiltersProps {
  filters: Record<GapFilterName, string>;
  /** One URL change for all the filters given. */
  setFilters: (values: Partial<Record<GapFilterName, string>>) => void;
  /** The matrix shows every status: its own filters stop at place, sector and phase. */
  compact?: boolean;
}

export function GapFilters({ filters, setFilters, compact }: GapFiltersProps) {
  const setFilter = (name: GapFilterName, value: string) => setFilters({ [name]: value });
  const gt = useGapsT();
  const labels = useGapLabels();
  const regions = useRegions();
  const cercles = useAdminAreas({ level: 2, parent: filters.region || undefined, pageSize: 100 }, Boolean(filters.region));
  // Follow-ups are internal notes: not offered to readers of aggregated figures.
  const followUps = seesOrganisationDetail(useCurrentUser());
  const active = (Object.keys(gapFilterDefaults) as GapFilterName[]).filter((name) => filters[name] !== gapFilterDefaults[name]).length;
  return (
    <FilterBar active={active} className="gap-filters">
      <TextField type="date" label={gt('gaps.filters.at')} value={filters.at} onChange={(e) => setFilter('at', e.target.value)} />
      <TextField type="number" min={0} max={365} label={gt('gaps.filters.horizon')} value={filters.horizonDays} onChange={(e) => setFilter('horizonDays', e.target.value)} />
      <SelectField
        label={gt('gaps.filters.region')}
        value={filters.region}
        // Another region has other cercles.
        onChange={(e) => setFilters({ region: e.target.value, cercle: '' })}
        options={[{ value: '', label: gt('gaps.filters.allRegions') }, ...(regions.data?.items ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
      />
      {(filters.region || filters.cercle) && (
        <SelectField
          label={gt('gaps.filters.cercle')}
          value={filters.cercle}
          onChange={(e) => setFilter('cercle', e.target.value)}
          options={[
            { value: '', label: gt('gaps.filters.allCercles') },
            // The one in the URL stays shown while the region's cercles load (or when it came without its region).
            ...(cercles.data?.items ?? []).map((c) => ({ value: c.pcode, label: c.name })),
            ...(filters.cercle && !cercles.data?.items.some((c) => c.pcode === filters.cercle) ? [{ value: filters.cercle, label: filters.cercle }] : []),
          ]}
        />
      )}
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
            options={[
              { value: '', label: gt('gaps.filters.allStatuses') },
              // The dashboard's open gaps link here: the filter it applies is shown as chosen.
              { value: openGapStatuses.join(','), label: gt('gaps.filters.openStatuses') },
              ...gapStatuses.map((s) => ({ value: s, label: labels.status(s) })),
            ]}
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
          {followUps && (
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
          )}
          <SearchField label={gt('gaps.filters.search')} value={filters.q} onSearch={(value) => setFilter('q', value)} />
        </>
      )}
    </FilterBar>
  );
}
