import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { demoStepsWithLists, seedDemoData } from './demo/demo.ts';
import { listKeyringFor } from './lib/list-keys.ts';
import { cleanAbandonedStaging } from './lib/tabular/staging.ts';
import { buildApp } from './app.ts';
import type { App } from './lib/http.ts';

/** The built web app; the same path from src/server (tsx) and dist/server (compiled). */
export const webDir = path.resolve(import.meta.dirname, '../../dist/web');

export function readVersion(): string {
  const pkgPath = path.resolve(import.meta.dirname, '../../package.json');
  return (JSON.parse(fs.readFileSync(pkgPath, 'utf8')) as { version: string }).version;
}

/**
 * Opens the store (locking the embedded one), migrates, seeds the demo on first start,
 * and returns the app with a `stop` that drains requests then closes the database.
 */
export async function startServer(config: Config): Promise<{ app: App; database: Database; stop: () => Promise<void>; seeded: boolean }> {
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let database: Database | undefined;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await migrateToLatest(database.db);
    await cleanAbandonedStaging(database.db, database.kind);
    const keyring = listKeyringFor(config);
    const seeded = config.demoData ? await seedDemoData(database.db, demoStepsWithLists(keyring)) : false;
    const app = await buildApp({ config, database, webDir, keyring });
    const db = database;
    let stopping = false;
    // Responses finished while stopping close their connection, so keep-alive clients do not hold the stop up.
    app.addHook('onSend', async (_request, reply) => {
      if (stopping) reply.header('connection', 'close');
    });
    app.addHook('onClose', async () => {
      await db.close();
      unlock();
    });
    const stop = () => {
      stopping = true;
      return app.close();
    };
    return { app, database, seeded, stop };
  } catch (error) {
    await database?.close();
    unlock();
    throw error;
  }
}
