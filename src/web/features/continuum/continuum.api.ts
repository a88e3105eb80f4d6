import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { api } from '../../api/client.ts';

export function useLocalityContinuum(localityId: string, at: string | undefined) {
  return useQuery({
    queryKey: ['continuum', localityId, at ?? 'today'],
    queryFn: ({ signal }) => api.get<LocalityContinuum>(`/api/v1/localities/${localityId}/continuum`, { query: { at }, signal }),
    placeholderData: keepPreviousData,
    enabled: localityId !== '',
  });
}
