import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AssessmentSettingsState, assessmentSettingsApi } from '../../../shared/contracts/assessments.ts';
import {
  type FollowUpInput,
  type FollowUpRecord,
  type GapAlertRunResult,
  type GapSettingsState,
  type GapSettingsUpdate,
  gapAlertsApi,
  gapSettingsApi,
  gapsApi,
  notificationsApi,
} from '../../../shared/contracts/gaps.ts';
import { isSector, type Sector } from '../../../shared/sectors.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
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
    queryFn: ({ signal }) => call(gapsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useGapMatrix(query: Query) {
  return useQuery({
    queryKey: gapKeys.matrix(query),
    queryFn: ({ signal }) => call(gapsApi.matrix, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** `sector` as read from the URL: a word that is no sector asks nothing (the page says so). */
export function useGapExplanation(localityId: string, sector: string, query: Query) {
  return useQuery({
    queryKey: gapKeys.explanation(localityId, sector, query),
    queryFn: ({ signal }) => call(gapsApi.explain, { params: { localityId, sector: sector as Sector }, query, signal }),
    enabled: isSector(sector),
  });
}

export function useAddFollowUp(localityId: string, sector: Sector) {
  const queryClient = useQueryClient();
  return useMutation<FollowUpRecord, ApiError, FollowUpInput>({
    mutationFn: (input) => call(gapsApi.addFollowUp, { params: { localityId, sector }, body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: gapKeys.all }),
  });
}

/** Plain links: the browser downloads with the session cookie, nothing held in memory. */
export function gapExportUrl(format: 'xlsx' | 'csv' | 'hxl', filters: Query): string {
  return hrefOf(gapsApi.export, { query: { ...filters, format, lang: currentLanguage() } });
}

export function useGapSettings() {
  return useQuery({ queryKey: gapKeys.settings, queryFn: ({ signal }) => call(gapSettingsApi.get, { signal }) });
}

export function useSaveGapSettings() {
  const queryClient = useQueryClient();
  return useMutation<GapSettingsState, ApiError, GapSettingsUpdate>({
    mutationFn: (input) => call(gapSettingsApi.update, { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: gapKeys.all }),
  });
}

export function useAssessmentSettings() {
  return useQuery({ queryKey: ['assessments', 'settings'], queryFn: ({ signal }) => call(assessmentSettingsApi.get, { signal }) });
}

export function useSaveAssessmentSettings() {
  const queryClient = useQueryClient();
  return useMutation<AssessmentSettingsState, ApiError, { reportMaxMegabytes: number; version: number }>({
    mutationFn: (input) => call(assessmentSettingsApi.update, { body: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['assessments', 'settings'] }),
  });
}

const notificationKeys = { all: ['notifications'] as const, list: (query: Query) => ['notifications', 'list', query] as const };

export function useNotifications(query: Query) {
  return useQuery({
    queryKey: notificationKeys.list(query),
    queryFn: ({ signal }) => call(notificationsApi.list, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation<{ unread: number }, ApiError, string | null>({
    mutationFn: (id) => (id ? call(notificationsApi.read, { params: { id } }) : call(notificationsApi.readAll)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useFocalPoints() {
  return useQuery({ queryKey: ['focal-points'], queryFn: ({ signal }) => call(gapAlertsApi.focalPoints, { signal }) });
}

export function useSetFocalPoint() {
  const queryClient = useQueryClient();
  return useMutation<{ sectors: Sector[] }, ApiError, { userId: string; sectors: Sector[] }>({
    mutationFn: ({ userId, sectors }) => call(gapAlertsApi.setFocalPoint, { params: { userId }, body: { sectors } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['focal-points'] }),
  });
}

export function useRunGapAlerts() {
  const queryClient = useQueryClient();
  return useMutation<GapAlertRunResult, ApiError, 'run' | 'digest'>({
    mutationFn: (what) => call(gapAlertsApi[what]),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
