import { z } from 'zod';
import { sectors } from '../sectors.ts';
import { languages } from './common.ts';
import { endpoint } from './endpoint.ts';
import { period } from './periods.ts';

/**
 * HXL feeds: stable addresses that answer the current aggregated figures as HXL-tagged CSV (a
 * header row, then the hashtag row, then the data), for Excel's Power Query, Power BI, the HXL
 * Proxy and HDX. No personal data and no free text: figures, places, sectors, organisations'
 * acronyms. Each answers `ETag` and `Last-Modified` and 304 to a conditional request, so a tool
 * that refreshes every hour downloads only what changed.
 */
export const feedNames = ['5w', 'gaps', 'capacities', 'alerts', 'public'] as const;
export type FeedName = (typeof feedNames)[number];

function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
    z
      .array(z.string())
      .transform((list) =>
        list
          .flatMap((v) => v.split(','))
          .map((v) => v.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.enum(values)).max(values.length)),
  );
}

export const feedQuery = z.object({
  /** A region's P-code (`ML05` for Mopti). */
  region: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}\d{2}$/i, { error: 'region_pcode' })
    .transform((v) => v.toUpperCase())
    .optional(),
  /** One sector code or several, comma-separated (`sante,eha`). */
  sector: listOf(sectors).optional(),
  /** A month `YYYY-MM`: its records (5W, capacities, alerts received), or the situation at its last day (gaps, public figures). */
  month: period.optional(),
  /** Language of the header row (the hashtag row is the same in both); French by default, whatever the browser says, so a feed's columns never change under a query. */
  lang: z.enum(languages).optional(),
});
export type FeedQuery = z.infer<typeof feedQuery>;

const csv = ['text/csv'] as const;

export const feedsApi = {
  fiveW: endpoint({
    operationId: 'getFiveWFeed',
    summary: 'HXL feed of the 5W: activities aggregated by month, commune, organisation and sector',
    method: 'GET',
    path: '/api/v1/feeds/5w.csv',
    access: 'response:read',
    query: feedQuery,
    download: csv,
  }),
  gaps: endpoint({
    operationId: 'getGapsFeed',
    summary: 'HXL feed of the gaps: needs, coverage and gap of every locality and sector',
    method: 'GET',
    path: '/api/v1/feeds/gaps.csv',
    access: 'gap:read',
    query: feedQuery,
    download: csv,
  }),
  capacities: endpoint({
    operationId: 'getCapacitiesFeed',
    summary: 'HXL feed of the capacities declared by organisation, sector, region and month',
    method: 'GET',
    path: '/api/v1/feeds/capacities.csv',
    access: 'response:read',
    query: feedQuery,
    download: csv,
  }),
  alerts: endpoint({
    operationId: 'getAlertsFeed',
    summary: 'HXL feed of the alerts: shocks, displaced households, status and phase',
    method: 'GET',
    path: '/api/v1/feeds/alerts.csv',
    access: 'alert:read',
    query: feedQuery,
    download: csv,
  }),
  public: endpoint({
    operationId: 'getPublicFeed',
    summary: 'HXL feed of the public figures: needs, coverage and gaps by region and sector (no sign-in)',
    method: 'GET',
    path: '/api/v1/feeds/public.csv',
    access: 'public',
    query: feedQuery,
    download: csv,
  }),
};
