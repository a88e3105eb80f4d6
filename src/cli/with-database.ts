import type { Config } from '../server/config.ts';
import { lockDataDir } from '../server/db/data-dir-lock.ts';
import { type Database, openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

/** Opens (and, for the embedded store, locks) the configured database, migrated, for one command. */
export async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await migrateToLatest(database.db);
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}
