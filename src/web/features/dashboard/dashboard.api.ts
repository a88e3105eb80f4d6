import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { dashboardApi } from '../../../shared/contracts/dashboard.ts';
import { gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { call, type Query } from '../../api/client.ts';

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

export function useDashboardSummary(query: Query) {
  return useQuery({
    queryKey: dashboardKeys.summary(query),
    queryFn: ({ signal }) => call(dashboardApi.summary, { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

export function useDashboardTrends(query: Query) {
  return useQuery({
    queryKey: dashboardKeys.trends(query),
    queryFn: ({ signal }) => call(dashboardApi.trends, { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

export function useDashboardMap(query: Query) {
  return useQuery({
    queryKey: dashboardKeys.map(query),
    queryFn: ({ signal }) => call(dashboardApi.map, { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

/** Imported boundaries of one level (under `parent`), or null when there are none. */
export function fetchBoundaries(level: number, parent: string | null, signal?: AbortSignal) {
  return call(dashboardApi.boundaries, { query: { level, parent }, signal });
}

/** Names and ids of one region's points on the national map, for the sector shown (and the map's day). */
export function placesLoader(sector: string) {
  return async (region: string, at: string, signal: AbortSignal) =>
    (await call(dashboardApi.places, { query: { region, at, sector: sector || undefined }, signal })).places;
}

/** Regions (or the cercles of a region) for the filters: a few dozen names at most. */
export function useAreas(level: 1 | 2, parent: string | null) {
  return useQuery({
    queryKey: dashboardKeys.areas(level, parent),
    queryFn: ({ signal }) => call(gazetteerApi.adminAreas, { query: { level, parent, pageSize: 100 }, signal }),
    enabled: level === 1 || parent !== null,
    staleTime: 10 * 60_000,
  });
}
