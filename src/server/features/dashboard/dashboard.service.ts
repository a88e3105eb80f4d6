import type {
  DashboardMap,
  DashboardQuery,
  DashboardSummary,
  DashboardTrends,
  MapPlacesQuery,
  MapRegionPlaces,
  OutlineCollection,
} from '../../../shared/contracts/dashboard.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { placesOf, type SituationFigures } from './situation.ts';

/** The signed-in dashboard and regional view: aggregated figures for anyone who may read dashboards. */
export function dashboardService(deps: { situation: SituationFigures }) {
  const { situation } = deps;

  async function scopeFor(ctx: ServiceContext, query: DashboardQuery) {
    requireAccess(ctx.user, 'dashboard:read');
    return situation.resolve(query);
  }

  return {
    async summary(ctx: ServiceContext, query: DashboardQuery): Promise<DashboardSummary> {
      return situation.summary(await scopeFor(ctx, query));
    },

    async trends(ctx: ServiceContext, query: DashboardQuery): Promise<DashboardTrends> {
      return situation.trends(await scopeFor(ctx, query));
    },

    async map(ctx: ServiceContext, query: DashboardQuery): Promise<DashboardMap> {
      return situation.mapAnswer(await scopeFor(ctx, query));
    },

    /** One region's names and ids on the national map (the region checked, the map the national one of the same sector and day). */
    async places(ctx: ServiceContext, query: MapPlacesQuery): Promise<MapRegionPlaces> {
      const scope = await scopeFor(ctx, { ...query, months: 12 });
      const national = { ...scope, region: null };
      return { at: scope.at, region: query.region, places: placesOf(await situation.map(national), query.region) };
    },

    boundaries(ctx: ServiceContext, level: number, parent: string | null): Promise<OutlineCollection | null> {
      requireAccess(ctx.user, 'dashboard:read');
      return situation.boundaries(level, parent);
    },
  };
}
export type DashboardService = ReturnType<typeof dashboardService>;
