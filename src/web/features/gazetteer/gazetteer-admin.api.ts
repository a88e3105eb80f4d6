import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type BoundaryProperties, type GazetteerImportKind, type GazetteerImportResult, gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { type ApiError, call, type Query } from '../../api/client.ts';

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
    queryFn: ({ signal }) => call(gazetteerApi.adminAreas, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useLocalityList(query: Query, enabled: boolean) {
  return useQuery({
    queryKey: ['gazetteer', 'localities', 'list', query],
    queryFn: ({ signal }) => call(gazetteerApi.localities, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Uploads one file; a dry run answers the same report without writing. */
export function useImportGazetteer() {
  const queryClient = useQueryClient();
  return useMutation<GazetteerImportResult, ApiError, GazetteerImportRequest>({
    mutationFn: ({ file, ...options }) => call(gazetteerApi.import, { file, query: { ...options, level: options.kind === 'boundaries' ? options.level : undefined } }),
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: ['gazetteer'] });
    },
  });
}
