import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { publicApi } from '../../../shared/contracts/dashboard.ts';
import { call, type Query } from '../../api/client.ts';

const staleTime = 5 * 60_000;

export function usePublicStatus() {
  return useQuery({ queryKey: ['public', 'status'], queryFn: ({ signal }) => call(publicApi.status, { signal }), staleTime });
}

export function usePublicSummary(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'summary', query],
    queryFn: ({ signal }) => call(publicApi.summary, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function usePublicTrends(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'trends', query],
    queryFn: ({ signal }) => call(publicApi.trends, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function usePublicMap(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'map', query],
    queryFn: ({ signal }) => call(publicApi.map, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime,
  });
}

export function fetchPublicBoundaries(level: number, parent: string | null, signal?: AbortSignal) {
  return call(publicApi.boundaries, { query: { level, parent }, signal });
}

/** Names and ids of one region's points on the national map (public figures are always today's). */
export function publicPlacesLoader(sector: string) {
  return async (region: string, _at: string, signal: AbortSignal) =>
    (await call(publicApi.places, { query: { region, sector: sector || undefined }, signal })).places;
}
