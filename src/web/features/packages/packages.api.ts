import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { type HarmonisedMethod, type HarmonisedPackage, type MethodAttachment, methodsApi, packagesApi } from '../../../shared/contracts/packages.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export type PackageKind = 'package' | 'method';
const apiOf = { package: packagesApi, method: methodsApi } as const;
export type Harmonised = HarmonisedPackage | HarmonisedMethod;

export const packageKeys = {
  all: ['packages'] as const,
  list: (kind: PackageKind, query: Query) => ['packages', kind, 'list', query] as const,
  detail: (kind: PackageKind, id: string) => ['packages', kind, 'detail', id] as const,
  versions: (kind: PackageKind, id: string) => ['packages', kind, 'versions', id] as const,
  conformity: (query: Query) => ['packages', 'conformity', query] as const,
  attachments: (id: string) => ['packages', 'method', 'attachments', id] as const,
};

export function usePackageList(query: Query) {
  return useQuery({
    queryKey: packageKeys.list('package', query),
    queryFn: ({ signal }) => call(packagesApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
export function useMethodList(query: Query) {
  return useQuery({
    queryKey: packageKeys.list('method', query),
    queryFn: ({ signal }) => call(methodsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
export function usePackage(id: string) {
  return useQuery({
    queryKey: packageKeys.detail('package', id),
    queryFn: ({ signal }) => call(packagesApi.get, { params: { id }, signal }),
    enabled: id !== '',
  });
}
export function useMethod(id: string) {
  return useQuery({
    queryKey: packageKeys.detail('method', id),
    queryFn: ({ signal }) => call(methodsApi.get, { params: { id }, signal }),
    enabled: id !== '',
  });
}
export function usePackageVersions(id: string) {
  return useQuery({
    queryKey: packageKeys.versions('package', id),
    queryFn: ({ signal }) => call(packagesApi.versions, { params: { id }, signal }),
    enabled: id !== '',
  });
}
export function useMethodVersions(id: string) {
  return useQuery({
    queryKey: packageKeys.versions('method', id),
    queryFn: ({ signal }) => call(methodsApi.versions, { params: { id }, signal }),
    enabled: id !== '',
  });
}
export function useConformity(query: Query) {
  return useQuery({
    queryKey: packageKeys.conformity(query),
    queryFn: ({ signal }) => call(packagesApi.conformity, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
/** The latest meetings' decisions, for the endorse dialog to cite the one that endorsed. */
export function useEndorsementDecisions(enabled: boolean) {
  return useQuery({
    queryKey: ['packages', 'endorsement-decisions'],
    queryFn: ({ signal }) => call(packagesApi.endorsementDecisions, { signal }),
    enabled,
  });
}
/** Endorsed packages of a sector, for a response to name the one it delivers. */
export function useEndorsedPackages(sector: string) {
  return useQuery({
    queryKey: packageKeys.list('package', { sector, status: 'endorsed', pageSize: 100 }),
    queryFn: ({ signal }) => call(packagesApi.list, { query: { sector, status: 'endorsed', pageSize: 100 }, signal }),
    enabled: sector !== '',
    staleTime: 5 * 60_000,
  });
}

function useChange<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation<Output, ApiError, Input>({ mutationFn: send, onSuccess: () => void queryClient.invalidateQueries({ queryKey: packageKeys.all }) });
}

export const useCreatePackage = () => useChange<BodyInputOf<typeof packagesApi.create>, HarmonisedPackage>((body) => call(packagesApi.create, { body }));
export const useUpdatePackage = (id: string) =>
  useChange<BodyInputOf<typeof packagesApi.update>, HarmonisedPackage>((body) => call(packagesApi.update, { params: { id }, body }));
export const useCreateMethod = () => useChange<BodyInputOf<typeof methodsApi.create>, HarmonisedMethod>((body) => call(methodsApi.create, { body }));
export const useUpdateMethod = (id: string) =>
  useChange<BodyInputOf<typeof methodsApi.update>, HarmonisedMethod>((body) => call(methodsApi.update, { params: { id }, body }));

/** The lifecycle steps, the same for packages and methods. */
export function useLifecycle(kind: PackageKind, id: string) {
  const api = apiOf[kind];
  return {
    propose: useChange<{ version: number }, Harmonised>((body) => call(api.propose, { params: { id }, body })),
    withdraw: useChange<{ version: number }, Harmonised>((body) => call(api.withdraw, { params: { id }, body })),
    endorse: useChange<BodyInputOf<typeof packagesApi.endorse>, Harmonised>((body) => call(api.endorse, { params: { id }, body })),
    revise: useChange<{ version: number }, Harmonised>((body) => call(api.revise, { params: { id }, body })),
    remove: useChange<{ version: number }, void>(({ version }) => call(api.remove, { params: { id }, query: { version } })),
  };
}

/** Plain links: the browser downloads with the session cookie, in the UI's language. */
export const packageExportUrl = (kind: PackageKind, format: 'xlsx' | 'csv' | 'hxl', filters: { sector?: string; status?: string }) =>
  hrefOf(apiOf[kind].export, {
    query: {
      format,
      lang: currentLanguage(),
      ...(filters.sector ? { sector: filters.sector } : {}),
      ...(filters.status ? { status: filters.status } : {}),
    },
  });

/** The PDFs of a method version, and whether the reader may change them. */
export function useMethodAttachments(id: string) {
  return useQuery({
    queryKey: packageKeys.attachments(id),
    queryFn: ({ signal }) => call(methodsApi.attachments, { params: { id }, signal }),
    enabled: id !== '',
  });
}
export const useAttachMethodFile = (id: string) => useChange<File, MethodAttachment>((file) => call(methodsApi.attach, { params: { id }, file }));
export const useRemoveMethodAttachment = (id: string) =>
  useChange<string, void>((attachmentId) => call(methodsApi.removeAttachment, { params: { id, attachmentId } }));
/** A plain link: the browser downloads with the session cookie. */
export const methodAttachmentUrl = (id: string, attachmentId: string) => hrefOf(methodsApi.downloadAttachment, { params: { id, attachmentId } });
