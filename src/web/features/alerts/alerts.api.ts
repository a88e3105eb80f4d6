import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type Alert,
  type AlertImportResult,
  type AlertInput,
  type AlertPatch,
  type AlertTransitionInput,
  alertsApi,
  type RrmResponse,
  type RrmResponseInput,
  type RrmResponsePatch,
  rrmResponsesApi,
} from '../../../shared/contracts/alerts.ts';
import type { ExportFormat } from '../../../shared/contracts/responses.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import type { ImportUpload } from '../../api/imports.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { auditKeys } from '../audit/audit.api.ts';

export const alertKeys = {
  all: ['alerts'] as const,
  list: (query: Query) => ['alerts', 'list', query] as const,
  detail: (id: string) => ['alerts', 'detail', id] as const,
  rrm: (id: string) => ['alerts', 'rrm', id] as const,
};

/** Continuum pages show alerts and RRM responses too: any change to them makes those stale. */
const continuumKey = ['continuum'] as const;

export function useAlertList(query: Query) {
  return useQuery({
    queryKey: alertKeys.list(query),
    queryFn: ({ signal }) => call(alertsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAlert(id: string) {
  return useQuery({
    queryKey: alertKeys.detail(id),
    queryFn: ({ signal }) => call(alertsApi.get, { params: { id }, signal }),
    enabled: id !== '',
  });
}

/** After any change of an alert: its lists, its page, its history and the continuum pages. */
function useAfterAlertChange() {
  const queryClient = useQueryClient();
  return (alert: Alert) => {
    queryClient.setQueryData(alertKeys.detail(alert.id), alert);
    void queryClient.invalidateQueries({ queryKey: [...alertKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: auditKeys.record('alert', alert.id) });
    void queryClient.invalidateQueries({ queryKey: continuumKey });
  };
}

export function useCreateAlert() {
  const after = useAfterAlertChange();
  return useMutation<Alert, ApiError, AlertInput>({
    mutationFn: (input) => call(alertsApi.create, { body: input }),
    onSuccess: after,
  });
}

export function useUpdateAlert(id: string) {
  const after = useAfterAlertChange();
  return useMutation<Alert, ApiError, AlertPatch>({
    mutationFn: (patch) => call(alertsApi.update, { params: { id }, body: patch }),
    onSuccess: after,
  });
}

export function useTransitionAlert(id: string) {
  const after = useAfterAlertChange();
  return useMutation<Alert, ApiError, AlertTransitionInput>({
    mutationFn: (input) => call(alertsApi.transition, { params: { id }, body: input }),
    onSuccess: after,
  });
}

export function useRrmResponses(alertId: string) {
  return useQuery({
    queryKey: alertKeys.rrm(alertId),
    queryFn: ({ signal }) => call(rrmResponsesApi.list, { params: { id: alertId }, signal }),
  });
}

/** A response changes the alert's count, first response date and lateness: reload the alert too. */
function useAfterRrmChange(alertId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: alertKeys.rrm(alertId) });
    void queryClient.invalidateQueries({ queryKey: alertKeys.detail(alertId) });
    void queryClient.invalidateQueries({ queryKey: [...alertKeys.all, 'list'] });
    void queryClient.invalidateQueries({ queryKey: continuumKey });
  };
}

export function useSaveRrmResponse(alertId: string) {
  const after = useAfterRrmChange(alertId);
  return useMutation<RrmResponse, ApiError, { id: null; input: RrmResponseInput } | { id: string; input: RrmResponsePatch }>({
    mutationFn: ({ id, input }) =>
      id === null
        ? call(rrmResponsesApi.create, { params: { id: alertId }, body: input })
        : call(rrmResponsesApi.update, { params: { id: alertId, responseId: id }, body: input }),
    onSuccess: after,
  });
}

export function useDeleteRrmResponse(alertId: string) {
  const after = useAfterRrmChange(alertId);
  return useMutation<void, ApiError, RrmResponse>({
    mutationFn: (response) => call(rrmResponsesApi.remove, { params: { id: alertId, responseId: response.id }, query: { version: response.version } }),
    onSuccess: after,
  });
}

/** Sends an alert matrix; a dry run answers the row-by-row report and writes nothing. */
export function importAlerts(upload: ImportUpload): Promise<AlertImportResult> {
  return call(alertsApi.import, { file: upload.file, query: { dryRun: upload.dryRun } });
}

/** An import may touch any alert: every list and page of alerts, and the continuum. */
export function useAfterAlertImport() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: alertKeys.all });
    void queryClient.invalidateQueries({ queryKey: continuumKey });
  };
}


/** A plain link: the browser downloads the file with the session cookie, nothing held in memory. */
export function exportUrl(format: ExportFormat, filters: Query): string {
  return hrefOf(alertsApi.export, { query: { ...filters, format, lang: currentLanguage() } });
}
