import { backupsApi } from '../../../shared/contracts/backups.ts';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { backupsService } from './backups.service.ts';

/** Backups of the embedded store: the administrator's page and API, and the server's own schedule. */
export function registerBackups(app: App, deps: { database: Database; config: Config }) {
  const { database, config } = deps;
  const backups = backupsService({ database, dir: config.backupDir, keep: config.backupKeep, everyHours: config.backupEveryHours });
  routes(app, backupsApi, {
    status: (request) => backups.status(contextOf(request)),
    take: (request) => backups.takeNow(contextOf(request)),
  });
  if (database.pglite && config.backupEveryHours > 0) {
    const tick = async () => {
      try {
        const file = await backups.takeIfDue();
        if (file) app.log.info({ backup: file.name, bytes: file.bytes }, 'backup taken');
      } catch (error) {
        app.log.error({ err: error }, 'backup failed');
      }
    };
    // Checked every quarter of an hour (and soon after a start), so a server restarted often still gets its backups.
    const first = setTimeout(() => void tick(), 60_000);
    const timer = setInterval(() => void tick(), 15 * 60_000);
    first.unref();
    timer.unref();
    app.addHook('onClose', (_app, done) => {
      clearTimeout(first);
      clearInterval(timer);
      done();
    });
  }
  return backups;
}
