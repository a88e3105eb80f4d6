import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PivotDimension, ResponseFilters } from '../../../shared/contracts/responses.ts';
import { dataVersionOf } from '../../db/data-versions.repository.ts';
import type { DB } from '../../db/schema.ts';
import { responseFilterCondition } from './response-filters.repository.ts';

/** Which totals a figure belongs to: PostgreSQL's GROUPING(rows, cols) bits. */
export const pivotLevels = { cell: 0, rowTotal: 1, colTotal: 2, total: 3 } as const;

export interface PivotRow {
  level: number;
  row: string | null;
  col: string | null;
  actors: number;
  records: number;
  householdsTargeted: number;
  householdsReached: number;
}

/** Raw columns, never expressions: casting or formatting half a million values costs more than the pivot. */
const dimensionSql: Record<PivotDimension, RawBuilder<string | null>> = {
  organisation: sql`r.organisation_id`,
  sector: sql`r.sector`,
  adm1: sql`r.adm1_pcode`,
  adm2: sql`r.adm2_pcode`,
  adm3: sql`r.adm3_pcode`,
  month: sql`r.period`,
};

/**
 * Runs a query in its own transaction with more memory for sorting and hashing: the pivot's
 * aggregations over hundreds of thousands of records otherwise spill to disk (PostgreSQL's
 * default is 4 MB).
 */
function withWorkMemory<T>(db: Kysely<DB>, query: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL work_mem = '64MB'`.execute(trx);
    await sql`SET LOCAL jit = off`.execute(trx);
    return query(trx);
  });
}

/** Filters only the records themselves can answer: the totals have no status, group, text or alert. */
function needsRecords(filters: ResponseFilters): boolean {
  return Boolean(filters.status?.length || filters.populationGroup?.length || filters.q || filters.alertId);
}

interface HouseholdRow {
  g: number;
  rk: string | null;
  ck: string | null;
  targeted: number | null;
  reached: number | null;
}

/** Households per locality: what the pivot's figures add up over localities. */
export interface LocalityHouseholdRow extends HouseholdRow {
  locality_id: string;
}

/** Records of one organisation in one locality, per cell. */
export interface LocalityCountRow {
  rk: string | null;
  ck: string | null;
  locality_id: string;
  organisation_id: string;
  records: number;
}

/** The last step of the households statements: summed over localities, or each locality apart. */
const overLocalities = (perLocality: boolean) =>
  perLocality
    ? sql`SELECT g, rk, ck, locality_id, targeted, reached FROM per_locality`
    : sql`SELECT g, rk, ck, sum(targeted) AS targeted, sum(reached) AS reached FROM per_locality GROUP BY g, rk, ck`;

/** Per locality, every cell, row and column total and the whole, from `by_month` (rk, ck, locality_id, targeted, reached). */
const allCells = sql`
  SELECT GROUPING(rk, ck) AS g, rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached
  FROM (SELECT rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached FROM by_month GROUP BY 1, 2, 3) cells
  GROUP BY GROUPING SETS ((rk, ck, locality_id), (rk, locality_id), (ck, locality_id), (locality_id))`;

/** With the organisation as `side`: per locality, the cells and each organisation's total, from `by_month`. */
function organisationCells(side: 'rk' | 'ck'): RawBuilder<unknown> {
  return sql`
    SELECT GROUPING(rk, ck) AS g, rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached
    FROM (SELECT rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached FROM by_month GROUP BY 1, 2, 3) cells
    GROUP BY GROUPING SETS ((rk, ck, locality_id), (${sql.ref(side)}, locality_id))`;
}

/**
 * With the organisation as `side`: per locality, the totals of the other dimension and the
 * whole, from `summed` (other, locality_id, targeted, reached: organisations already summed).
 */
function otherTotals(side: 'rk' | 'ck', summed: RawBuilder<unknown>): RawBuilder<unknown> {
  const other = side === 'rk' ? 'ck' : 'rk';
  return sql`
    SELECT ${sql.raw(side === 'rk' ? '2 + GROUPING(ck) AS g, NULL AS rk, ck' : '2 * GROUPING(rk) + 1 AS g, rk, NULL AS ck')},
      locality_id, max(targeted) AS targeted, max(reached) AS reached
    FROM (
      SELECT ${sql.ref(other)}, locality_id, max(targeted) AS targeted, max(reached) AS reached
      FROM (${summed}) organisations_summed
      GROUP BY 1, 2
    ) cells
    GROUP BY GROUPING SETS ((${sql.ref(other)}, locality_id), (locality_id))`;
}

export function pivotRepository(db: Kysely<DB>) {
  /**
   * Brings `response_totals` and `response_locality_totals` up to date with the 5W records: the
   * locality × sector × months logged in `response_totals_changes` by the triggers on
   * `responses` are summed again (all of them after a truncate or on first use). One refresher
   * at a time; a change committed while it runs stays logged for the next one.
   */
  async function refreshTotals(): Promise<void> {
    const pending = await sql<{ stale: boolean }>`SELECT EXISTS (SELECT 1 FROM response_totals_changes) AS stale`.execute(db);
    if (!pending.rows[0]?.stale) return;
    await withWorkMemory(db, async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('response_totals'))`.execute(trx);
      // The changed keys stay in the database: after a large import they number hundreds of thousands.
      await sql`CREATE TEMP TABLE changed_totals (locality_id uuid, sector text, period date) ON COMMIT DROP`.execute(trx);
      const drained = await sql<{ everything: boolean; keys: number }>`
        WITH drained AS (DELETE FROM response_totals_changes RETURNING locality_id, sector, period),
        kept AS (INSERT INTO changed_totals SELECT DISTINCT locality_id, sector, period FROM drained RETURNING locality_id)
        SELECT coalesce(bool_or(locality_id IS NULL), false) AS everything, count(*)::int AS keys FROM kept`.execute(trx);
      const { everything, keys } = drained.rows[0]!;
      if (keys === 0) return;
      // Past a few tens of thousands of keys (a first use, a whole year imported), summing everything again is quicker.
      const all = everything || keys > 50_000;
      const which = all ? sql`true` : sql`(r.locality_id, r.sector, r.period) IN (SELECT locality_id, sector, period FROM changed_totals)`;
      if (all) {
        // Emptied rather than deleted row by row: no dead rows left for the next pivots to read through.
        await sql`TRUNCATE response_totals, response_locality_totals`.execute(trx);
      } else {
        await sql`DELETE FROM response_totals r WHERE ${which}`.execute(trx);
        await sql`DELETE FROM response_locality_totals r WHERE ${which}`.execute(trx);
      }
      await sql`
        INSERT INTO response_totals
        SELECT r.organisation_id, r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode,
          count(*), sum(r.households_targeted), sum(r.households_reached)
        FROM responses r WHERE ${which}
        GROUP BY r.organisation_id, r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode`.execute(trx);
      await sql`
        INSERT INTO response_locality_totals
        SELECT r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode, sum(r.targeted), sum(r.reached)
        FROM response_totals r WHERE ${which}
        GROUP BY r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode`.execute(trx);
      // Fresh statistics after a large change, so the next pivots are planned for the tables' real sizes.
      if (keys > 5000) await sql`ANALYZE response_totals, response_locality_totals`.execute(trx);
    });
  }

  /** Households from each record: the rule applied from scratch (for filters the totals cannot answer). */
  function householdsFromRecords(rows: PivotDimension, cols: PivotDimension, where: RawBuilder<unknown>, perLocality = false): RawBuilder<HouseholdRow> {
    const r = dimensionSql[rows];
    const c = dimensionSql[cols];
    // A dimension that is the sector or the month is already a key of the month grain: not hashed twice.
    const sectorColumn = rows === 'sector' ? 'rk' : cols === 'sector' ? 'ck' : 'sector';
    const periodColumn = rows === 'month' ? 'rk' : cols === 'month' ? 'ck' : 'period';
    // Maxima nest: a locality's largest month and sector over a row is the largest of its cells'.
    const byOrganisation = rows === 'organisation' ? 'rk' : cols === 'organisation' ? 'ck' : null;
    const other = byOrganisation === 'rk' ? 'ck' : 'rk';
    const cellsPerLocality = byOrganisation
      ? sql`
          ${organisationCells(byOrganisation)}
          UNION ALL
          ${otherTotals(byOrganisation, sql`
            SELECT ${sql.ref(other)}, locality_id, sum(targeted) AS targeted, sum(reached) AS reached
            FROM by_month GROUP BY ${sql.ref(other)}, locality_id, ${sql.ref(sectorColumn)}, ${sql.ref(periodColumn)}`)}`
      : allCells;
    const grain = [
      sql`${r} AS rk`,
      sql`${c} AS ck`,
      sql`r.locality_id`,
      ...(sectorColumn === 'sector' ? [sql`r.sector`] : []),
      ...(periodColumn === 'period' ? [sql`r.period`] : []),
    ];
    return sql<HouseholdRow>`
      WITH by_month AS (
        SELECT ${sql.join(grain)}, sum(r.households_targeted) AS targeted, sum(r.households_reached) AS reached
        FROM responses r
        WHERE ${where}
        GROUP BY ${sql.join(grain.map((_, i) => sql.raw(String(i + 1))))}
      ), per_locality AS (${cellsPerLocality})
      ${overLocalities(perLocality)}`;
  }

  /**
   * Households from the totals: their rows are already the month grain (organisations apart in
   * `response_totals`, summed in `response_locality_totals`), and every dimension is a function of them.
   */
  function householdsFromTotals(rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters, where: RawBuilder<unknown>, perLocality = false): RawBuilder<HouseholdRow>[] {
    const r = dimensionSql[rows];
    const c = dimensionSql[cols];
    // Organisations summed per locality × sector × month; with an organisation filter, only theirs.
    const organisationsSummed = filters.organisationId?.length
      ? sql`(
          SELECT r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode, sum(r.targeted) AS targeted, sum(r.reached) AS reached
          FROM response_totals r WHERE ${where}
          GROUP BY r.locality_id, r.sector, r.period, r.adm1_pcode, r.adm2_pcode, r.adm3_pcode)`
      : sql`(SELECT * FROM response_locality_totals r WHERE ${where})`;
    const summedPerLocality = (byMonth: RawBuilder<unknown>, cells: RawBuilder<unknown>) => sql<HouseholdRow>`
      WITH by_month AS (${byMonth}), per_locality AS (${cells})
      ${overLocalities(perLocality)}`;
    const byOrganisation = rows === 'organisation' ? 'rk' : cols === 'organisation' ? 'ck' : null;
    if (!byOrganisation) {
      return [summedPerLocality(sql`SELECT ${r} AS rk, ${c} AS ck, r.locality_id, r.targeted, r.reached FROM ${organisationsSummed} r`, allCells)];
    }
    // Two statements with no row in common, so that PostgreSQL runs them side by side.
    const otherDimension = byOrganisation === 'rk' ? cols : rows;
    return [
      summedPerLocality(sql`SELECT ${r} AS rk, ${c} AS ck, r.locality_id, r.targeted, r.reached FROM response_totals r WHERE ${where}`, organisationCells(byOrganisation)),
      sql<HouseholdRow>`
        WITH per_locality AS (${otherTotals(
          byOrganisation,
          sql`SELECT ${dimensionSql[otherDimension]} AS ${sql.ref(byOrganisation === 'rk' ? 'ck' : 'rk')}, r.locality_id, r.targeted, r.reached FROM ${organisationsSummed} r`,
        )})
        ${overLocalities(perLocality)}`,
    ];
  }

  return {
    refreshTotals,

    /**
     * The pivot's figures for every cell, row, column and the whole, in SQL. Households follow
     * src/shared/households.ts: per locality, sector and month the organisations' figures add
     * up; then the largest month and sector of each locality (never their sum); then localities
     * add up. GROUPING SETS compute the totals from the month grain again rather than adding
     * cells, which would add sectors or months together.
     *
     * Every dimension but the organisation is a function of a record's locality, sector and
     * month; with the organisation as a dimension, the totals without it sum the organisations
     * first. The month grain is kept summed (see `refreshTotals`); filters on what it does not
     * keep (status, population group, text, alert) read the records.
     */
    async figures(rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters): Promise<PivotRow[]> {
      const where = responseFilterCondition(filters);
      const fromRecords = needsRecords(filters);
      if (!fromRecords) await refreshTotals();
      const r = dimensionSql[rows];
      const c = dimensionSql[cols];
      const counts = withWorkMemory(db, (trx) =>
        sql<{ g: number; rk: string | null; ck: string | null; actors: number; records: number }>`
          WITH by_organisation AS (
            SELECT ${r} AS rk, ${c} AS ck, r.organisation_id, ${fromRecords ? sql`count(*)` : sql`sum(r.records)`} AS records
            FROM ${fromRecords ? sql`responses` : sql`response_totals`} r
            WHERE ${where}
            GROUP BY 1, 2, 3
          )
          SELECT GROUPING(rk, ck) AS g, rk, ck, count(DISTINCT organisation_id) AS actors, sum(records) AS records
          FROM by_organisation
          GROUP BY GROUPING SETS ((rk, ck), (rk), (ck), ())`.execute(trx),
      );
      const statements = fromRecords ? [householdsFromRecords(rows, cols, where)] : householdsFromTotals(rows, cols, filters, where);
      const households = Promise.all(statements.map((statement) => withWorkMemory(db, (trx) => statement.execute(trx))));

      const [countRows, householdResults] = await Promise.all([counts, households]);
      const householdRows = householdResults.flatMap((result) => result.rows);
      // Months come back as the first day's date: the pivot speaks 'YYYY-MM'.
      const label = (dimension: PivotDimension, value: string | null) => (value !== null && dimension === 'month' ? value.slice(0, 7) : value);
      const key = (g: number, rk: string | null, ck: string | null) => `${g}\u0000${rk ?? '\u0001'}\u0000${ck ?? '\u0001'}`;
      const byKey = new Map(householdRows.map((h) => [key(Number(h.g), h.rk, h.ck), h]));
      return countRows.rows.map((row) => {
        const h = byKey.get(key(Number(row.g), row.rk, row.ck));
        return {
          level: Number(row.g),
          row: label(rows, row.rk),
          col: label(cols, row.ck),
          actors: Number(row.actors),
          records: Number(row.records),
          householdsTargeted: Number(h?.targeted ?? 0),
          householdsReached: Number(h?.reached ?? 0),
        };
      });
    },

    /**
     * The parts of `figures` per locality (for the figures kept per locality, see
     * pivot-state.ts): each organisation's records per cell, and the households of each cell,
     * row, column and the whole; of these localities only when given.
     */
    async partsByLocality(
      rows: PivotDimension,
      cols: PivotDimension,
      filters: ResponseFilters,
      localityIds: readonly string[] | null,
    ): Promise<{ counts: LocalityCountRow[]; households: LocalityHouseholdRow[] }> {
      const only = localityIds ? sql`r.locality_id = ANY(${[...localityIds]}::uuid[])` : sql`true`;
      const where = sql`${responseFilterCondition(filters)} AND ${only}`;
      const fromRecords = needsRecords(filters);
      if (!fromRecords) await refreshTotals();
      const counts = withWorkMemory(db, (trx) =>
        sql<LocalityCountRow>`
          SELECT ${dimensionSql[rows]} AS rk, ${dimensionSql[cols]} AS ck, r.locality_id, r.organisation_id,
            ${fromRecords ? sql`count(*)` : sql`sum(r.records)`}::int AS records
          FROM ${fromRecords ? sql`responses` : sql`response_totals`} r
          WHERE ${where}
          GROUP BY 1, 2, 3, 4`.execute(trx),
      );
      const statements = fromRecords ? [householdsFromRecords(rows, cols, where, true)] : householdsFromTotals(rows, cols, filters, where, true);
      const households = Promise.all(statements.map((statement) => withWorkMemory(db, (trx) => statement.execute(trx))));
      const [countRows, householdResults] = await Promise.all([counts, households]);
      return { counts: countRows.rows, households: householdResults.flatMap((result) => result.rows as LocalityHouseholdRow[]) };
    },

    /** Changes whenever a 5W record is added, changed or deleted (bench/pivot.ts caches by it). */
    dataVersion: () => dataVersionOf(db, ['responses']),

    /** Names of the admin areas and organisations a pivot's headers show. */
    async areaNames(pcodes: readonly string[]): Promise<Map<string, string>> {
      if (pcodes.length === 0) return new Map();
      const rows = await db.selectFrom('admin_areas').select(['pcode', 'name']).where('pcode', 'in', [...pcodes]).execute();
      return new Map(rows.map((r) => [r.pcode, r.name]));
    },

    async organisationAcronyms(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('organisations').select(['id', 'acronym']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.acronym]));
    },
  };
}
export type PivotRepository = ReturnType<typeof pivotRepository>;
