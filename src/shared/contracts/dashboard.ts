import { z } from 'zod';
import { type GapStatus, gapStatuses } from '../gaps.ts';
import { type Phase, phases } from '../phases.ts';
import { sectors } from '../sectors.ts';
import { trendMonths, zones } from '../dashboard.ts';
import { isoDate, languages, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

const pcode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{2,}$/i, { error: 'pcode_invalid' })
  .transform((v) => v.toUpperCase());

/** The dashboard's filters, kept in the web's URL so a view can be shared as a link. */
export const dashboardQuery = z.object({
  region: pcode.optional(),
  cercle: pcode.optional(),
  sector: z.enum(sectors).optional(),
  /** The day figures are computed at; today by default. */
  at: isoDate.optional(),
  months: z.coerce
    .number()
    .int()
    .refine((v) => (trendMonths as readonly number[]).includes(v), { error: 'dashboard_months_invalid' })
    .default(12),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

const count = z.number().int();

export const dashboardScope = z.object({
  region: z.object({ pcode: z.string(), name: z.string() }).nullable(),
  cercle: z.object({ pcode: z.string(), name: z.string() }).nullable(),
  sector: z.enum(sectors).nullable(),
});
export type DashboardScope = z.infer<typeof dashboardScope>;

export const keyFigures = z.object({
  /** Shocks (non-rejected alerts) in each active phase at `at`. */
  alertsByPhase: z.object({ alerte: count, rrm: count, post_rrm: count }),
  /** Households and persons displaced by the shocks not yet in resilience. */
  displacedHouseholds: count,
  displacedPersons: count,
  /** Host localities with at least one shock in the post-RRM phase. */
  postRrmLocalities: count,
  /** Shocks whose RRM phase ends within `rrmExitDays` days from `at`. */
  rrmExits: count,
  rrmExitDays: count,
  rrm: z.object({
    /** Median days from validation to the first RRM response, over alerts validated in the period. */
    medianDays: z.number().nullable(),
    targetDays: count,
    responded: count,
    withinTarget: count,
    /** Validated alerts still waiting for an RRM response beyond the target. */
    lateNow: count,
  }),
  gaps: z.object({
    /** Locality × sector pairs with households in gap now. */
    open: count,
    upcoming: count,
    /** Households in current gaps: per locality its largest sector gap, localities added. */
    householdsInGap: count,
    uncovered: count,
    partial: count,
    covered: count,
    unknown: count,
  }),
});
export type KeyFigures = z.infer<typeof keyFigures>;

export const sectorCoverage = z.object({
  sector: z.enum(sectors),
  /** Sums over the localities of the sector (never over sectors). */
  need: count,
  covered: count,
  gap: count,
  /** covered / need; null when no need is known. */
  ratio: z.number().nullable(),
  pairs: count,
  open: count,
  upcoming: count,
});
export type SectorCoverage = z.infer<typeof sectorCoverage>;

export const displacementZone = z.object({
  zone: z.enum(zones),
  households: count,
  /** Households per bucket, in the order of `displacementBuckets`. */
  byBucket: z.tuple([count, count, count]),
  /** Shares 0–1 per bucket; null when the zone has no IDP household. */
  shares: z.tuple([z.number(), z.number(), z.number()]).nullable(),
});

export const displacementTable = z.object({
  /** Bucket limits in months since the shock (the phase settings). */
  rrmMonths: count,
  postRrmUntilMonth: count,
  zones: z.array(displacementZone),
});
export type DisplacementTable = z.infer<typeof displacementTable>;

export const dashboardSummary = z.object({
  at: isoDate,
  months: count,
  scope: dashboardScope,
  figures: keyFigures,
  coverageBySector: z.array(sectorCoverage),
  displacement: displacementTable,
  generatedAt: timestamp,
});
export type DashboardSummary = z.infer<typeof dashboardSummary>;

export const trendPoint = z.object({
  /** 'YYYY-MM'. */
  month: z.string(),
  /** Alerts received in the month and the households they displaced. */
  alerts: count,
  displacedHouseholds: count,
  /** 5W records of the month, their organisations and distinct households reached (never adding sectors). */
  responses: count,
  actors: count,
  householdsReached: count,
  /** Gaps at the month's last day (or at `at` for the current month). */
  gapsAt: isoDate,
  openGaps: count,
  householdsInGap: count,
});
export type TrendPoint = z.infer<typeof trendPoint>;

export const dashboardTrends = z.object({
  at: isoDate,
  months: z.array(trendPoint),
  /** False for a few seconds after a change: these are the figures of just before it, while the new ones are computed. */
  upToDate: z.boolean(),
});
export type DashboardTrends = z.infer<typeof dashboardTrends>;

/** A locality on the map as the server computes it; the API sends it as columns (below). */
export interface MapLocality {
  id: string;
  name: string;
  lon: number;
  lat: number;
  adm1Pcode: string | null;
  displacedHouseholds: number;
  /** Phase of the locality's latest shock at `at`. */
  phase: Phase | null;
  /** The worst status among its sectors (or the filtered sector's); null when nothing is known. */
  gapStatus: GapStatus | null;
  /** Its largest sector gap (sectors are never added). */
  gapHouseholds: number;
  openGaps: number;
  upcomingGaps: number;
}

/** -1 for "none", else a position in `list`: one digit on the wire instead of a repeated word. */
const codeOf = (list: readonly string[]) => z.array(z.number().int().min(-1).max(list.length - 1));

/**
 * What the map draws, one array per property (the i-th locality is at index i of each), largest
 * displacement first: 5,000 localities fit in a few dozen kilobytes once compressed. Names and
 * ids come apart (`mapPlaces`), at once for a region or cercle, nationally per region as the map
 * zooms in or a locality is chosen.
 */
export const mapPoints = z.object({
  /** Degrees × 10,000 (about 10 m: plenty for a dot on a map). */
  lon: z.array(z.number().int()),
  lat: z.array(z.number().int()),
  /** Position of the locality's region in the answer's `regions`; -1 when it has none. */
  region: z.array(z.number().int().min(-1)),
  displacedHouseholds: z.array(count),
  /** Position in `phases` of the phase of its latest shock at `at`. */
  phase: codeOf(phases),
  /** Position in `gapStatuses` of the worst status among its sectors (or the filtered sector's). */
  gapStatus: codeOf(gapStatuses),
  /** Its largest sector gap (sectors are never added). */
  gapHouseholds: z.array(count),
});
export type MapPoints = z.infer<typeof mapPoints>;

/** Names and ids of some localities of the map, in the order of its points. */
export const mapPlaces = z.object({
  id: z.array(z.uuid()),
  name: z.array(z.string()),
  openGaps: z.array(count),
  upcomingGaps: z.array(count),
});
export type MapPlaces = z.infer<typeof mapPlaces>;

export const mapArea = z.object({
  pcode: z.string(),
  name: z.string(),
  displacedHouseholds: count,
  need: count,
  covered: count,
  /** covered / need over the area's locality × sector pairs; null when no need is known. */
  ratio: z.number().nullable(),
  householdsInGap: count,
  openGaps: count,
});
export type MapArea = z.infer<typeof mapArea>;

export const dashboardMap = z.object({
  at: isoDate,
  /** The regions' P-codes the points refer to by position. */
  regions: z.array(z.string()),
  points: mapPoints,
  /** The points' names and ids for a region or a cercle; null nationally, where `mapPlacesQuery` fetches them region by region. */
  places: mapPlaces.nullable(),
  /** Figures per admin area one level below the scope (regions, cercles of a region, communes of a cercle). */
  areaLevel: z.number().int().min(1).max(3),
  areas: z.array(mapArea),
  /** Whether imported boundaries exist at `areaLevel`; otherwise the map shows Mali's outline. */
  boundariesAvailable: z.boolean(),
  /** [minLon, minLat, maxLon, maxLat] to frame the scope. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  /** An optional raster tile URL template ({z}/{x}/{y}) for a background layer, and the credit its provider asks for. */
  tileUrl: z.string().nullable(),
  tileAttribution: z.string().nullable(),
});
export type DashboardMap = z.infer<typeof dashboardMap>;

/** The places of one region's points on the national map (same sector and day as the map). */
export const mapPlacesQuery = z.object({
  region: pcode,
  sector: z.enum(sectors).optional(),
  at: isoDate.optional(),
});
export type MapPlacesQuery = z.infer<typeof mapPlacesQuery>;

export const mapRegionPlaces = z.object({ at: isoDate, region: z.string(), places: mapPlaces });
export type MapRegionPlaces = z.infer<typeof mapRegionPlaces>;

export const outlineCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ pcode: z.string(), name: z.string() }),
      geometry: z.unknown(),
    }),
  ),
});
export type OutlineCollection = z.infer<typeof outlineCollection>;

/** The imported boundaries of one level, under one parent area. */
export const boundariesQuery = z.object({
  level: z.coerce.number().int().min(1).max(3),
  parent: z.string().trim().regex(/^[A-Z]{2}\d{2,}$/i, { error: 'pcode_invalid' }).toUpperCase().optional(),
});

// ---- settings ---------------------------------------------------------------------------------

const tileUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https:\/\/[^\s/]+\/\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, { error: 'tile_url_invalid' });

const dashboardSettingsShape = {
  /** The public transparency page and its API answer only when this is on. */
  publicPageEnabled: z.boolean(),
  backgroundTileUrl: tileUrl.nullable(),
  backgroundAttribution: z.string().trim().max(200).nullable(),
};
export const dashboardSettings = z.object(dashboardSettingsShape);
export type DashboardSettings = z.infer<typeof dashboardSettings>;
export const dashboardSettingsState = z.object({ ...dashboardSettingsShape, version: z.number().int(), updatedAt: timestamp.nullable() });
export type DashboardSettingsState = z.infer<typeof dashboardSettingsState>;
export const dashboardSettingsUpdate = z.object({ ...dashboardSettingsShape, version: z.number().int() });

// ---- public transparency page -----------------------------------------------------------------
// Its own contracts, written out field by field: the serializer strips anything not listed, so no
// internal field (follow-up comments, capacity contacts, record ids of people) can leak through.

export const publicStatus = z.object({ enabled: z.boolean() });

export const publicQuery = z.object({
  region: pcode.optional(),
  sector: z.enum(sectors).optional(),
});
export type PublicQuery = z.infer<typeof publicQuery>;

export const publicSummary = z.object({
  at: isoDate,
  scope: dashboardScope.pick({ region: true, sector: true }).extend({ cercle: z.null() }),
  figures: z.object({
    alertsByPhase: keyFigures.shape.alertsByPhase,
    displacedHouseholds: count,
    displacedPersons: count,
    postRrmLocalities: count,
    rrmExits: count,
    rrmExitDays: count,
    rrm: keyFigures.shape.rrm.pick({ medianDays: true, targetDays: true, responded: true, withinTarget: true }),
    gaps: keyFigures.shape.gaps.pick({ open: true, upcoming: true, householdsInGap: true }),
  }),
  coverageBySector: z.array(sectorCoverage),
  displacement: displacementTable,
  /** The regions a visitor can choose (the public page has no access to the gazetteer). */
  regions: z.array(z.object({ pcode: z.string(), name: z.string() })),
  generatedAt: timestamp,
});
export type PublicSummary = z.infer<typeof publicSummary>;

export const publicTrends = z.object({
  at: isoDate,
  upToDate: z.boolean(),
  months: z.array(trendPoint.pick({ month: true, alerts: true, displacedHouseholds: true, responses: true, householdsReached: true, gapsAt: true, openGaps: true, householdsInGap: true })),
});
export type PublicTrends = z.infer<typeof publicTrends>;

const publicPlaces = mapPlaces.pick({ id: true, name: true });

export const publicMap = z.object({
  at: isoDate,
  regions: z.array(z.string()),
  points: mapPoints,
  places: publicPlaces.nullable(),
  areaLevel: z.number().int(),
  areas: z.array(mapArea),
  boundariesAvailable: z.boolean(),
  bbox: dashboardMap.shape.bbox,
  tileUrl: z.string().nullable(),
  tileAttribution: z.string().nullable(),
});
export type PublicMap = z.infer<typeof publicMap>;

export const publicPlacesQuery = mapPlacesQuery.pick({ region: true, sector: true });
export const publicRegionPlaces = z.object({ at: isoDate, region: z.string(), places: publicPlaces });
export type PublicRegionPlaces = z.infer<typeof publicRegionPlaces>;

// ---- advocacy brief ---------------------------------------------------------------------------

/** Without region or sector, the national brief. */
export const briefQuery = z.object({
  region: pcode.optional(),
  sector: z.enum(sectors).optional(),
  lang: z.enum(languages).default('fr'),
  at: isoDate.optional(),
});
export type BriefQuery = z.infer<typeof briefQuery>;

export const dashboardApi = {
  summary: endpoint({ operationId: 'getDashboard', method: 'GET', path: '/api/v1/dashboard', access: 'dashboard:read', query: dashboardQuery, response: dashboardSummary }),
  trends: endpoint({
    operationId: 'getDashboardTrends',
    method: 'GET',
    path: '/api/v1/dashboard/trends',
    access: 'dashboard:read',
    query: dashboardQuery,
    response: dashboardTrends,
  }),
  map: endpoint({ operationId: 'getDashboardMap', method: 'GET', path: '/api/v1/dashboard/map', access: 'dashboard:read', query: dashboardQuery, response: dashboardMap }),
  places: endpoint({
    operationId: 'getDashboardMapPlaces',
    method: 'GET',
    path: '/api/v1/dashboard/map/places',
    access: 'dashboard:read',
    query: mapPlacesQuery,
    response: mapRegionPlaces,
  }),
  boundaries: endpoint({
    operationId: 'getDashboardBoundaries',
    method: 'GET',
    path: '/api/v1/dashboard/boundaries',
    access: 'dashboard:read',
    query: boundariesQuery,
    response: outlineCollection.nullable(),
  }),
};

export const dashboardSettingsApi = {
  get: endpoint({ operationId: 'getDashboardSettings', method: 'GET', path: '/api/v1/settings/dashboard', access: 'dashboard:read', response: dashboardSettingsState }),
  update: endpoint({
    operationId: 'updateDashboardSettings',
    method: 'PUT',
    path: '/api/v1/settings/dashboard',
    access: 'settings:manage',
    body: dashboardSettingsUpdate,
    response: dashboardSettingsState,
  }),
};

/** The public transparency page's API: no session, its own strict contracts (above). */
export const publicApi = {
  status: endpoint({ operationId: 'getPublicStatus', method: 'GET', path: '/api/public/status', access: 'public', response: publicStatus }),
  summary: endpoint({ operationId: 'getPublicDashboard', method: 'GET', path: '/api/public/dashboard', access: 'public', query: publicQuery, response: publicSummary }),
  trends: endpoint({ operationId: 'getPublicTrends', method: 'GET', path: '/api/public/dashboard/trends', access: 'public', query: publicQuery, response: publicTrends }),
  map: endpoint({ operationId: 'getPublicMap', method: 'GET', path: '/api/public/dashboard/map', access: 'public', query: publicQuery, response: publicMap }),
  places: endpoint({
    operationId: 'getPublicMapPlaces',
    method: 'GET',
    path: '/api/public/dashboard/map/places',
    access: 'public',
    query: publicPlacesQuery,
    response: publicRegionPlaces,
  }),
  boundaries: endpoint({
    operationId: 'getPublicBoundaries',
    method: 'GET',
    path: '/api/public/boundaries',
    access: 'public',
    query: boundariesQuery,
    response: outlineCollection.nullable(),
  }),
  outline: endpoint({ operationId: 'getPublicOutline', method: 'GET', path: '/api/public/outline', access: 'public', response: outlineCollection }),
};

export const briefsApi = {
  download: endpoint({ operationId: 'downloadBrief', method: 'GET', path: '/api/v1/briefs', access: 'dashboard:read', query: briefQuery, download: ['application/pdf'] }),
};
