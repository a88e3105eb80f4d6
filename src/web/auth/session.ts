import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, type CurrentUser } from '../../shared/contracts/auth.ts';
import type { Language } from '../../shared/contracts/common.ts';
import { type ApiError, call, isApiError, setCsrfToken } from '../api/client.ts';
import { forgetEarly } from '../api/early.ts';
import { applyLanguage, currentLanguage, rememberLanguage } from '../i18n/i18n.ts';

export const sessionKey = ['session'] as const;

/**
 * A language picked on the sign-in page is this person's latest choice: it is saved to the
 * account at sign-in instead of being replaced by the account's older preference.
 */
let languagePickedWhileSignedOut = false;

/** After "sign out" the next sign-in starts afresh; after an expired session it returns to the page in use. */
let signedOutOnPurpose = false;

export function wasSignedOutOnPurpose(): boolean {
  return signedOutOnPurpose;
}

async function adopt(user: CurrentUser): Promise<CurrentUser> {
  setCsrfToken(user.csrfToken);
  signedOutOnPurpose = false;
  if (user.language === currentLanguage()) return user;
  if (languagePickedWhileSignedOut) {
    const language = currentLanguage();
    await call(authApi.setLanguage, { body: { language } }).catch(() => undefined);
    return { ...user, language };
  }
  await applyLanguage(user.language);
  rememberLanguage(user.language);
  return user;
}

async function fetchSession(): Promise<CurrentUser | null> {
  try {
    return await adopt(await call(authApi.me));
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user (`null` when signed out, `undefined` while the first check runs). */
export function useSession() {
  const query = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: 1 });
  return { user: query.data, isPending: query.isPending, error: query.error, retry: query.refetch };
}

/** Called by the API client when a request shows the session is gone or must change its password. */
export function handleSessionProblem(queryClient: QueryClient, error: ApiError) {
  if (error.code === 'password_change_required') {
    void queryClient.invalidateQueries({ queryKey: sessionKey });
    return;
  }
  if (!queryClient.getQueryData(sessionKey)) return;
  endSession(queryClient);
}

function endSession(queryClient: QueryClient) {
  setCsrfToken(null);
  forgetEarly();
  queryClient.setQueryData(sessionKey, null);
  // Nothing read under this session may show under the next one.
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation<CurrentUser, ApiError, { email: string; password: string }>({
    mutationFn: async (credentials) => adopt(await call(authApi.login, { body: credentials })),
    onSuccess: (user) => {
      // Answers asked for before this sign-in belong to no one now.
      forgetEarly();
      languagePickedWhileSignedOut = false;
      queryClient.setQueryData(sessionKey, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError>({
    mutationFn: () => call(authApi.logout),
    // Signed out locally even if the server could not be told: the cookie expires on its own.
    onSettled: () => {
      signedOutOnPurpose = true;
      endSession(queryClient);
    },
  });
}

export function useChangePassword() {
  return useMutation<void, ApiError, { currentPassword: string; newPassword: string }>({
    mutationFn: (body) => call(authApi.changePassword, { body }),
  });
}

/** After a temporary password was replaced: the session may now enter the app. */
export function usePasswordReplaced() {
  const queryClient = useQueryClient();
  return () => queryClient.setQueryData<CurrentUser | null>(sessionKey, (user) => user && { ...user, mustChangePassword: false });
}

/** Switches the UI language, remembers it on this device and, when signed in, in the account. */
export function useSwitchLanguage() {
  const queryClient = useQueryClient();
  return useMutation<void, ApiError, Language>({
    mutationFn: async (language) => {
      await applyLanguage(language);
      rememberLanguage(language);
      const user = queryClient.getQueryData<CurrentUser | null>(sessionKey);
      if (!user) {
        languagePickedWhileSignedOut = true;
        return;
      }
      const updated: CurrentUser = { ...user, language };
      queryClient.setQueryData(sessionKey, updated);
      await call(authApi.setLanguage, { body: { language } });
    },
  });
}
