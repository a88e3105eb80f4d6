import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Capacity, CapacityInput, CapacityPatch, CapacitySummary } from '../../../shared/contracts/capacities.ts';
import type { Page } from '../../../shared/contracts/common.ts';
import type { ExportFormat } from '../../../shared/contracts/responses.ts';
import { type ApiError, api, buildUrl, type Query } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

const base = '/api/v1/capacities';

export const capacityKeys = {
  all: ['capacities'] as const,
  list: (query: Query) => ['capacities', 'list', query] as const,
  summary: (query: Query) => ['capacities', 'summary', query] as const,
};

export function useCapacityList(query: Query) {
  return useQuery({
    queryKey: capacityKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Capacity>>(base, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCapacitySummary(query: Query) {
  return useQuery({
    queryKey: capacityKeys.summary(query),
    queryFn: ({ signal }) => api.get<CapacitySummary>(`${base}/summary`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCapacity() {
  const queryClient = useQueryClient();
  return useMutation<Capacity, ApiError, { id: null; input: CapacityInput } | { id: string; input: CapacityPatch }>({
    mutationFn: ({ id, input }) => (id === null ? api.post<Capacity>(base, input) : api.patch<Capacity>(`${base}/${id}`, input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: capacityKeys.all }),
  });
}

export function useDeleteCapacity() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Capacity>({
    mutationFn: (capacity) => api.delete<void>(`${base}/${capacity.id}`, { query: { version: capacity.version } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: capacityKeys.all }),
  });
}

export function capacityExportUrl(format: ExportFormat, filters: Query): string {
  return buildUrl(`${base}/export`, { ...filters, page: undefined, pageSize: undefined, sort: undefined, format, lang: currentLanguage() });
}

export function capacityTemplateUrl(period: string, organisationId: string | undefined): string {
  return buildUrl(`${base}/template`, { period, organisationId, lang: currentLanguage() });
}
