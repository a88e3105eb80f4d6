import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, type DatabaseKind, fromPglite, fromPostgres, pgliteExtensions } from '../db/database.ts';
import { withDatabase } from './global-setup.ts';

/** Database tests run on PGlite always, and on PostgreSQL too when DATABASE_URL is set. */
export const databaseKinds: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];

let counter = 0;

/** A fresh, migrated, empty database of that kind; `close` throws it away. */
export async function openTestDatabase(kind: DatabaseKind): Promise<Database> {
  if (kind === 'pglite') {
    const snapshot = fs.readFileSync(inject('pgliteSnapshot'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([snapshot]), extensions: pgliteExtensions });
    return fromPglite(pglite);
  }
  const url = process.env.DATABASE_URL!;
  const template = inject('postgresTemplate');
  if (!template) throw new Error('PostgreSQL template missing: DATABASE_URL was not set for global setup');
  const name = `relais_test_${process.pid}_${Date.now()}_${counter++}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const database = fromPostgres(withDatabase(url, name));
  return {
    ...database,
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
