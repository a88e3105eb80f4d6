import type { Kysely } from 'kysely';
import type { Decision, DecisionRef, DecisionUpdateValues, DecisionValues } from '../../../shared/contracts/meetings.ts';
import { can } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { AgendaRepository } from './agenda.repository.ts';
import { checkConcern } from './concerns.ts';
import type { DecisionsRepository } from './decisions.repository.ts';
import { requireMinutesOpen } from './meeting-access.ts';
import type { MeetingViews } from './meeting-view.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import type { MeetingsService } from './meetings.service.ts';

/** The decisions of a meeting, numbered D1, D2… while the minutes are written. */
export function decisionsService(deps: { db: Kysely<DB>; meetings: MeetingsRepository; agenda: AgendaRepository; decisions: DecisionsRepository; views: MeetingViews; meetingsService: MeetingsService }) {
  const { db, meetings, agenda, decisions, views, meetingsService } = deps;

  async function view(trx: Kysely<DB>, meetingId: string, id: string): Promise<Decision> {
    const found = (await views.decisionList(trx, meetingId)).find((d) => d.id === id);
    if (!found) throw notFound();
    return found;
  }

  return {
    async create(ctx: ServiceContext, meetingId: string, input: DecisionValues): Promise<Decision> {
      return db.transaction().execute(async (trx) => {
        const meeting = await meetingsService.managed(trx, ctx, meetingId);
        requireMinutesOpen(meeting);
        await checkConcern(trx, { meetings, agenda }, meetingId, input);
        const id = await decisions.insert(trx, meetingId, input, ctx.user.id);
        await meetings.refreshSearchKey(trx, meetingId);
        const created = await view(trx, meetingId, id);
        await recordAudit(trx, ctx, { action: 'create', entity: 'meeting_decision', entityId: id, after: created });
        return created;
      });
    },

    async update(ctx: ServiceContext, meetingId: string, id: string, input: DecisionUpdateValues): Promise<Decision> {
      return db.transaction().execute(async (trx) => {
        const meeting = await meetingsService.managed(trx, ctx, meetingId);
        requireMinutesOpen(meeting);
        const before = await decisions.find(trx, meetingId, id);
        if (!before) throw notFound();
        if (before.version !== input.version) throw versionConflict(await view(trx, meetingId, id));
        await checkConcern(trx, { meetings, agenda }, meetingId, input);
        const beforeView = await view(trx, meetingId, id);
        if (!(await decisions.updateIfVersion(trx, id, input.version, input))) throw versionConflict(beforeView);
        await meetings.refreshSearchKey(trx, meetingId);
        const after = await view(trx, meetingId, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting_decision', entityId: id, before: beforeView, after });
        return after;
      });
    },

    async remove(ctx: ServiceContext, meetingId: string, id: string, version: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const meeting = await meetingsService.managed(trx, ctx, meetingId);
        requireMinutesOpen(meeting);
        const before = await decisions.find(trx, meetingId, id);
        if (!before) throw notFound();
        const beforeView = await view(trx, meetingId, id);
        if (!(await decisions.deleteIfVersion(trx, id, version))) throw versionConflict(beforeView);
        await meetings.refreshSearchKey(trx, meetingId);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'meeting_decision', entityId: id, before: beforeView });
      });
    },

    /** Decisions about a locality (and a sector), in the meetings the user may read: what a gap follow-up can cite. */
    async about(ctx: ServiceContext, localityId: string, sector: string | undefined): Promise<{ items: DecisionRef[] }> {
      if (!can(ctx.user, 'meeting:read')) throw forbidden();
      const rows = await decisions.about(ctx.user, localityId, sector);
      return { items: rows.map((r) => ({ id: r.id, number: r.number, text: r.text, meeting: { id: r.meeting_id, title: r.meeting_title, date: r.meeting_date } })) };
    },
  };
}
export type DecisionsService = ReturnType<typeof decisionsService>;
