import { keepPreviousData, type QueryClient, queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { dashboardApi } from '../../../shared/contracts/dashboard.ts';
import { gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { call, type Query } from '../../api/client.ts';
import { type DashboardParams, mapBoundariesOf } from '../../../shared/dashboard-first-load.ts';

/** Figures move when someone records something, not second by second: a minute of freshness is plenty. */
const staleTime = 60_000;

export const dashboardKeys = {
  all: ['dashboard'] as const,
  summary: (query: Query) => ['dashboard', 'summary', query] as const,
  trends: (query: Query) => ['dashboard', 'trends', query] as const,
  map: (query: Query) => ['dashboard', 'map', query] as const,
  boundaries: (level: number, parent: string | null) => ['dashboard', 'boundaries', level, parent] as const,
  areas: (level: number, parent: string | null) => ['dashboard', 'areas', level, parent] as const,
};

// Options shared by the page's hooks and the first load's prefetch (first-load.ts), so both fill the same cache entries.
const summaryQuery = (query: Query) =>
  queryOptions({ queryKey: dashboardKeys.summary(query), queryFn: ({ signal }) => call(dashboardApi.summary, { query, signal }), staleTime });
const trendsQuery = (query: Query) =>
  queryOptions({ queryKey: dashboardKeys.trends(query), queryFn: ({ signal }) => call(dashboardApi.trends, { query, signal }), staleTime });
const mapQuery = (query: Query) =>
  queryOptions({ queryKey: dashboardKeys.map(query), queryFn: ({ signal }) => call(dashboardApi.map, { query, signal }), staleTime });
/** Boundaries change only on a gazetteer import (the server lets the browser keep them a few minutes too). */
const boundariesQuery = (level: number, parent: string | null) =>
  queryOptions({
    queryKey: dashboardKeys.boundaries(level, parent),
    queryFn: ({ signal }) => call(dashboardApi.boundaries, { query: { level, parent }, signal }),
    staleTime: 10 * 60_000,
  });
const areasQuery = (level: 1 | 2, parent: string | null) =>
  queryOptions({
    queryKey: dashboardKeys.areas(level, parent),
    queryFn: ({ signal }) => call(gazetteerApi.adminAreas, { query: { level, parent, pageSize: 100 }, signal }),
    staleTime: 10 * 60_000,
  });

export function useDashboardSummary(query: Query) {
  return useQuery({ ...summaryQuery(query), placeholderData: keepPreviousData });
}

export function useDashboardTrends(query: Query) {
  return useQuery({ ...trendsQuery(query), placeholderData: keepPreviousData });
}

export function useDashboardMap(query: Query) {
  return useQuery({ ...mapQuery(query), placeholderData: keepPreviousData });
}

/**
 * Imported boundaries of one level (under `parent`), or null when there are none; through the query
 * cache, where the first load may have put them already. A map that goes away lets the answer
 * arrive into the cache rather than abort it.
 */
export function useBoundariesLoader() {
  const queryClient = useQueryClient();
  return useCallback((level: number, parent: string | null) => queryClient.fetchQuery(boundariesQuery(level, parent)), [queryClient]);
}

/**
 * What a dashboard page opened from its address shows first, read into the query cache as the app
 * starts (first-load.ts), from the answers asked for early (shared/dashboard-first-load.ts), instead
 * of once the session has answered and the page has rendered. A signed-out visitor's answers are
 * refusals, which the page asks again after sign-in.
 */
export function prefetchDashboard(queryClient: QueryClient, query: Query, values: Pick<DashboardParams, 'region' | 'cercle'>) {
  const { level, parent } = mapBoundariesOf(values);
  void queryClient.prefetchQuery(summaryQuery(query));
  void queryClient.prefetchQuery(trendsQuery(query));
  void queryClient.prefetchQuery(mapQuery(query));
  void queryClient.prefetchQuery(boundariesQuery(level, parent));
  if (!values.region) void queryClient.prefetchQuery(areasQuery(1, null));
}

/** Names and ids of one region's points on the national map, for the sector shown (and the map's day). */
export function placesLoader(sector: string) {
  return async (region: string, at: string, signal: AbortSignal) =>
    (await call(dashboardApi.places, { query: { region, at, sector: sector || undefined }, signal })).places;
}

/** Regions (or the cercles of a region) for the filters: a few dozen names at most. */
export function useAreas(level: 1 | 2, parent: string | null) {
  return useQuery({ ...areasQuery(level, parent), enabled: level === 1 || parent !== null });
}
