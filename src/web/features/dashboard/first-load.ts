import type { QueryClient } from '@tanstack/react-query';
import { prefetchDashboard } from './dashboard.api.ts';
import { preloadSituation } from './SituationView.tsx';
import { readDashboardParams } from './useDashboardParams.ts';

/** The routes `dashboard` and `regions/:pcode` (routes.tsx). */
const dashboardPath = /^\/dashboard\/?$/;
const regionPath = /^\/regions\/([^/]+)\/?$/;

/**
 * A dashboard page opened from its address: its chunk, its map's and charts' chunks and its
 * figures are asked for as the app starts, in parallel with the session, rather than in turn once
 * the session has answered. The lazy routes and hooks then find them in flight or done.
 */
export function startDashboardPage(queryClient: QueryClient, { pathname, search }: Pick<Location, 'pathname' | 'search'>) {
  const region = regionPath.exec(pathname)?.[1];
  if (region === undefined && !dashboardPath.test(pathname)) return;
  // Each import is the route's own (routes.tsx): the same module, downloaded once. A failure is retried by the route.
  // (Two statements: Vite's preloading of a conditional expression's imports takes the last one's dependencies for both.)
  if (region === undefined) import('./DashboardPage.tsx').catch(() => undefined);
  else import('./RegionPage.tsx').catch(() => undefined);
  preloadSituation();
  const { values, query } = readDashboardParams(new URLSearchParams(search), region === undefined ? {} : { region: region.toUpperCase() });
  prefetchDashboard(queryClient, query, values);
}
