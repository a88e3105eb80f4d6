import { dashboardApi, dashboardSettingsApi, type DashboardSettings } from '../../../shared/contracts/dashboard.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import type { DashboardService } from './dashboard.service.ts';
import type { VersionedSettingService } from '../settings/settings.module.ts';

export function dashboardRoutes(app: App, deps: { dashboard: DashboardService; dashboardSettings: VersionedSettingService<DashboardSettings> }) {
  const { dashboard, dashboardSettings } = deps;
  routes(app, dashboardApi, {
    summary: (request) => dashboard.summary(contextOf(request), request.query),
    trends: (request) => dashboard.trends(contextOf(request), request.query),
    map: (request) => dashboard.map(contextOf(request), request.query),
    places: (request) => dashboard.places(contextOf(request), request.query),
    // Boundaries only change on a gazetteer import: a few minutes in the browser's cache saves 3G users the download.
    boundaries: async (request, reply) => {
      const collection = await dashboard.boundaries(contextOf(request), request.query.level, request.query.parent ?? null);
      reply.header('cache-control', 'private, max-age=300');
      return collection;
    },
  });
  routes(app, dashboardSettingsApi, {
    get: (request) => dashboardSettings.get(contextOf(request)),
    update: (request) => dashboardSettings.update(contextOf(request), request.body),
  });
}
