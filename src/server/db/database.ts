import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { turnTakingPool } from './turns.ts';

// Counts arrive as int8; our counts stay far below 2^53, so numbers are safe and simpler to use.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
// Calendar dates stay 'YYYY-MM-DD' strings: converting them to Date would shift them by the time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

export type DatabaseKind = 'pglite' | 'postgresql';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Only for the embedded store: used by backups and test snapshots. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm };

export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}

export async function openPglite(dataDir: string): Promise<PGlite> {
  const dir = pgliteDir(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  return PGlite.create(dir, { extensions: pgliteExtensions });
}

/** Wraps an open PGlite instance (from a data dir or a test snapshot) as a Database. */
export function fromPglite(pglite: PGlite): Database {
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: turnTakingPool(pool) }) });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}

export function fromPostgres(databaseUrl: string): Database {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // An idle connection closed by the server (restart, admin command) emits 'error' on the pool;
  // unhandled, it would stop the process. The pool drops that client and opens another when needed.
  pool.on('error', (error) => console.error(`PostgreSQL idle connection lost: ${error.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgresql', close: () => db.destroy() };
}

export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  if (options.databaseUrl) return fromPostgres(options.databaseUrl);
  return fromPglite(await openPglite(options.dataDir));
}
