import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { continuumApi } from '../../../shared/contracts/alerts.ts';
import { call } from '../../api/client.ts';

export function useLocalityContinuum(localityId: string, at: string | undefined) {
  return useQuery({
    queryKey: ['continuum', localityId, at ?? 'today'],
    queryFn: ({ signal }) => call(continuumApi.ofLocality, { params: { id: localityId }, query: { at }, signal }),
    placeholderData: keepPreviousData,
    enabled: localityId !== '',
  });
}
