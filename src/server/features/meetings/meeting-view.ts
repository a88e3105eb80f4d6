import type { Kysely } from 'kysely';
import type { LocalityRef } from '../../../shared/contracts/alerts.ts';
import type {
  ActionPoint,
  ActionPointStatus,
  Agenda,
  AgendaEntry,
  AgendaEntryKind,
  AgendaFacts,
  AgendaItemKind,
  Concern,
  Decision,
  Meeting,
  MeetingLevel,
  MeetingStatus,
  MeetingSummary,
} from '../../../shared/contracts/meetings.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { notFound } from '../../errors.ts';
import type { SessionUser } from '../../lib/context.ts';
import type { ActionPointRow, ActionPointsRepository } from './action-points.repository.ts';
import type { AgendaRepository } from './agenda.repository.ts';
import type { DecisionsRepository } from './decisions.repository.ts';
import { actionPointRights, canManageMeeting } from './meeting-access.ts';
import type { MeetingsRepository } from './meetings.repository.ts';

interface Refs {
  localities: Map<string, LocalityRef>;
  alerts: Map<string, string>;
}

interface ConcernColumns {
  locality_id: string | null;
  sector: string | null;
  alert_id: string | null;
}

function concernOf(row: ConcernColumns, refs: Refs): Concern {
  return {
    locality: row.locality_id ? (refs.localities.get(row.locality_id) ?? null) : null,
    sector: row.sector as Sector | null,
    alert: row.alert_id ? { id: row.alert_id, code: refs.alerts.get(row.alert_id) ?? '' } : null,
  };
}

function linkOf(entry: { kind: string; locality_id: string | null; sector: string | null; alert_id: string | null; assessment_id: string | null; action_meeting_id: string | null }): string | null {
  switch (entry.kind as AgendaEntryKind) {
    case 'gap':
      return entry.locality_id && entry.sector ? `/gaps/${entry.locality_id}/${entry.sector}` : null;
    case 'rrm_exit':
    case 'alert':
      return entry.alert_id ? `/alerts/${entry.alert_id}` : null;
    case 'assessment':
      return entry.assessment_id ? `/assessments/${entry.assessment_id}` : null;
    case 'action_point':
      return entry.action_meeting_id ? `/meetings/${entry.action_meeting_id}` : null;
    case 'count':
      return '/lists';
    default:
      return null;
  }
}

/** Meetings, agendas, decisions and action points as the API returns them. */
export function meetingViews(deps: { meetings: MeetingsRepository; agenda: AgendaRepository; decisions: DecisionsRepository; actionPoints: ActionPointsRepository }) {
  const { meetings, agenda, decisions, actionPoints } = deps;

  async function refsFor(trx: Kysely<DB>, rows: readonly ConcernColumns[]): Promise<Refs> {
    const [localities, alerts] = await Promise.all([
      meetings.localityRefs(
        trx,
        rows.flatMap((r) => (r.locality_id ? [r.locality_id] : [])),
      ),
      meetings.alertCodes(
        trx,
        rows.flatMap((r) => (r.alert_id ? [r.alert_id] : [])),
      ),
    ]);
    return { localities, alerts };
  }

  function toActionPoint(row: ActionPointRow, refs: Refs, user: SessionUser, today: string): ActionPoint {
    return {
      id: row.id,
      meeting: { id: row.meeting_id, title: row.meeting_title, date: row.meeting_date, level: row.meeting_level as MeetingLevel, status: row.meeting_status as MeetingStatus },
      number: row.number,
      title: row.title,
      ownerOrganisation: { id: row.owner_organisation_id, acronym: row.owner_acronym, name: row.owner_organisation_name },
      ownerUser: row.owner_user_id ? { id: row.owner_user_id, name: row.owner_user_name ?? '' } : null,
      ownerName: row.owner_name,
      dueDate: row.due_date,
      status: row.status as ActionPointStatus,
      statusNote: row.status_note,
      overdue: row.status === 'open' && row.due_date < today,
      closedAt: row.closed_at?.toISOString() ?? null,
      agendaItemId: row.agenda_item_id,
      decision: row.decision_id && row.decision_number !== null ? { id: row.decision_id, number: row.decision_number } : null,
      concern: concernOf(row, refs),
      ...actionPointRights(user, row),
      version: row.version,
    };
  }

  async function actionPointList(trx: Kysely<DB>, rows: readonly ActionPointRow[], user: SessionUser): Promise<ActionPoint[]> {
    const refs = await refsFor(trx, rows);
    const today = todayIso();
    return rows.map((r) => toActionPoint(r, refs, user, today));
  }

  async function decisionList(trx: Kysely<DB>, meetingId: string): Promise<Decision[]> {
    const rows = await decisions.ofMeeting(trx, meetingId);
    const refs = await refsFor(trx, rows);
    return rows.map((d) => ({ id: d.id, meetingId: d.meeting_id, number: d.number, text: d.text, agendaItemId: d.agenda_item_id, concern: concernOf(d, refs), version: d.version }));
  }

  async function agendaOf(trx: Kysely<DB>, row: NonNullable<Awaited<ReturnType<MeetingsRepository['find']>>>): Promise<Agenda> {
    const [items, entries] = await Promise.all([agenda.items(trx, row.id), agenda.entries(trx, row.id)]);
    const localities = await meetings.localityRefs(
      trx,
      entries.flatMap((e) => (e.locality_id ? [e.locality_id] : [])),
    );
    const byItem = new Map<string, AgendaEntry[]>();
    for (const e of entries) {
      const list = byItem.get(e.item_id) ?? [];
      list.push({
        id: e.id,
        kind: e.kind as AgendaEntryKind,
        locality: e.locality_id ? (localities.get(e.locality_id) ?? null) : null,
        sector: e.sector as Sector | null,
        alertId: e.alert_id,
        assessmentId: e.assessment_id,
        actionPointId: e.action_point_id,
        facts: e.facts as AgendaFacts,
        link: linkOf(e),
        currentStatus: e.action_status,
      });
      byItem.set(e.item_id, list);
    }
    return {
      meetingId: row.id,
      version: row.version,
      at: row.agenda_at ?? row.date,
      since: row.agenda_since ?? row.date,
      sinceMeeting: row.agenda_since_meeting_id && row.since_meeting_title && row.since_meeting_date ? { id: row.agenda_since_meeting_id, title: row.since_meeting_title, date: row.since_meeting_date } : null,
      builtAt: row.agenda_built_at?.toISOString() ?? null,
      items: items.map((i) => ({ id: i.id, position: i.position, kind: i.kind as AgendaItemKind, title: i.title, description: i.description, notes: i.notes, version: i.version, entries: byItem.get(i.id) ?? [] })),
    };
  }

  return {
    actionPointList,
    decisionList,

    async actionPoint(trx: Kysely<DB>, id: string, user: SessionUser): Promise<ActionPoint> {
      const row = await actionPoints.find(trx, id);
      if (!row) throw notFound();
      return (await actionPointList(trx, [row], user))[0]!;
    },

    async agenda(trx: Kysely<DB>, id: string): Promise<Agenda> {
      const row = await meetings.find(trx, id);
      if (!row) throw notFound();
      return agendaOf(trx, row);
    },

    summary(row: Awaited<ReturnType<MeetingsRepository['list']>>['items'][number], regionNames: Map<string, string>): MeetingSummary {
      return {
        id: row.id,
        level: row.level as MeetingLevel,
        title: row.title,
        regions: row.region_pcodes.map((pcode) => ({ pcode, name: regionNames.get(pcode) ?? pcode })),
        date: row.date,
        startTime: row.start_time,
        endTime: row.end_time,
        place: row.place,
        status: row.status as MeetingStatus,
        decisions: Number(row.decisions),
        actionPoints: Number(row.action_points),
        openActionPoints: Number(row.open_action_points),
        publishedAt: row.published_at?.toISOString() ?? null,
      };
    },

    /** The whole meeting: details, participants, agenda, decisions, action points, and what the user may do. */
    async meeting(trx: Kysely<DB>, id: string, user: SessionUser): Promise<Meeting> {
      const row = await meetings.find(trx, id);
      if (!row) throw notFound();
      const [participants, regionNames, agendaView, decisionViews, pointRows] = await Promise.all([
        meetings.participants(trx, id),
        meetings.regionNames(trx, row.region_pcodes),
        agendaOf(trx, row),
        decisionList(trx, id),
        actionPoints.ofMeeting(trx, id),
      ]);
      const manage = canManageMeeting(user, row) && row.status !== 'cancelled';
      const points = await actionPointList(trx, pointRows, user);
      return {
        id: row.id,
        level: row.level as MeetingLevel,
        title: row.title,
        regions: row.region_pcodes.map((pcode) => ({ pcode, name: regionNames.get(pcode) ?? pcode })),
        date: row.date,
        startTime: row.start_time,
        endTime: row.end_time,
        place: row.place,
        callLink: row.call_link,
        status: row.status as MeetingStatus,
        chairOrganisation: row.chair_organisation_id ? { id: row.chair_organisation_id, acronym: row.chair_acronym ?? '', name: row.chair_organisation_name ?? '' } : null,
        chairName: row.chair_name,
        participants: participants.map((p) => ({
          id: p.id,
          organisation: p.organisation_id ? { id: p.organisation_id, acronym: p.acronym ?? '', name: p.organisation_name ?? '' } : null,
          user: p.user_id ? { id: p.user_id, name: p.user_name ?? '' } : null,
          name: p.name,
          email: p.email ?? p.user_email ?? null,
          invited: p.invited,
          present: p.present,
        })),
        cancelReason: row.cancel_reason,
        heldAt: row.held_at?.toISOString() ?? null,
        publishedAt: row.published_at?.toISOString() ?? null,
        invitationsSentAt: row.invitations_sent_at?.toISOString() ?? null,
        createdBy: row.created_by_name,
        decisions: decisionViews.length,
        actionPoints: points.length,
        openActionPoints: points.filter((p) => p.status === 'open').length,
        version: row.version,
        permissions: { manage, writeMinutes: manage && (row.status === 'planned' || row.status === 'held'), editAgenda: manage && row.status === 'planned' },
        agenda: agendaView,
        decisionList: decisionViews,
        actionPointList: points,
      };
    },
  };
}
export type MeetingViews = ReturnType<typeof meetingViews>;
