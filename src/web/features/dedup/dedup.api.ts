import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { dedupApi, type PairStatus } from '../../../shared/contracts/dedup.ts';
import { type ApiError, call, type Query } from '../../api/client.ts';

const dedupKeys = {
  all: ['dedup'] as const,
  runs: (page: number) => ['dedup', 'runs', page] as const,
  run: (id: string) => ['dedup', 'run', id] as const,
  clusters: (page: number) => ['dedup', 'clusters', page] as const,
  counts: (query: Query) => ['dedup', 'counts', query] as const,
  overlap: (query: Query) => ['dedup', 'overlap', query] as const,
  duplicates: ['dedup', 'duplicates'] as const,
};

/** The runs; polled every second while one is running, so its progress moves on screen. */
export function useDedupRuns(page: number) {
  return useQuery({
    queryKey: dedupKeys.runs(page),
    queryFn: ({ signal }) => call(dedupApi.listRuns, { query: { page, pageSize: 10 }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((r) => r.status === 'running') ? 1000 : false),
  });
}

export function useStartRun() {
  const queryClient = useQueryClient();
  return useMutation<Awaited<ReturnType<typeof startRun>>, ApiError, void>({
    mutationFn: startRun,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dedupKeys.all }),
  });
}
const startRun = () => call(dedupApi.startRun);

/** Pairs and clusters hold names: read when shown, never kept in the cache beyond the page that asked. */
export function usePairs(status: PairStatus, page: number) {
  return useQuery({
    queryKey: ['dedup', 'pairs', status, page],
    queryFn: ({ signal }) => call(dedupApi.listPairs, { query: { status, page, pageSize: 10 }, signal }),
    placeholderData: keepPreviousData,
    gcTime: 0,
    staleTime: 0,
  });
}

export function useDecidePair() {
  const queryClient = useQueryClient();
  return useMutation<Awaited<ReturnType<typeof decide>>, ApiError, { id: string; decision: 'same' | 'different' }>({
    mutationFn: decide,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dedupKeys.all }),
  });
}
const decide = ({ id, decision }: { id: string; decision: 'same' | 'different' }) => call(dedupApi.decidePair, { params: { id }, body: { decision } });

export const useClusters = (page: number) =>
  useQuery({
    queryKey: dedupKeys.clusters(page),
    queryFn: ({ signal }) => call(dedupApi.listClusters, { query: { page, pageSize: 25 }, signal }),
    placeholderData: keepPreviousData,
  });

export const useCluster = (id: string) =>
  useQuery({ queryKey: ['dedup', 'cluster', id], queryFn: ({ signal }) => call(dedupApi.getCluster, { params: { id }, signal }), gcTime: 0, staleTime: 0 });

export const useHouseholdCounts = (query: Query) =>
  useQuery({
    queryKey: dedupKeys.counts(query),
    queryFn: ({ signal }) => call(dedupApi.householdCounts, { query, signal }),
    placeholderData: keepPreviousData,
  });

export const useOverlap = (query: Query) =>
  useQuery({ queryKey: dedupKeys.overlap(query), queryFn: ({ signal }) => call(dedupApi.overlap, { query, signal }), placeholderData: keepPreviousData });

export const useDuplicateSummary = () => useQuery({ queryKey: dedupKeys.duplicates, queryFn: ({ signal }) => call(dedupApi.duplicateSummary, { signal }) });

/** One list's duplicate groups (names), for a stated purpose; never cached beyond the page. */
export function useListDuplicates(id: string, purpose: string | null, page: number) {
  return useQuery({
    queryKey: ['dedup', 'list-duplicates', id, purpose, page],
    queryFn: ({ signal }) => call(dedupApi.listDuplicates, { params: { id }, query: { purpose, page }, signal }),
    enabled: purpose !== null,
    gcTime: 0,
    staleTime: 0,
  });
}
