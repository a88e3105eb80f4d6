import { type MeetingStatus, minutesOpenStatuses } from '../../../shared/contracts/meetings.ts';
import { can } from '../../../shared/permissions.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';

interface MeetingScope {
  region_pcodes: string[];
  status: string;
}

/** Runs the meeting: national coordination for every meeting, regional coordinators for their regions' meetings. */
export function canManageMeeting(user: SessionUser, meeting: Pick<MeetingScope, 'region_pcodes'>): boolean {
  return can(user, 'meeting:manage', { regionPcodes: meeting.region_pcodes });
}

/** Reads it: those who may run it, and everyone invited (in person or through their organisation). */
export function canReadMeeting(user: SessionUser, meeting: Pick<MeetingScope, 'region_pcodes'>, invited: boolean): boolean {
  return can(user, 'meeting:read', { regionPcodes: meeting.region_pcodes }) || (invited && can(user, 'meeting:read'));
}

/** 404 rather than 403 for a meeting the user may not read: its existence is not theirs to know. */
export function requireReadable(user: SessionUser, meeting: MeetingScope | undefined, invited: boolean): asserts meeting is MeetingScope {
  if (!meeting || !canReadMeeting(user, meeting, invited)) throw notFound();
}

export function requireManager(user: SessionUser, meeting: MeetingScope): void {
  if (!canManageMeeting(user, meeting)) throw forbidden();
}

/** Notes, decisions and action points are written while the meeting is planned or held. */
export function requireMinutesOpen(meeting: MeetingScope): void {
  if (meeting.status === 'cancelled') throw new AppError('meeting_cancelled', 409);
  if (!minutesOpenStatuses.includes(meeting.status as MeetingStatus)) throw new AppError('meeting_minutes_locked', 409);
}

/** The agenda is changed only before the meeting. */
export function requireAgendaOpen(meeting: MeetingScope): void {
  if (meeting.status === 'cancelled') throw new AppError('meeting_cancelled', 409);
  if (meeting.status !== 'planned') throw new AppError('meeting_agenda_locked', 409);
}

/** The owner (in person or through their organisation) reports progress; the meeting's managers change everything. */
export function actionPointRights(
  user: SessionUser,
  point: { owner_user_id: string | null; owner_organisation_id: string; meeting_regions: string[]; meeting_status: string },
): { canEdit: boolean; canUpdateStatus: boolean } {
  if (point.meeting_status === 'cancelled') return { canEdit: false, canUpdateStatus: false };
  const canEdit = canManageMeeting(user, { region_pcodes: point.meeting_regions });
  const canUpdateStatus =
    canEdit || point.owner_user_id === user.id || can(user, 'action_point:update', { organisationId: point.owner_organisation_id, regionPcodes: point.meeting_regions });
  return { canEdit, canUpdateStatus };
}
