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
export type DisplacementBucket = (typeof displacementBuckets)[number];

/** Periods the trends cover, in months ending with the month of `at`. */
export const trendMonths = [6, 12, 18, 24] as const;

