import { type Kysely, sql, type SqlBool } from 'kysely';
import { type HandoverFilters, handoverTodoMonthsBeforeEnd } from '../../../shared/contracts/handovers.ts';
import { type HandoverStatus, handoverStatusesWithoutPlan } from '../../../shared/handovers.ts';
import type { HandoverSummary } from '../../../shared/contracts/alerts.ts';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { PhaseSettings } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import { withLocalityNames } from '../../db/locality-names.ts';

/** The shock date moved by whole calendar months, as PostgreSQL and src/shared/phases.ts both count them. */
const monthsAfterShock = (months: number) => sql<string>`(a.shock_date + make_interval(months => ${months}::int))::date`;
const utcDate = (column: string) => sql<string | null>`(${sql.ref(column)} AT TIME ZONE 'UTC')::date`;

/** Month of the shock in which its handover becomes a to-do (month 10 when post-RRM ends at month 12). */
export function todoMonth(settings: PhaseSettings): number {
  return Math.max(1, settings.postRrmUntilMonth - handoverTodoMonthsBeforeEnd);
}

function selectHandovers(db: Kysely<DB>) {
  return db
    .selectFrom('handovers as h')
    .innerJoin('alerts as a', 'a.id', 'h.alert_id')
    .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
    .$call(withLocalityNames)
    .leftJoin('meetings as mt', 'mt.id', 'h.meeting_id')
    .select([
      'h.id',
      'h.status',
      'h.dialogue_opened_on',
      'h.plan_agreed_on',
      'h.handed_over_on',
      'h.not_taken_up_on',
      'h.not_taken_up_reason',
      'h.actor_organisation_ids',
      'h.meeting_id',
      'h.notes',
      'h.recommended_actions',
      'h.version',
      'h.updated_at',
      'a.id as alert_id',
      'a.code',
      'a.shock_type',
      'a.shock_date',
      'a.alert_date',
      'a.households',
      'a.persons',
      'l.id as locality_id',
      'l.name as locality_name',
      'l.pcode as locality_pcode',
      'l.adm1_pcode',
      'l.adm2_pcode',
      'l.adm3_pcode',
      'mt.title as meeting_title',
      'mt.date as meeting_date',
    ])
    .select(utcDate('a.validated_at').as('validated_on'));
}

type HandoverQuery = ReturnType<typeof selectHandovers>;
export type HandoverRow = Awaited<ReturnType<HandoverQuery['executeTakeFirstOrThrow']>>;

export interface HandoverChanges {
  status: HandoverStatus;
  dialogue_opened_on: string | null;
  plan_agreed_on: string | null;
  handed_over_on: string | null;
  not_taken_up_on: string | null;
  not_taken_up_reason: string | null;
  actor_organisation_ids: string[];
  meeting_id: string | null;
  notes: string | null;
  recommended_actions: string | null;
}

/** A shock's handover at its locality, before its phase is known (the caller counts it at its date). */
export interface LocalityHandover extends Omit<HandoverSummary, 'overdue'> {
  alertId: string;
  code: string;
  shockDate: string;
  /** Internal: for readers of organisation-level detail only. */
  notes: string | null;
}

export function handoversRepository(db: Kysely<DB>) {
  function filtered(filters: HandoverFilters, at: string, settings: PhaseSettings): HandoverQuery {
    let q = selectHandovers(db);
    if (filters.region) q = q.where('l.adm1_pcode', '=', filters.region);
    if (filters.localityId) q = q.where('l.id', '=', filters.localityId);
    if (filters.status?.length) q = q.where('h.status', 'in', filters.status);
    // Month k spans [shock + (k−1) months, shock + k months).
    if (filters.monthFrom) q = q.where(sql<SqlBool>`${at}::date >= ${monthsAfterShock(filters.monthFrom - 1)}`);
    if (filters.monthTo) q = q.where(sql<SqlBool>`${at}::date < ${monthsAfterShock(filters.monthTo)}`);
    const resilienceFrom = monthsAfterShock(settings.postRrmUntilMonth);
    if (filters.leavingWithinDays) {
      q = q.where(sql<SqlBool>`${resilienceFrom} > ${at}::date AND ${resilienceFrom} <= ${at}::date + ${filters.leavingWithinDays}::int`);
    }
    if (filters.overdue !== undefined) {
      const overdue = sql<SqlBool>`(${at}::date >= ${resilienceFrom} AND h.status IN (${sql.join(handoverStatusesWithoutPlan)}))`;
      q = q.where(filters.overdue ? overdue : sql<SqlBool>`NOT ${overdue}`);
    }
    return q;
  }

  async function organisationRefs(trx: Kysely<DB>, ids: readonly string[]): Promise<Map<string, { id: string; acronym: string; name: string; roles: string[]; active: boolean }>> {
    if (ids.length === 0) return new Map();
    const rows = await trx.selectFrom('organisations').select(['id', 'acronym', 'name', 'roles', 'active']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, r]));
  }

  return {
    /**
     * Opens the to-do of every validated shock that reached the handover month by `at` and has
     * none yet. Idempotent (one handover per alert), so every read may call it.
     */
    async openTodos(trx: Kysely<DB>, at: string, settings: PhaseSettings): Promise<{ id: string; alert_id: string }[]> {
      return trx
        .insertInto('handovers')
        .columns(['alert_id'])
        .expression(
          trx
            .selectFrom('alerts as a')
            .select('a.id')
            .where('a.status', '<>', 'rejected')
            .where('a.validated_at', 'is not', null)
            .where(sql<SqlBool>`${at}::date >= ${monthsAfterShock(todoMonth(settings) - 1)}`),
        )
        .onConflict((oc) => oc.column('alert_id').doNothing())
        .returning(['id', 'alert_id'])
        .execute();
    },

    page(filters: HandoverFilters, at: string, settings: PhaseSettings, page: PageQuery) {
      return paginate(
        filtered(filters, at, settings),
        page,
        (q) => q.orderBy('a.shock_date', 'asc').orderBy('l.name').orderBy('h.id'),
        (row) => row,
      );
    },

    all(filters: HandoverFilters, at: string, settings: PhaseSettings): Promise<HandoverRow[]> {
      return filtered(filters, at, settings).orderBy('a.shock_date', 'asc').orderBy('l.name').orderBy('h.id').execute();
    },

    find(trx: Kysely<DB>, id: string, forUpdate = false): Promise<HandoverRow | undefined> {
      let q = selectHandovers(trx).where('h.id', '=', id);
      if (forUpdate) q = q.forUpdate('h');
      return q.executeTakeFirst();
    },

    async update(trx: Kysely<DB>, id: string, version: number, changes: HandoverChanges, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('handovers')
        .set({ ...changes, updated_by: userId, version: sql<number>`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    organisationRefs,

    /**
     * The handovers of the shocks at a locality (shocks up to `upTo` when given), oldest shock
     * first, with their development actors named: what its timeline and its gaps' explanations show.
     */
    async atLocality(localityId: string, upTo?: string): Promise<LocalityHandover[]> {
      let q = db
        .selectFrom('handovers as h')
        .innerJoin('alerts as a', 'a.id', 'h.alert_id')
        .select(['h.id', 'h.status', 'h.dialogue_opened_on', 'h.plan_agreed_on', 'h.handed_over_on', 'h.not_taken_up_on', 'h.actor_organisation_ids', 'h.notes', 'a.id as alert_id', 'a.code', 'a.shock_date'])
        .where('a.host_locality_id', '=', localityId)
        .where('a.status', '<>', 'rejected');
      if (upTo) q = q.where('a.shock_date', '<=', upTo);
      const rows = await q.orderBy('a.shock_date').orderBy('a.code').execute();
      const organisations = await organisationRefs(
        db,
        rows.flatMap((r) => r.actor_organisation_ids),
      );
      return rows.map((r) => ({
        id: r.id,
        alertId: r.alert_id,
        code: r.code,
        shockDate: r.shock_date,
        status: r.status as HandoverStatus,
        dialogueOpenedOn: r.dialogue_opened_on,
        planAgreedOn: r.plan_agreed_on,
        handedOverOn: r.handed_over_on,
        notTakenUpOn: r.not_taken_up_on,
        notes: r.notes,
        actors: r.actor_organisation_ids.flatMap((id) => {
          const o = organisations.get(id);
          return o ? [{ id: o.id, acronym: o.acronym, name: o.name }] : [];
        }),
      }));
    },

    /** The alert a handover would follow, with what opening one checks: its status, validation and region. */
    alertForHandover: (trx: Kysely<DB>, alertId: string) =>
      trx
        .selectFrom('alerts as a')
        .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
        .leftJoin('handovers as h', 'h.alert_id', 'a.id')
        .select(['a.id', 'a.status', 'a.validated_at', 'l.adm1_pcode', 'h.id as handover_id'])
        .where('a.id', '=', alertId)
        .executeTakeFirst(),

    /** Opens the handover of one alert; null when it already has one. */
    async insert(trx: Kysely<DB>, alertId: string, userId: string): Promise<string | null> {
      const row = await trx
        .insertInto('handovers')
        .values({ alert_id: alertId, created_by: userId, updated_by: userId })
        .onConflict((oc) => oc.column('alert_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    meetingExists: async (trx: Kysely<DB>, id: string) => !!(await trx.selectFrom('meetings').select('id').where('id', '=', id).executeTakeFirst()),

    /** Shocks whose post-RRM ends within `days` after `at`, whether or not their handover row exists yet. */
    async outlook(at: string, days: number, settings: PhaseSettings, region: string | undefined) {
      const resilienceFrom = monthsAfterShock(settings.postRrmUntilMonth);
      let q = db
        .selectFrom('alerts as a')
        .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
        .leftJoin('handovers as h', 'h.alert_id', 'a.id')
        .where('a.status', '<>', 'rejected')
        .where('a.validated_at', 'is not', null);
      if (region) q = q.where('l.adm1_pcode', '=', region);
      const row = await q
        .select([
          sql<number>`count(*) FILTER (WHERE ${resilienceFrom} > ${at}::date AND ${resilienceFrom} <= ${at}::date + ${days}::int)`.as('leaving'),
          sql<number>`count(*) FILTER (WHERE ${resilienceFrom} > ${at}::date AND ${resilienceFrom} <= ${at}::date + ${days}::int
            AND COALESCE(h.status, 'not_started') = 'not_started')`.as('not_started'),
          sql<number>`count(*) FILTER (WHERE ${at}::date >= ${resilienceFrom} AND COALESCE(h.status, 'not_started') IN (${sql.join(handoverStatusesWithoutPlan)}))`.as('overdue'),
        ])
        .executeTakeFirstOrThrow();
      return { leaving: Number(row.leaving), notStarted: Number(row.not_started), overdue: Number(row.overdue) };
    },
  };
}
export type HandoversRepository = ReturnType<typeof handoversRepository>;
