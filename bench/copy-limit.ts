/**
 * The limit an import can approach: the time PostgreSQL's COPY takes to write the same rows into
 * the same table (its indexes, foreign keys and triggers, deferred ones included), in a
 * transaction rolled back afterwards. The rows are the table's current ones under new ids,
 * sent as CSV (building the CSV is not timed).
 */
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/db/database.ts';
import type { DB } from '../src/server/db/schema.ts';

/** COPY … FROM STDIN for node-postgres without a dependency: the protocol's copy-in, one chunk. */
class CopyIn implements pg.Submittable {
  private failure: Error | null = null;
  private settle!: { resolve: () => void; reject: (error: Error) => void };
  readonly done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
  constructor(
    private readonly text: string,
    private readonly data: Buffer,
  ) {}
  submit(connection: pg.Connection): void {
    (connection as unknown as { query(text: string): void }).query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }
  handleCommandComplete(): void {}
  handleError(error: Error): void {
    this.failure = error;
  }
  handleReadyForQuery(): void {
    if (this.failure) this.settle.reject(this.failure);
    else this.settle.resolve();
  }
}

async function csvOfRows(db: Kysely<DB>, table: keyof DB): Promise<{ columns: string[]; csv: string; rows: number }> {
  const columns = (
    await sql<{ column_name: string }>`
      SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db)
  ).rows.map((r) => r.column_name);
  const selected = columns.map((c) => (c === 'id' ? sql`gen_random_uuid()::text AS id` : sql`${sql.ref(c)}::text AS ${sql.ref(c)}`));
  const { rows } = await sql<Record<string, string | null>>`SELECT ${sql.join(selected)} FROM ${sql.table(table)}`.execute(db);
  const quote = (value: string | null) => (value === null ? '' : `"${value.replaceAll('"', '""')}"`);
  return { columns, csv: rows.map((row) => columns.map((c) => quote(row[c] ?? null)).join(',')).join('\n') + '\n', rows: rows.length };
}

/** Seconds COPY takes to write `table`'s rows again (new ids) into it; nothing is kept. */
export async function copySeconds(database: Database, table: keyof DB, url?: string): Promise<{ seconds: number; rows: number }> {
  const { columns, csv, rows } = await csvOfRows(database.db, table);
  const statement = (source: string) => `COPY ${table} (${columns.join(', ')}) FROM ${source} WITH (FORMAT csv)`;
  if (database.pglite) {
    const pglite = database.pglite;
    await pglite.exec('BEGIN');
    try {
      const started = performance.now();
      await pglite.query(statement(`'/dev/blob'`), [], { blob: new Blob([csv]) });
      await pglite.exec('SET CONSTRAINTS ALL IMMEDIATE');
      return { seconds: (performance.now() - started) / 1000, rows };
    } finally {
      await pglite.exec('ROLLBACK');
    }
  }
  if (!url) throw new Error('copySeconds: the PostgreSQL URL is needed');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const started = performance.now();
    const copy = new CopyIn(statement('STDIN'), Buffer.from(csv));
    client.query(copy);
    await copy.done;
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    const seconds = (performance.now() - started) / 1000;
    await client.query('ROLLBACK');
    return { seconds, rows };
  } finally {
    await client.end();
  }
}
