import type { OutlineCollection, PublicMap, PublicQuery, PublicRegionPlaces, PublicSummary, PublicTrends } from '../../../shared/contracts/dashboard.ts';
import { AppError } from '../../errors.ts';
import { coverageBySector } from './dashboard-figures.ts';
import { placesOf, type SituationFigures } from './situation.ts';
import type { DashboardSettingsRepository } from '../settings/settings.module.ts';

/** One region × sector of the public HXL feed. */
type RegionSectorCoverage = ReturnType<typeof coverageBySector>[number] & { regionCode: string | null; regionName: string | null };

/** Months of trends the public page shows. */
const publicTrendMonths = 12;

/**
 * The public transparency page: aggregated figures of today, without a session. Each answer is
 * built field by field from the aggregated figures (and its contract strips anything else), so
 * nothing internal reaches it: no follow-up comments, no capacity contacts, no person.
 */
export function publicService(deps: { situation: SituationFigures; settings: DashboardSettingsRepository }) {
  const { situation, settings } = deps;

  async function scopeFor(query: PublicQuery) {
    if (!(await settings.get()).publicPageEnabled) throw new AppError('public_page_disabled', 404);
    return situation.resolve({ region: query.region, sector: query.sector, months: publicTrendMonths });
  }

  return {
    async status(): Promise<{ enabled: boolean }> {
      return { enabled: (await settings.get()).publicPageEnabled };
    },

    async summary(query: PublicQuery): Promise<PublicSummary> {
      const summary = await situation.summary(await scopeFor(query));
      const { figures } = summary;
      return {
        at: summary.at,
        scope: { region: summary.scope.region, cercle: null, sector: summary.scope.sector },
        figures: {
          alertsByPhase: figures.alertsByPhase,
          displacedHouseholds: figures.displacedHouseholds,
          displacedPersons: figures.displacedPersons,
          postRrmLocalities: figures.postRrmLocalities,
          rrmExits: figures.rrmExits,
          rrmExitDays: figures.rrmExitDays,
          rrm: { medianDays: figures.rrm.medianDays, targetDays: figures.rrm.targetDays, responded: figures.rrm.responded, withinTarget: figures.rrm.withinTarget },
          gaps: { open: figures.gaps.open, upcoming: figures.gaps.upcoming, householdsInGap: figures.gaps.householdsInGap },
        },
        coverageBySector: summary.coverageBySector,
        displacement: summary.displacement,
        regions: (await situation.regions()).map((r) => ({ pcode: r.pcode, name: r.name })),
        generatedAt: summary.generatedAt,
      };
    },

    async trends(query: PublicQuery): Promise<PublicTrends> {
      const trends = await situation.trends(await scopeFor(query));
      return {
        at: trends.at,
        upToDate: trends.upToDate,
        months: trends.months.map((m) => ({
          month: m.month,
          alerts: m.alerts,
          displacedHouseholds: m.displacedHouseholds,
          responses: m.responses,
          householdsReached: m.householdsReached,
          gapsAt: m.gapsAt,
          openGaps: m.openGaps,
          householdsInGap: m.householdsInGap,
        })),
      };
    },

    async map(query: PublicQuery): Promise<PublicMap> {
      const scope = await scopeFor(query);
      const map = await situation.mapAnswer(scope);
      return {
        at: map.at,
        regions: map.regions,
        points: map.points,
        places: map.places && { id: map.places.id, name: map.places.name },
        areaLevel: map.areaLevel,
        areas: map.areas,
        boundariesAvailable: map.boundariesAvailable,
        bbox: map.bbox,
        tileUrl: map.tileUrl,
        tileAttribution: map.tileAttribution,
      };
    },

    async places(query: { region: string; sector?: PublicQuery['sector'] }): Promise<PublicRegionPlaces> {
      const scope = await scopeFor(query);
      const places = placesOf(await situation.map({ ...scope, region: null }), query.region);
      return { at: scope.at, region: query.region, places: { id: places.id, name: places.name } };
    },

    /**
     * Needs, coverage and gaps added up by region and sector at `at` (today by default): the
     * public HXL feed. The same figures as the page's coverage by sector, one region at a time.
     */
    async coverageByRegion(query: { at?: string; region?: string }): Promise<{ at: string; rows: RegionSectorCoverage[] }> {
      if (!(await settings.get()).publicPageEnabled) throw new AppError('public_page_disabled', 404);
      const scope = await situation.resolve({ region: query.region, at: query.at });
      const rows = await situation.gapRows(scope);
      const regions = new Map<string, { name: string; rows: typeof rows }>();
      for (const row of rows) {
        const code = row.locality.adm1Pcode ?? '';
        const region = regions.get(code) ?? { name: row.locality.adm1Name ?? '', rows: [] };
        region.rows.push(row);
        regions.set(code, region);
      }
      return {
        at: scope.at,
        rows: [...regions]
          .sort(([a], [b]) => a.localeCompare(b))
          .flatMap(([code, region]) =>
            coverageBySector(region.rows)
              .filter((sector) => sector.pairs > 0)
              .map((sector) => ({ regionCode: code || null, regionName: region.name || null, ...sector })),
          ),
      };
    },

    async boundaries(level: number, parent: string | null): Promise<OutlineCollection | null> {
      await scopeFor({});
      return situation.boundaries(level, parent);
    },
  };
}
export type PublicService = ReturnType<typeof publicService>;
