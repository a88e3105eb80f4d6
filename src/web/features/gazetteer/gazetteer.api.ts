import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { call } from '../../api/client.ts';

export interface AdminAreaQuery {
  level?: 1 | 2 | 3;
  q?: string;
  /** P-code of the parent area. */
  parent?: string;
  pageSize?: number;
}

export interface LocalityQuery {
  q?: string;
  /** P-code of any admin area (region, cercle, commune) the localities lie in. */
  adm?: string;
  pageSize?: number;
}

/** Reference data changes when someone imports a gazetteer, not while a page is open. */
const referenceStaleTime = 30 * 60_000;

export function useAdminAreas(query: AdminAreaQuery, enabled = true) {
  return useQuery({
    queryKey: ['gazetteer', 'admin-areas', query],
    queryFn: ({ signal }) => call(gazetteerApi.adminAreas, { query: { ...query }, signal }),
    staleTime: referenceStaleTime,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** The regions (level 1), all of them: Mali has 9 to 19 depending on the gazetteer edition. */
export function useRegions() {
  return useAdminAreas({ level: 1, pageSize: 100 });
}

export function useLocalities(query: LocalityQuery, enabled = true) {
  return useQuery({
    queryKey: ['gazetteer', 'localities', query],
    queryFn: ({ signal }) => call(gazetteerApi.localities, { query: { ...query }, signal }),
    staleTime: referenceStaleTime,
    placeholderData: keepPreviousData,
    enabled,
  });
}
