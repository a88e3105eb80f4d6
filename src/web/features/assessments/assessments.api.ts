import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Assessment, type AssessmentImportResult, type AssessmentInput, type AssessmentPatch, assessmentsApi } from '../../../shared/contracts/assessments.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import type { ImportUpload } from '../../api/imports.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

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
    queryFn: ({ signal }) => call(assessmentsApi.tracker, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssessmentList(query: Query) {
  return useQuery({
    queryKey: assessmentKeys.list(query),
    queryFn: ({ signal }) => call(assessmentsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAssessment(id: string) {
  return useQuery({ queryKey: assessmentKeys.detail(id), queryFn: ({ signal }) => call(assessmentsApi.get, { params: { id }, signal }) });
}

export function useSaveAssessment() {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, { id: null; input: AssessmentInput } | { id: string; input: AssessmentPatch }>({
    mutationFn: ({ id, input }) => (id === null ? call(assessmentsApi.create, { body: input }) : call(assessmentsApi.update, { params: { id }, body: input })),
    onSuccess: invalidate,
  });
}

export function useUploadReport(id: string) {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, File>({
    mutationFn: (file) => call(assessmentsApi.uploadReport, { params: { id }, file }),
    onSuccess: invalidate,
  });
}

export function useDeleteReport(id: string) {
  const invalidate = useAfterAssessmentChange();
  return useMutation<Assessment, ApiError, void>({ mutationFn: () => call(assessmentsApi.deleteReport, { params: { id } }), onSuccess: invalidate });
}

export function reportUrl(id: string): string {
  return hrefOf(assessmentsApi.downloadReport, { params: { id } });
}

export function assessmentExportUrl(format: 'xlsx' | 'csv' | 'hxl', filters: Query): string {
  return hrefOf(assessmentsApi.export, { query: { ...filters, format, lang: currentLanguage() } });
}

/** Sends assessment results; a dry run answers the row-by-row report and writes nothing. */
export function importAssessments(upload: ImportUpload): Promise<AssessmentImportResult> {
  return call(assessmentsApi.import, { file: upload.file, query: { dryRun: upload.dryRun } });
}
