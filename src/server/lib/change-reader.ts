import type { Kysely } from 'kysely';
import { type DataChangeMark, type DataChanges, dataChangesRepository } from '../db/data-changes.repository.ts';
import type { DB } from '../db/schema.ts';

/** What changed since the reader's previous read. */
export type ChangesRead = Omit<DataChanges, 'mark'>;

/**
 * Reads the `gap_changes` log from where this reader stopped, for figures kept per locality.
 * A read that starts while another is running waits for a next one (a write committed just
 * before the caller asked may be missing from the running one); the callers that arrive
 * meanwhile share that next read. Each read's changes go to `apply`, in order.
 */
export function changeReader(db: Kysely<DB>, apply: (changes: ChangesRead) => void) {
  const changes = dataChangesRepository(db);
  /** Log entries older than this are pruned; a reader that has not read for half as long starts over. */
  const keepChangesMs = 24 * 3600_000;
  let mark: DataChangeMark | null = null;
  let readAt = -Infinity;
  let prunedAt = -Infinity;
  let reading: Promise<void> | null = null;
  let queued: Promise<void> | null = null;

  async function readOnce(): Promise<void> {
    const now = Date.now();
    if (now - readAt > keepChangesMs / 2) mark = null;
    const { mark: next, ...read } = await changes.changesSince(mark);
    mark = next;
    readAt = now;
    apply(read);
    if (now - prunedAt > 3600_000) {
      prunedAt = now;
      await changes.pruneChanges(new Date(now - keepChangesMs));
    }
  }

  return function read(): Promise<void> {
    if (!reading) {
      reading = readOnce().finally(() => (reading = null));
      return reading;
    }
    queued ??= reading
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return read();
      });
    return queued;
  };
}
