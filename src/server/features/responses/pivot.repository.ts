import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PivotDimension, ResponseFilters } from '../../../shared/contracts/responses.ts';
import { dataVersionOf } from '../../db/data-versions.repository.ts';
import type { DB } from '../../db/schema.ts';
import { responseFilterCondition } from './responses.filters.ts';

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

export function pivotRepository(db: Kysely<DB>) {
  return {
    /**
     * The pivot's figures for every cell, row, column and the whole, in SQL. Households follow
     * src/shared/households.ts: per locality, sector and month the organisations' figures add
     * up; then the largest month and sector of each locality (never their sum); then localities
     * add up. GROUPING SETS compute the totals from the records again rather than adding cells,
     * which would add sectors or months together.
     *
     * Every dimension but the organisation is a function of a record's locality, sector and
     * month, so one aggregation at that grain serves every cell and total; with the
     * organisation as a dimension, the totals without it sum the organisations first.
     */
    async figures(rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters): Promise<PivotRow[]> {
      const where = responseFilterCondition(filters);
      const r = dimensionSql[rows];
      const c = dimensionSql[cols];
      const counts = withWorkMemory(db, (trx) =>
        sql<{ g: number; rk: string | null; ck: string | null; actors: number; records: number }>`
          WITH by_organisation AS (
            SELECT ${r} AS rk, ${c} AS ck, r.organisation_id, count(*) AS records
            FROM responses r
            WHERE ${where}
            GROUP BY 1, 2, 3
          )
          SELECT GROUPING(rk, ck) AS g, rk, ck, count(DISTINCT organisation_id) AS actors, sum(records) AS records
          FROM by_organisation
          GROUP BY GROUPING SETS ((rk, ck), (rk), (ck), ())`.execute(trx),
      );

      // A dimension that is the sector or the month is already a key of the month grain: not hashed twice.
      const sectorColumn = rows === 'sector' ? 'rk' : cols === 'sector' ? 'ck' : 'sector';
      const periodColumn = rows === 'month' ? 'rk' : cols === 'month' ? 'ck' : 'period';
      // Maxima nest: a locality's largest month and sector over a row is the largest of its cells'.
      const byOrganisation = rows === 'organisation' ? 'rk' : cols === 'organisation' ? 'ck' : null;
      const other = byOrganisation === 'rk' ? 'ck' : 'rk';
      const perLocality = byOrganisation
        ? sql`
            SELECT GROUPING(rk, ck) AS g, rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached
            FROM (SELECT rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached FROM by_month GROUP BY 1, 2, 3) cells
            GROUP BY GROUPING SETS ((rk, ck, locality_id), (${sql.ref(byOrganisation)}, locality_id))
            UNION ALL
            SELECT ${sql.raw(byOrganisation === 'rk' ? '2 + GROUPING(ck) AS g, NULL AS rk, ck' : '2 * GROUPING(rk) + 1 AS g, rk, NULL AS ck')},
              locality_id, max(targeted) AS targeted, max(reached) AS reached
            FROM (
              SELECT ${sql.ref(other)}, locality_id, max(targeted) AS targeted, max(reached) AS reached
              FROM (
                SELECT ${sql.ref(other)}, locality_id, sum(targeted) AS targeted, sum(reached) AS reached
                FROM by_month GROUP BY ${sql.ref(other)}, locality_id, ${sql.ref(sectorColumn)}, ${sql.ref(periodColumn)}
              ) organisations_summed
              GROUP BY 1, 2
            ) cells
            GROUP BY GROUPING SETS ((${sql.ref(other)}, locality_id), (locality_id))`
        : sql`
            SELECT GROUPING(rk, ck) AS g, rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached
            FROM (SELECT rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached FROM by_month GROUP BY 1, 2, 3) cells
            GROUP BY GROUPING SETS ((rk, ck, locality_id), (rk, locality_id), (ck, locality_id), (locality_id))`;
      const grain = [
        sql`${r} AS rk`,
        sql`${c} AS ck`,
        sql`r.locality_id`,
        ...(sectorColumn === 'sector' ? [sql`r.sector`] : []),
        ...(periodColumn === 'period' ? [sql`r.period`] : []),
      ];
      const households = withWorkMemory(db, (trx) =>
        sql<{ g: number; rk: string | null; ck: string | null; targeted: number | null; reached: number | null }>`
          WITH by_month AS (
            SELECT ${sql.join(grain)}, sum(r.households_targeted) AS targeted, sum(r.households_reached) AS reached
            FROM responses r
            WHERE ${where}
            GROUP BY ${sql.join(grain.map((_, i) => sql.raw(String(i + 1))))}
          ), per_locality AS (${perLocality})
          SELECT g, rk, ck, sum(targeted) AS targeted, sum(reached) AS reached
          FROM per_locality GROUP BY g, rk, ck`.execute(trx),
      );

      const [countRows, householdRows] = await Promise.all([counts, households]);
      // Months come back as the first day's date: the pivot speaks 'YYYY-MM'.
      const label = (dimension: PivotDimension, value: string | null) => (value !== null && dimension === 'month' ? value.slice(0, 7) : value);
      const key = (g: number, rk: string | null, ck: string | null) => `${g}\u0000${rk ?? '\u0001'}\u0000${ck ?? '\u0001'}`;
      const byKey = new Map(householdRows.rows.map((h) => [key(Number(h.g), h.rk, h.ck), h]));
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

    /** Changes whenever a 5W record is added, changed or deleted: the pivot's figures are kept until then. */
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
