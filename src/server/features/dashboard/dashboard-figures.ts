import { type GapFilters, type GapRow, gapFilters } from '../../../shared/contracts/gaps.ts';
import {
  type DisplacementTable,
  type KeyFigures,
  type MapArea,
  type MapLocality,
  type SectorCoverage,
} from '../../../shared/contracts/dashboard.ts';
import { figureLists, openGapStatuses, zoneOf, zones } from '../../../shared/dashboard.ts';
import { type GapStatus, gapStatusRank } from '../../../shared/gaps.ts';
import { acrossSectors } from '../../../shared/households.ts';
import { addDays, daysBetween, isRrmLate, monthSinceShock, type Phase, type PhaseSettings, phaseAt, shockCalendar } from '../../../shared/phases.ts';
import { sectors } from '../../../shared/sectors.ts';
import { matchesFilters, summarise } from '../gaps/gaps.module.ts';
import type { AreaRow, LocalityPoint, ShockRow } from './dashboard.repository.ts';

/**
 * The dashboard's arithmetic, from the shocks (phases by src/shared/phases.ts) and the gap
 * engine's rows (src/shared/gaps.ts). Households are never added across sectors: an area's
 * figure is, per locality, its largest sector, then localities add up (src/shared/households.ts).
 */

export const rrmExitDays = Number(figureLists.rrmExits.query.rrmEndsWithinDays);

const timingOf = (s: ShockRow) => ({ shockDate: s.shock_date, validatedOn: s.validated_on, firstRrmResponseOn: s.first_rrm_on });

/**
 * Each shock's phase at a date, worked out once per settings: the shock rows are kept across 5W
 * writes (situation.ts), and the summary and the map ask for thousands of them after each write.
 */
const phaseMemo = new WeakMap<PhaseSettings, WeakMap<ShockRow, Map<string, Phase | null>>>();
function shockPhase(shock: ShockRow, at: string, settings: PhaseSettings): Phase | null {
  let bySettings = phaseMemo.get(settings);
  if (!bySettings) phaseMemo.set(settings, (bySettings = new WeakMap()));
  let byDate = bySettings.get(shock);
  if (!byDate) bySettings.set(shock, (byDate = new Map<string, Phase | null>()));
  let phase = byDate.get(at);
  if (phase === undefined) byDate.set(at, (phase = phaseAt(timingOf(shock), at, settings)));
  return phase;
}

/** Whether a shock still displaces people in the coordination's sense: after its shock, before resilience. */
function isActive(phase: Phase | null): phase is Exclude<Phase, 'resilience'> {
  return phase !== null && phase !== 'resilience';
}

export function shockFigures(
  shocks: readonly ShockRow[],
  at: string,
  periodFrom: string,
  settings: PhaseSettings,
): Omit<KeyFigures, 'gaps'> {
  const alertsByPhase = { alerte: 0, rrm: 0, post_rrm: 0 };
  const postRrmLocalities = new Set<string>();
  const delays: number[] = [];
  let displacedHouseholds = 0;
  let displacedPersons = 0;
  let rrmExits = 0;
  let lateNow = 0;
  const exitUntil = addDays(at, rrmExitDays);
  for (const shock of shocks) {
    const phase = shockPhase(shock, at, settings);
    if (isActive(phase)) {
      alertsByPhase[phase] += 1;
      displacedHouseholds += shock.households;
      displacedPersons += shock.persons;
    }
    if (phase === 'post_rrm') postRrmLocalities.add(shock.locality_id);
    const { rrmEndsOn } = shockCalendar(shock.shock_date, settings);
    if (rrmEndsOn >= at && rrmEndsOn <= exitUntil) rrmExits += 1;
    if (isRrmLate(timingOf(shock), at, settings)) lateNow += 1;
    const validated = shock.validated_on;
    if (validated && validated >= periodFrom && validated <= at && shock.first_rrm_on && shock.first_rrm_on <= at) {
      delays.push(Math.max(0, daysBetween(validated, shock.first_rrm_on)));
    }
  }
  return {
    alertsByPhase,
    displacedHouseholds,
    displacedPersons,
    postRrmLocalities: postRrmLocalities.size,
    rrmExits,
    rrmExitDays,
    rrm: {
      medianDays: median(delays),
      targetDays: settings.rrmLateAfterDays,
      responded: delays.length,
      withinTarget: delays.filter((d) => d <= settings.rrmLateAfterDays).length,
      lateNow,
    },
  };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The share of IDP households by time since displacement per zone, as the seed's table: counted
 * from the shock, within the RRM months, within post-RRM, and beyond.
 */
export function displacementTable(shocks: readonly ShockRow[], at: string, settings: PhaseSettings): DisplacementTable {
  const byZone = new Map(zones.map((zone) => [zone, [0, 0, 0] as [number, number, number]]));
  for (const shock of shocks) {
    if (shock.population_group !== 'idp') continue;
    const zone = zoneOf(shock.adm1_pcode);
    const month = monthSinceShock(shock.shock_date, at);
    if (!zone || month === null) continue;
    const bucket = month <= settings.rrmMonths ? 0 : month <= settings.postRrmUntilMonth ? 1 : 2;
    byZone.get(zone)![bucket] += shock.households;
  }
  return {
    rrmMonths: settings.rrmMonths,
    postRrmUntilMonth: settings.postRrmUntilMonth,
    zones: zones.map((zone) => {
      const byBucket = byZone.get(zone)!;
      const households = byBucket[0] + byBucket[1] + byBucket[2];
      return {
        zone,
        households,
        byBucket,
        shares: households === 0 ? null : [byBucket[0] / households, byBucket[1] / households, byBucket[2] / households],
      };
    }),
  };
}

/** An open gap is one the gap list shows under its "open" statuses (uncovered or partly covered). */
const isOpen = (row: GapRow) => (openGapStatuses as readonly string[]).includes(row.status);

/** The gap list's filters behind a figure, parsed as the list parses them (once: not per row). */
const listFilters: Record<'openGaps' | 'upcomingGaps', GapFilters> = {
  openGaps: gapFilters.parse(figureLists.openGaps.query),
  upcomingGaps: gapFilters.parse(figureLists.upcomingGaps.query),
};

/**
 * Open gaps, upcoming gaps and households in gap, counted with the very filters and summary of
 * the gap list each figure opens (src/shared/dashboard.ts `figureLists`), so the two agree.
 */
function gapFigures(rows: readonly GapRow[]): KeyFigures['gaps'] {
  const open = summarise(rows.filter((row) => matchesFilters(row, listFilters.openGaps)));
  const all = summarise(rows);
  return {
    open: open.pairs,
    upcoming: rows.filter((row) => matchesFilters(row, listFilters.upcomingGaps)).length,
    householdsInGap: open.householdsInGap,
    uncovered: all.uncovered,
    partial: all.partial,
    covered: all.covered,
    unknown: all.unknown,
  };
}

type GapKeyFigures = KeyFigures['gaps'];
const gapFiguresMemo = new WeakMap<GapRow, Map<string, GapKeyFigures>>();

/**
 * `gapFigures` added up locality by locality, each locality's part kept while its rows are the
 * same objects: the gap engine replaces only the rows of the localities a write changed
 * (src/server/features/gaps/gap-state.ts), so after a write only those are counted again.
 * Every figure adds up over localities (households in gap are per locality already).
 * `scope` names which of a locality's rows `rows` holds (the same for every call with it).
 * Rows of a locality must be together; otherwise the figures are counted from scratch.
 */
export function gapFiguresByLocality(rows: readonly GapRow[], scope: string): GapKeyFigures {
  const total: GapKeyFigures = { open: 0, upcoming: 0, householdsInGap: 0, uncovered: 0, partial: 0, covered: 0, unknown: 0 };
  const seen = new Set<string>();
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    const first = rows[start]!;
    if (i < rows.length && rows[i]!.locality.id === first.locality.id) continue;
    if (seen.has(first.locality.id)) return gapFigures(rows);
    seen.add(first.locality.id);
    let byScope = gapFiguresMemo.get(first);
    if (!byScope) gapFiguresMemo.set(first, (byScope = new Map<string, GapKeyFigures>()));
    let part = byScope.get(scope);
    if (!part) byScope.set(scope, (part = gapFigures(rows.slice(start, i))));
    for (const key of Object.keys(total) as (keyof GapKeyFigures)[]) total[key] += part[key];
    start = i;
  }
  return total;
}

/** Per sector: needs, coverage and gaps added over localities (a sector's households never meet another's), in one pass. */
export function coverageBySector(rows: readonly GapRow[], only?: string): SectorCoverage[] {
  const sums = new Map(sectors.map((sector) => [sector as string, { need: 0, covered: 0, gap: 0, known: 0, pairs: 0, open: 0, upcoming: 0 }]));
  for (const r of rows) {
    const sum = sums.get(r.sector);
    if (!sum) continue;
    sum.pairs += 1;
    if (r.need !== null) {
      sum.known += 1;
      sum.need += r.need;
      sum.covered += r.covered ?? 0;
      sum.gap += r.gap ?? 0;
    }
    if (isOpen(r)) sum.open += 1;
    if (r.upcoming) sum.upcoming += 1;
  }
  return sectors
    .filter((sector) => !only || sector === only)
    .map((sector) => {
      const { need, covered, gap, known, pairs, open, upcoming } = sums.get(sector)!;
      return { sector, need, covered, gap, ratio: need > 0 ? covered / need : known > 0 ? 1 : null, pairs, open, upcoming };
    });
}

/** The worst status first; a pair whose need is unknown only counts when nothing else is known. */
function worstStatus(statuses: readonly GapStatus[]): GapStatus | null {
  if (statuses.length === 0) return null;
  return [...statuses].sort((a, b) => gapStatusRank[a] - gapStatusRank[b])[0]!;
}

interface LocalityState {
  displaced: number;
  latestShock: ShockRow | null;
  rows: GapRow[];
}

function localityStates(shocks: readonly ShockRow[], rows: readonly GapRow[], at: string, settings: PhaseSettings): Map<string, LocalityState> {
  const states = new Map<string, LocalityState>();
  const stateOf = (id: string) => {
    let state = states.get(id);
    if (!state) states.set(id, (state = { displaced: 0, latestShock: null, rows: [] }));
    return state;
  };
  // Shocks come oldest first: the last one seen is the latest.
  for (const shock of shocks) {
    const state = stateOf(shock.locality_id);
    state.latestShock = shock;
    if (isActive(shockPhase(shock, at, settings))) state.displaced += shock.households;
  }
  for (const row of rows) stateOf(row.locality.id).rows.push(row);
  return states;
}

export function mapLocalities(
  shocks: readonly ShockRow[],
  rows: readonly GapRow[],
  points: readonly LocalityPoint[],
  at: string,
  settings: PhaseSettings,
): MapLocality[] {
  const states = localityStates(shocks, rows, at, settings);
  const located: MapLocality[] = [];
  for (const point of points) {
    const state = states.get(point.id);
    if (!state || point.lat === null || point.lon === null) continue;
    if (state.displaced === 0 && state.rows.length === 0) continue;
    located.push({
      id: point.id,
      name: point.name,
      // About 10 m: plenty for a dot on a map, and a lighter download.
      lon: Math.round(point.lon * 1e4) / 1e4,
      lat: Math.round(point.lat * 1e4) / 1e4,
      adm1Pcode: point.adm1_pcode,
      displacedHouseholds: state.displaced,
      phase: state.latestShock ? shockPhase(state.latestShock, at, settings) : null,
      gapStatus: worstStatus(state.rows.map((r) => r.status)),
      gapHouseholds: acrossSectors(state.rows.filter(isOpen).map((r) => r.gap ?? 0)),
      openGaps: state.rows.filter(isOpen).length,
      upcomingGaps: state.rows.filter((r) => r.upcoming).length,
    });
  }
  return located.sort((a, b) => b.displacedHouseholds - a.displacedHouseholds || a.name.localeCompare(b.name, 'fr'));
}

const admKeyOfLevel = { 1: 'adm1Pcode', 2: 'adm2Pcode', 3: 'adm3Pcode' } as const;

/** Figures per admin area of one level, from the localities within each. */
export function mapAreas(
  areas: readonly AreaRow[],
  level: 1 | 2 | 3,
  shocks: readonly ShockRow[],
  rows: readonly GapRow[],
  at: string,
  settings: PhaseSettings,
): MapArea[] {
  const key = admKeyOfLevel[level];
  const shockKey = ({ 1: 'adm1_pcode', 2: 'adm2_pcode', 3: 'adm3_pcode' } as const)[level];
  const byArea = new Map(areas.map((a) => [a.pcode, { displaced: 0, need: 0, covered: 0, known: 0, gaps: new Map<string, number[]>(), open: 0 }]));
  for (const shock of shocks) {
    const area = byArea.get(shock[shockKey] ?? '');
    if (area && isActive(shockPhase(shock, at, settings))) area.displaced += shock.households;
  }
  for (const row of rows) {
    const area = byArea.get(row.locality[key] ?? '');
    if (!area) continue;
    if (row.need !== null) {
      area.need += row.need;
      area.covered += row.covered ?? 0;
      area.known += 1;
    }
    if (!isOpen(row)) continue;
    area.open += 1;
    area.gaps.set(row.locality.id, [...(area.gaps.get(row.locality.id) ?? []), row.gap ?? 0]);
  }
  return areas.map((a) => {
    const figures = byArea.get(a.pcode)!;
    return {
      pcode: a.pcode,
      name: a.name,
      displacedHouseholds: figures.displaced,
      need: figures.need,
      covered: figures.covered,
      ratio: figures.need > 0 ? figures.covered / figures.need : figures.known > 0 ? 1 : null,
      householdsInGap: [...figures.gaps.values()].reduce((sum, gaps) => sum + acrossSectors(gaps), 0),
      openGaps: figures.open,
    };
  });
}

/** The first day of each of the `count` months ending with `at`'s month, oldest first ('YYYY-MM'). */
export function monthsEndingAt(at: string, count: number): string[] {
  const [year, month] = [Number(at.slice(0, 4)), Number(at.slice(5, 7))];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** The last day of a month 'YYYY-MM', or `at` when earlier. */
export function monthEndOrAt(month: string, at: string): string {
  const [year, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
  return last < at ? last : at;
}
