import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.ts';
import type { DashboardMap, DashboardSummary, DashboardTrends, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import type { AdminArea } from '../../../shared/contracts/gazetteer.ts';
import { api, type Query } from '../../api/client.ts';

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
    queryFn: ({ signal }) => api.get<DashboardSummary>('/api/v1/dashboard', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

export function useDashboardTrends(query: Query) {
  return useQuery({
    queryKey: dashboardKeys.trends(query),
    queryFn: ({ signal }) => api.get<DashboardTrends>('/api/v1/dashboard/trends', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

export function useDashboardMap(query: Query) {
  return useQuery({
    queryKey: dashboardKeys.map(query),
    queryFn: ({ signal }) => api.get<DashboardMap>('/api/v1/dashboard/map', { query, signal }),
    placeholderData: keepPreviousData,
    staleTime,
  });
}

/** Imported boundaries of one level (under `parent`), or null when there are none. */
export function fetchBoundaries(level: number, parent: string | null, signal?: AbortSignal) {
  return api.get<OutlineCollection | null>('/api/v1/dashboard/boundaries', { query: { level, parent }, signal });
}

/** Regions (or the cercles of a region) for the filters: a few dozen names at most. */
export function useAreas(level: 1 | 2, parent: string | null) {
  return useQuery({
    queryKey: dashboardKeys.areas(level, parent),
    queryFn: ({ signal }) => api.get<Page<AdminArea>>('/api/v1/admin-areas', { query: { level, parent, pageSize: 100 }, signal }),
    enabled: level === 1 || parent !== null,
    staleTime: 10 * 60_000,
  });
}
