import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.ts';
import type { AdminArea, BoundaryProperties, GazetteerImportKind, GazetteerImportResult, Locality } from '../../../shared/contracts/gazetteer.ts';
import { type ApiError, api, type Query } from '../../api/client.ts';

export interface GazetteerImportRequest extends BoundaryProperties {
  file: File;
  kind: GazetteerImportKind;
  level?: number;
  edition: string;
  dryRun: boolean;
}

/** Paged lists for the gazetteer page; pickers use the lighter hooks of `gazetteer.api.ts`. */
export function useAreaList(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['gazetteer', 'admin-areas', 'list', query],
    queryFn: ({ signal }) => api.get<Page<AdminArea>>('/api/v1/admin-areas', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLocalityList(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['gazetteer', 'localities', 'list', query],
    queryFn: ({ signal }) => api.get<Page<Locality>>('/api/v1/localities', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Uploads one file; a dry run answers the same report without writing. */
export function useImportGazetteer() {
  const queryClient = useQueryClient();
  return useMutation<GazetteerImportResult, ApiError, GazetteerImportRequest>({
    mutationFn: ({ file, ...options }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.post<GazetteerImportResult>('/api/v1/gazetteer/import', form, { query: { ...options, level: options.kind === 'boundaries' ? options.level : undefined } });
    },
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['gazetteer'] });
    },
  });
}
