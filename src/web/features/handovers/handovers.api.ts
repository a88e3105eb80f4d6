import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { developmentProgrammesApi, type Handover, handoversApi } from '../../../shared/contracts/handovers.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';

export const handoverKeys = {
  all: ['handovers'] as const,
  list: (query: Query) => ['handovers', 'list', query] as const,
  outlook: (query: Query) => ['handovers', 'outlook', query] as const,
  dossier: (id: string) => ['handovers', 'dossier', id] as const,
};

export function useHandovers(query: Query) {
  return useQuery({
    queryKey: handoverKeys.list(query),
    queryFn: ({ signal }) => call(handoversApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useHandoverOutlook(query: Query = {}) {
  return useQuery({ queryKey: handoverKeys.outlook(query), queryFn: ({ signal }) => call(handoversApi.outlook, { query, signal }) });
}

export function useDossier(id: string) {
  return useQuery({ queryKey: handoverKeys.dossier(id), queryFn: ({ signal }) => call(handoversApi.dossier, { params: { id }, signal }) });
}

/** Development actors' programmes, for the form's list of actors. */
export function useProgrammes(query: Query) {
  return useQuery({ queryKey: ['development-programmes', query], queryFn: ({ signal }) => call(developmentProgrammesApi.list, { query, signal }) });
}

export function useUpdateHandover(id: string) {
  const queryClient = useQueryClient();
  return useMutation<Handover, ApiError, BodyInputOf<typeof handoversApi.update>>({
    mutationFn: (body) => call(handoversApi.update, { params: { id }, body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: handoverKeys.all }),
  });
}

/** Opens a shock's handover before its to-do comes; the locality's timeline shows it at once. */
export function useCreateHandover() {
  const queryClient = useQueryClient();
  return useMutation<Handover, ApiError, BodyInputOf<typeof handoversApi.create>>({
    mutationFn: (body) => call(handoversApi.create, { body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: handoverKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['continuum'] });
    },
  });
}

export const handoverFiles = {
  list: (format: 'xlsx' | 'csv' | 'hxl', query: Query) => hrefOf(handoversApi.export, { query: { ...query, format } }),
  dossierPdf: (id: string, lang: 'fr' | 'en') => hrefOf(handoversApi.dossierPdf, { params: { id }, query: { lang } }),
};
