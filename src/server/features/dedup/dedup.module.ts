import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import { dedupRepository } from './dedup.repository.ts';
import { dedupRoutes } from './dedup.routes.ts';
import { dedupRunner } from './dedup.runner.ts';
import { dedupService } from './dedup.service.ts';

/**
 * Wires household deduplication into the app: runs in the background (one at a time; a run left
 * unfinished by a stopped server is marked interrupted at start, and closing the server stops the
 * one in progress), the custodian's review, and the counts the coordination reads.
 */
export function registerDedup(app: App, deps: { db: Kysely<DB>; keyring: ListKeyring }) {
  const repo = dedupRepository(deps.db);
  const runner = dedupRunner({ db: deps.db, repo, keyring: deps.keyring, log: app.log });
  const dedup = dedupService({ db: deps.db, repo, keyring: deps.keyring, runner });
  dedupRoutes(app, { dedup });
  app.addHook('onReady', async () => {
    const interrupted = await repo.failUnfinished('dedup_run_interrupted');
    if (interrupted > 0) app.log.warn({ interrupted }, 'deduplication runs left unfinished by a previous stop marked interrupted');
  });
  app.addHook('onClose', async () => runner.stop());
  return { dedup, runner };
}
