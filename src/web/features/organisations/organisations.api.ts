import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { type Organisation, type OrganisationInput, organisationsApi } from '../../../shared/contracts/organisations.ts';
import { type ApiError, call, type Query } from '../../api/client.ts';
import { auditKeys } from '../audit/audit.api.ts';

export const organisationKeys = {
  all: ['organisations'] as const,
  list: (query: Query) => ['organisations', 'list', query] as const,
  detail: (id: string) => ['organisations', 'detail', id] as const,
};

export function useOrganisationList(query: Query) {
  return useQuery({
    queryKey: organisationKeys.list(query),
    queryFn: ({ signal }) => call(organisationsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every active organisation, for pickers: a few dozen in practice, far under the page cap. */
export function useActiveOrganisations() {
  return useQuery({
    queryKey: organisationKeys.list({ active: 'true', pageSize: 500 }),
    queryFn: ({ signal }) => call(organisationsApi.list, { query: { active: 'true', pageSize: 500 }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useOrganisation(id: string | null | undefined) {
  return useQuery({
    queryKey: organisationKeys.detail(id ?? ''),
    queryFn: ({ signal }) => call(organisationsApi.get, { params: { id: id! }, signal }),
    enabled: Boolean(id),
    staleTime: 5 * 60_000,
  });
}

export function useCreateOrganisation() {
  const queryClient = useQueryClient();
  return useMutation<Organisation, ApiError, OrganisationInput>({
    mutationFn: (input) => call(organisationsApi.create, { body: input }),
    onSuccess: (created) => {
      queryClient.setQueryData(organisationKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...organisationKeys.all, 'list'] });
    },
  });
}

export type OrganisationPatch = BodyInputOf<typeof organisationsApi.update>;

export function useUpdateOrganisation(id: string) {
  const queryClient = useQueryClient();
  return useMutation<Organisation, ApiError, OrganisationPatch>({
    mutationFn: (patch) => call(organisationsApi.update, { params: { id }, body: patch }),
    onSuccess: (updated) => {
      queryClient.setQueryData(organisationKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: [...organisationKeys.all, 'list'] });
      void queryClient.invalidateQueries({ queryKey: auditKeys.record('organisation', id) });
    },
  });
}
