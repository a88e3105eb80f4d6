import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import {
  type Agenda,
  type AgendaUpdate,
  agendaUpdate,
  type Meeting,
  type MeetingListQuery,
  type MeetingStatusValues,
  type MeetingSummary,
  type OwnerList,
  type MeetingUpdateValues,
  type MeetingValues,
  meetingTransitions,
  type ParticipantInput,
  participantInput,
} from '../../../shared/contracts/meetings.ts';
import { addDays } from '../../../shared/phases.ts';
import { can } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { agendaWindows, type AgendaBuilder } from './agenda-builder.ts';
import type { AgendaRepository, NewAgendaItem } from './agenda.repository.ts';
import { requireAgendaOpen, requireManager, requireMinutesOpen, requireReadable } from './meeting-access.ts';
import type { MeetingViews } from './meeting-view.ts';
import type { MeetingColumns, MeetingRow, MeetingsRepository, NewParticipant } from './meetings.repository.ts';

interface PreparedAgenda {
  at: string;
  since: string;
  previousId: string | null;
  items: NewAgendaItem[];
}

/** A meeting not saved yet has no id; the series lookup needs one to leave out. */
const unsavedId = '00000000-0000-0000-0000-000000000000';

/** What happens after a status change is committed (messages to invitees; see meeting-messages.service.ts). */
export interface MeetingStatusHooks {
  published(ctx: ServiceContext, meetingId: string): Promise<void>;
  cancelled(ctx: ServiceContext, meetingId: string): Promise<void>;
}

function columnsOf(input: MeetingValues): MeetingColumns {
  return {
    level: input.level,
    title: input.title,
    region_pcodes: [...new Set(input.regions)].sort(),
    date: input.date,
    start_time: input.startTime,
    end_time: input.endTime,
    place: input.place,
    call_link: input.callLink,
    chair_organisation_id: input.chairOrganisationId,
    chair_name: input.chairName,
  };
}

export function meetingsService(deps: {
  db: Kysely<DB>;
  meetings: MeetingsRepository;
  agenda: AgendaRepository;
  builder: AgendaBuilder;
  views: MeetingViews;
  hooks: MeetingStatusHooks;
}) {
  const { db, meetings, agenda, builder, views, hooks } = deps;

  /** The meeting if the user may read it (404 otherwise), locked for the transaction when asked. */
  async function readable(trx: Kysely<DB>, ctx: ServiceContext, id: string, forUpdate = false): Promise<MeetingRow> {
    const row = await meetings.find(trx, id, forUpdate);
    const invited = row ? await meetings.isInvited(trx, ctx.user, id) : false;
    requireReadable(ctx.user, row, invited);
    return row;
  }

  async function managed(trx: Kysely<DB>, ctx: ServiceContext, id: string): Promise<MeetingRow> {
    const row = await readable(trx, ctx, id, true);
    requireManager(ctx.user, row);
    return row;
  }

  /** Participants checked against active organisations and accounts; an account brings its organisation. */
  async function participantsOf(trx: Kysely<DB>, input: readonly ParticipantInput[]): Promise<NewParticipant[]> {
    const parsed = input.map((p) => participantInput.parse(p));
    const users = new Map((await meetings.activeUsers(trx, parsed.flatMap((p) => (p.userId ? [p.userId] : [])))).map((u) => [u.id, u]));
    const participants = parsed.map((p) => {
      if (p.userId && !users.has(p.userId)) throw new AppError('unknown_user', 400);
      const organisationId = p.organisationId ?? (p.userId ? (users.get(p.userId)!.organisation_id ?? null) : null);
      return { ...p, organisationId };
    });
    const organisations = participants.flatMap((p) => (p.organisationId ? [p.organisationId] : []));
    const active = await meetings.activeOrganisationIds(trx, organisations);
    if (organisations.some((id) => !active.has(id))) throw new AppError('unknown_organisation', 400);
    return participants;
  }

  async function checkDetails(trx: Kysely<DB>, input: MeetingValues): Promise<void> {
    const names = await meetings.regionNames(trx, input.regions);
    if (input.regions.some((pcode) => !names.has(pcode))) throw new AppError('unknown_region', 400);
    if (input.chairOrganisationId && !(await meetings.activeOrganisationIds(trx, [input.chairOrganisationId])).has(input.chairOrganisationId)) {
      throw new AppError('unknown_organisation', 400);
    }
  }

  /**
   * Reads what the agenda lists, at the meeting's date for its regions. Outside any transaction:
   * the gap engine reads through the pool (PGlite's single connection would wait on itself).
   */
  async function prepareAgenda(meeting: { id: string; level: string; region_pcodes: string[]; date: string }): Promise<PreparedAgenda> {
    const previous = await meetings.previousInSeries(db, meeting);
    const since = previous?.date ?? addDays(meeting.date, -agendaWindows.firstMeetingLookbackDays);
    const items = await builder.build({ meetingId: meeting.id, level: meeting.level, regions: meeting.region_pcodes, at: meeting.date, since });
    return { at: meeting.date, since, previousId: previous?.id ?? null, items };
  }

  /** Writes a prepared agenda; `keepCustom` leaves the items added by hand (after the others). */
  async function writeAgenda(trx: Kysely<DB>, meetingId: string, version: number, prepared: PreparedAgenda, keepCustom: boolean): Promise<void> {
    const existing = await agenda.items(trx, meetingId);
    const custom = existing.filter((i) => i.kind === 'custom');
    await agenda.deleteItems(
      trx,
      meetingId,
      existing.filter((i) => !keepCustom || i.kind !== 'custom').map((i) => i.id),
    );
    await agenda.insertItems(trx, meetingId, prepared.items);
    if (keepCustom) {
      for (const [index, item] of custom.entries()) await agenda.updateItem(trx, item.id, { position: prepared.items.length + index, title: item.title, description: item.description });
    } else {
      await agenda.insertItems(trx, meetingId, [{ kind: 'custom', title: null, description: null, entries: [] }], prepared.items.length);
    }
    const changes = { agenda_at: prepared.at, agenda_since: prepared.since, agenda_since_meeting_id: prepared.previousId, agenda_built_at: new Date() };
    if (!(await meetings.updateIfVersion(trx, meetingId, version, changes))) throw versionConflict(await views.agenda(trx, meetingId));
    await meetings.refreshSearchKey(trx, meetingId);
  }

  return {
    async list(ctx: ServiceContext, query: MeetingListQuery): Promise<Page<MeetingSummary>> {
      if (!can(ctx.user, 'meeting:read')) throw forbidden();
      const page = await meetings.list(ctx.user, query);
      const names = await meetings.regionNames(db, [...new Set(page.items.flatMap((m) => m.region_pcodes))]);
      return { ...page, items: page.items.map((m) => views.summary(m, names)) };
    },

    /** Who may be named in charge of an action point (or invited by name), for those who run meetings. */
    async owners(ctx: ServiceContext, organisationId: string): Promise<OwnerList> {
      if (!can(ctx.user, 'meeting:manage')) throw forbidden();
      return { items: await meetings.peopleOf(organisationId) };
    },

    async get(ctx: ServiceContext, id: string): Promise<Meeting> {
      await readable(db, ctx, id);
      return views.meeting(db, id, ctx.user);
    },

    async agenda(ctx: ServiceContext, id: string): Promise<Agenda> {
      await readable(db, ctx, id);
      return views.agenda(db, id);
    },

    /** Plans a meeting and fills its agenda from the data at its date. */
    async create(ctx: ServiceContext, input: MeetingValues): Promise<Meeting> {
      if (!can(ctx.user, 'meeting:manage', { regionPcodes: input.regions })) throw forbidden();
      await checkDetails(db, input);
      const columns = columnsOf(input);
      const prepared = await prepareAgenda({ id: unsavedId, ...columns });
      return db.transaction().execute(async (trx) => {
        const participants = await participantsOf(trx, input.participants);
        const id = await meetings.insert(trx, columns, ctx.user.id);
        await meetings.replaceParticipants(trx, id, participants);
        await writeAgenda(trx, id, 1, prepared, false);
        const created = await views.meeting(trx, id, ctx.user);
        await recordAudit(trx, ctx, { action: 'create', entity: 'meeting', entityId: id, after: { ...input, agendaItems: created.agenda.items.length } });
        return created;
      });
    },

    /** Details and participants (attendance included); a meeting that moves to another date keeps its agenda until refreshed. */
    async update(ctx: ServiceContext, id: string, input: MeetingUpdateValues): Promise<Meeting> {
      return db.transaction().execute(async (trx) => {
        const before = await managed(trx, ctx, id);
        if (before.version !== input.version) throw versionConflict(await views.meeting(trx, id, ctx.user));
        if (before.status === 'cancelled') throw new AppError('meeting_cancelled', 409);
        if (!can(ctx.user, 'meeting:manage', { regionPcodes: input.regions })) throw forbidden();
        await checkDetails(trx, input);
        const participants = await participantsOf(trx, input.participants);
        const beforeView = await views.meeting(trx, id, ctx.user);
        if (!(await meetings.updateIfVersion(trx, id, input.version, columnsOf(input)))) throw versionConflict(beforeView);
        await meetings.replaceParticipants(trx, id, participants);
        await meetings.refreshSearchKey(trx, id);
        const after = await views.meeting(trx, id, ctx.user);
        await recordAudit(trx, ctx, {
          action: 'update',
          entity: 'meeting',
          entityId: id,
          before: { ...beforeView, agenda: undefined, decisionList: undefined, actionPointList: undefined },
          after: { ...after, agenda: undefined, decisionList: undefined, actionPointList: undefined },
        });
        return after;
      });
    },

    async setStatus(ctx: ServiceContext, id: string, input: MeetingStatusValues): Promise<Meeting> {
      const result = await db.transaction().execute(async (trx) => {
        const before = await managed(trx, ctx, id);
        if (before.version !== input.version) throw versionConflict(await views.meeting(trx, id, ctx.user));
        const from = before.status as keyof typeof meetingTransitions;
        if (!meetingTransitions[from].includes(input.status)) throw new AppError('meeting_status_transition', 409);
        const changes =
          input.status === 'held'
            ? { status: input.status, held_at: before.held_at ?? new Date(), published_at: null, published_by: null }
            : input.status === 'minutes_published'
              ? { status: input.status, published_at: new Date(), published_by: ctx.user.id }
              : input.status === 'cancelled'
                ? { status: input.status, cancel_reason: input.reason }
                : { status: input.status, held_at: null };
        if (!(await meetings.updateIfVersion(trx, id, input.version, changes))) throw versionConflict(await views.meeting(trx, id, ctx.user));
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting', entityId: id, before: { status: before.status }, after: { status: input.status, reason: input.reason ?? undefined } });
        return views.meeting(trx, id, ctx.user);
      });
      // Messages go out once the change is committed; a mail server down must not undo it.
      if (input.status === 'minutes_published') await hooks.published(ctx, id);
      if (input.status === 'cancelled' && result.invitationsSentAt) await hooks.cancelled(ctx, id);
      return result;
    },

    /** Fills the agenda again from today's data (before the meeting); items added by hand stay. */
    async refreshAgenda(ctx: ServiceContext, id: string, version: number): Promise<Agenda> {
      const current = await managed(db, ctx, id);
      requireAgendaOpen(current);
      if (current.version !== version) throw versionConflict(await views.agenda(db, id));
      const prepared = await prepareAgenda(current);
      return db.transaction().execute(async (trx) => {
        const meeting = await managed(trx, ctx, id);
        requireAgendaOpen(meeting);
        await writeAgenda(trx, id, version, prepared, true);
        const after = await views.agenda(trx, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting_agenda', entityId: id, after: { refreshed: true, items: after.items.map((i) => ({ kind: i.kind, entries: i.entries.length })) } });
        return after;
      });
    },

    /** Reorders, renames, removes and adds agenda items, and removes entries, before the meeting. */
    async updateAgenda(ctx: ServiceContext, id: string, input: AgendaUpdate): Promise<Agenda> {
      const parsed = agendaUpdate.parse(input);
      return db.transaction().execute(async (trx) => {
        const meeting = await managed(trx, ctx, id);
        requireAgendaOpen(meeting);
        const before = await views.agenda(trx, id);
        if (meeting.version !== parsed.version) throw versionConflict(before);
        const existing = new Map(before.items.map((i) => [i.id, i]));
        const kept = new Set(parsed.items.flatMap((i) => (i.id ? [i.id] : [])));
        for (const item of parsed.items) {
          if (item.id && !existing.has(item.id)) throw new AppError('agenda_item_unknown', 400);
          if (!item.id && !item.title) throw new AppError('agenda_item_title_required', 400);
        }
        await agenda.deleteItems(
          trx,
          id,
          before.items.filter((i) => !kept.has(i.id)).map((i) => i.id),
        );
        for (const [position, item] of parsed.items.entries()) {
          if (item.id) {
            const current = existing.get(item.id)!;
            const ownEntries = new Set(current.entries.map((e) => e.id));
            if (item.entryIds.some((e) => !ownEntries.has(e))) throw new AppError('agenda_item_unknown', 400);
            await agenda.updateItem(trx, item.id, { position, title: item.title, description: item.description });
            await agenda.keepEntries(trx, item.id, item.entryIds);
          } else {
            await agenda.insertCustomItem(trx, id, position, item.title!, item.description);
          }
        }
        if (!(await meetings.updateIfVersion(trx, id, parsed.version, {}))) throw versionConflict(before);
        await meetings.refreshSearchKey(trx, id);
        const after = await views.agenda(trx, id);
        const outline = (a: Agenda) => a.items.map((i) => ({ id: i.id, kind: i.kind, title: i.title, description: i.description, entries: i.entries.map((e) => e.id) }));
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting_agenda', entityId: id, before: outline(before), after: outline(after) });
        return after;
      });
    },

    /** The minutes of one agenda item: its notes, in Markdown. */
    async updateNotes(ctx: ServiceContext, id: string, itemId: string, input: { notes: string; version: number }) {
      return db.transaction().execute(async (trx) => {
        const meeting = await managed(trx, ctx, id);
        requireMinutesOpen(meeting);
        const item = await agenda.item(trx, id, itemId);
        if (!item) throw notFound();
        if (item.version !== input.version) throw versionConflict(item);
        if (!(await agenda.updateNotesIfVersion(trx, itemId, input.version, input.notes))) throw versionConflict(await agenda.item(trx, id, itemId));
        await meetings.refreshSearchKey(trx, id);
        const after = (await agenda.item(trx, id, itemId))!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting_agenda_item', entityId: itemId, before: { notes: item.notes }, after: { notes: after.notes, meetingId: id } });
        return { id: after.id, notes: after.notes, version: after.version };
      });
    },

    readable,
    managed,
  };
}
export type MeetingsService = ReturnType<typeof meetingsService>;
