import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.ts';
import type { User, UserInvite } from '../../../shared/contracts/users.ts';
import { type ApiError, api, type Query } from '../../api/client.ts';
import { auditKeys } from '../audit/audit.api.ts';

const base = '/api/v1/users';

export interface UserWithTemporaryPassword {
  user: User;
  temporaryPassword: string;
}

export const userKeys = {
  all: ['users'] as const,
  list: (query: Query) => ['users', 'list', query] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
};

export function useUserList(query: Query) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<User>>(base, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: ({ signal }) => api.get<User>(`${base}/${id}`, { signal }),
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
    mutationFn: (input) => api.post<UserWithTemporaryPassword>(base, input),
    gcTime: 0,
    onSuccess: (result) => refresh(result.user),
  });
}

export type UserPatch = Partial<UserInvite> & { active?: boolean; version: number };

export function useUpdateUser(id: string) {
  const refresh = useRefreshUser();
  return useMutation<User, ApiError, UserPatch>({
    mutationFn: (patch) => api.patch<User>(`${base}/${id}`, patch),
    onSuccess: refresh,
  });
}

export function useResetPassword(id: string) {
  const refresh = useRefreshUser();
  return useMutation<UserWithTemporaryPassword, ApiError, void>({
    mutationFn: () => api.post<UserWithTemporaryPassword>(`${base}/${id}/reset-password`),
    gcTime: 0,
    onSuccess: (result) => refresh(result.user),
  });
}
