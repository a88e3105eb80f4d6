import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ImportResult } from '../../lib/tabular/index.ts';
import type { ImportStaging } from '../../lib/tabular/staging.ts';

/**
 * An upload its preview checked, encrypted and staged, waiting for the commit of the same file:
 * a preview and its commit are two requests, and reading, normalising, hashing and encrypting a
 * 100,000-household file again cost the commit more than half its time. What is kept holds
 * nothing readable: the staging holds ciphertext and keyed hashes only, and the list's new data
 * key, which alone opens that ciphertext, lives in this process's memory and nowhere else (a
 * restart leaves the staged rows unreadable until the start-up clean-up deletes them).
 */
export interface PreparedUpload {
  /** The organisation, file digest, list fields and column mappings the rows were checked under. */
  fingerprint: string;
  staging: ImportStaging;
  dataKey: { key: Buffer; wrapped: Buffer };
  result: ImportResult<unknown>;
  outcomes: ImportRowOutcome[];
}

/**
 * At most one prepared upload per user, for `keepForMs` (its staged rows deleted then); a commit
 * takes it only with the same fingerprint, and whatever it does not take is deleted.
 */
export function preparedUploads(keepForMs: number) {
  const held = new Map<string, { prepared: PreparedUpload; timer: NodeJS.Timeout }>();

  async function discard(prepared: PreparedUpload): Promise<void> {
    prepared.dataKey.key.fill(0);
    // A failure here leaves ciphertext whose key is gone; the start-up clean-up deletes it.
    await prepared.staging.discard().catch(() => undefined);
  }

  function release(userId: string): PreparedUpload | null {
    const entry = held.get(userId);
    if (!entry) return null;
    held.delete(userId);
    clearTimeout(entry.timer);
    return entry.prepared;
  }

  return {
    /** Keeps a user's prepared upload, replacing (and deleting) the one before. */
    async keep(userId: string, prepared: PreparedUpload): Promise<void> {
      const previous = release(userId);
      if (previous) await discard(previous);
      const timer = setTimeout(() => {
        if (held.get(userId)?.prepared === prepared) void discard(release(userId)!);
      }, keepForMs);
      timer.unref();
      held.set(userId, { prepared, timer });
    },

    /** The user's prepared upload if it was made with `fingerprint`; any other one is deleted. */
    async take(userId: string, fingerprint: string): Promise<PreparedUpload | null> {
      const prepared = release(userId);
      if (!prepared || prepared.fingerprint === fingerprint) return prepared;
      await discard(prepared);
      return null;
    },

    /** Deletes a user's prepared upload (the same file turned out to be already uploaded). */
    async drop(userId: string): Promise<void> {
      const prepared = release(userId);
      if (prepared) await discard(prepared);
    },

    /** Deletes every prepared upload (the server stops). */
    async dropAll(): Promise<void> {
      const all = [...held.keys()].map((userId) => release(userId)!);
      await Promise.all(all.map(discard));
    },

    /** Prepared uploads held now (tests). */
    get size(): number {
      return held.size;
    },
  };
}
export type PreparedUploads = ReturnType<typeof preparedUploads>;
