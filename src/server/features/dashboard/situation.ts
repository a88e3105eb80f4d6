import type {
  DashboardMap,
  DashboardQuery,
  MapLocality,
  DashboardScope,
  DashboardSummary,
  DashboardTrends,
  OutlineCollection,
  TrendPoint,
} from '../../../shared/contracts/dashboard.ts';
import type { GapRow } from '../../../shared/contracts/gaps.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { simplifyGeometry } from '../../../shared/geo.ts';
import { placeColumns, pointColumns } from '../../../shared/map-columns.ts';
import { type PhaseSettings, todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { AppError, notFound } from '../../errors.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import { pivotLevels, type PivotState } from '../responses/responses.module.ts';
import {
  coverageBySector,
  displacementTable,
  gapFiguresByLocality,
  mapAreas,
  mapLocalities,
  monthEndOrAt,
  monthsEndingAt,
  shockFigures,
} from './dashboard-figures.ts';
import type { AreaRow, DashboardRepository, ShockRow } from './dashboard.repository.ts';
import type { FiguresCache } from '../../lib/figures-cache.ts';
import { maliBbox } from './mali-outline.ts';
import type { DashboardSettingsRepository, PhaseSettingsRepository } from '../settings/settings.module.ts';

/** Degrees of simplification per admin level (1 region, 2 cercle, 3 commune). */
const simplifyTolerance: Record<number, number> = { 1: 0.01, 2: 0.005, 3: 0.002 };

/** The map of a scope as computed, one object per locality: the API sends it as columns (`encodeMap`), the brief reads it as is. */
export type MapView = Omit<DashboardMap, 'regions' | 'points' | 'places'> & { localities: MapLocality[] };

/**
 * The map's answer: its points as columns, and their names and ids when the scope is a region or
 * a cercle (a few hundred localities); nationally those come region by region (`placesOf`).
 */
function encodeMap(view: MapView, scope: ResolvedScope): DashboardMap {
  const { localities, ...rest } = view;
  return { ...rest, ...pointColumns(localities), places: scope.region ? placeColumns(localities) : null };
}

/** The names and ids of one region's points on a national map, in the order of the points. */
export function placesOf(view: MapView, region: string) {
  return placeColumns(view.localities.filter((l) => l.adm1Pcode === region));
}

/** A dashboard request once its places are checked: what every computation below starts from. */
export interface ResolvedScope {
  at: string;
  months: number;
  region: AreaRow | null;
  cercle: AreaRow | null;
  sector: Sector | null;
}

const bboxOf = (area: AreaRow | null): [number, number, number, number] | null =>
  area && area.min_lon !== null && area.min_lat !== null && area.max_lon !== null && area.max_lat !== null
    ? [area.min_lon, area.min_lat, area.max_lon, area.max_lat]
    : null;

export function scopeOf(scope: ResolvedScope): DashboardScope {
  return {
    region: scope.region && { pcode: scope.region.pcode, name: scope.region.name },
    cercle: scope.cercle && { pcode: scope.cercle.pcode, name: scope.cercle.name },
    sector: scope.sector,
  };
}

/** The extent of some points, widened a little so none sits on the edge; null without points. */
function pointsBbox(points: readonly { lon: number; lat: number }[]): [number, number, number, number] | null {
  if (points.length === 0) return null;
  const lons = points.map((p) => p.lon);
  const lats = points.map((p) => p.lat);
  const margin = 0.3;
  return [Math.min(...lons) - margin, Math.min(...lats) - margin, Math.max(...lons) + margin, Math.max(...lats) + margin];
}

/**
 * Figures of the global situation for one scope. Everything is read-only and aggregated: the
 * signed-in dashboard, the regional view, the public page and the advocacy brief share it.
 */
export function situationFigures(deps: {
  dashboard: DashboardRepository;
  gaps: GapsService;
  pivot: PivotState;
  phaseSettings: PhaseSettingsRepository;
  settings: DashboardSettingsRepository;
  cache: FiguresCache;
  /** Figures of shocks only, kept across 5W writes (see `shockDataVersion`). */
  shockCache: FiguresCache;
}) {
  const { dashboard, gaps, pivot, phaseSettings, settings, cache, shockCache } = deps;

  const areaScope = (scope: ResolvedScope) => ({ region: scope.region?.pcode, cercle: scope.cercle?.pcode });
  const scopeKey = (scope: ResolvedScope) => `${scope.region?.pcode ?? ''}|${scope.cercle?.pcode ?? ''}|${scope.sector ?? ''}`;

  /**
   * Not in the figures cache, which a write empties: the gap engine keeps these rows itself and
   * recomputes only the localities a write changed (src/server/features/gaps/gap-state.ts).
   */
  async function gapRowsAt(scope: ResolvedScope, at: string): Promise<GapRow[]> {
    // The dashboard's figures never use the counts of organisations with capacity left.
    return (await gaps.compute({ at, ...areaScope(scope), sector: scope.sector ? [scope.sector] : undefined }, { capacity: false })).rows;
  }

  function shocksAt(scope: ResolvedScope): Promise<ShockRow[]> {
    return shockCache.get(`shocks|${scope.region?.pcode ?? ''}|${scope.cercle?.pcode ?? ''}|${scope.at}`, () => dashboard.shocksUntil(scope.at, areaScope(scope)));
  }

  const phases = (): Promise<PhaseSettings> => shockCache.get('phase-settings', () => phaseSettings.get());

  async function summaryOf(scope: ResolvedScope): Promise<DashboardSummary> {
    const [ofShocks, rows] = await Promise.all([
      // Phases of thousands of shocks: kept until an alert, RRM response, place or setting changes.
      shockCache.get(`shock-figures|${scope.region?.pcode ?? ''}|${scope.cercle?.pcode ?? ''}|${scope.at}|${scope.months}`, async () => {
        const [settingsNow, shocks] = [await phases(), await shocksAt(scope)];
        const periodFrom = `${monthsEndingAt(scope.at, scope.months)[0]!}-01`;
        return { figures: shockFigures(shocks, scope.at, periodFrom, settingsNow), displacement: displacementTable(shocks, scope.at, settingsNow) };
      }),
      gapRowsAt(scope, scope.at),
    ]);
    return {
      at: scope.at,
      months: scope.months,
      scope: scopeOf(scope),
      figures: { ...ofShocks.figures, gaps: gapFiguresByLocality(rows, scopeKey(scope)) },
      coverageBySector: coverageBySector(rows, scope.sector ?? undefined),
      displacement: ofShocks.displacement,
      generatedAt: new Date().toISOString(),
    };
  }

  async function trendsOf(scope: ResolvedScope): Promise<Omit<DashboardTrends, 'upToDate'>> {
    const months = monthsEndingAt(scope.at, scope.months);
    // The 5W pivot and each month end's gaps are kept and brought up to date from what changed,
    // side by side (on PostgreSQL, on the pool).
    const [shocks, figures, monthRows] = await Promise.all([
      shocksAt(scope),
      pivot.figures('month', 'sector', {
        ...areaScope(scope),
        sector: scope.sector ? [scope.sector] : undefined,
        periodFrom: months[0],
        periodTo: months.at(-1),
      }),
      Promise.all(months.map((month) => gapRowsAt(scope, monthEndOrAt(month, scope.at)))),
    ]);
    const byMonth = new Map(figures.filter((f) => f.level === pivotLevels.rowTotal).map((f) => [f.row, f]));
    const points: TrendPoint[] = [];
    for (const [index, month] of months.entries()) {
      const gapsAt = monthEndOrAt(month, scope.at);
      const rows = monthRows[index]!;
      const received = shocks.filter((s) => s.alert_date.startsWith(month));
      const reported = byMonth.get(month);
      const { open, householdsInGap } = gapFiguresByLocality(rows, scopeKey(scope));
      points.push({
        month,
        alerts: received.length,
        displacedHouseholds: received.reduce((sum, s) => sum + s.households, 0),
        responses: reported?.records ?? 0,
        actors: reported?.actors ?? 0,
        householdsReached: reported?.householdsReached ?? 0,
        gapsAt,
        openGaps: open,
        householdsInGap,
      });
    }
    return { at: scope.at, months: points };
  }

  async function mapOf(scope: ResolvedScope): Promise<MapView> {
    const level = scope.cercle ? 3 : scope.region ? 2 : 1;
    const parent = scope.cercle?.pcode ?? scope.region?.pcode ?? null;
    const [settingsNow, shocks, rows, configured, allPoints, areas, boundariesAvailable] = await Promise.all([
      phases(),
      shocksAt(scope),
      gapRowsAt(scope, scope.at),
      settings.get(),
      // Thousands of places, which do not change with 5W records: kept across their writes.
      shockCache.get('locality-points', () => dashboard.localityPoints()),
      dashboard.areasOf(level, parent),
      dashboard.hasBoundaries(level, parent),
    ]);
    const ids = new Set([...shocks.map((s) => s.locality_id), ...rows.map((r) => r.locality.id)]);
    const points = [...ids].flatMap((id) => allPoints.get(id) ?? []);
    const localities = mapLocalities(shocks, rows, points, scope.at, settingsNow);
    return {
      at: scope.at,
      localities,
      areaLevel: level,
      areas: mapAreas(areas, level, shocks, rows, scope.at, settingsNow),
      boundariesAvailable,
      bbox: bboxOf(scope.cercle) ?? bboxOf(scope.region) ?? (scope.region ? pointsBbox(localities) : null) ?? maliBbox(),
      tileUrl: configured.backgroundTileUrl,
      tileAttribution: configured.backgroundAttribution,
    };
  }

  return {
    /** Checks the places of a query and fixes its date; call once per request (it also refreshes the cache). */
    async resolve(query: Pick<DashboardQuery, 'region' | 'cercle' | 'sector' | 'at'> & { months?: number }): Promise<ResolvedScope> {
      await Promise.all([cache.refresh(), shockCache.refresh()]);
      const cercle = query.cercle ? await dashboard.area(query.cercle) : null;
      if (cercle === undefined || (cercle && cercle.level !== 2)) throw notFound();
      const regionCode = query.region ?? cercle?.parent_pcode ?? undefined;
      const region = regionCode ? await dashboard.area(regionCode) : null;
      if (region === undefined || (region && region.level !== 1)) throw notFound();
      if (cercle && region && cercle.parent_pcode !== region.pcode) throw new AppError('unknown_admin_area', 400);
      return { at: query.at ?? todayIso(), months: query.months ?? 12, region, cercle, sector: query.sector ?? null };
    },

    gapRows: (scope: ResolvedScope) => gapRowsAt(scope, scope.at),

    summary(scope: ResolvedScope): Promise<DashboardSummary> {
      return cache.get(`summary|${scopeKey(scope)}|${scope.at}|${scope.months}`, () => summaryOf(scope));
    },

    /**
     * Always with the latest data: each month-end's gaps are kept and brought up to date from
     * what changed, so there is no need to answer with the figures of before a change.
     */
    async trends(scope: ResolvedScope): Promise<DashboardTrends> {
      const value = await cache.get(`trends|${scopeKey(scope)}|${scope.at}|${scope.months}`, () => trendsOf(scope));
      return { ...value, upToDate: true };
    },

    map(scope: ResolvedScope): Promise<MapView> {
      return cache.get(`map|${scopeKey(scope)}|${scope.at}`, () => mapOf(scope));
    },

    /** The map's answer as the API sends it (columns), kept like the figures until the next change. */
    mapAnswer(scope: ResolvedScope): Promise<DashboardMap> {
      return cache.get(`map-answer|${scopeKey(scope)}|${scope.at}`, async () =>
        encodeMap(await cache.get(`map|${scopeKey(scope)}|${scope.at}`, () => mapOf(scope)), scope),
      );
    },

    regions: () => dashboard.areasOf(1, null),

    /**
     * Boundaries of the areas the map colours, or null when none were imported; simplified to
     * what a map of that level shows (about 1 km for regions, 500 m for cercles), so the file
     * stays light on a slow connection.
     */
    async boundaries(level: number, parent: string | null): Promise<OutlineCollection | null> {
      await cache.refresh();
      return cache.get(`boundaries|${level}|${parent ?? ''}`, async () => {
        const rows = await dashboard.boundaries(level, parent);
        if (rows.length === 0) return null;
        const tolerance = simplifyTolerance[level] ?? 0.002;
        return {
          type: 'FeatureCollection',
          features: rows.map((r) => ({
            type: 'Feature',
            id: r.pcode,
            properties: { pcode: r.pcode, name: r.name },
            geometry: simplifyGeometry(r.geometry as Polygon | MultiPolygon, tolerance),
          })),
        } satisfies OutlineCollection;
      });
    },
  };
}
export type SituationFigures = ReturnType<typeof situationFigures>;
