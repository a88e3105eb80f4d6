import { QueryClient } from '@tanstack/react-query';
import { handleSessionProblem } from '../auth/session.ts';
import { configureClient, isApiError } from './client.ts';

/** One cache per app; the API client reports session problems to it. */
export function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change by asking again; a dropped 3G connection may.
        retry: (failureCount, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
      },
    },
  });
  configureClient({ onSessionProblem: (error) => handleSessionProblem(queryClient, error) });
  return queryClient;
}
