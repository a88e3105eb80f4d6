import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf, ResponseOf } from '../../../shared/contracts/endpoint.ts';
import { type User, type UserInvite, usersApi } from '../../../shared/contracts/users.ts';
import { type ApiError, call, type Query } from '../../api/client.ts';
import { auditKeys } from '../audit/audit.api.ts';

export type UserWithTemporaryPassword = ResponseOf<typeof usersApi.invite>;

export const userKeys = {
  all: ['users'] as const,
  list: (query: Query) => ['users', 'list', query] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUserList(query: Query) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => call(usersApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => call(usersApi.get, { params: { id }, signal }),
  });
}

function useRefreshUser() {
  const queryClient = useQueryClient();
  return (user: User) => {
    queryClient.setQueryData(userKeys.detail(user.id), user);
    void queryClient.invalidateQueries({ queryKey: [...userKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: auditKeys.record('user', user.id) });
  };
}

/**
 * The temporary password is never put in the query cache, and `gcTime: 0` drops the
 * mutation's copy as soon as the page showing it is left.
 */
export function useInviteUser() {
  const refresh = useRefreshUser();
  return useMutation<UserWithTemporaryPassword, ApiError, UserInvite>({
    mutationFn: (input) => call(usersApi.invite, { body: input }),
    gcTime: 0,
    onSuccess: (result) => refresh(result.user),
  });
}

export type UserPatch = BodyInputOf<typeof usersApi.update>;

export function useUpdateUser(id: string) {
  const refresh = useRefreshUser();
  return useMutation<User, ApiError, UserPatch>({
    mutationFn: (patch) => call(usersApi.update, { params: { id }, body: patch }),
    onSuccess: refresh,
  });
}

export function useResetPassword(id: string) {
  const refresh = useRefreshUser();
  return useMutation<UserWithTemporaryPassword, ApiError, void>({
    mutationFn: () => call(usersApi.resetPassword, { params: { id } }),
    gcTime: 0,
    onSuccess: (result) => refresh(result.user),
  });
}
