import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { type ListUploadResult, listsApi, protocolApi, sharingApi } from '../../../shared/contracts/lists.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import type { ImportUpload } from '../../api/imports.ts';

export const listKeys = {
  all: ['lists'] as const,
  list: (query: Query) => ['lists', 'list', query] as const,
  detail: (id: string) => ['lists', 'detail', id] as const,
  protocol: ['lists', 'protocol'] as const,
  sharing: (query: Query) => ['lists', 'sharing', query] as const,
  mappings: ['lists', 'mappings'] as const,
};

export const useListRegistry = (query: Query) =>
  useQuery({ queryKey: listKeys.list(query), queryFn: ({ signal }) => call(listsApi.list, { query, signal }), placeholderData: keepPreviousData });
export const useList = (id: string) => useQuery({ queryKey: listKeys.detail(id), queryFn: ({ signal }) => call(listsApi.get, { params: { id }, signal }) });
export const useProtocol = () => useQuery({ queryKey: listKeys.protocol, queryFn: ({ signal }) => call(protocolApi.get, { signal }) });
export const useSharingRequests = (query: Query, enabled = true) =>
  useQuery({ queryKey: listKeys.sharing(query), queryFn: ({ signal }) => call(sharingApi.list, { query, signal }), placeholderData: keepPreviousData, enabled });
export const useColumnMappings = (enabled: boolean) => useQuery({ queryKey: listKeys.mappings, queryFn: ({ signal }) => call(listsApi.columnMappings, { signal }), enabled });

/** Households are personal data: read on demand for a stated purpose, never cached beyond the page that asked. */
export function useHouseholds(id: string, purpose: string | null, page: number) {
  return useQuery({
    queryKey: ['lists', 'households', id, purpose, page],
    queryFn: ({ signal }) => call(listsApi.households, { params: { id }, query: { purpose, page, pageSize: 100 }, signal }),
    enabled: purpose !== null,
    gcTime: 0,
    staleTime: 0,
  });
}

/** After an upload: the register and the lists read again. */
export function useRefreshLists() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: listKeys.all });
}

function useChange<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation<Output, ApiError, Input>({ mutationFn: send, onSuccess: () => void queryClient.invalidateQueries({ queryKey: listKeys.all }) });
}

export const useAcceptProtocol = () => useChange((body: BodyInputOf<typeof protocolApi.accept>) => call(protocolApi.accept, { body }));
export const useSaveMappings = () => useChange((body: BodyInputOf<typeof listsApi.saveColumnMappings>) => call(listsApi.saveColumnMappings, { body }));
export const usePurgeList = (id: string) => useChange((body: BodyInputOf<typeof listsApi.purge>) => call(listsApi.purge, { params: { id }, body }));
export const useListStatus = (id: string) => useChange((body: BodyInputOf<typeof listsApi.setStatus>) => call(listsApi.setStatus, { params: { id }, body }));
export const useRequestSharing = () => useChange((body: BodyInputOf<typeof sharingApi.create>) => call(sharingApi.create, { body }));
export const useDecideSharing = (id: string) => useChange((body: BodyInputOf<typeof sharingApi.decide>) => call(sharingApi.decide, { params: { id }, body }));
export const useEraseHousehold = () =>
  useChange(({ listId, householdId, reason }: { listId: string; householdId: string; reason: string }) => call(listsApi.eraseHousehold, { params: { id: listId, householdId }, body: { reason } }));
/** Person searches are POSTed: their terms never travel in a URL. */
export const useSearchPersons = () => useMutation<Awaited<ReturnType<typeof searchPersons>>, ApiError, BodyInputOf<typeof listsApi.personSearch>>({ mutationFn: searchPersons });
const searchPersons = (body: BodyInputOf<typeof listsApi.personSearch>) => call(listsApi.personSearch, { body });

/** The list upload: the dialog's file with the list's fields. */
export function uploadList(fields: Query, { file, dryRun, progressKey }: ImportUpload): Promise<ListUploadResult> {
  return call(listsApi.upload, { file, query: { ...fields, dryRun: String(dryRun), progressKey } });
}

export const protocolPdfUrl = (lang: 'fr' | 'en') => hrefOf(protocolApi.pdf, { query: { lang } });
export const extractUrl = (id: string, format: 'xlsx' | 'csv', lang: 'fr' | 'en') => hrefOf(sharingApi.extract, { params: { id }, query: { format, lang } });
