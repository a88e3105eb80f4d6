import { type Kysely, type RawBuilder, sql } from 'kysely';
import { addDays } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { needCtes, type PairScope, scopeCte, inScope, sectorCondition } from '../needs/needs.module.ts';
import { type LocalityColumns, localityColumns, localityJoins, localityJoinsOn } from '../../db/locality-names.ts';

/**
 * Households a 5W record counts for: what it reached once completed, what it targets while
 * planned or ongoing (the families it is committed to), the other figure when one is missing.
 */
const reportHouseholds = sql`coalesce(CASE WHEN r.status = 'completed' THEN coalesce(r.households_reached, r.households_targeted)
  ELSE coalesce(r.households_targeted, r.households_reached) END, 0)`;

/**
 * The days each 5W record counts for (suspended ones left out), as the rows of
 * `coverage_intervals`: an organisation's monthly report counts from its month's first day (its
 * first report: from the activity's start) until the day before its next reported month. One
 * window over the organisation's reports in each locality × sector, no join. Mirrors
 * `countedResponses` in src/shared/gaps.ts.
 */
function reportIntervals(condition: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    SELECT * FROM (
      SELECT r.id AS response_id, r.locality_id, r.sector, r.organisation_id, r.households, r.start_date AS reported_start,
        CASE WHEN r.period > r.first_period THEN greatest(r.start_date, r.period) ELSE r.start_date END AS start_date,
        CASE WHEN r.next_period > r.period THEN least(r.end_date, r.next_period - 1) ELSE r.end_date END AS end_date
      FROM (
        -- Within an organisation's reports, the next row's month is its own for all but the last
        -- report of a month: the largest of them over the month is the next month reported.
        SELECT r.*, max(r.following_period) OVER (PARTITION BY r.locality_id, r.sector, r.organisation_id, r.period) AS next_period
        FROM (
          SELECT r.id, r.locality_id, r.sector, r.organisation_id, r.period, r.start_date, r.end_date, ${reportHouseholds}::int AS households,
            first_value(r.period) OVER organisation AS first_period,
            lead(r.period) OVER organisation AS following_period
          FROM responses r
          WHERE r.status <> 'suspended' AND ${condition}
          WINDOW organisation AS (PARTITION BY r.locality_id, r.sector, r.organisation_id ORDER BY r.period)
        ) r
      ) r
    ) c
    WHERE c.end_date IS NULL OR c.end_date >= c.start_date`;
}

/**
 * Responses as coverage counts them, as the CTE `counted` (after `scope`): RRM responses as they
 * are, and 5W records by their counted days in `coverage_intervals` (see `refreshCoverage`).
 */
export function countedCtes(scope: PairScope, only?: { postRrmOf: RawBuilder<unknown> }): RawBuilder<unknown> {
  const rrmCondition = only ? sql`false` : sql`true`;
  const organisationCondition = only ? sql`ci.organisation_id IN (${only.postRrmOf})` : sql`true`;
  return sql`
    counted AS (
      SELECT 'rrm' AS kind, al.host_locality_id AS locality_id, rr.sector, rr.organisation_id, rr.households_reached AS households,
        rr.start_date AS reported_start, rr.start_date, rr.end_date
      FROM rrm_responses rr
      JOIN alerts al ON al.id = rr.alert_id
      WHERE ${rrmCondition} AND al.status <> 'rejected' AND ${inScope('al.host_locality_id', scope)} AND ${sectorCondition('rr.sector', scope)}
      UNION ALL
      SELECT 'post_rrm', ci.locality_id, ci.sector, ci.organisation_id, ci.households, ci.reported_start, ci.start_date, ci.end_date
      FROM coverage_intervals ci
      WHERE ${inScope('ci.locality_id', scope)} AND ${sectorCondition('ci.sector', scope)} AND ${organisationCondition}
    )`;
}

/** One locality × sector from the engine; the need columns are null when no need is known. */
export interface GapEngineRow {
  locality_id: string;
  sector: string;
  households: number | null;
  severity: number | null;
  since: string | null;
  assessed: boolean | null;
  shocks: number | null;
  /** The need's dated parts, see `needPartsOf`. */
  parts: string | null;
  /** Coverage changes, 'date=households added (or removed, negative)' joined by commas, in no order. */
  changes: string | null;
  active_responses: number;
  /** Acronyms of the organisations running a response on `at`, joined by commas, once per response, in no order. */
  organisations: string | null;
}

export interface CapacityLeftRow {
  organisation_id: string;
  acronym: string;
  name: string;
  sector: string;
  region_pcode: string;
  period: string;
  declared: number;
  committed: number;
  funding_status: string;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
}

/**
 * Runs set-based statements over every response with room to sort in memory (at national scale
 * the default work_mem of 4 MB sends the window sorts to disk), and without merge joins: the
 * planner misjudges the CTEs' sizes and would sort every counted response to merge it with the
 * needs, where hashing the needs is cheaper (measured with bench/gaps.ts).
 */
function withSortMemory<T>(db: Kysely<DB>, run: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`SET LOCAL enable_mergejoin = off`.execute(trx);
    // Compiling these statements to machine code (PostgreSQL's JIT, on above a cost these reach)
    // costs more than it saves on sub-second queries: 150–200 ms of the national computation.
    await sql`SET LOCAL jit = off`.execute(trx);
    return run(trx);
  });
}

export function gapsRepository(db: Kysely<DB>) {
  /**
   * Brings `coverage_intervals` up to date with the 5W records: the organisations × localities ×
   * sectors logged in `coverage_changes` by the triggers on `responses` are recomputed (all of
   * them after a truncate or on first use). One refresher at a time; a change committed while
   * it runs stays logged for the next one.
   */
  async function refreshCoverage(): Promise<void> {
    const pending = await sql<{ stale: boolean }>`SELECT EXISTS (SELECT 1 FROM coverage_changes) AS stale`.execute(db);
    if (!pending.rows[0]?.stale) return;
    await withSortMemory(db, async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('coverage_intervals'))`.execute(trx);
      const changed = (
        await sql<{ locality_id: string | null; sector: string | null; organisation_id: string | null }>`
          DELETE FROM coverage_changes RETURNING locality_id, sector, organisation_id`.execute(trx)
      ).rows;
      if (changed.length === 0) return;
      if (changed.some((c) => c.locality_id === null)) {
        await sql`DELETE FROM coverage_intervals`.execute(trx);
        await sql`INSERT INTO coverage_intervals ${reportIntervals(sql`true`)}`.execute(trx);
        return;
      }
      const keys = [...new Map(changed.map((c) => [`${String(c.locality_id)}|${String(c.sector)}|${String(c.organisation_id)}`, c])).values()];
      const changedPairs = sql`(SELECT * FROM unnest(${keys.map((k) => k.locality_id)}::uuid[], ${keys.map((k) => k.sector)}::text[], ${keys.map((k) => k.organisation_id)}::uuid[]))`;
      await sql`DELETE FROM coverage_intervals WHERE (locality_id, sector, organisation_id) IN ${changedPairs}`.execute(trx);
      await sql`INSERT INTO coverage_intervals ${reportIntervals(sql`(r.locality_id, r.sector, r.organisation_id) IN ${changedPairs}`)}`.execute(trx);
    });
  }

  return {
    refreshCoverage,

    /**
     * Every locality × sector in scope with a need or a response around `at`: its need (and the
     * need's dated parts) and its coverage as a step function from the need's start (or `at`) to
     * the horizon, in a handful of set-based statements whatever the number of pairs. The status,
     * days uncovered, upcoming gap and priority are computed from these by src/shared/gaps.ts.
     */
    async computeAt(at: string, horizonDays: number, postRrmUntilMonth: number, scope: PairScope): Promise<GapEngineRow[]> {
      await refreshCoverage();
      const until = addDays(at, horizonDays);
      const query = sql<GapEngineRow>`
        WITH ${scopeCte(scope)}, ${needCtes(at, postRrmUntilMonth, scope)}, ${countedCtes(scope)},
        bounded AS (
          SELECT c.locality_id, c.sector, c.organisation_id, c.households, c.start_date, c.end_date,
            least(coalesce(n.since, ${at}::date), ${at}::date) AS window_from
          FROM counted c
          LEFT JOIN needs n ON n.locality_id = c.locality_id AND n.sector = c.sector
          WHERE c.start_date <= ${until}::date
            AND (c.end_date IS NULL OR c.end_date >= least(coalesce(n.since, ${at}::date), ${at}::date))
        ),
        -- One pass per pair: its coverage changes ('date=households added', removed when negative),
        -- unordered and not yet summed (src/shared/gaps.ts makes them steps for far less than a
        -- window over every pair costs here), and the responses running on \`at\`.
        pairs AS (
          SELECT b.locality_id, b.sector,
            string_agg(greatest(b.start_date, b.window_from)::text || '=' || b.households
              || CASE WHEN b.end_date IS NOT NULL AND b.end_date + 1 <= ${until}::date THEN ',' || (b.end_date + 1)::text || '=-' || b.households ELSE '' END, ',') AS changes,
            count(*) FILTER (WHERE b.start_date <= ${at}::date AND (b.end_date IS NULL OR b.end_date >= ${at}::date))::int AS active_responses,
            string_agg(o.acronym, ',') FILTER (WHERE b.start_date <= ${at}::date AND (b.end_date IS NULL OR b.end_date >= ${at}::date)) AS organisations
          FROM bounded b JOIN organisations o ON o.id = b.organisation_id
          GROUP BY b.locality_id, b.sector
        )
        -- Few columns, lists as text: 27,000 rows of arrays cost more to parse than to compute.
        SELECT coalesce(n.locality_id, s.locality_id) AS locality_id, coalesce(n.sector, s.sector) AS sector,
          n.households, n.severity, n.since, n.assessment_id IS NOT NULL AS assessed, n.shocks, n.parts,
          s.changes, coalesce(s.active_responses, 0) AS active_responses, s.organisations
        FROM needs n
        FULL JOIN pairs s ON s.locality_id = n.locality_id AND s.sector = n.sector`;
      return (await withSortMemory(db, (trx) => query.execute(trx))).rows;
    },

    /** Non-rejected shocks of the localities in scope that happened by `at`, oldest first: each locality's phase. */
    async shocksAt(at: string, scope: PairScope): Promise<{ alertId: string; code: string; localityId: string; shockDate: string; validatedOn: string | null }[]> {
      const result = await sql<{ id: string; code: string; locality_id: string; shock_date: string; validated_on: string | null }>`
        WITH ${scopeCte(scope)}
        SELECT al.id, al.code, al.host_locality_id AS locality_id, al.shock_date, (al.validated_at AT TIME ZONE 'UTC')::date AS validated_on
        FROM alerts al
        WHERE al.status <> 'rejected' AND al.shock_date <= ${at}::date AND ${inScope('al.host_locality_id', scope)}
        ORDER BY al.shock_date, al.code`.execute(db);
      return result.rows.map((r) => ({ alertId: r.id, code: r.code, localityId: r.locality_id, shockDate: r.shock_date, validatedOn: r.validated_on }));
    },

    /**
     * Each organisation's latest capacity declared for a month up to `at`'s, per sector and
     * region, and what its post-RRM responses started since that month and still counted on
     * `at` already take of it.
     */
    async capacityLeft(at: string, scope: { region?: string; sectors?: readonly string[] }): Promise<CapacityLeftRow[]> {
      await refreshCoverage();
      const regionCondition = scope.region ? sql`cap.region_pcode = ${scope.region}` : sql`true`;
      const query = sql<CapacityLeftRow>`
        WITH ${scopeCte(scope.region ? { region: scope.region } : {})},
        latest_capacity AS (
          SELECT DISTINCT ON (cap.organisation_id, cap.sector, cap.region_pcode) cap.*
          FROM capacities cap
          WHERE cap.period <= date_trunc('month', ${at}::date)::date AND ${regionCondition} AND ${sectorCondition('cap.sector', scope)}
          ORDER BY cap.organisation_id, cap.sector, cap.region_pcode, cap.period DESC
        ),
        ${countedCtes({ region: scope.region, sectors: scope.sectors }, { postRrmOf: sql`SELECT organisation_id FROM latest_capacity` })},
        -- The post-RRM work running on \`at\` with its region first: joining capacities to localities first multiplies rows.
        running AS MATERIALIZED (
          SELECT c.organisation_id, c.sector, l.adm1_pcode, c.households, c.reported_start
          FROM counted c JOIN localities l ON l.id = c.locality_id
          WHERE c.kind = 'post_rrm' AND c.start_date <= ${at}::date AND (c.end_date IS NULL OR c.end_date >= ${at}::date)
        ),
        commitments AS (
          SELECT lc.id, sum(r.households)::int AS committed
          FROM latest_capacity lc
          JOIN running r ON r.organisation_id = lc.organisation_id AND r.sector = lc.sector AND r.adm1_pcode = lc.region_pcode
          WHERE r.reported_start >= lc.period
          GROUP BY lc.id
        )
        SELECT lc.organisation_id, o.acronym, o.name, lc.sector, lc.region_pcode, to_char(lc.period, 'YYYY-MM') AS period,
          lc.households AS declared, coalesce(cm.committed, 0) AS committed, lc.funding_status,
          lc.contact_name, lc.contact_phone, lc.contact_email
        FROM latest_capacity lc
        JOIN organisations o ON o.id = lc.organisation_id AND o.active
        LEFT JOIN commitments cm ON cm.id = lc.id
        ORDER BY lc.households - coalesce(cm.committed, 0) DESC, o.acronym`;
      return (await withSortMemory(db, (trx) => query.execute(trx))).rows;
    },

    /** Every record behind one locality × sector, for its explanation. */
    async pairRecords(localityId: string, sector: string) {
      const [assessments, shocks, rrm, reports] = await Promise.all([
        db
          .selectFrom('assessment_results as ar')
          .innerJoin('assessments as a', 'a.id', 'ar.assessment_id')
          .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
          .select(['a.id', 'a.kind', 'a.end_date', 'a.title', 'ar.households_in_need', 'ar.severity', 'o.id as organisation_id', 'o.acronym', 'o.name as organisation_name'])
          .where('a.locality_id', '=', localityId)
          .where('ar.sector', '=', sector)
          .where('a.status', '=', 'done')
          .where('ar.households_in_need', 'is not', null)
          .execute(),
        db
          .selectFrom('alerts as al')
          .innerJoin('alert_msa_findings as f', 'f.alert_id', 'al.id')
          .select(['al.id', 'al.code', 'al.shock_date', 'al.households', sql<string | null>`(al.validated_at AT TIME ZONE 'UTC')::date`.as('validated_on'), 'f.need', 'f.households_in_need', 'f.severity'])
          .where('al.host_locality_id', '=', localityId)
          .where('al.status', '!=', 'rejected')
          .where('f.sector', '=', sector)
          .orderBy('al.shock_date')
          .orderBy('al.code')
          .execute(),
        db
          .selectFrom('rrm_responses as rr')
          .innerJoin('alerts as al', 'al.id', 'rr.alert_id')
          .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
          .select(['rr.id', 'rr.start_date', 'rr.end_date', 'rr.households_reached', 'rr.package', 'o.id as organisation_id', 'o.acronym', 'o.name as organisation_name'])
          .where('al.host_locality_id', '=', localityId)
          .where('al.status', '!=', 'rejected')
          .where('rr.sector', '=', sector)
          .orderBy('rr.start_date')
          .orderBy('rr.id')
          .execute(),
        db
          .selectFrom('responses as r')
          .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
          .select([
            'r.id',
            sql<string>`to_char(r.period, 'YYYY-MM')`.as('period'),
            'r.status',
            'r.activity',
            'r.start_date',
            'r.end_date',
            sql<number>`${reportHouseholds}::int`.as('households'),
            'o.id as organisation_id',
            'o.acronym',
            'o.name as organisation_name',
          ])
          .where('r.locality_id', '=', localityId)
          .where('r.sector', '=', sector)
          .where('r.status', '!=', 'suspended')
          .orderBy('r.period')
          .orderBy('r.start_date')
          .orderBy('r.id')
          .execute(),
      ]);
      return { assessments, shocks, rrm, reports };
    },

    /** The localities in scope with their admin names, by id (the engine's rows carry ids only). */
    async localities(scope: PairScope): Promise<Map<string, LocalityColumns>> {
      const result = await sql<LocalityColumns & { locality_id: string }>`
        WITH ${scopeCte(scope)}
        SELECT p.id AS locality_id, ${localityColumns} FROM scope p ${localityJoinsOn('p.id')}`.execute(db);
      return new Map(result.rows.map((row) => [row.locality_id, row]));
    },

    async locality(localityId: string): Promise<LocalityColumns | undefined> {
      const result = await sql<LocalityColumns>`
        SELECT ${localityColumns} FROM (SELECT ${localityId}::uuid AS locality_id) p ${localityJoins}`.execute(db);
      return result.rows[0];
    },

    /** The latest follow-up of every gap in scope that has one. */
    async latestFollowUps(scope: PairScope) {
      const result = await sql<{ locality_id: string; sector: string; id: string; status: string; comment: string; created_at: Date; by_name: string | null; organisation_id: string | null; acronym: string | null; organisation_name: string | null; decision_id: string | null; decision_number: number | null; meeting_id: string | null; meeting_title: string | null; meeting_date: string | null }>`
        WITH ${scopeCte(scope)}
        SELECT DISTINCT ON (f.locality_id, f.sector) f.locality_id, f.sector, f.id, f.status, f.comment, f.created_at, u.name AS by_name,
          o.id AS organisation_id, o.acronym, o.name AS organisation_name,
          d.id AS decision_id, d.number AS decision_number, m.id AS meeting_id, m.title AS meeting_title, m.date AS meeting_date
        FROM gap_follow_ups f
        LEFT JOIN users u ON u.id = f.created_by
        LEFT JOIN organisations o ON o.id = f.organisation_id
        LEFT JOIN meeting_decisions d ON d.id = f.decision_id
        LEFT JOIN meetings m ON m.id = d.meeting_id
        WHERE ${inScope('f.locality_id', scope)}
        ORDER BY f.locality_id, f.sector, f.created_at DESC, f.id DESC`.execute(db);
      return result.rows;
    },

    /** What coordinators decided about one gap, newest first. */
    async followUps(trx: Kysely<DB>, localityId: string, sector: string) {
      return trx
        .selectFrom('gap_follow_ups as f')
        .leftJoin('users as u', 'u.id', 'f.created_by')
        .leftJoin('organisations as o', 'o.id', 'f.organisation_id')
        .leftJoin('meeting_decisions as d', 'd.id', 'f.decision_id')
        .leftJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select([
          'f.id',
          'f.status',
          'f.comment',
          'f.created_at',
          'u.name as by_name',
          'o.id as organisation_id',
          'o.acronym',
          'o.name as organisation_name',
          'd.id as decision_id',
          'd.number as decision_number',
          'm.id as meeting_id',
          'm.title as meeting_title',
          'm.date as meeting_date',
        ])
        .where('f.locality_id', '=', localityId)
        .where('f.sector', '=', sector)
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .execute();
    },

    async organisationIsActive(trx: Kysely<DB>, id: string): Promise<boolean> {
      return (await trx.selectFrom('organisations').select('id').where('id', '=', id).where('active', '=', true).executeTakeFirst()) !== undefined;
    },

    /** Whether a meeting decision (of a meeting held or planned, not cancelled) is about this locality. */
    async decisionIsAbout(trx: Kysely<DB>, decisionId: string, localityId: string): Promise<boolean> {
      const row = await trx
        .selectFrom('meeting_decisions as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select('d.id')
        .where('d.id', '=', decisionId)
        .where('d.locality_id', '=', localityId)
        .where('m.status', '<>', 'cancelled')
        .executeTakeFirst();
      return row !== undefined;
    },

    async insertFollowUp(
      trx: Kysely<DB>,
      values: { localityId: string; sector: string; status: string; comment: string; organisationId: string | null; decisionId: string | null },
      userId: string,
    ): Promise<string> {
      const { id } = await trx
        .insertInto('gap_follow_ups')
        .values({
          locality_id: values.localityId,
          sector: values.sector,
          status: values.status,
          comment: values.comment,
          organisation_id: values.organisationId,
          decision_id: values.decisionId,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
  };
}
export type GapsRepository = ReturnType<typeof gapsRepository>;
