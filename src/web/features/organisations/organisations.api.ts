import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.ts';
import type { Organisation, OrganisationInput } from '../../../shared/contracts/organisations.ts';
import { type ApiError, api, type Query } from '../../api/client.ts';
import { auditKeys } from '../audit/audit.api.ts';

const base = '/api/v1/organisations';

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (query: Query) => ['organisations', 'list', query] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
};

export function useOrganisationList(query: Query) {
  return useQuery({
    queryKey: organisationKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Organisation>>(base, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every active organisation, for pickers: a few dozen in practice, far under the page cap. */
export function useActiveOrganisations() {
  return useQuery({
    queryKey: organisationKeys.list({ active: 'true', pageSize: 500 }),
    queryFn: ({ signal }) => api.get<Page<Organisation>>(base, { query: { active: 'true', pageSize: 500 }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: organisationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Organisation>(`${base}/${id}`, { signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation<Organisation, ApiError, OrganisationInput>({
    mutationFn: (input) => api.post<Organisation>(base, input),
    onSuccess: (created) => {
      queryClient.setQueryData(organisationKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...organisationKeys.all, 'list'] });
    },
  });
}

export type OrganisationPatch = Partial<OrganisationInput> & { active?: boolean; version: number };

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation<Organisation, ApiError, OrganisationPatch>({
    mutationFn: (patch) => api.patch<Organisation>(`${base}/${id}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData(organisationKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: [...organisationKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: auditKeys.record('organisation', id) });
    },
  });
}
