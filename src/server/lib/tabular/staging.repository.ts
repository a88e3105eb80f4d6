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

/**
 * Batches left by imports that never finished (the process was killed), and the rows they wrote
 * hidden: all of them, or those older than `olderThanMinutes`.
 */
export async function deleteAbandonedStaging(db: Kysely<DB>, olderThanMinutes: number | null): Promise<number> {
  const older = (column: 'created_at' | 'started_at') =>
    olderThanMinutes === null ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} < now() - make_interval(mins => ${olderThanMinutes})`;
  const pending = await db.selectFrom('pending_imports').select('id').where(older('started_at')).execute();
  for (const { id } of pending) await deletePending(db, id);
  const result = await db.deleteFrom('import_staging').where(older('created_at')).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Tables whose rows an import may write hidden (`import_id`, shown once the import is no longer pending). */
const hiddenRowTables = ['response_records', 'audit_events'] as const;

/** Lists an import as pending: the rows it writes with its id stay hidden until `showPending`. */
export async function markPending(db: Kysely<DB>, importId: string): Promise<void> {
  await db.insertInto('pending_imports').values({ id: importId }).execute();
}

/** In a transaction writing a pending import's rows: their triggers log no change and raise no data version (migration 20261212090000). */
export async function hideWrites(trx: Kysely<DB>, importId: string): Promise<void> {
  await sql`SELECT set_config('relais.pending_import', ${importId}, true)`.execute(trx);
}

/** Shows a pending import's rows (false when it is no longer pending: cleaned away after a restart). */
export async function showPending(trx: Kysely<DB>, importId: string): Promise<boolean> {
  const result = await trx.deleteFrom('pending_imports').where('id', '=', importId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes a pending import's hidden rows and its mark, in one transaction. */
export async function deletePending(db: Kysely<DB>, importId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('pending_imports').select('id').where('id', '=', importId).forUpdate().executeTakeFirst())) return;
    for (const table of hiddenRowTables) await trx.deleteFrom(table).where('import_id', '=', importId).execute();
    await trx.deleteFrom('pending_imports').where('id', '=', importId).execute();
  });
}

/** Batches of an import still staged (tests: nothing is left behind). */
export async function countStaged(db: Kysely<DB>, importId?: string): Promise<number> {
  let q = db.selectFrom('import_staging').select((eb) => eb.fn.countAll<number>().as('n'));
  if (importId) q = q.where('import_id', '=', importId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

type Table = keyof DB;

/** Batches `first` to `last` (inclusive) of an import's staging. */
export interface BatchRange {
  first: number;
  last: number;
}
type ColumnOf<T extends Table> = keyof DB[T] & string;

/**
 * The staged items of some kinds read as rows of `table` (an item's keys are the table's column
 * names; other keys are ignored), `s.batch` and `e.n` giving the order they were staged in.
 * `patch`, keyed by an item's `id`, adds values known only when the import is applied.
 */
function stagedRows(importId: string, kinds: readonly string[], table: Table, patch?: Record<string, object>, range?: BatchRange) {
  const item = patch ? sql`e.item || coalesce(${JSON.stringify(patch)}::jsonb -> (e.item ->> 'id'), '{}'::jsonb)` : sql`e.item`;
  return sql`import_staging s
    CROSS JOIN LATERAL jsonb_array_elements(s.items) WITH ORDINALITY AS e(item, n)
    CROSS JOIN LATERAL jsonb_populate_record(NULL::${sql.table(table)}, ${item}) AS r
    WHERE s.import_id = ${importId} AND s.kind IN (${sql.join(kinds)})${range ? sql` AND s.batch BETWEEN ${range.first} AND ${range.last}` : sql``}`;
}

/** Inserts the staged items of a kind as rows of `table`, in the order they were staged. */
export async function insertStagedRows<T extends Table>(
  trx: Kysely<DB>,
  importId: string,
  kind: string,
  table: T,
  columns: readonly ColumnOf<T>[],
  options: { patch?: Record<string, object>; onConflict?: { columns: readonly ColumnOf<T>[]; update: readonly ColumnOf<T>[] } } = {},
): Promise<void> {
  const { patch, onConflict } = options;
  const names = sql.join(columns.map((c) => sql.id(c)));
  const conflict = onConflict
    ? sql`ON CONFLICT (${sql.join(onConflict.columns.map((c) => sql.id(c)))}) DO UPDATE SET ${sql.join(onConflict.update.map((c) => sql`${sql.id(c)} = excluded.${sql.id(c)}`))}`
    : sql``;
  await sql`
    INSERT INTO ${sql.table(table)} (${names})
    SELECT ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))} FROM ${stagedRows(importId, [kind], table, patch)}
    ORDER BY s.batch, e.n
    ${conflict}`.execute(trx);
}

/** Updates the rows of `table` named by the staged items' ids with their `columns`; each row's version goes up by one. */
export async function updateStagedRows<T extends Table>(
  trx: Kysely<DB>,
  importId: string,
  kind: string,
  table: T,
  columns: readonly ColumnOf<T>[],
): Promise<void> {
  await sql`
    UPDATE ${sql.table(table)} t SET ${sql.join(columns.map((c) => sql`${sql.id(c)} = ${sql.ref(`r.${c}`)}`))}, updated_at = now(), version = t.version + 1
    FROM ${stagedRows(importId, [kind], table)} AND t.id = r.id`.execute(trx);
}

/** Deletes the rows of `table` whose `column` is the id of a staged item of a kind (children replaced whole). */
export async function deleteStagedReferences<T extends Table>(trx: Kysely<DB>, importId: string, kind: string, table: T, column: ColumnOf<T>): Promise<void> {
  await sql`
    DELETE FROM ${sql.table(table)} WHERE ${sql.id(column)} IN (
      SELECT (e.item ->> 'id')::uuid FROM import_staging s CROSS JOIN LATERAL jsonb_array_elements(s.items) AS e(item)
      WHERE s.import_id = ${importId} AND s.kind = ${kind})`.execute(trx);
}

/** Staged items of these kinds (of the batches of `range`, else all) whose row of `table` (by id) is gone or no longer at the version they were read at. */
export async function countStaleStaged(trx: Kysely<DB>, importId: string, kinds: readonly string[], table: Table, range?: BatchRange): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${stagedRows(importId, kinds, table, undefined, range)}
    AND NOT EXISTS (SELECT 1 FROM ${sql.table(table)} cur WHERE cur.id = r.id AND cur.version = r.version)`.execute(trx);
  return rows[0]?.n ?? 0;
}

/** Staged new rows of `table` whose key (`columns`) a row already stored now holds. */
export async function countStagedKeysTaken<T extends Table>(
  trx: Kysely<DB>,
  importId: string,
  kind: string,
  table: T,
  columns: readonly ColumnOf<T>[],
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM ${stagedRows(importId, [kind], table)}
    AND EXISTS (SELECT 1 FROM ${sql.table(table)} cur WHERE ${sql.join(
      columns.map((c) => sql`cur.${sql.id(c)} = ${sql.ref(`r.${c}`)}`),
      sql` AND `,
    )})`.execute(trx);
  return rows[0]?.n ?? 0;
}

/**
 * The audit rows staged (kind `audit`: action, entity, entity_id, before, after), in the order
 * they were staged; `patch`, keyed by entity id, adds to `after` what only the apply knows.
 */
export async function insertStagedAudit(
  trx: Kysely<DB>,
  importId: string,
  actor: { userId: string; requestId: string; apiTokenId: string | null },
  patch?: Record<string, object>,
): Promise<void> {
  const after = patch ? sql`r.after || coalesce(${JSON.stringify(patch)}::jsonb -> r.entity_id, '{}'::jsonb)` : sql`r.after`;
  await sql`
    INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after, request_id, api_token_id)
    SELECT ${actor.userId}::uuid, r.action, r.entity, r.entity_id, r.before, ${after}, ${actor.requestId}, ${actor.apiTokenId}::uuid
    FROM ${stagedRows(importId, ['audit'], 'audit_events')}
    ORDER BY s.batch, e.n`.execute(trx);
}

/**
 * Runs `work` with PostgreSQL's row-by-row foreign-key checks skipped where the connection may
 * skip them (a superuser: always on the embedded store, where they were 40 % of a large apply;
 * a production PostgreSQL login usually is not, and keeps them). Triggers marked ENABLE ALWAYS
 * still fire, others do not. Only for writes whose every reference was checked set-based.
 */
export async function withoutRowByRowReferenceChecks<T>(trx: Kysely<DB>, work: () => Promise<T>): Promise<T> {
  const role = (value: string) => sql`SELECT set_config('session_replication_role', ${value}, true) WHERE current_setting('is_superuser') = 'on'`.execute(trx);
  await role('replica');
  const result = await work();
  await role('origin');
  return result;
}
