import type { DashboardMap, DashboardQuery, DashboardSummary, DashboardTrends, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { SituationFigures } from './situation.ts';

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
      return situation.map(await scopeFor(ctx, query));
    },

    boundaries(ctx: ServiceContext, level: number, parent: string | null): Promise<OutlineCollection | null> {
      requireAccess(ctx.user, 'dashboard:read');
      return situation.boundaries(level, parent);
    },
  };
}
export type DashboardService = ReturnType<typeof dashboardService>;
