import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { capacitiesApi } from '../../../shared/contracts/capacities.ts';
import { type PeriodLockInput, periodsApi, type ReportingPeriod } from '../../../shared/contracts/periods.ts';
import {
  type ExportFormat,
  type Response,
  type ResponseImportResult,
  type ResponseInput,
  type ResponsePatch,
  responsesApi,
} from '../../../shared/contracts/responses.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import type { ImportUpload } from '../../api/imports.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { auditKeys } from '../audit/audit.api.ts';

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
    queryFn: ({ signal }) => call(responsesApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useResponse(id: string) {
  return useQuery({
    queryKey: responseKeys.detail(id),
    queryFn: ({ signal }) => call(responsesApi.get, { params: { id }, signal }),
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
    mutationFn: ({ id, input }) => (id === null ? call(responsesApi.create, { body: input }) : call(responsesApi.update, { params: { id }, body: input })),
    onSuccess: (response) => after(response),
  });
}

export function useDeleteResponse() {
  const after = useAfterChange();
  return useMutation<void, ApiError, Response>({
    mutationFn: (response) => call(responsesApi.remove, { params: { id: response.id }, query: { version: response.version } }),
    onSuccess: () => after(),
  });
}

export function usePivot(query: Query) {
  return useQuery({
    queryKey: responseKeys.pivot(query),
    queryFn: ({ signal }) => call(responsesApi.pivot, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePeriods(query: Query = {}) {
  return useQuery({
    queryKey: responseKeys.periods(query),
    queryFn: ({ signal }) => call(periodsApi.list, { query, signal }),
  });
}

export function useLockPeriod() {
  const queryClient = useQueryClient();
  return useMutation<ReportingPeriod, ApiError, { period: string; input: PeriodLockInput }>({
    mutationFn: ({ period, input }) => call(periodsApi.setLock, { params: { period }, body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['periods'] }),
  });
}

/** The monthly reports sent as a filled-in template, and what importing one makes stale. */
const monthlyReports = {
  responses: { endpoint: responsesApi.import, stale: [['responses'], ['periods']] },
  capacities: { endpoint: capacitiesApi.import, stale: [['capacities'], ['periods']] },
} as const;
export type MonthlyReportKind = keyof typeof monthlyReports;

/** Rows without a month or an organisation belong to these; no organisation means the user's own. */
export interface MonthlyReportScope {
  period: string;
  organisationId?: string;
}

/** Sends a 5W or capacity file; a dry run answers the row-by-row report and writes nothing. */
export function importMonthlyReport(kind: MonthlyReportKind, scope: MonthlyReportScope, upload: ImportUpload): Promise<ResponseImportResult> {
  const query = { dryRun: upload.dryRun, progressKey: upload.progressKey, period: scope.period, organisationId: scope.organisationId };
  return call(monthlyReports[kind].endpoint, { file: upload.file, query });
}

export function useAfterMonthlyReportImport(kind: MonthlyReportKind) {
  const queryClient = useQueryClient();
  return () => {
    for (const queryKey of monthlyReports[kind].stale) void queryClient.invalidateQueries({ queryKey });
  };
}

/** Plain links: the browser downloads with the session cookie, nothing held in memory. */
export function exportUrl(format: ExportFormat, filters: Query): string {
  return hrefOf(responsesApi.export, { query: { ...filters, format, lang: currentLanguage() } });
}

export function templateUrl(period: string, organisationId: string | undefined): string {
  return hrefOf(responsesApi.template, { query: { period, organisationId, lang: currentLanguage() } });
}
