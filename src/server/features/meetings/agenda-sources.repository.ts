import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Where an agenda looks: its date, its regions (none: the whole country), and since when. */
export interface AgendaScope {
  meetingId: string;
  level: string;
  regions: readonly string[];
  at: string;
  since: string;
}

/** The records an agenda is filled from, read at the meeting's date for its regions. */
export function agendaSourcesRepository(db: Kysely<DB>) {
  const inRegions = (column: string, regions: readonly string[]) => (regions.length ? sql<SqlBool>`${sql.ref(column)} = ANY(${[...regions]}::text[])` : sql<SqlBool>`true`);

  return {
    /** RRM responses whose last day falls in [at, at + days), with their alert's host locality. */
    async rrmExits(scope: AgendaScope, days: number) {
      return db
        .selectFrom('rrm_responses as r')
        .innerJoin('alerts as a', 'a.id', 'r.alert_id')
        .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .select(['r.id', 'r.alert_id', 'a.code', 'a.host_locality_id as locality_id', 'r.sector', 'r.end_date', 'o.acronym'])
        .where('a.status', '<>', 'rejected')
        .where('r.end_date', '>=', scope.at)
        .where(sql<SqlBool>`r.end_date < ${scope.at}::date + ${days}::int`)
        .where(inRegions('l.adm1_pcode', scope.regions))
        .orderBy('r.end_date')
        .orderBy('a.code')
        .execute();
    },

    /** Alerts validated from `since` to the meeting's date, in its regions. */
    async validatedAlerts(scope: AgendaScope) {
      return db
        .selectFrom('alerts as a')
        .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
        .select(['a.id', 'a.code', 'a.host_locality_id as locality_id', 'a.households', 'a.persons', 'a.shock_type', 'a.status', sql<string>`to_char(a.validated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`.as('validated_on')])
        .where('a.validated_at', 'is not', null)
        .where(sql<SqlBool>`(a.validated_at AT TIME ZONE 'UTC')::date BETWEEN ${scope.since}::date AND ${scope.at}::date`)
        .where(inRegions('l.adm1_pcode', scope.regions))
        .orderBy('a.validated_at')
        .execute();
    },

    /**
     * Assessments planned or under way that start before the meeting plus `aheadDays`, and those
     * finished since the last meeting.
     */
    async assessments(scope: AgendaScope, aheadDays: number) {
      return db
        .selectFrom('assessments as s')
        .innerJoin('localities as l', 'l.id', 's.locality_id')
        .innerJoin('organisations as o', 'o.id', 's.organisation_id')
        .select(['s.id', 's.locality_id', 's.kind', 's.status', 's.start_date', 's.end_date', 's.title', 'o.acronym'])
        .where(inRegions('l.adm1_pcode', scope.regions))
        .where((eb) =>
          eb.or([
            eb.and([eb('s.status', 'in', ['planned', 'ongoing']), eb(sql`s.start_date`, '<', sql`${scope.at}::date + ${aheadDays}::int`)]),
            eb.and([eb('s.status', '=', 'done'), eb('s.end_date', '>=', scope.since), eb('s.end_date', '<=', scope.at)]),
          ]),
        )
        .orderBy('s.status')
        .orderBy('s.start_date')
        .execute();
    },

    /**
     * Action points still open from earlier meetings of the series (same level, a region in
     * common) and, for regional meetings, those about a place in its regions: they come back
     * on every agenda until they are done.
     */
    async openActionPoints(scope: AgendaScope) {
      const series = scope.level === 'national' ? sql<SqlBool>`m.level = 'national'` : sql<SqlBool>`(m.level = 'regional' AND m.region_pcodes && ${[...scope.regions]}::text[])`;
      const place = scope.level === 'regional' ? sql<SqlBool>`l.adm1_pcode = ANY(${[...scope.regions]}::text[])` : sql<SqlBool>`false`;
      return db
        .selectFrom('action_points as ap')
        .innerJoin('meetings as m', 'm.id', 'ap.meeting_id')
        .innerJoin('organisations as o', 'o.id', 'ap.owner_organisation_id')
        .leftJoin('users as u', 'u.id', 'ap.owner_user_id')
        .leftJoin('localities as l', 'l.id', 'ap.locality_id')
        .select(['ap.id', 'ap.number', 'ap.title', 'ap.due_date', 'ap.owner_name', 'o.acronym', 'u.name as owner_user_name', 'm.title as meeting_title', 'm.date as meeting_date', 'ap.locality_id', 'ap.sector', 'ap.alert_id'])
        .where('ap.status', '=', 'open')
        .where('m.id', '<>', scope.meetingId)
        .where('m.status', '<>', 'cancelled')
        .where('m.date', '<=', scope.at)
        .where(sql<SqlBool>`(${series} OR ${place})`)
        .orderBy('ap.due_date')
        .orderBy('m.date')
        .orderBy('ap.number')
        .execute();
    },

    /**
     * Beneficiary lists received from `since` to the meeting's date (and their households), and
     * sharing requests waiting for the custodian's decision, touching the meeting's regions: counts
     * only, an agenda is read by every participant.
     */
    async listCounts(scope: AgendaScope): Promise<{ listsReceived: number; householdsReceived: number; sharingPending: number }> {
      const listInRegions = (listId: string) =>
        scope.regions.length
          ? sql<SqlBool>`EXISTS (SELECT 1 FROM list_coverage lc JOIN localities l ON l.id = lc.locality_id WHERE lc.list_id = ${sql.ref(listId)} AND l.adm1_pcode = ANY(${[...scope.regions]}::text[]))`
          : sql<SqlBool>`true`;
      const received = await db
        .selectFrom('beneficiary_lists as b')
        .select([sql<number>`count(*)::int`.as('lists'), sql<number>`coalesce(sum(b.household_count), 0)::int`.as('households')])
        .where(sql<SqlBool>`(b.created_at AT TIME ZONE 'UTC')::date BETWEEN ${scope.since}::date AND ${scope.at}::date`)
        .where(listInRegions('b.id'))
        .executeTakeFirstOrThrow();
      const pending = await db
        .selectFrom('sharing_requests as s')
        .leftJoin('localities as l', 'l.id', 's.locality_id')
        .select(sql<number>`count(*)::int`.as('count'))
        .where('s.status', '=', 'pending')
        .where(sql<SqlBool>`(s.created_at AT TIME ZONE 'UTC')::date <= ${scope.at}::date`)
        .where((eb) => (scope.regions.length ? eb.or([inRegions('l.adm1_pcode', scope.regions), listInRegions('s.list_id')]) : sql<SqlBool>`true`))
        .executeTakeFirstOrThrow();
      return { listsReceived: received.lists, householdsReceived: received.households, sharingPending: pending.count };
    },
  };
}
export type AgendaSourcesRepository = ReturnType<typeof agendaSourcesRepository>;
