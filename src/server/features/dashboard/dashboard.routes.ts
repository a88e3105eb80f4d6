import { z } from 'zod';
import {
  dashboardMap,
  dashboardQuery,
  dashboardSettingsState,
  dashboardSettingsUpdate,
  dashboardSummary,
  dashboardTrends,
  outlineCollection,
  type DashboardSettings,
} from '../../../shared/contracts/dashboard.ts';
import { type App, contextOf } from '../../lib/http.ts';
import type { VersionedSettingService } from '../gaps/settings.service.ts';
import type { DashboardService } from './dashboard.service.ts';

export const boundariesQuery = z.object({
  level: z.coerce.number().int().min(1).max(3),
  parent: z.string().trim().regex(/^[A-Z]{2}\d{2,}$/i, { error: 'pcode_invalid' }).toUpperCase().optional(),
});

export function dashboardRoutes(app: App, deps: { dashboard: DashboardService; dashboardSettings: VersionedSettingService<DashboardSettings> }) {
  const { dashboard, dashboardSettings } = deps;

  app.get('/api/v1/dashboard', { schema: { querystring: dashboardQuery, response: { 200: dashboardSummary } } }, (request) =>
    dashboard.summary(contextOf(request), request.query),
  );

  app.get('/api/v1/dashboard/trends', { schema: { querystring: dashboardQuery, response: { 200: dashboardTrends } } }, (request) =>
    dashboard.trends(contextOf(request), request.query),
  );

  app.get('/api/v1/dashboard/map', { schema: { querystring: dashboardQuery, response: { 200: dashboardMap } } }, (request) =>
    dashboard.map(contextOf(request), request.query),
  );

  // Boundaries only change on a gazetteer import: a few minutes in the browser's cache saves 3G users the download.
  app.get(
    '/api/v1/dashboard/boundaries',
    { schema: { querystring: boundariesQuery, response: { 200: outlineCollection.nullable() } } },
    async (request, reply) => {
      const collection = await dashboard.boundaries(contextOf(request), request.query.level, request.query.parent ?? null);
      reply.header('cache-control', 'private, max-age=300');
      return collection;
    },
  );

  app.get('/api/v1/settings/dashboard', { schema: { response: { 200: dashboardSettingsState } } }, (request) => dashboardSettings.get(contextOf(request)));

  app.put('/api/v1/settings/dashboard', { schema: { body: dashboardSettingsUpdate, response: { 200: dashboardSettingsState } } }, (request) =>
    dashboardSettings.update(contextOf(request), request.body),
  );
}
