import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Capacity, type CapacityInput, type CapacityPatch, capacitiesApi } from '../../../shared/contracts/capacities.ts';
import type { ExportFormat } from '../../../shared/contracts/responses.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export const capacityKeys = {
  all: ['capacities'] as const,
  list: (query: Query) => ['capacities', 'list', query] as const,
  summary: (query: Query) => ['capacities', 'summary', query] as const,
};

/** The records, for those who may read them (`enabled`); donors see the summary only. */
export function useCapacityList(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: capacityKeys.list(query),
    queryFn: ({ signal }) => call(capacitiesApi.list, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCapacitySummary(query: Query) {
  return useQuery({
    queryKey: capacityKeys.summary(query),
    queryFn: ({ signal }) => call(capacitiesApi.summary, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveCapacity() {
  const queryClient = useQueryClient();
  return useMutation<Capacity, ApiError, { id: null; input: CapacityInput } | { id: string; input: CapacityPatch }>({
    mutationFn: ({ id, input }) => (id === null ? call(capacitiesApi.create, { body: input }) : call(capacitiesApi.update, { params: { id }, body: input })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: capacityKeys.all }),
  });
}

/** Plain links: the browser downloads with the session cookie; the list's page and sort stay out (not in the contract). */
export function capacityExportUrl(format: ExportFormat, filters: Query): string {
  return hrefOf(capacitiesApi.export, { query: { ...filters, format, lang: currentLanguage() } });
}

export function capacityTemplateUrl(period: string, organisationId: string | undefined): string {
  return hrefOf(capacitiesApi.template, { query: { period, organisationId, lang: currentLanguage() } });
}
