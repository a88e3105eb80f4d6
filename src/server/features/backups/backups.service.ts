import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupStatus } from '../../../shared/contracts/backups.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';

const backupName = /^relais-backup-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)\.tar\.gz$/;

/**
 * Backups of the embedded store taken by the running server, which alone may open its data
 * folder: the archive is written while the one database connection is held, so no transaction is
 * half-done in it, then renamed into place; the newest `keep` are kept. `relais restore` reads them.
 */
export function backupsService(deps: { database: Database; dir: string; keep: number; everyHours: number }) {
  const { database, dir, keep, everyHours } = deps;
  let running = false;

  async function files(): Promise<BackupFile[]> {
    const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names
        .filter((name) => backupName.test(name))
        .map(async (name) => {
          const stat = await fs.promises.stat(path.join(dir, name));
          return { name, bytes: stat.size, takenAt: stat.mtime.toISOString() };
        }),
    );
    // The name holds the time it was taken: newest first.
    return found.sort((a, b) => b.name.localeCompare(a.name));
  }

  async function take(): Promise<BackupFile> {
    const pglite = database.pglite;
    if (!pglite) throw new AppError('backup_postgresql', 409);
    if (running) throw new AppError('backup_running', 409);
    running = true;
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      const name = `relais-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`;
      const target = path.join(dir, name);
      const archive = await database.db.connection().execute(() => pglite.dumpDataDir('gzip'));
      await fs.promises.writeFile(`${target}.partial`, Buffer.from(await archive.arrayBuffer()));
      await fs.promises.rename(`${target}.partial`, target);
      for (const old of (await files()).slice(keep)) await fs.promises.rm(path.join(dir, old.name), { force: true });
      const stat = await fs.promises.stat(target);
      return { name, bytes: stat.size, takenAt: stat.mtime.toISOString() };
    } finally {
      running = false;
    }
  }

  return {
    async status(ctx: ServiceContext): Promise<BackupStatus> {
      requireAccess(ctx.user, 'settings:manage');
      const items = database.pglite ? await files() : [];
      return { database: database.kind, everyHours: database.pglite ? everyHours : 0, keep, running, last: items[0] ?? null, items };
    },

    async takeNow(ctx: ServiceContext): Promise<BackupFile> {
      requireAccess(ctx.user, 'settings:manage');
      const file = await take();
      await recordAudit(database.db, ctx, { action: 'create', entity: 'backup', entityId: file.name, after: file });
      return file;
    },

    /** The scheduler's turn: a backup when the last one is older than the interval. */
    async takeIfDue(now = Date.now()): Promise<BackupFile | null> {
      if (!database.pglite || everyHours <= 0 || running) return null;
      const last = (await files())[0];
      if (last && now - Date.parse(last.takenAt) < everyHours * 3_600_000) return null;
      return take();
    },
  };
}
