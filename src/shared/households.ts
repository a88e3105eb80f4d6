/**
 * The cluster rule against double counting, written once (product.md, "Gap rules"):
 * - within one sector, the households reached by several actors in one area add up, but never
 *   beyond the households in need there, unless deduplicated lists give the exact number;
 * - across sectors, households are never added: an area's total is the largest sector's figure,
 *   since the family fed by one actor is usually the one another gives water to;
 * - monthly reports of the same area and sector describe mostly the same families served month
 *   after month, so over several periods the figure is the largest month, not their sum;
 * - different areas hold different households, so area totals do add up.
 *
 * The SQL pivot of the 5W (src/server/features/responses/pivot.repository.ts) mirrors
 * `distinctHouseholds`; the tests compare the two.
 */

export interface HouseholdFigure {
  /** The place the households live in (a locality id): the finest area the rule is applied to. */
  area: string;
  sector: string;
  /** Reporting period ('YYYY-MM'); omit when all figures belong to one period. */
  period?: string;
  households: number | null;
}

export interface HouseholdRuleOptions {
  /** Households in need of an area in a sector: the sum of actors' figures stops there. */
  needOf?: (area: string, sector: string) => number | null | undefined;
  /** Distinct households of an area × sector × period known from deduplicated lists: used as is. */
  deduplicatedOf?: (area: string, sector: string, period: string | undefined) => number | null | undefined;
}

/** Actors of one sector in one area and period: summed, capped at the need unless deduplicated. */
export function withinSector(figures: readonly (number | null)[], need?: number | null, deduplicated?: number | null): number {
  if (deduplicated !== null && deduplicated !== undefined) return deduplicated;
  const sum = figures.reduce<number>((total, figure) => total + (figure ?? 0), 0);
  return need !== null && need !== undefined ? Math.min(sum, need) : sum;
}

/** Sectors of one area: never added, the largest. */
export function acrossSectors(bySector: readonly number[]): number {
  return bySector.reduce((max, figure) => Math.max(max, figure), 0);
}

function group<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** One area × sector: each period's capped sum, then the largest period. */
function sectorFigure(area: string, sector: string, figures: readonly HouseholdFigure[], options: HouseholdRuleOptions): number {
  const need = options.needOf?.(area, sector);
  let max = 0;
  for (const [period, ofPeriod] of group(figures, (f) => f.period)) {
    const deduplicated = options.deduplicatedOf?.(area, sector, period);
    max = Math.max(max, withinSector(ofPeriod.map((f) => f.households), need, deduplicated));
  }
  return max;
}

/** Distinct households of one sector over the areas of the figures. */
export function sectorHouseholds(figures: readonly HouseholdFigure[], options: HouseholdRuleOptions = {}): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [area, ofArea] of group(figures, (f) => f.area)) {
    for (const [sector, ofSector] of group(ofArea, (f) => f.sector)) {
      totals.set(sector, (totals.get(sector) ?? 0) + sectorFigure(area, sector, ofSector, options));
    }
  }
  return totals;
}

/** Distinct households over every sector and area of the figures: the total a matrix cell shows. */
export function distinctHouseholds(figures: readonly HouseholdFigure[], options: HouseholdRuleOptions = {}): number {
  let total = 0;
  for (const [area, ofArea] of group(figures, (f) => f.area)) {
    const bySector = [...group(ofArea, (f) => f.sector)].map(([sector, ofSector]) => sectorFigure(area, sector, ofSector, options));
    total += acrossSectors(bySector);
  }
  return total;
}
