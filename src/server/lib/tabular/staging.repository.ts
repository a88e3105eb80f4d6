import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The SQL of import staging (src/server/lib/tabular/staging.ts): batches of prepared items kept as JSON arrays. */

/** One batch: a single short statement with a single parameter, however many items it holds. */
export async function insertStagedBatch(db: Kysely<DB>, importId: string, kind: string, batch: number, items: string, count: number): Promise<void> {
  await db.insertInto('import_staging').values({ import_id: importId, kind, batch, items, item_count: count }).execute();
}

/** Items staged for an import, by kind: what the apply checks against what it staged, so lost batches are seen. */
export async function stagedCounts(trx: Kysely<DB>, importId: string): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('import_staging')
    .select(['kind', (eb) => eb.fn.sum<number>('item_count').as('items')])
    .where('import_id', '=', importId)
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind, Number(r.items)]));
}

export async function deleteStaged(db: Kysely<DB>, importId: string): Promise<void> {
  await db.deleteFrom('import_staging').where('import_id', '=', importId).execute();
}

/** Batches left by imports that never finished (the process was killed): all of them, or those older than `olderThanMinutes`. */
export async function deleteAbandonedStaging(db: Kysely<DB>, olderThanMinutes: number | null): Promise<number> {
  let q = db.deleteFrom('import_staging');
  if (olderThanMinutes !== null) q = q.where('created_at', '<', sql<Date>`now() - make_interval(mins => ${olderThanMinutes})`);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Batches of an import still staged (tests: nothing is left behind). */
export async function countStaged(db: Kysely<DB>, importId?: string): Promise<number> {
  let q = db.selectFrom('import_staging').select((eb) => eb.fn.countAll<number>().as('n'));
  if (importId) q = q.where('import_id', '=', importId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
