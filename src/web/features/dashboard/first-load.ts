import type { QueryClient } from '@tanstack/react-query';
import type { DashboardFirstLoad } from '../../../shared/dashboard-first-load.ts';
import { prefetchDashboard } from './dashboard.api.ts';
import { preloadSituation } from './SituationView.tsx';

/**
 * A dashboard page opened from its address: its chunk and its map's and charts' chunks are
 * imported, and its figures read into the query cache (from the answers main.tsx asked for
 * early), as the app starts rather than once the session has answered and the page rendered.
 * The lazy routes and hooks then find them in flight or done.
 */
export function startDashboardPage(queryClient: QueryClient, { page, values, query }: DashboardFirstLoad) {
  // Each import is the route's own (routes.tsx): the same module, downloaded once. A failure is retried by the route.
  // (Two statements: Vite's preloading of a conditional expression's imports takes the last one's dependencies for both.)
  if (page === 'dashboard') import('./DashboardPage.tsx').catch(() => undefined);
  else import('./RegionPage.tsx').catch(() => undefined);
  preloadSituation();
  prefetchDashboard(queryClient, query, values);
}
