import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Assessment, AssessmentImportResult, AssessmentInput, AssessmentPatch, TrackerPage } from '../../../shared/contracts/assessments.ts';
import type { Page } from '../../../shared/contracts/common.ts';
import { type ApiError, api, buildUrl, type Query } from '../../api/client.ts';
import { type ImportUpload, sendImportFile } from '../../api/imports.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

const base = '/api/v1/assessments';

export const assessmentKeys = {
  all: ['assessments'] as const,
  list: (query: Query) => ['assessments', 'list', query] as const,
  tracker: (query: Query) => ['assessments', 'tracker', query] as const,
  detail: (id: string) => ['assessments', 'detail', id] as const,
};

/** Assessments feed the needs, so every change also refreshes the gaps. */
export function useAfterAssessmentChange() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
    void queryClient.invalidateQueries({ queryKey: ['gaps'] });
  };
}

export function useTracker(query: Query) {
  return useQuery({
    queryKey: assessmentKeys.tracker(query),
    queryFn: ({ signal }) => api.get<TrackerPage>(`${base}/tracker`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssessmentList(query: Query) {
  return useQuery({
    queryKey: assessmentKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Assessment>>(base, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string) {
  return useQuery({ queryKey: assessmentKeys.detail(id), queryFn: ({ signal }) => api.get<Assessment>(`${base}/${id}`, { signal }) });
}

export function useSaveAssessment() {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, { id: null; input: AssessmentInput } | { id: string; input: AssessmentPatch }>({
    mutationFn: ({ id, input }) => (id === null ? api.post<Assessment>(base, input) : api.patch<Assessment>(`${base}/${id}`, input)),
    onSuccess: invalidate,
  });
}

export function useUploadReport(id: string) {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, File>({
    mutationFn: (file) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api.put<Assessment>(`${base}/${id}/report`, form);
    },
    onSuccess: invalidate,
  });
}

export function useDeleteReport(id: string) {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, void>({ mutationFn: () => api.delete<Assessment>(`${base}/${id}/report`), onSuccess: invalidate });
}

export function reportUrl(id: string): string {
  return `${base}/${id}/report`;
}

export function assessmentExportUrl(format: 'xlsx' | 'csv' | 'hxl', filters: Query): string {
  return buildUrl(`${base}/export`, { ...filters, page: undefined, pageSize: undefined, format, lang: currentLanguage() });
}

/** Sends assessment results; a dry run answers the row-by-row report and writes nothing. */
export function importAssessments(upload: ImportUpload): Promise<AssessmentImportResult> {
  return sendImportFile<AssessmentImportResult>(`${base}/import`, upload);
}
