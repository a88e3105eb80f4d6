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
import { type PivotRepository, pivotLevels } from '../responses/responses.module.ts';
import {
  coverageBySector,
  displacementTable,
  gapFigures,
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
  pivot: PivotRepository;
  phaseSettings: PhaseSettingsRepository;
  settings: DashboardSettingsRepository;
  cache: FiguresCache;
}) {
  const { dashboard, gaps, pivot, phaseSettings, settings, cache } = deps;

  const areaScope = (scope: ResolvedScope) => ({ region: scope.region?.pcode, cercle: scope.cercle?.pcode });
  const scopeKey = (scope: ResolvedScope) => `${scope.region?.pcode ?? ''}|${scope.cercle?.pcode ?? ''}|${scope.sector ?? ''}`;

  function gapRowsAt(scope: ResolvedScope, at: string): Promise<GapRow[]> {
    return cache.get(`gaps|${scopeKey(scope)}|${at}`, async () => {
      const computation = await gaps.compute({ at, ...areaScope(scope), sector: scope.sector ? [scope.sector] : undefined });
      return computation.rows;
    });
  }

  function shocksAt(scope: ResolvedScope): Promise<ShockRow[]> {
    return cache.get(`shocks|${scope.region?.pcode ?? ''}|${scope.cercle?.pcode ?? ''}|${scope.at}`, () => dashboard.shocksUntil(scope.at, areaScope(scope)));
  }

  const phases = (): Promise<PhaseSettings> => cache.get('phase-settings', () => phaseSettings.get());

  async function summaryOf(scope: ResolvedScope): Promise<DashboardSummary> {
    const [settingsNow, shocks, rows] = [await phases(), await shocksAt(scope), await gapRowsAt(scope, scope.at)];
    const periodFrom = `${monthsEndingAt(scope.at, scope.months)[0]}-01`;
    return {
      at: scope.at,
      months: scope.months,
      scope: scopeOf(scope),
      figures: { ...shockFigures(shocks, scope.at, periodFrom, settingsNow), gaps: gapFigures(rows) },
      coverageBySector: coverageBySector(rows, scope.sector ?? undefined),
      displacement: displacementTable(shocks, scope.at, settingsNow),
      generatedAt: new Date().toISOString(),
    };
  }

  async function trendsOf(scope: ResolvedScope): Promise<Omit<DashboardTrends, 'upToDate'>> {
    const months = monthsEndingAt(scope.at, scope.months);
    const [shocks, figures] = [
      await shocksAt(scope),
      await cache.get(`pivot|${scopeKey(scope)}|${months[0]}|${months.at(-1)}`, () =>
        pivot.figures('month', 'sector', {
          ...areaScope(scope),
          sector: scope.sector ? [scope.sector] : undefined,
          periodFrom: months[0],
          periodTo: months.at(-1),
        }),
      ),
    ];
    const byMonth = new Map(figures.filter((f) => f.level === pivotLevels.rowTotal).map((f) => [f.row, f]));
    const points: TrendPoint[] = [];
    for (const month of months) {
      const gapsAt = monthEndOrAt(month, scope.at);
      const rows = await gapRowsAt(scope, gapsAt);
      const received = shocks.filter((s) => s.alert_date.startsWith(month));
      const reported = byMonth.get(month);
      const { open, householdsInGap } = gapFigures(rows);
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
    const [settingsNow, shocks, rows, configured] = [await phases(), await shocksAt(scope), await gapRowsAt(scope, scope.at), await settings.get()];
    const ids = [...new Set([...shocks.map((s) => s.locality_id), ...rows.map((r) => r.locality.id)])];
    const level = scope.cercle ? 3 : scope.region ? 2 : 1;
    const parent = scope.cercle?.pcode ?? scope.region?.pcode ?? null;
    const [points, areas, boundariesAvailable] = [
      await dashboard.localityPoints(ids),
      await dashboard.areasOf(level, parent),
      await dashboard.hasBoundaries(level, parent),
    ];
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
      await cache.refresh();
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

    async trends(scope: ResolvedScope): Promise<DashboardTrends> {
      const { value, current } = await cache.getLatest(`trends|${scopeKey(scope)}|${scope.at}|${scope.months}`, () => trendsOf(scope));
      return { ...value, upToDate: current };
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
