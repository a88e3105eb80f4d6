import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { fromPglite, fromPostgres, pgliteExtensions } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';


declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string | null;
  }
}

/** Migrates once for the whole run: a PGlite snapshot, and a PostgreSQL template when DATABASE_URL is set. */
export default async function setup(project: TestProject) {
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const database = fromPglite(pglite);
  await migrateToLatest(database.db);
  const dump = await pglite.dumpDataDir('gzip');
  const snapshot = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'relais-test-')), 'migrated.tar.gz');
  fs.writeFileSync(snapshot, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', snapshot);

  const url = process.env.DATABASE_URL;
  // One template per run, so two runs on one server (two developers, or CI beside a session) never drop each other's.
  const templateDatabase = `relais_test_template_${process.pid}`;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDatabase}`);
    await admin.end();
    const template = fromPostgres(withDatabase(url, templateDatabase));
    await migrateToLatest(template.db);
    await template.close();
    project.provide('postgresTemplate', templateDatabase);
  } else {
    project.provide('postgresTemplate', null);
  }
  return async () => {
    fs.rmSync(path.dirname(snapshot), { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
      await admin.end();
    }
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
