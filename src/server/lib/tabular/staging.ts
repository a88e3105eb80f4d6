import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DatabaseKind } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { deleteAbandonedStaging, deleteStaged, insertStagedBatch, stagedCounts } from './staging.repository.ts';

/**
 * Writes an import without holding the database for the whole write. The embedded store has one
 * connection: a 50,000-row import written in one transaction made every other request wait for
 * it (20 readers, all timing out at 30 s). Instead the import stages its prepared rows, batch by
 * batch, in short statements into `import_staging` under its own id (no reader looks there), and
 * then `apply` moves them into place set-based (INSERT … SELECT, UPDATE … FROM) in one short
 * transaction, which also deletes them: readers see nothing of the import, then all of it.
 *
 * All or nothing still holds: a file with a refused row never reaches `apply` (discard the
 * staging), an error in `apply` rolls everything back and the staging is deleted, and the
 * batches of an import killed mid-way are deleted at the next start (`cleanAbandonedStaging`).
 * `apply` refuses (409 `import_interrupted`) when a staged batch is missing.
 *
 * What readers could change between staging and apply (records updated, months locked) is the
 * feature's to check inside `apply`, set-based, against what it read when preparing.
 */
export class ImportStaging {
  readonly id = randomUUID();
  private readonly items = new Map<string, number>();
  private batches = 0;

  constructor(private readonly db: Kysely<DB>) {}

  /** Keeps a batch of items (JSON values) of a kind for `apply`; one statement, one parameter. */
  async stage(kind: string, items: readonly unknown[]): Promise<void> {
    if (items.length === 0) return;
    await insertStagedBatch(this.db, this.id, kind, this.batches++, JSON.stringify(items), items.length);
    this.items.set(kind, (this.items.get(kind) ?? 0) + items.length);
  }

  /** Items staged so far of a kind. */
  count(kind: string): number {
    return this.items.get(kind) ?? 0;
  }

  /**
   * Runs `work` (the feature's set-based writes from the staged items) in one transaction that
   * first checks every staged batch is still there and last deletes them. On any error the
   * transaction rolls back and the staging is deleted.
   */
  async apply<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const stored = await stagedCounts(trx, this.id);
        const kinds = new Set([...stored.keys(), ...this.items.keys()]);
        for (const kind of kinds) if (stored.get(kind) !== this.items.get(kind)) throw new AppError('import_interrupted', 409);
        const result = await work(trx);
        await deleteStaged(trx, this.id);
        return result;
      });
    } catch (error) {
      await this.discard();
      throw error;
    }
  }

  /** Deletes what was staged (a refused file, a failed apply). */
  async discard(): Promise<void> {
    await deleteStaged(this.db, this.id);
  }
}

/**
 * At start: batches of imports that were killed before they finished. The embedded store is
 * locked to this process, so all of them; a PostgreSQL database might be shared by another
 * running server, so only batches older than any import lasts.
 */
export async function cleanAbandonedStaging(db: Kysely<DB>, kind: DatabaseKind): Promise<number> {
  return deleteAbandonedStaging(db, kind === 'pglite' ? null : 6 * 60);
}
