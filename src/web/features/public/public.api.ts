import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OutlineCollection, PublicMap, PublicSummary, PublicTrends } from '../../../shared/contracts/dashboard.ts';
import { api, type Query } from '../../api/client.ts';

const staleTime = 5 * 60_000;

export function usePublicStatus() {
  return useQuery({ queryKey: ['public', 'status'], queryFn: ({ signal }) => api.get<{ enabled: boolean }>('/api/public/status', { signal }), staleTime });
}

export function usePublicSummary(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'summary', query],
    queryFn: ({ signal }) => api.get<PublicSummary>('/api/public/dashboard', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function usePublicTrends(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'trends', query],
    queryFn: ({ signal }) => api.get<PublicTrends>('/api/public/dashboard/trends', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function usePublicMap(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'map', query],
    queryFn: ({ signal }) => api.get<PublicMap>('/api/public/dashboard/map', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function fetchPublicBoundaries(level: number, parent: string | null, signal?: AbortSignal) {
  return api.get<OutlineCollection | null>('/api/public/boundaries', { query: { level, parent }, signal });
}
