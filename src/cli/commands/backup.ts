import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../../server/db/data-dir-lock.ts';
import { openPglite, pgliteDir, pgliteExtensions } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { fromPglite } from '../../server/db/database.ts';
import { type CliCommand, parseOptions } from '../command.ts';

const postgresAdvice =
  'DATABASE_URL is set: back up PostgreSQL with its own tools, e.g. `pg_dump -Fc "$DATABASE_URL" > relais.dump` and `pg_restore -d "$DATABASE_URL" relais.dump`.';

export const backup: CliCommand = {
  summary: 'Write a restorable archive of the embedded database (stop the server first)',
  usage: 'relais backup [--out relais-backup.tar.gz]',
  async run(args, config) {
    if (config.databaseUrl) {
      console.error(postgresAdvice);
      return 1;
    }
    const { options } = parseOptions(args);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const out = path.resolve(typeof options.out === 'string' ? options.out : `relais-backup-${stamp}.tar.gz`);
    if (!fs.existsSync(pgliteDir(config.dataDir))) {
      console.error(`No database in ${config.dataDir}: nothing to back up.`);
      return 1;
    }
    const unlock = lockDataDir(config.dataDir);
    try {
      const pglite = await openPglite(config.dataDir);
      const archive = await pglite.dumpDataDir('gzip');
      await pglite.close();
      // Written beside the target then renamed, so a crash never leaves half an archive under the final name.
      fs.writeFileSync(`${out}.partial`, Buffer.from(await archive.arrayBuffer()));
      fs.renameSync(`${out}.partial`, out);
    } finally {
      unlock();
    }
    console.log(`Backup written to ${out} (${(fs.statSync(out).size / 1024 / 1024).toFixed(1)} MB).`);
    return 0;
  },
};

export const restore: CliCommand = {
  summary: 'Restore the embedded database from a backup archive (stop the server first)',
  usage: 'relais restore relais-backup.tar.gz [--force]',
  async run(args, config) {
    if (config.databaseUrl) {
      console.error(postgresAdvice);
      return 1;
    }
    const { positional, options } = parseOptions(args);
    const file = positional[0];
    if (!file || !fs.existsSync(file)) {
      console.error(file ? `Backup file not found: ${file}` : `Usage: ${this.usage}`);
      return 2;
    }
    const target = pgliteDir(config.dataDir);
    const unlock = lockDataDir(config.dataDir);
    try {
      let keptAside: string | undefined;
      if (fs.existsSync(target) && fs.readdirSync(target).length > 0) {
        if (options.force !== true) {
          console.error(`${config.dataDir} already holds a database. Re-run with --force to replace it (the current one is kept aside).`);
          return 1;
        }
        keptAside = `${target}.before-restore-${Date.now()}`;
        fs.renameSync(target, keptAside);
      }
      try {
        fs.mkdirSync(target, { recursive: true });
        const pglite = await PGlite.create(target, { loadDataDir: new Blob([fs.readFileSync(file)]), extensions: pgliteExtensions });
        const database = fromPglite(pglite);
        await migrateToLatest(database.db);
        await database.close();
      } catch (error) {
        fs.rmSync(target, { recursive: true, force: true });
        if (keptAside) fs.renameSync(keptAside, target);
        console.error(`Restore failed, the previous database is back in place: ${(error as Error).message}`);
        return 1;
      }
      console.log(`Database restored from ${file}.${keptAside ? ` The previous one is kept in ${keptAside}.` : ''}`);
      return 0;
    } finally {
      unlock();
    }
  },
};
