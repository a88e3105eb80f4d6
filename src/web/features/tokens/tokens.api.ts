import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { type CreatedToken, tokensApi } from '../../../shared/contracts/tokens.ts';
import { type ApiError, call, type Query } from '../../api/client.ts';

const tokenKeys = {
  all: ['api-tokens'] as const,
  own: ['api-tokens', 'own'] as const,
  list: (query: Query) => ['api-tokens', 'all', query] as const,
};

export function useOwnTokens() {
  return useQuery({ queryKey: tokenKeys.own, queryFn: ({ signal }) => call(tokensApi.listOwn, { signal }) });
}

export function useAllTokens(query: Query) {
  return useQuery({ queryKey: tokenKeys.list(query), queryFn: ({ signal }) => call(tokensApi.listAll, { query, signal }), placeholderData: keepPreviousData });
}

/** The secret is in the mutation's answer only: never put in the query cache. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation<CreatedToken, ApiError, BodyInputOf<typeof tokensApi.create>>({
    mutationFn: (body) => call(tokensApi.create, { body }),
    gcTime: 0,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken(as: 'owner' | 'admin') {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, string>({
    mutationFn: (id) => (as === 'owner' ? call(tokensApi.revokeOwn, { params: { id } }) : call(tokensApi.revoke, { params: { id } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
