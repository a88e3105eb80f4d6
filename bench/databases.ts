import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, fromPglite, openPglite } from '../src/server/db/database.ts';
import type { DB } from '../src/server/db/schema.ts';

/**
 * A throwaway benchmark database whose pool survives an idle connection the server closes
 * (on a shared machine other processes end backends): pg drops the dead client and the next
 * query opens a new one, instead of an unhandled 'error' event ending the benchmark.
 */
function benchPostgres(url: string): Database {
  // Idle connections stay open: their backends' CPU time can then be read (bench/lists-upload.ts).
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

/** Runs `measure` on an embedded PGlite store in a new data directory, removed afterwards. */
export async function onPglite<T>(measure: (database: Database, name: string) => Promise<T>): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  const database = fromPglite(await openPglite(dataDir));
  try {
    return await measure(database, 'PGlite (data dir)');
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `measure` on a new database of the PostgreSQL server at `url`, dropped afterwards. */
export async function onPostgres<T>(url: string, measure: (database: Database, name: string, url: string) => Promise<T>): Promise<T> {
  const databaseName = `relais_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${databaseName}`;
  const database = benchPostgres(benchUrl.toString());
  try {
    const version = await sql<{ server_version: string }>`SHOW server_version`.execute(database.db);
    return await measure(database, `PostgreSQL ${version.rows[0]?.server_version ?? ''}`.trim(), benchUrl.toString());
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    await admin.end();
  }
}
