import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type {
  ActionPoint,
  ActionPointExportQuery,
  ActionPointListQuery,
  ActionPointPage,
  ActionPointStatus,
  ActionPointUpdateValues,
  ActionPointValues,
} from '../../../shared/contracts/meetings.ts';
import { todayIso } from '../../../shared/phases.ts';
import { can } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import { tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import { type ActionPointFileRow, actionPointColumns } from './action-points.columns.ts';
import type { ActionPointsRepository, ActionPointValues as StoredValues } from './action-points.repository.ts';
import type { AgendaRepository } from './agenda.repository.ts';
import { checkConcern } from './concerns.ts';
import type { DecisionsRepository } from './decisions.repository.ts';
import { requireMinutesOpen } from './meeting-access.ts';
import type { MeetingViews } from './meeting-view.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import type { MeetingsService } from './meetings.service.ts';

/** Fields only the meeting's managers change; owners report the status and its note. */
const managerFields = ['title', 'ownerOrganisationId', 'ownerUserId', 'ownerName', 'dueDate', 'agendaItemId', 'decisionId', 'localityId', 'sector', 'alertId'] as const;

function toFileRow(point: ActionPoint): ActionPointFileRow {
  return {
    reference: `AP-${point.number}`,
    meetingDate: point.meeting.date,
    meetingTitle: point.meeting.title,
    meetingLevel: point.meeting.level,
    title: point.title,
    decision: point.decision ? `D${point.decision.number}` : null,
    ownerOrganisation: point.ownerOrganisation.acronym,
    ownerPerson: point.ownerUser?.name ?? point.ownerName,
    dueDate: point.dueDate,
    status: point.status,
    overdue: point.overdue,
    statusNote: point.statusNote,
    region: point.concern.locality?.adm1Name ?? null,
    locality: point.concern.locality?.name ?? null,
    localityCode: point.concern.locality?.pcode ?? null,
    sector: point.concern.sector,
    alert: point.concern.alert?.code ?? null,
  };
}

export function actionPointsService(deps: {
  db: Kysely<DB>;
  meetings: MeetingsRepository;
  agenda: AgendaRepository;
  decisions: DecisionsRepository;
  actionPoints: ActionPointsRepository;
  views: MeetingViews;
  meetingsService: MeetingsService;
}) {
  const { db, meetings, agenda, decisions, actionPoints, views, meetingsService } = deps;

  /** The owner's account is active and of the owner organisation; the decision is of the meeting. */
  async function checkValues(trx: Kysely<DB>, meetingId: string, values: StoredValues): Promise<void> {
    await checkConcern(trx, { meetings, agenda }, meetingId, values);
    if (!(await meetings.activeOrganisationIds(trx, [values.ownerOrganisationId])).has(values.ownerOrganisationId)) throw new AppError('unknown_organisation', 400);
    if (values.ownerUserId) {
      const [owner] = await meetings.activeUsers(trx, [values.ownerUserId]);
      if (!owner) throw new AppError('unknown_user', 400);
      if (owner.organisation_id !== values.ownerOrganisationId) throw new AppError('owner_not_in_organisation', 400);
    }
    if (values.decisionId && !(await decisions.find(trx, meetingId, values.decisionId))) throw new AppError('decision_unknown', 400);
  }

  return {
    async list(ctx: ServiceContext, query: ActionPointListQuery): Promise<ActionPointPage> {
      if (!can(ctx.user, 'meeting:read')) throw forbidden();
      const page = await actionPoints.list(ctx.user, query, query, todayIso());
      return { ...page, items: await views.actionPointList(db, page.items, ctx.user) };
    },

    async get(ctx: ServiceContext, id: string): Promise<ActionPoint> {
      const row = await actionPoints.find(db, id);
      if (!row) throw notFound();
      const owned = row.owner_user_id === ctx.user.id || (ctx.user.organisationId !== null && row.owner_organisation_id === ctx.user.organisationId);
      if (!owned) await meetingsService.readable(db, ctx, row.meeting_id);
      return views.actionPoint(db, id, ctx.user);
    },

    async create(ctx: ServiceContext, input: ActionPointValues): Promise<ActionPoint> {
      return db.transaction().execute(async (trx) => {
        const meeting = await meetingsService.managed(trx, ctx, input.meetingId);
        requireMinutesOpen(meeting);
        const { meetingId, ...values } = input;
        await checkValues(trx, meetingId, values);
        const id = await actionPoints.insert(trx, meetingId, values, ctx.user.id);
        await meetings.refreshSearchKey(trx, meetingId);
        const created = await views.actionPoint(trx, id, ctx.user);
        await recordAudit(trx, ctx, { action: 'create', entity: 'action_point', entityId: id, after: created });
        return created;
      });
    },

    /** Owners report progress (status, note); managers change the rest too. Closing records who and when. */
    async update(ctx: ServiceContext, id: string, input: ActionPointUpdateValues): Promise<ActionPoint> {
      return db.transaction().execute(async (trx) => {
        const row = await actionPoints.find(trx, id, true);
        if (!row) throw notFound();
        const before = await views.actionPoint(trx, id, ctx.user);
        const owned = row.owner_user_id === ctx.user.id || (ctx.user.organisationId !== null && row.owner_organisation_id === ctx.user.organisationId);
        if (!owned) await meetingsService.readable(trx, ctx, row.meeting_id);
        if (!before.canUpdateStatus) throw forbidden();
        const current = valuesOf(row);
        const changesManagerFields = managerFields.some((field) => input[field] !== undefined && input[field] !== current[field]);
        if (changesManagerFields && !before.canEdit) throw forbidden();
        if (row.version !== input.version) throw versionConflict(before);
        const next: StoredValues = Object.fromEntries(managerFields.map((field) => [field, input[field] === undefined ? current[field] : input[field]])) as unknown as StoredValues;
        if (changesManagerFields) await checkValues(trx, row.meeting_id, next);
        const status = input.status ?? (row.status as ActionPointStatus);
        const closing = status !== 'open' && row.status === 'open';
        const reopening = status === 'open' && row.status !== 'open';
        const saved = await actionPoints.updateIfVersion(trx, id, input.version, {
          ...next,
          status,
          statusNote: input.statusNote === undefined ? row.status_note : input.statusNote,
          closedAt: closing ? new Date() : reopening ? null : row.closed_at,
          closedBy: closing ? ctx.user.id : reopening ? null : row.closed_by,
        });
        if (!saved) throw versionConflict(before);
        await meetings.refreshSearchKey(trx, row.meeting_id);
        const after = await views.actionPoint(trx, id, ctx.user);
        await recordAudit(trx, ctx, { action: 'update', entity: 'action_point', entityId: id, before, after });
        return after;
      });
    },

    /** While the minutes are written; a published action point is dropped, not deleted. */
    async remove(ctx: ServiceContext, id: string, version: number): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await actionPoints.find(trx, id, true);
        if (!row) throw notFound();
        const meeting = await meetingsService.managed(trx, ctx, row.meeting_id);
        if (meeting.status === 'minutes_published') throw new AppError('action_point_published', 409);
        requireMinutesOpen(meeting);
        const before = await views.actionPoint(trx, id, ctx.user);
        if (!(await actionPoints.deleteIfVersion(trx, id, version))) throw versionConflict(before);
        await meetings.refreshSearchKey(trx, row.meeting_id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'action_point', entityId: id, before });
      });
    },

    /** The action points of the list's filters as XLSX or CSV, with the platform's export writer. */
    async exportTable(ctx: ServiceContext, query: ActionPointExportQuery, language: Language): Promise<Download> {
      if (!can(ctx.user, 'meeting:read')) throw forbidden();
      const today = todayIso();
      const rows = (await views.actionPointList(db, await actionPoints.all(ctx.user, query, today), ctx.user)).map(toFileRow);
      const stream = new PassThrough();
      // Not awaited: the reply reads the stream while it is written.
      void writeTable(stream, { format: query.format, columns: actionPointColumns, rows, language, sheetName: language === 'fr' ? "Points d'action" : 'Action points' }).catch((error: unknown) =>
        stream.destroy(error instanceof Error ? error : new Error(String(error))),
      );
      return { body: stream, fileName: `${language === 'fr' ? 'points-action' : 'action-points'}-${today}${query.format === 'hxl' ? '-hxl' : ''}${tableExtensions[query.format]}`, contentType: tableContentTypes[query.format] };
    },
  };
}
export type ActionPointsService = ReturnType<typeof actionPointsService>;

function valuesOf(row: NonNullable<Awaited<ReturnType<ActionPointsRepository['find']>>>): StoredValues {
  return {
    title: row.title,
    ownerOrganisationId: row.owner_organisation_id,
    ownerUserId: row.owner_user_id,
    ownerName: row.owner_name,
    dueDate: row.due_date,
    agendaItemId: row.agenda_item_id,
    decisionId: row.decision_id,
    localityId: row.locality_id,
    sector: row.sector,
    alertId: row.alert_id,
  };
}
