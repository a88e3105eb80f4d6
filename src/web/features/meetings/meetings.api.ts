import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyInputOf } from '../../../shared/contracts/endpoint.ts';
import { type ActionPoint, actionPointsApi, type Agenda, type Decision, type InvitationResult, type Meeting, meetingsApi } from '../../../shared/contracts/meetings.ts';
import { type ApiError, call, hrefOf, type Query } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (query: Query) => ['meetings', 'list', query] as const,
  detail: (id: string) => ['meetings', 'detail', id] as const,
  owners: (organisationId: string) => ['meetings', 'owners', organisationId] as const,
  decisions: (query: Query) => ['meetings', 'decisions', query] as const,
};
export const actionPointKeys = { all: ['action-points'] as const, list: (query: Query) => ['action-points', 'list', query] as const };

export function useMeetingList(query: Query, enabled = true) {
  return useQuery({ queryKey: meetingKeys.list(query), queryFn: ({ signal }) => call(meetingsApi.list, { query, signal }), placeholderData: keepPreviousData, enabled });
}

export function useMeeting(id: string) {
  return useQuery({ queryKey: meetingKeys.detail(id), queryFn: ({ signal }) => call(meetingsApi.get, { params: { id }, signal }) });
}

export function useActionPoints(query: Query, enabled = true) {
  return useQuery({ queryKey: actionPointKeys.list(query), queryFn: ({ signal }) => call(actionPointsApi.list, { query, signal }), placeholderData: keepPreviousData, enabled });
}

/** Decisions about a locality (and sector) that a gap follow-up can cite. */
export function useDecisionsAbout(localityId: string, sector: string, enabled = true) {
  const query = { localityId, sector };
  return useQuery({ queryKey: meetingKeys.decisions(query), queryFn: ({ signal }) => call(meetingsApi.decisionsAbout, { query, signal }), enabled, staleTime: 60_000 });
}

/** The accounts of an organisation, to name the person in charge of an action point. */
export function useOwners(organisationId: string) {
  return useQuery({
    queryKey: meetingKeys.owners(organisationId),
    queryFn: ({ signal }) => call(meetingsApi.owners, { query: { organisationId }, signal }),
    enabled: organisationId !== '',
    staleTime: 5 * 60_000,
  });
}

/** After any change, the meeting, its lists and the action points everywhere are read again. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: meetingKeys.all }), queryClient.invalidateQueries({ queryKey: actionPointKeys.all })]);
}

function useChange<Input, Output>(send: (input: Input) => Promise<Output>) {
  const invalidate = useInvalidate();
  return useMutation<Output, ApiError, Input>({ mutationFn: send, onSuccess: () => void invalidate() });
}

export const useCreateMeeting = () => useChange<BodyInputOf<typeof meetingsApi.create>, Meeting>((body) => call(meetingsApi.create, { body }));
export const useUpdateMeeting = (id: string) => useChange<BodyInputOf<typeof meetingsApi.update>, Meeting>((body) => call(meetingsApi.update, { params: { id }, body }));
export const useMeetingStatus = (id: string) => useChange<BodyInputOf<typeof meetingsApi.setStatus>, Meeting>((body) => call(meetingsApi.setStatus, { params: { id }, body }));
export const useSendInvitations = (id: string) => useChange<{ version: number }, InvitationResult>((body) => call(meetingsApi.sendInvitations, { params: { id }, body }));
export const useUpdateAgenda = (id: string) => useChange<BodyInputOf<typeof meetingsApi.updateAgenda>, Agenda>((body) => call(meetingsApi.updateAgenda, { params: { id }, body }));
export const useRefreshAgenda = (id: string) => useChange<{ version: number }, Agenda>((body) => call(meetingsApi.refreshAgenda, { params: { id }, body }));
export const useSaveNotes = (id: string) =>
  useChange<{ itemId: string; notes: string; version: number }, { id: string; notes: string; version: number }>(({ itemId, ...body }) => call(meetingsApi.updateNotes, { params: { id, itemId }, body }));

export const useSaveDecision = (meetingId: string) =>
  useChange<BodyInputOf<typeof meetingsApi.createDecision> & { id?: string; version?: number }, Decision>(({ id, version, ...body }) =>
    id && version !== undefined ? call(meetingsApi.updateDecision, { params: { id: meetingId, decisionId: id }, body: { ...body, version } }) : call(meetingsApi.createDecision, { params: { id: meetingId }, body }),
  );
export const useDeleteDecision = (meetingId: string) =>
  useChange<{ id: string; version: number }, void>(({ id, version }) => call(meetingsApi.deleteDecision, { params: { id: meetingId, decisionId: id }, query: { version } }));

export const useCreateActionPoint = () => useChange<BodyInputOf<typeof actionPointsApi.create>, ActionPoint>((body) => call(actionPointsApi.create, { body }));
export const useUpdateActionPoint = () =>
  useChange<BodyInputOf<typeof actionPointsApi.update> & { id: string }, ActionPoint>(({ id, ...body }) => call(actionPointsApi.update, { params: { id }, body }));
export const useDeleteActionPoint = () => useChange<{ id: string; version: number }, void>(({ id, version }) => call(actionPointsApi.delete, { params: { id }, query: { version } }));

/** Plain links: the browser downloads with the session cookie, in the chosen (or the UI's) language. */
export const meetingFiles = {
  minutes: (id: string, lang: 'fr' | 'en') => hrefOf(meetingsApi.minutesPdf, { params: { id }, query: { lang } }),
  invitation: (id: string) => hrefOf(meetingsApi.invitationIcs, { params: { id }, query: { lang: currentLanguage() } }),
  actionPoints: (format: 'xlsx' | 'csv' | 'hxl', { page: _page, pageSize: _pageSize, ...filters }: Query) => hrefOf(actionPointsApi.export, { query: { ...filters, format, lang: currentLanguage() } }),
};
