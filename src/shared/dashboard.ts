import type { Language } from './contracts/common.ts';

/** Words and constants of the global situation views, without zod: the web's dashboard imports them. */

/**
 * The three zones of the post-RRM coordination's figures (seed presentation, REACH): North,
 * Centre and South, by region P-code of the COD (2015 edition; ML10 Ménaka from the 2019 one).
 */
export const zones = ['north', 'centre', 'south'] as const;
export type Zone = (typeof zones)[number];
export const zoneLabels: Record<Zone, Record<Language, string>> = {
  north: { fr: 'Nord', en: 'North' },
  centre: { fr: 'Centre', en: 'Centre' },
  south: { fr: 'Sud', en: 'South' },
};
const zoneRegions: Record<Zone, readonly string[]> = {
  north: ['ML06', 'ML07', 'ML08', 'ML10'],
  centre: ['ML04', 'ML05'],
  south: ['ML01', 'ML02', 'ML03', 'ML09'],
};

/** The zone of a region P-code (or of any P-code below it); null for a region outside the three. */
export function zoneOf(pcode: string | null): Zone | null {
  if (!pcode) return null;
  const region = pcode.slice(0, 4).toUpperCase();
  return zones.find((zone) => zoneRegions[zone].includes(region)) ?? null;
}

/** Time since displacement, counted from the shock: within the RRM phase, within post-RRM, after it. */
export const displacementBuckets = ['rrm', 'post_rrm', 'beyond'] as const;

/** Periods the trends cover, in months ending with the month of `at`. */
export const trendMonths = [6, 12, 18, 24] as const;


/** The key figures a dashboard shows, each opening the list behind it. */
export const figureLinks = ['alerte', 'rrm', 'post_rrm', 'displaced', 'postRrmLocalities', 'rrmExits', 'rrmDelay', 'openGaps', 'upcomingGaps', 'householdsInGap'] as const;
export type FigureLink = (typeof figureLinks)[number];

/** The phases a shock still displaces people in (before resilience), as the alert list's phase filter writes them. */
export const activePhaseFilter = 'alerte,rrm,post_rrm';

/** Gap statuses counted as open gaps: the dashboard's figure and the list's status filter are one. */
export const openGapStatuses = ['uncovered', 'partial'] as const;

/**
 * The list behind each key figure and the filters it applies on top of the view's place, sector
 * and date. One source: the server counts each gap figure with these very filters (through the
 * gap list's own filter function), the web links to the list with them, and a test walks each
 * link and checks the list's total against the figure. `total` names what to compare: the
 * list's count, or one of its summary figures.
 */
export const figureLists: Record<FigureLink, { list: 'alerts' | 'gaps'; query: Record<string, string>; total: 'count' | 'households' | 'localities' | 'householdsInGap' }> = {
  alerte: { list: 'alerts', query: { phase: 'alerte' }, total: 'count' },
  rrm: { list: 'alerts', query: { phase: 'rrm' }, total: 'count' },
  post_rrm: { list: 'alerts', query: { phase: 'post_rrm' }, total: 'count' },
  displaced: { list: 'alerts', query: { phase: activePhaseFilter }, total: 'households' },
  postRrmLocalities: { list: 'alerts', query: { phase: 'post_rrm' }, total: 'localities' },
  rrmExits: { list: 'alerts', query: { rrmEndsWithinDays: '30' }, total: 'count' },
  rrmDelay: { list: 'alerts', query: { rrmLate: 'true' }, total: 'count' },
  openGaps: { list: 'gaps', query: { status: openGapStatuses.join(',') }, total: 'count' },
  upcomingGaps: { list: 'gaps', query: { upcoming: 'true' }, total: 'count' },
  householdsInGap: { list: 'gaps', query: { status: openGapStatuses.join(','), sort: '-gap' }, total: 'householdsInGap' },
};

/** Where a dashboard looks, as its URL carries it. */
export interface FigurePlace {
  region?: string;
  cercle?: string;
  sector?: string;
  at?: string;
}

/** A path with the given query, empty values left out. */
export function withQuery(path: string, entries: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(entries).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return search ? `${path}?${search}` : path;
}

/** The web address of the list behind a figure, for a place, sector and date (alerts have no sector). */
export function figureHref(figure: FigureLink, place: FigurePlace): string {
  const { list, query } = figureLists[figure];
  const where = { region: place.region, cercle: place.cercle, at: place.at };
  return withQuery(`/${list}`, list === 'gaps' ? { ...where, sector: place.sector, ...query } : { ...where, ...query });
}

/** The open gaps of one sector (the coverage table's link): the list's total is the table's "open" figure. */
export function sectorGapsHref(sector: string, place: FigurePlace): string {
  return withQuery('/gaps', { region: place.region, cercle: place.cercle, at: place.at, sector, status: figureLists.openGaps.query.status });
}
