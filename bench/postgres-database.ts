import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../src/server/db/database.ts';
import type { DB } from '../src/server/db/schema.ts';

/**
 * A throwaway benchmark database whose pool survives an idle connection the server closes
 * (on a shared machine other processes end backends): pg drops the dead client and the next
 * query opens a new one, instead of an unhandled 'error' event ending the benchmark.
 */
export function benchPostgres(url: string): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}
