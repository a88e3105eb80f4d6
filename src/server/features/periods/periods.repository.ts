import { type Kysely, sql } from 'kysely';
import type { ReportingPeriod } from '../../../shared/contracts/periods.ts';
import type { DB } from '../../db/schema.ts';

const monthOf = (date: string) => date.slice(0, 7);

export function periodsRepository() {
  return {
    /** Every month from `from` to `to`, newest first, with its lock and what was reported in it. */
    async list(trx: Kysely<DB>, from: string, to: string): Promise<ReportingPeriod[]> {
      const { rows } = await sql<{
        month: string;
        locked: boolean | null;
        locked_at: Date | null;
        locked_by: string | null;
        locked_by_name: string | null;
        version: number | null;
        responses: number;
        capacities: number;
      }>`
        WITH months AS (
          SELECT generate_series(${from}::date, ${to}::date, interval '1 month')::date AS month
        )
        SELECT m.month::text AS month, p.locked, p.locked_at, p.locked_by, u.name AS locked_by_name, p.version,
          (SELECT count(*) FROM responses r WHERE r.period = m.month) AS responses,
          (SELECT count(*) FROM capacities c WHERE c.period = m.month) AS capacities
        FROM months m
        LEFT JOIN reporting_periods p ON p.month = m.month
        LEFT JOIN users u ON u.id = p.locked_by
        ORDER BY m.month DESC`.execute(trx);
      return rows.map((row) => ({
        period: monthOf(row.month),
        locked: row.locked ?? false,
        lockedAt: row.locked && row.locked_at ? row.locked_at.toISOString() : null,
        lockedBy: row.locked && row.locked_by ? { id: row.locked_by, name: row.locked_by_name ?? '' } : null,
        responses: Number(row.responses),
        capacities: Number(row.capacities),
        version: row.version ?? 0,
      }));
    },

    async findForUpdate(trx: Kysely<DB>, month: string) {
      return trx.selectFrom('reporting_periods').selectAll().where('month', '=', `${month}-01`).forUpdate().executeTakeFirst();
    },

    /** False when another request created the month's row first. */
    async insert(trx: Kysely<DB>, month: string, locked: boolean, userId: string): Promise<boolean> {
      const result = await trx
        .insertInto('reporting_periods')
        .values({ month: `${month}-01`, locked, locked_at: locked ? new Date() : null, locked_by: locked ? userId : null })
        .onConflict((oc) => oc.column('month').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async updateIfVersion(trx: Kysely<DB>, month: string, version: number, locked: boolean, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('reporting_periods')
        .set((eb) => ({
          locked,
          locked_at: locked ? new Date() : null,
          locked_by: locked ? userId : null,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('month', '=', `${month}-01`)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    /**
     * The locked months among these. The rows read stay share-locked until the caller's
     * transaction ends, so a month cannot be locked while a change to it is being written.
     */
    async lockedAmong(trx: Kysely<DB>, months: readonly string[]): Promise<string[]> {
      if (months.length === 0) return [];
      const rows = await trx
        .selectFrom('reporting_periods')
        .select(['month', 'locked'])
        .where('month', 'in', months.map((m) => `${m}-01`))
        .forShare()
        .execute();
      return rows.filter((r) => r.locked).map((r) => monthOf(r.month)).sort();
    },
  };
}
export type PeriodsRepository = ReturnType<typeof periodsRepository>;
