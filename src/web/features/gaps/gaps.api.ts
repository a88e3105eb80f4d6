import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssessmentSettingsState } from '../../../shared/contracts/assessments.ts';
import type {
  FollowUpInput,
  FollowUpRecord,
  GapAlertRunResult,
  GapExplanation,
  GapMatrix,
  GapPage,
  GapSettingsState,
  GapSettingsUpdate,
  NotificationPage,
} from '../../../shared/contracts/gaps.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { type ApiError, api, buildUrl, type Query } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export const gapKeys = {
  all: ['gaps'] as const,
  list: (query: Query) => ['gaps', 'list', query] as const,
  matrix: (query: Query) => ['gaps', 'matrix', query] as const,
  explanation: (localityId: string, sector: string, query: Query) => ['gaps', 'explanation', localityId, sector, query] as const,
  settings: ['gaps', 'settings'] as const,
};

export function useGapList(query: Query, enabled = true) {
  return useQuery({
    queryKey: gapKeys.list(query),
    queryFn: ({ signal }) => api.get<GapPage>('/api/v1/gaps', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGapMatrix(query: Query) {
  return useQuery({
    queryKey: gapKeys.matrix(query),
    queryFn: ({ signal }) => api.get<GapMatrix>('/api/v1/gaps/matrix', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useGapExplanation(localityId: string, sector: string, query: Query) {
  return useQuery({
    queryKey: gapKeys.explanation(localityId, sector, query),
    queryFn: ({ signal }) => api.get<GapExplanation>(`/api/v1/gaps/${localityId}/${sector}`, { query, signal }),
  });
}

export function useAddFollowUp(localityId: string, sector: Sector) {
  const queryClient = useQueryClient();
  return useMutation<FollowUpRecord, ApiError, FollowUpInput>({
    mutationFn: (input) => api.post<FollowUpRecord>(`/api/v1/gaps/${localityId}/${sector}/follow-ups`, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: gapKeys.all }),
  });
}

/** Plain links: the browser downloads with the session cookie, nothing held in memory. */
export function gapExportUrl(format: 'xlsx' | 'csv' | 'hxl', filters: Query): string {
  return buildUrl('/api/v1/gaps/export', { ...filters, page: undefined, pageSize: undefined, format, lang: currentLanguage() });
}

export function useGapSettings() {
  return useQuery({ queryKey: gapKeys.settings, queryFn: ({ signal }) => api.get<GapSettingsState>('/api/v1/settings/gaps', { signal }) });
}

export function useSaveGapSettings() {
  const queryClient = useQueryClient();
  return useMutation<GapSettingsState, ApiError, GapSettingsUpdate>({
    mutationFn: (input) => api.put<GapSettingsState>('/api/v1/settings/gaps', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: gapKeys.all }),
  });
}

export function useAssessmentSettings() {
  return useQuery({ queryKey: ['assessments', 'settings'], queryFn: ({ signal }) => api.get<AssessmentSettingsState>('/api/v1/settings/assessments', { signal }) });
}

export function useSaveAssessmentSettings() {
  const queryClient = useQueryClient();
  return useMutation<AssessmentSettingsState, ApiError, { reportMaxMegabytes: number; version: number }>({
    mutationFn: (input) => api.put<AssessmentSettingsState>('/api/v1/settings/assessments', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['assessments', 'settings'] }),
  });
}

const notificationKeys = { all: ['notifications'] as const, list: (query: Query) => ['notifications', 'list', query] as const };

export function useNotifications(query: Query) {
  return useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: ({ signal }) => api.get<NotificationPage>('/api/v1/notifications', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation<{ unread: number }, ApiError, string | null>({
    mutationFn: (id) => api.post<{ unread: number }>(id ? `/api/v1/notifications/${id}/read` : '/api/v1/notifications/read-all'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export interface FocalPoint {
  user: { id: string; name: string; email: string; role: string };
  sectors: Sector[];
}

export function useFocalPoints() {
  return useQuery({ queryKey: ['focal-points'], queryFn: ({ signal }) => api.get<{ items: FocalPoint[] }>('/api/v1/sector-focal-points', { signal }) });
}

export function useSetFocalPoint() {
  const queryClient = useQueryClient();
  return useMutation<{ sectors: Sector[] }, ApiError, { userId: string; sectors: Sector[] }>({
    mutationFn: ({ userId, sectors }) => api.put<{ sectors: Sector[] }>(`/api/v1/sector-focal-points/${userId}`, { sectors }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['focal-points'] }),
  });
}

export function useRunGapAlerts() {
  const queryClient = useQueryClient();
  return useMutation<GapAlertRunResult, ApiError, 'run' | 'digest'>({
    mutationFn: (what) => api.post<GapAlertRunResult>(`/api/v1/gap-alerts/${what}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
