import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { ImportProgressBoard } from '../responses/responses.module.ts';
import { encodedListsService } from './lists.encoded.ts';
import { listsImporter } from './lists.import.ts';
import { preparedUploads } from './lists.prepared.ts';
import { listsRepository } from './lists.repository.ts';
import { listsRoutes } from './lists.routes.ts';
import { listsService } from './lists.service.ts';
import { sharingRepository } from './sharing.repository.ts';
import { sharingService } from './sharing.service.ts';

/** What deduplication (features/dedup) reads of lists: household rows as ciphertext, and their decryption after its own checks. */
export { type HouseholdCipher, toCipher } from './lists.repository.ts';
export { householdReader } from './lists.service.ts';
export { linkEncodedLists } from './lists.encoded-link.ts';

/** The live households of encoded lists, decrypted page by page, for a deduplication run. */
export function liveEncodedHouseholds(db: Kysely<DB>, keyring: ListKeyring) {
  return encodedListsService({ db, lists: listsRepository(db), keyring }).liveEncoded();
}

/** How long a previewed upload stays checked and staged for its commit. */
const preparedUploadMinutes = 15;

/**
 * Wires beneficiary lists into the app: the protocol, the registry, uploads, households for the
 * custodian and owners, sharing agreements and their extracts, and the daily retention purge.
 */
export function registerLists(
  app: App,
  deps: { db: Kysely<DB>; organisations: OrganisationsRepository; keyring: ListKeyring; progress: ImportProgressBoard; retentionEveryMinutes: number },
) {
  const { db, organisations, keyring, progress } = deps;
  const lists = listsRepository(db);
  const service = listsService({ db, lists, keyring });
  const prepared = preparedUploads(preparedUploadMinutes * 60_000);
  app.addHook('onClose', () => prepared.dropAll());
  const importer = listsImporter({ db, lists, keyring, progress, prepared });
  const encoded = encodedListsService({ db, lists, keyring });
  const sharing = sharingService({ db, sharing: sharingRepository(db), lists, keyring });
  const organisationName = async (id: string) => (await organisations.findById(db, id))?.name ?? null;
  listsRoutes(app, { lists: service, importer, encoded, sharing, organisationName });
  scheduleRetentionPurge(app, service, deps.retentionEveryMinutes);
  return { lists: service, sharing };
}

/** Purges the lists past their retention date at start and then regularly; logs counts only. */
function scheduleRetentionPurge(app: App, service: ReturnType<typeof listsService>, everyMinutes: number): void {
  if (everyMinutes <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const purged = await service.purgeExpired();
      if (purged > 0) app.log.info({ purged }, 'beneficiary lists purged at their retention date');
    } catch (error) {
      app.log.error({ err: error }, 'list retention purge failed');
    } finally {
      running = false;
    }
  };
  app.addHook('onReady', () => {
    void tick();
    return Promise.resolve();
  });
  const timer = setInterval(() => void tick(), everyMinutes * 60_000);
  timer.unref();
  app.addHook('onClose', () => {
    clearInterval(timer);
    return Promise.resolve();
  });
}

/* What this feature offers the others (they reach it only through this module). */
export { listsRepository } from './lists.repository.ts';
