import { createHash } from 'node:crypto';
import type { ImportStaging } from './staging.ts';
import { openSourceStream, type TabularSource } from './source.ts';

/**
 * What a preview checked and staged, kept for the commit of the same file: a preview and its
 * commit are two requests, and reading and checking a large file again cost the commit more than
 * half its time. `fingerprint` says what the rows were checked under (the file, its options, the
 * user); a commit takes the kept preview only with the same one.
 */
export interface PreparedImport {
  fingerprint: string;
  staging: ImportStaging;
}

/**
 * At most one prepared import per user, for `keepForMs` (its staging deleted then); a commit
 * takes it only with the same fingerprint, and whatever it does not take is deleted. `forget`
 * runs when one is deleted (e.g. to wipe a key held with it).
 */
export function preparedImports<P extends PreparedImport>(keepForMs: number, forget: (prepared: P) => void = () => undefined) {
  const held = new Map<string, { prepared: P; timer: NodeJS.Timeout }>();

  async function discard(prepared: P): Promise<void> {
    forget(prepared);
    // A failure here leaves staged rows the start-up clean-up deletes.
    await prepared.staging.discard().catch(() => undefined);
  }

  function release(userId: string): P | null {
    const entry = held.get(userId);
    if (!entry) return null;
    held.delete(userId);
    clearTimeout(entry.timer);
    return entry.prepared;
  }

  return {
    /** Keeps a user's prepared import, replacing (and deleting) the one before. */
    async keep(userId: string, prepared: P): Promise<void> {
      const previous = release(userId);
      if (previous) await discard(previous);
      const timer = setTimeout(() => {
        if (held.get(userId)?.prepared === prepared) void discard(release(userId)!);
      }, keepForMs);
      timer.unref();
      held.set(userId, { prepared, timer });
    },

    /** The user's prepared import if it was made with `fingerprint`; any other one is deleted. */
    async take(userId: string, fingerprint: string): Promise<P | null> {
      const prepared = release(userId);
      if (!prepared || prepared.fingerprint === fingerprint) return prepared;
      await discard(prepared);
      return null;
    },

    /** Deletes a user's prepared import. */
    async drop(userId: string): Promise<void> {
      const prepared = release(userId);
      if (prepared) await discard(prepared);
    },

    /** Deletes every prepared import (the server stops). */
    async dropAll(): Promise<void> {
      const all = [...held.keys()].map((userId) => release(userId)!);
      await Promise.all(all.map(discard));
    },

    /** Prepared imports held now (tests). */
    get size(): number {
      return held.size;
    },
  };
}
export type PreparedImports<P extends PreparedImport> = ReturnType<typeof preparedImports<P>>;

/** The SHA-256 of a file's bytes, streamed. */
export async function sourceDigest(source: TabularSource): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of openSourceStream(source)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** One digest of what an import was checked under (JSON of `parts`); kept in memory only, with the prepared import. */
export function importFingerprint(parts: object): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
