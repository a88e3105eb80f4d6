import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { NeedSource } from '../../../shared/contracts/gaps.ts';
import { sectors } from '../../../shared/sectors.ts';
import { type LocalityColumns, localityColumns, localityJoins } from '../../db/locality-names.ts';
import type { DB } from '../../db/schema.ts';

/** Which locality × sector pairs a computation covers. */
export interface PairScope {
  region?: string;
  cercle?: string;
  localityId?: string;
  /** Only these localities: what the gap engine recomputes after their records changed. */
  localityIds?: readonly string[];
  sectors?: readonly string[];
}

/** Localities in scope, as a CTE named `scope` (id). */
export function scopeCte(scope: PairScope): RawBuilder<unknown> {
  const conditions = [sql`true`];
  if (scope.region) conditions.push(sql`l.adm1_pcode = ${scope.region}`);
  if (scope.cercle) conditions.push(sql`l.adm2_pcode = ${scope.cercle}`);
  if (scope.localityId) conditions.push(sql`l.id = ${scope.localityId}::uuid`);
  if (scope.localityIds) conditions.push(sql`l.id = ANY(${[...scope.localityIds]}::uuid[])`);
  return sql`scope AS (SELECT l.id FROM localities l WHERE ${sql.join(conditions, sql` AND `)})`;
}

/** Whether the scope restricts localities at all: without, the `scope` CTE is never joined. */
function restricted(scope: PairScope): boolean {
  return Boolean(scope.region || scope.cercle || scope.localityId || scope.localityIds);
}

export function inScope(column: string, scope: PairScope): RawBuilder<unknown> {
  return restricted(scope) ? sql`${sql.ref(column)} IN (SELECT id FROM scope)` : sql`true`;
}

export function sectorCondition(column: string, scope: PairScope): RawBuilder<unknown> {
  return scope.sectors?.length ? sql`${sql.ref(column)} = ANY(${[...scope.sectors]}::text[])` : sql`true`;
}

/** A shock's households in need in a sector: the MSA's figure, else the alert's displaced households; 0 for "no need". */
const msaHouseholds = sql`CASE WHEN f.need THEN coalesce(f.households_in_need, al.households) ELSE 0 END`;

/**
 * The need of every locality × sector at `at`, as CTEs (after `scope`): `latest_assessment`,
 * `shock_needs` and `needs`. Mirrors `needAt` in src/shared/gaps.ts: the latest done
 * assessment's households (ties: later step, then greater id), plus the MSA households of the
 * shocks after it that have not reached resilience (0 where the MSA found no need: a known need
 * of zero); PostgreSQL's GREATEST and LEAST skip nulls.
 */
export function needCtes(at: string, postRrmUntilMonth: number, scope: PairScope): RawBuilder<unknown> {
  return sql`
    latest_assessment AS (
      SELECT DISTINCT ON (a.locality_id, ar.sector)
        a.locality_id, ar.sector, a.id AS assessment_id, a.kind, a.end_date AS date, ar.households_in_need AS households, ar.severity
      FROM assessment_results ar
      JOIN assessments a ON a.id = ar.assessment_id
      WHERE ${inScope('a.locality_id', scope)} AND a.status = 'done' AND a.end_date <= ${at}::date AND ar.households_in_need IS NOT NULL AND ${sectorCondition('ar.sector', scope)}
      ORDER BY a.locality_id, ar.sector, a.end_date DESC,
        CASE a.kind WHEN 'impact' THEN 3 WHEN 'multisector' THEN 2 ELSE 1 END DESC, a.id DESC
    ),
    shock_needs AS (
      SELECT al.host_locality_id AS locality_id, f.sector,
        sum(${msaHouseholds})::int AS households,
        max(f.severity)::int AS severity,
        min(al.shock_date) AS since,
        string_agg(al.shock_date::text || '=' || ${msaHouseholds}, ',' ORDER BY al.shock_date, al.code) AS shock_parts,
        count(*)::int AS shocks
      FROM alert_msa_findings f
      JOIN alerts al ON al.id = f.alert_id
      LEFT JOIN latest_assessment la ON la.locality_id = al.host_locality_id AND la.sector = f.sector
      WHERE ${inScope('al.host_locality_id', scope)} AND al.status <> 'rejected' AND al.shock_date <= ${at}::date
        AND ${at}::date < (al.shock_date + make_interval(months => ${postRrmUntilMonth}::int))::date
        AND (la.date IS NULL OR al.shock_date > la.date)
        AND ${sectorCondition('f.sector', scope)}
      GROUP BY al.host_locality_id, f.sector
    ),
    needs AS (
      SELECT coalesce(la.locality_id, sn.locality_id) AS locality_id, coalesce(la.sector, sn.sector) AS sector,
        (coalesce(la.households, 0) + coalesce(sn.households, 0))::int AS households,
        greatest(la.severity, sn.severity)::int AS severity,
        least(la.date, sn.since) AS since,
        la.assessment_id, la.kind AS assessment_kind, la.date::text AS assessment_date, la.households AS assessment_households, la.severity::int AS assessment_severity,
        concat_ws(',', la.date::text || '=' || la.households, sn.shock_parts) AS parts,
        coalesce(sn.shocks, 0) AS shocks, coalesce(sn.households, 0) AS shock_households
      FROM latest_assessment la
      FULL JOIN shock_needs sn ON sn.locality_id = la.locality_id AND sn.sector = la.sector
    )`;
}

/** The columns of `needs` as they come back. */
export interface NeedRow {
  locality_id: string;
  sector: string;
  households: number;
  severity: number | null;
  since: string;
  assessment_id: string | null;
  assessment_kind: string | null;
  assessment_date: string | null;
  assessment_households: number | null;
  assessment_severity: number | null;
  /** The need's dated parts, 'date=households' joined by commas (the assessment first): compact to read back. */
  parts: string;
  shocks: number;
  shock_households: number;
}

export function needSourceOf(need: { assessed: boolean; shocks: number }): NeedSource {
  if (!need.assessed) return 'alert';
  return need.shocks > 0 ? 'assessment_and_alerts' : 'assessment';
}

/** The dated parts of a need, as `evaluateGap` reads them. */
export function needPartsOf(parts: string): { on: string; households: number }[] {
  return parts === ''
    ? []
    : parts.split(',').map((part) => {
        const [on, households] = part.split('=');
        return { on: on!, households: Number(households) };
      });
}

export interface NeedListFilters extends PairScope {
  sources?: readonly NeedSource[];
}

function sourceCondition(sources: readonly NeedSource[] | undefined): RawBuilder<unknown> {
  if (!sources?.length) return sql`true`;
  return sql`(CASE WHEN p.assessment_id IS NULL THEN 'alert' WHEN p.shocks > 0 THEN 'assessment_and_alerts' ELSE 'assessment' END) = ANY(${[...sources]}::text[])`;
}

/** Sectors in their usual order, for ORDER BY. */
export const sectorOrder = (column: string) => sql`array_position(${[...sectors]}::text[], ${sql.ref(column)})`;

export function needsRepository(db: Kysely<DB>) {
  const needsOf = (at: string, postRrmUntilMonth: number, filters: NeedListFilters) =>
    sql`WITH ${scopeCte(filters)}, ${needCtes(at, postRrmUntilMonth, filters)},
      listed AS (SELECT p.* FROM needs p WHERE ${sourceCondition(filters.sources)})`;

  return {
    /** One page of needs at `at`, by region, cercle, locality and sector, with the count of all. */
    async list(at: string, postRrmUntilMonth: number, filters: NeedListFilters, page: PageQuery): Promise<{ rows: (NeedRow & LocalityColumns)[]; total: number }> {
      const result = await sql<NeedRow & LocalityColumns & { total: number }>`
        ${needsOf(at, postRrmUntilMonth, filters)}
        SELECT p.*, ${localityColumns}, count(*) OVER ()::int AS total
        FROM listed p ${localityJoins}
        ORDER BY r.name NULLS LAST, c.name NULLS LAST, l.name_key, l.id, ${sectorOrder('p.sector')}
        LIMIT ${page.pageSize} OFFSET ${(page.page - 1) * page.pageSize}`.execute(db);
      if (result.rows.length > 0 || page.page === 1) return { rows: result.rows, total: result.rows[0]?.total ?? 0 };
      const counted = await sql<{ total: number }>`${needsOf(at, postRrmUntilMonth, filters)} SELECT count(*)::int AS total FROM listed`.execute(db);
      return { rows: [], total: counted.rows[0]?.total ?? 0 };
    },
  };
}
export type NeedsRepository = ReturnType<typeof needsRepository>;
