import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { PivotDimension, ResponseFilters } from '../../../shared/contracts/responses.ts';
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

const dimensionSql: Record<PivotDimension, RawBuilder<string | null>> = {
  organisation: sql`r.organisation_id::text`,
  sector: sql`r.sector`,
  adm1: sql`r.adm1_pcode`,
  adm2: sql`r.adm2_pcode`,
  adm3: sql`r.adm3_pcode`,
  month: sql`to_char(r.period, 'YYYY-MM')`,
};

export function pivotRepository(db: Kysely<DB>) {
  return {
    /**
     * The pivot's figures for every cell, row, column and the whole, in SQL. Households follow
     * src/shared/households.ts: per locality, sector and month the organisations' figures add up;
     * then the largest month, then the largest sector (never their sum), then localities add up.
     * GROUPING SETS compute the totals from the records again rather than adding cells, which
     * would add sectors or months together.
     */
    async figures(rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters): Promise<PivotRow[]> {
      const where = responseFilterCondition(filters);
      const r = dimensionSql[rows];
      const c = dimensionSql[cols];
      const counts = sql<{ g: number; rk: string | null; ck: string | null; actors: number; records: number }>`
        SELECT GROUPING(${r}, ${c}) AS g, ${r} AS rk, ${c} AS ck,
          count(DISTINCT r.organisation_id) AS actors, count(*) AS records
        FROM responses r
        WHERE ${where}
        GROUP BY GROUPING SETS ((${r}, ${c}), (${r}), (${c}), ())`.execute(db);
      const households = sql<{ g: number; rk: string | null; ck: string | null; targeted: number | null; reached: number | null }>`
        WITH by_month AS (
          SELECT ${r} AS rk, ${c} AS ck, r.locality_id, r.sector, r.period,
            sum(r.households_targeted) AS targeted, sum(r.households_reached) AS reached
          FROM responses r
          WHERE ${where}
          GROUP BY 1, 2, 3, 4, 5
        ), rolled AS (
          SELECT GROUPING(rk, ck) AS g, rk, ck, locality_id, sector, period, sum(targeted) AS targeted, sum(reached) AS reached
          FROM by_month
          GROUP BY GROUPING SETS (
            (rk, ck, locality_id, sector, period), (rk, locality_id, sector, period),
            (ck, locality_id, sector, period), (locality_id, sector, period))
        ), by_sector AS (
          SELECT g, rk, ck, locality_id, sector, max(targeted) AS targeted, max(reached) AS reached
          FROM rolled GROUP BY g, rk, ck, locality_id, sector
        ), by_locality AS (
          SELECT g, rk, ck, locality_id, max(targeted) AS targeted, max(reached) AS reached
          FROM by_sector GROUP BY g, rk, ck, locality_id
        )
        SELECT g, rk, ck, sum(targeted) AS targeted, sum(reached) AS reached
        FROM by_locality GROUP BY g, rk, ck`.execute(db);

      const [countRows, householdRows] = await Promise.all([counts, households]);
      const key = (g: number, rk: string | null, ck: string | null) => `${g}\u0000${rk ?? '\u0001'}\u0000${ck ?? '\u0001'}`;
      const byKey = new Map(householdRows.rows.map((h) => [key(Number(h.g), h.rk, h.ck), h]));
      return countRows.rows.map((row) => {
        const h = byKey.get(key(Number(row.g), row.rk, row.ck));
        return {
          level: Number(row.g),
          row: row.rk,
          col: row.ck,
          actors: Number(row.actors),
          records: Number(row.records),
          householdsTargeted: Number(h?.targeted ?? 0),
          householdsReached: Number(h?.reached ?? 0),
        };
      });
    },

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
