import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import {
  type Handover,
  type HandoverDossier,
  type HandoverFilters,
  type HandoverListQuery,
  type HandoverOutlook,
  handoverTransitions,
  type HandoverCreate,
  type HandoverUpdate,
} from '../../../shared/contracts/handovers.ts';
import { handoverOverdue, type HandoverStatus } from '../../../shared/handovers.ts';
import { monthSinceShock, type PhaseSettings, shockCalendar, todayIso } from '../../../shared/phases.ts';
import { seesOrganisationDetail } from '../../../shared/permissions.ts';
import { isSector, type Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit, recordAuditMany } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { GapsService } from '../gaps/gaps.module.ts';
import type { DossierRepository } from './dossier.repository.ts';
import type { HandoverChanges, HandoverRow, HandoversRepository } from './handovers.repository.ts';
import type { PhaseSettingsRepository } from '../settings/settings.module.ts';

export function handoverOf(row: HandoverRow, actors: Map<string, { id: string; acronym: string; name: string }>, at: string, settings: PhaseSettings): Handover {
  const status = row.status as HandoverStatus;
  const resilienceFrom = shockCalendar(row.shock_date, settings).resilienceFrom;
  return {
    id: row.id,
    shock: { alertId: row.alert_id, code: row.code, shockType: row.shock_type, shockDate: row.shock_date, households: row.households, persons: row.persons },
    locality: {
      id: row.locality_id,
      name: row.locality_name,
      pcode: row.locality_pcode,
      adm1Pcode: row.adm1_pcode,
      adm1Name: row.adm1_name,
      adm2Pcode: row.adm2_pcode,
      adm2Name: row.adm2_name,
      adm3Pcode: row.adm3_pcode,
      adm3Name: row.adm3_name,
    },
    status,
    month: monthSinceShock(row.shock_date, at),
    resilienceFrom,
    overdue: handoverOverdue(status, at, resilienceFrom),
    dialogueOpenedOn: row.dialogue_opened_on,
    planAgreedOn: row.plan_agreed_on,
    handedOverOn: row.handed_over_on,
    notTakenUpOn: row.not_taken_up_on,
    notTakenUpReason: row.not_taken_up_reason,
    actors: row.actor_organisation_ids.flatMap((id) => {
      const o = actors.get(id);
      return o ? [{ id: o.id, acronym: o.acronym, name: o.name }] : [];
    }),
    meeting: row.meeting_id && row.meeting_title && row.meeting_date ? { id: row.meeting_id, title: row.meeting_title, date: row.meeting_date } : null,
    notes: row.notes,
    recommendedActions: row.recommended_actions,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The dates a status change writes: the step reached gets `on`, reopening clears the closure. */
function datesFor(row: HandoverRow, to: HandoverStatus, on: string, reason: string | null): Pick<HandoverChanges, 'dialogue_opened_on' | 'plan_agreed_on' | 'handed_over_on' | 'not_taken_up_on' | 'not_taken_up_reason'> {
  const from = row.status as HandoverStatus;
  const kept = {
    dialogue_opened_on: row.dialogue_opened_on,
    plan_agreed_on: row.plan_agreed_on,
    handed_over_on: row.handed_over_on,
    not_taken_up_on: row.not_taken_up_on,
    not_taken_up_reason: row.not_taken_up_reason,
  };
  if (from === to) return to === 'not_taken_up' ? { ...kept, not_taken_up_reason: reason } : kept;
  switch (to) {
    case 'not_started':
      return kept;
    case 'dialogue_opened':
      // Reopening after a closure or a failed plan: a new dialogue, the closure undone.
      return { ...kept, dialogue_opened_on: on, plan_agreed_on: null, handed_over_on: null, not_taken_up_on: null, not_taken_up_reason: null };
    case 'plan_agreed':
      return { ...kept, dialogue_opened_on: kept.dialogue_opened_on ?? on, plan_agreed_on: on };
    case 'handed_over':
      return { ...kept, dialogue_opened_on: kept.dialogue_opened_on ?? on, handed_over_on: on, not_taken_up_on: null, not_taken_up_reason: null };
    case 'not_taken_up':
      return { ...kept, handed_over_on: null, not_taken_up_on: on, not_taken_up_reason: reason };
  }
}

export function handoversService(deps: {
  db: Kysely<DB>;
  handovers: HandoversRepository;
  dossiers: DossierRepository;
  phaseSettings: PhaseSettingsRepository;
  gaps: GapsService;
}) {
  const { db, handovers, dossiers, phaseSettings, gaps } = deps;

  /** Opens the to-dos due today (audited as the system's doing) and returns the phase settings. */
  async function prepare(ctx: ServiceContext): Promise<PhaseSettings> {
    const settings = await phaseSettings.get();
    // To-dos open as the calendar moves on, not only as people write: any read brings them up to date.
    await db.transaction().execute(async (trx) => {
      const opened = await handovers.openTodos(trx, todayIso(), settings);
      await recordAuditMany(
        trx,
        { requestId: ctx.requestId, user: null },
        opened.map((h) => ({ action: 'create' as const, entity: 'handover', entityId: h.id, after: { alertId: h.alert_id, status: 'not_started' } })),
      );
    });
    return settings;
  }

  async function mapRows(trx: Kysely<DB>, rows: HandoverRow[], at: string, settings: PhaseSettings): Promise<Handover[]> {
    const actors = await handovers.organisationRefs(
      trx,
      rows.flatMap((r) => r.actor_organisation_ids),
    );
    return rows.map((row) => handoverOf(row, actors, at, settings));
  }

  async function get(ctx: ServiceContext, id: string, atDate?: string): Promise<Handover> {
    requireAccess(ctx.user, 'handover:read');
    const at = atDate ?? todayIso();
    const settings = await phaseSettings.get();
    const row = await handovers.find(db, id);
    if (!row) throw notFound();
    return (await mapRows(db, [row], at, settings))[0]!;
  }

  return {
    prepare,
    get,

    async list(ctx: ServiceContext, query: HandoverListQuery): Promise<Page<Handover>> {
      requireAccess(ctx.user, 'handover:read');
      const at = query.at ?? todayIso();
      const settings = await prepare(ctx);
      const page = await handovers.page(query, at, settings, query);
      return { ...page, items: await mapRows(db, page.items, at, settings) };
    },

    async all(ctx: ServiceContext, filters: HandoverFilters): Promise<{ at: string; items: Handover[] }> {
      requireAccess(ctx.user, 'handover:read');
      const at = filters.at ?? todayIso();
      const settings = await prepare(ctx);
      return { at, items: await mapRows(db, await handovers.all(filters, at, settings), at, settings) };
    },

    async outlook(ctx: ServiceContext, query: { at?: string; days: number; region?: string }): Promise<HandoverOutlook> {
      requireAccess(ctx.user, 'handover:read');
      const at = query.at ?? todayIso();
      const settings = await phaseSettings.get();
      return { at, days: query.days, ...(await handovers.outlook(at, query.days, settings, query.region)) };
    },

    /** A coordinator opens a shock's handover before its to-do comes at month 10 (or any time it has none). */
    async create(ctx: ServiceContext, input: HandoverCreate): Promise<Handover> {
      requireAccess(ctx.user, 'handover:manage');
      const settings = await phaseSettings.get();
      const today = todayIso();
      return db.transaction().execute(async (trx) => {
        const alert = await handovers.alertForHandover(trx, input.alertId);
        if (!alert) throw new AppError('unknown_alert', 400);
        requireAccess(ctx.user, 'handover:manage', { regionPcodes: alert.adm1_pcode ? [alert.adm1_pcode] : [] });
        if (alert.status === 'rejected' || alert.validated_at === null) throw new AppError('handover_alert_not_validated', 400);
        // One handover per alert (unique): a to-do opened meanwhile makes the insert a no-op, answered like an existing one.
        const id = alert.handover_id === null ? await handovers.insert(trx, input.alertId, ctx.user.id) : null;
        if (id === null) {
          const existing = alert.handover_id ?? (await handovers.alertForHandover(trx, input.alertId))?.handover_id;
          const row = existing ? await handovers.find(trx, existing) : undefined;
          throw new AppError('handover_exists', 409, row ? { current: (await mapRows(trx, [row], today, settings))[0]! } : undefined);
        }
        const created = (await mapRows(trx, [(await handovers.find(trx, id))!], today, settings))[0]!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'handover', entityId: id, after: created });
        return created;
      });
    },

    async update(ctx: ServiceContext, id: string, input: HandoverUpdate): Promise<Handover> {
      requireAccess(ctx.user, 'handover:manage');
      const settings = await phaseSettings.get();
      const today = todayIso();
      return db.transaction().execute(async (trx) => {
        const row = await handovers.find(trx, id, true);
        if (!row) throw notFound();
        requireAccess(ctx.user, 'handover:manage', { regionPcodes: row.adm1_pcode ? [row.adm1_pcode] : [] });
        const before = (await mapRows(trx, [row], today, settings))[0]!;
        if (row.version !== input.version) throw versionConflict(before);
        const from = row.status as HandoverStatus;
        if (input.status !== from && !handoverTransitions[from].includes(input.status)) throw new AppError('illegal_handover_transition', 409, { current: before });
        const on = input.on ?? today;
        if (on > today) throw new AppError('date_in_future', 400);
        const actorIds = [...new Set(input.actorIds)];
        const actors = await handovers.organisationRefs(trx, actorIds);
        if (actorIds.some((a) => !actors.get(a)?.active || !actors.get(a)!.roles.includes('development_actor'))) throw new AppError('not_development_actor', 400);
        if (input.meetingId && !(await handovers.meetingExists(trx, input.meetingId))) throw new AppError('unknown_meeting', 400);
        const changes: HandoverChanges = {
          status: input.status,
          ...datesFor(row, input.status, on, input.notTakenUpReason),
          actor_organisation_ids: actorIds,
          meeting_id: input.meetingId,
          notes: input.notes,
          recommended_actions: input.recommendedActions,
        };
        if (!(await handovers.update(trx, id, row.version, changes, ctx.user.id))) throw versionConflict(before);
        const after = (await mapRows(trx, [(await handovers.find(trx, id))!], today, settings))[0]!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'handover', entityId: id, before, after });
        return after;
      });
    },

    /** The dossier the next actor can act on, built from the data at `at`. */
    async dossier(ctx: ServiceContext, id: string, atDate?: string): Promise<HandoverDossier> {
      requireAccess(ctx.user, 'handover:read');
      const at = atDate ?? todayIso();
      const settings = await phaseSettings.get();
      const row = await handovers.find(db, id);
      if (!row) throw notFound();
      const handover = (await mapRows(db, [row], at, settings))[0]!;
      const calendar = shockCalendar(row.shock_date, settings);
      const detail = seesOrganisationDetail(ctx.user);
      // Outside any transaction: the gap engine reads through the pool.
      const [rrm, postRrm, assessments, gapRows, programmes] = await Promise.all([
        dossiers.rrmBySector(row.alert_id, at),
        dossiers.postRrmBySector(row.locality_id, row.shock_date, at),
        dossiers.assessments(row.locality_id, row.shock_date, at),
        gaps.compute({ at, localityId: row.locality_id }),
        dossiers.programmesCovering([row.adm3_pcode, row.adm2_pcode, row.adm1_pcode].filter((p): p is string => !!p), at),
      ]);

      const bySector = new Map<Sector, { rrm: number; months: Map<string, number>; organisations: Set<string> }>();
      const entry = (sector: string) => {
        if (!isSector(sector)) return null;
        let e = bySector.get(sector);
        if (!e) bySector.set(sector, (e = { rrm: 0, months: new Map(), organisations: new Set() }));
        return e;
      };
      for (const r of rrm) {
        const e = entry(r.sector);
        if (!e) continue;
        e.rrm += Number(r.households);
        e.organisations.add(r.acronym);
      }
      for (const r of postRrm) {
        const e = entry(r.sector);
        if (!e) continue;
        e.months.set(r.period, (e.months.get(r.period) ?? 0) + Number(r.households));
        e.organisations.add(r.acronym);
      }
      const sectors = [...bySector]
        .map(([sector, e]) => ({
          sector,
          rrmHouseholds: e.rrm,
          postRrmHouseholds: Math.max(0, ...e.months.values()),
          organisations: detail ? [...e.organisations].sort() : [],
        }))
        .sort((a, b) => a.sector.localeCompare(b.sector));

      return {
        at,
        handover,
        timeline: {
          shockDate: row.shock_date,
          alertDate: row.alert_date,
          validatedOn: row.validated_on,
          rrmEndsOn: calendar.rrmEndsOn,
          postRrmEndsOn: calendar.postRrmEndsOn,
          resilienceFrom: calendar.resilienceFrom,
        },
        sectors,
        assessments: assessments.map((a) => ({
          kind: a.kind,
          status: a.status,
          startDate: a.start_date,
          endDate: a.end_date,
          findings: a.results.flatMap((r) => (isSector(r.sector) ? [{ sector: r.sector, severity: r.severity, householdsInNeed: r.households_in_need, findings: r.findings }] : [])),
        })),
        gaps: gapRows.rows
          .filter((g) => g.need !== null && g.need > 0 && (g.gap ?? 0) > 0)
          .map((g) => ({ sector: g.sector, householdsInNeed: g.need!, householdsCovered: g.covered ?? 0, gap: g.gap! }))
          .sort((a, b) => b.gap - a.gap),
        programmes: programmes.map((p) => ({
          id: p.id,
          name: p.name,
          organisation: { id: p.organisation_id, acronym: p.acronym, name: p.organisation_name },
          funding: p.funding,
          startDate: p.start_date,
          endDate: p.end_date,
          sectors: p.sectors.filter(isSector),
        })),
      };
    },
  };
}
export type HandoversService = ReturnType<typeof handoversService>;
