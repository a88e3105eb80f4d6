import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../shared/contracts/common.ts';
import type { PeriodLockInput, ReportingPeriod } from '../../../shared/contracts/periods.ts';
import type {
  ExportFormat,
  PivotResult,
  Response,
  ResponseImportResult,
  ResponseInput,
  ResponsePatch,
} from '../../../shared/contracts/responses.ts';
import { type ApiError, api, buildUrl, type Query } from '../../api/client.ts';
import { type ImportUpload, sendImportFile } from '../../api/imports.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { auditKeys } from '../audit/audit.api.ts';

const base = '/api/v1/responses';

export const responseKeys = {
  all: ['responses'] as const,
  list: (query: Query) => ['responses', 'list', query] as const,
  detail: (id: string) => ['responses', 'detail', id] as const,
  pivot: (query: Query) => ['responses', 'pivot', query] as const,
  periods: (query: Query) => ['periods', query] as const,
};

export function useResponseList(query: Query) {
  return useQuery({
    queryKey: responseKeys.list(query),
    queryFn: ({ signal }) => api.get<Page<Response>>(base, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useResponse(id: string) {
  return useQuery({
    queryKey: responseKeys.detail(id),
    queryFn: ({ signal }) => api.get<Response>(`${base}/${id}`, { signal }),
    enabled: id !== '',
  });
}

/** After a change: lists, pivots and the record's history are stale; the record itself is known. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return (response?: Response) => {
    if (response) {
      queryClient.setQueryData(responseKeys.detail(response.id), response);
      void queryClient.invalidateQueries({ queryKey: auditKeys.record('response', response.id) });
    }
    void queryClient.invalidateQueries({ queryKey: [...responseKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...responseKeys.all, 'pivot'] });
    void queryClient.invalidateQueries({ queryKey: ['periods'] });
  };
}

export function useSaveResponse() {
  const after = useAfterChange();
  return useMutation<Response, ApiError, { id: null; input: ResponseInput } | { id: string; input: ResponsePatch }>({
    mutationFn: ({ id, input }) => (id === null ? api.post<Response>(base, input) : api.patch<Response>(`${base}/${id}`, input)),
    onSuccess: (response) => after(response),
  });
}

export function useDeleteResponse() {
  const after = useAfterChange();
  return useMutation<void, ApiError, Response>({
    mutationFn: (response) => api.delete<void>(`${base}/${response.id}`, { query: { version: response.version } }),
    onSuccess: () => after(),
  });
}

export function usePivot(query: Query) {
  return useQuery({
    queryKey: responseKeys.pivot(query),
    queryFn: ({ signal }) => api.get<PivotResult>(`${base}/pivot`, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePeriods(query: Query = {}) {
  return useQuery({
    queryKey: responseKeys.periods(query),
    queryFn: ({ signal }) => api.get<{ items: ReportingPeriod[] }>('/api/v1/periods', { query, signal }),
  });
}

export function useLockPeriod() {
  const queryClient = useQueryClient();
  return useMutation<ReportingPeriod, ApiError, { period: string; input: PeriodLockInput }>({
    mutationFn: ({ period, input }) => api.patch<ReportingPeriod>(`/api/v1/periods/${period}`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['periods'] }),
  });
}

/** The monthly reports sent as a filled-in template, and what importing one makes stale. */
const monthlyReports = {
  responses: { path: '/api/v1/responses/import', stale: [['responses'], ['periods']] },
  capacities: { path: '/api/v1/capacities/import', stale: [['capacities'], ['periods']] },
} as const;
export type MonthlyReportKind = keyof typeof monthlyReports;

/** Rows without a month or an organisation belong to these; no organisation means the user's own. */
export interface MonthlyReportScope {
  period: string;
  organisationId?: string;
}

/** Sends a 5W or capacity file; a dry run answers the row-by-row report and writes nothing. */
export function importMonthlyReport(kind: MonthlyReportKind, scope: MonthlyReportScope, upload: ImportUpload): Promise<ResponseImportResult> {
  return sendImportFile<ResponseImportResult>(monthlyReports[kind].path, upload, { period: scope.period, organisationId: scope.organisationId });
}

export function useAfterMonthlyReportImport(kind: MonthlyReportKind) {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of monthlyReports[kind].stale) void queryClient.invalidateQueries({ queryKey });
  };
}


/** Plain links: the browser downloads with the session cookie, nothing held in memory. */
export function exportUrl(format: ExportFormat, filters: Query): string {
  return buildUrl(`${base}/export`, { ...filters, page: undefined, pageSize: undefined, sort: undefined, format, lang: currentLanguage() });
}

export function templateUrl(period: string, organisationId: string | undefined): string {
  return buildUrl(`${base}/template`, { period, organisationId, lang: currentLanguage() });
}
