import { randomUUID } from 'node:crypto';
import type { ControlledTransaction, Kysely, Transaction } from 'kysely';
import type { DatabaseKind } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AuditEntry } from '../audit.ts';
import type { ServiceContext } from '../context.ts';
import {
  type BatchRange,
  countStagedKeysTaken,
  countStaleStaged,
  deleteAbandonedStaging,
  deletePending,
  deleteStaged,
  hideWrites,
  markPending,
  showPending,
  deleteStagedReferences,
  insertStagedAudit,
  insertStagedBatch,
  insertStagedRows,
  withoutRowByRowReferenceChecks,
  stagedCounts,
  updateStagedRows,
} from './staging.repository.ts';

type Table = keyof DB;
/** A feature's checks and set-based writes for a range of staged batches, in the import's transaction. */
type RangeWriter = (trx: Transaction<DB>, range: BatchRange) => Promise<void>;
type ColumnOf<T extends Table> = keyof DB[T] & string;

/** Imports of this process writing while they stage (`writeAsStaged`), and how many may at once. */
let openWhileStaging = 0;
const maxOpenWhileStaging = 3;

/**
 * Writes an import without holding the database for the whole write. The embedded store has one
 * connection: a 50,000-row import written in one transaction made every other request wait for
 * it (20 readers, all timing out at 30 s). Instead the import stages its prepared rows, batch by
 * batch, in short statements into `import_staging` under its own id (no reader looks there), and
 * then moves them into place set-based (INSERT … SELECT, UPDATE … FROM): readers see nothing of
 * the import, then all of it. On the embedded store new rows are written hidden, range by range,
 * each range in a short transaction of its own (`writeHidden`), and `finish` shows them and
 * writes the rest in one short transaction (`apply`). On PostgreSQL an import may write its
 * ranges as they are staged (`writeAsStaged`), in one transaction kept open until `finish`.
 *
 * All or nothing still holds: a file with a refused row never reaches `apply` (discard the
 * staging), an error in `apply` rolls everything back and the staging and the hidden rows are
 * deleted, and the batches and hidden rows of an import killed mid-way are deleted at the next
 * start (`cleanAbandonedStaging`). `apply` refuses (409 `import_interrupted`) when a staged
 * batch is missing.
 *
 * What readers could change between staging and apply (records updated, months locked) is the
 * feature's to check inside `apply`, set-based, against what it read when preparing.
 */
export class ImportStaging {
  readonly id = randomUUID();
  private readonly items = new Map<string, number>();
  /** Items of each batch, by batch number. */
  private readonly batchSizes: number[] = [];

  /** Batches already written (`writeAsStaged`). */
  private written = 0;
  /** The transaction batches are written in as they are staged, once the first range is. */
  private writing: ControlledTransaction<DB> | null = null;
  /** Rows written hidden from readers (`writeHidden`), shown by `finish`, deleted by `discard`. */
  private hidden = false;

  /**
   * `writeWhileStaging`: PostgreSQL only (see `writeAsStaged`); the embedded store's single
   * connection must never be held while a file is read.
   */
  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: { writeWhileStaging?: boolean } = {},
  ) {}

  /** Keeps a batch of items (JSON values) of a kind for `apply`; one statement, one parameter. */
  async stage(kind: string, items: readonly unknown[]): Promise<void> {
    await this.stageJson(kind, JSON.stringify(items), items.length);
  }

  /** `stage` for `count` items already written as one JSON array (e.g. by a worker thread). */
  async stageJson(kind: string, items: string, count: number): Promise<void> {
    if (count === 0) return;
    await insertStagedBatch(this.db, this.id, kind, this.batchSizes.length, items, count);
    this.batchSizes.push(count);
    this.items.set(kind, (this.items.get(kind) ?? 0) + count);
  }

  /** Keeps audit rows for `applyAudit`, written with the change in the apply's transaction. */
  async stageAudit(entries: readonly AuditEntry[]): Promise<void> {
    await this.stage(
      'audit',
      entries.map((e) => ({ action: e.action, entity: e.entity, entity_id: e.entityId, before: e.before ?? null, after: e.after ?? null })),
    );
  }

  /** Items staged so far of a kind. */
  count(kind: string): number {
    return this.items.get(kind) ?? 0;
  }

  /**
   * The staged batches cut into consecutive ranges of about `items` items, in staging order. An
   * apply that writes range after range keeps each statement short: on the embedded store a
   * statement runs synchronously on the event loop (one over 50,000 rows held it for 10 s), and
   * the loop turns between two statements (src/server/db/turns.ts).
   */
  batchRanges(items: number, from = 0): BatchRange[] {
    const ranges: BatchRange[] = [];
    let first = from;
    let count = 0;
    this.batchSizes.forEach((size, batch) => {
      if (batch < from) return;
      count += size;
      if (count >= items || batch === this.batchSizes.length - 1) {
        ranges.push({ first, last: batch });
        first = batch + 1;
        count = 0;
      }
    });
    return ranges;
  }

  /**
   * Runs `work` (the feature's set-based writes from the staged items) in one transaction that
   * first checks every staged batch is still there; once it committed, deletes them. On any error
   * the transaction rolls back and the staging is deleted.
   */
  async apply<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        await this.assertAllStaged(trx);
        return work(trx);
      });
    } catch (error) {
      await this.discard();
      throw asImportConflict(error);
    }
    // After the commit: deleting a 50,000-row import's staged batches (44 MB) in the transaction
    // held the embedded store's connection, which every reader waits for, 135 ms longer.
    // Nothing reads them any more; if this fails, the next start deletes them.
    await deleteStaged(this.db, this.id).catch(() => undefined);
    return result;
  }

  /**
   * With `writeWhileStaging` (PostgreSQL), writes with `write` the batches staged since the last
   * range once they hold `items` items or more, in a transaction opened by the first range and
   * kept open until `finish`: the database writes one range while this process reads and checks
   * the next rows, instead of everything waiting for the end of the file (the 5W import's
   * 50,000-row commit on PostgreSQL). Readers see none of it until `finish` commits, and none
   * waits for it (MVCC); only a record the import updates stays locked until then. Otherwise
   * nothing: `finish` writes every range.
   */
  async writeAsStaged(items: number, write: RangeWriter): Promise<void> {
    if (!this.options.writeWhileStaging) return;
    const pending = this.batchSizes.slice(this.written).reduce((sum, size) => sum + size, 0);
    if (pending === 0 || pending < items) return;
    if (!this.writing) {
      // Each holds a connection of the pool until it ends: past a few at once, the others write at the end.
      if (openWhileStaging >= maxOpenWhileStaging) return;
      openWhileStaging += 1;
      try {
        this.writing = await this.db.startTransaction().execute();
      } catch (error) {
        openWhileStaging -= 1;
        throw error;
      }
    }
    const range = { first: this.written, last: this.batchSizes.length - 1 };
    this.written = this.batchSizes.length;
    await write(this.writing, range).catch((error: unknown) => {
      throw asImportConflict(error);
    });
  }

  /**
   * The embedded store's way of not holding its one connection for a whole large write: writes
   * with `write`, range by range, each in its own short transaction (other requests answered in
   * between), rows readers must not see yet, each marked with this import's id (`import_id`) while
   * the import is listed in `pending_imports`: readers read through views and filters that leave
   * them out (migration 20261212090000), and their triggers log nothing. `finish` shows them all
   * at once, in a transaction that only removes the mark (and writes what remains); `discard`,
   * or the next start after a crash, deletes them.
   */
  async writeHidden(items: number, write: RangeWriter): Promise<void> {
    await markPending(this.db, this.id);
    this.hidden = true;
    for (const range of this.batchRanges(items)) {
      await this.db
        .transaction()
        .execute(async (trx) => {
          await hideWrites(trx, this.id);
          await write(trx, range);
        })
        .catch((error: unknown) => {
          throw asImportConflict(error);
        });
    }
  }

  /**
   * Runs `last` (the last checks, the import's own audit row), shows what `writeHidden` wrote,
   * then writes, in ranges of about `items` items, the batches not written yet, deletes the
   * staging and commits, in one transaction: the one `writeAsStaged` opened, or a new, short one.
   * On any error everything is rolled back and the staging and the hidden rows deleted.
   */
  async finish<T>(items: number, write: RangeWriter, last: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    const rest = async (trx: Transaction<DB>) => {
      const result = await last(trx);
      // Not there any more when cleaned away meanwhile (a restart): what was written hidden is gone.
      if (this.hidden && !(await showPending(trx, this.id))) throw new AppError('import_interrupted', 409);
      for (const range of this.batchRanges(items, this.written)) await write(trx, range);
      this.written = this.batchSizes.length;
      return result;
    };
    const trx = this.writing;
    if (!trx) {
      const result = await this.apply(rest);
      this.hidden = false;
      return result;
    }
    try {
      await this.assertAllStaged(trx);
      const result = await rest(trx);
      await deleteStaged(trx, this.id);
      await trx.commit().execute();
      this.writing = null;
      openWhileStaging -= 1;
      return result;
    } catch (error) {
      await this.discard();
      throw asImportConflict(error);
    }
  }

  private async assertAllStaged(trx: Transaction<DB>): Promise<void> {
    const stored = await stagedCounts(trx, this.id);
    const kinds = new Set([...stored.keys(), ...this.items.keys()]);
    for (const kind of kinds) if (stored.get(kind) !== this.items.get(kind)) throw new AppError('import_interrupted', 409);
  }

  // Set-based writes for `apply`, from items staged as rows of a table (keys = column names).

  /** Inserts the items of a kind into `table`; `patch` (by item id) adds what only the apply knows. */
  insertRows<T extends Table>(
    trx: Transaction<DB>,
    kind: string,
    table: T,
    columns: readonly ColumnOf<T>[],
    options?: Parameters<typeof insertStagedRows<T>>[5],
  ): Promise<void> {
    return insertStagedRows(trx, this.id, kind, table, columns, options);
  }

  /** Updates the rows of `table` the items of a kind name by id (version + 1, updated_at now). */
  updateRows<T extends Table>(trx: Transaction<DB>, kind: string, table: T, columns: readonly ColumnOf<T>[]): Promise<void> {
    return updateStagedRows(trx, this.id, kind, table, columns);
  }

  /** Deletes the rows of `table` whose `column` holds the id of an item of a kind. */
  deleteReferenced<T extends Table>(trx: Transaction<DB>, kind: string, table: T, column: ColumnOf<T>): Promise<void> {
    return deleteStagedReferences(trx, this.id, kind, table, column);
  }

  /**
   * Refuses the import (409 `import_changed`) when a row of `table` it read changed since:
   * items of the `read` kinds carry the id and version they were compared with, and the items
   * of `created.kind` must find no row with their key (`created.key`) stored meanwhile.
   */
  async assertUnchanged<T extends Table>(
    trx: Transaction<DB>,
    table: T,
    read: readonly string[],
    created?: { kind: string; key: readonly ColumnOf<T>[] },
  ): Promise<void> {
    const stale = await countStaleStaged(trx, this.id, read, table);
    const taken = created ? await countStagedKeysTaken(trx, this.id, created.kind, table, created.key) : 0;
    if (stale > 0 || taken > 0) throw new AppError('import_changed', 409);
  }

  /** Writes the audit rows staged with `stageAudit`; `patch` (by entity id) adds to `after`. */
  applyAudit(trx: Transaction<DB>, ctx: ServiceContext, patch?: Record<string, object>): Promise<void> {
    return insertStagedAudit(trx, this.id, { userId: ctx.user.id, requestId: ctx.requestId, apiTokenId: ctx.user.apiToken?.id ?? null }, patch);
  }

  /**
   * In `apply`, once the feature has checked set-based that every reference its staged rows make
   * still exists: runs `work` without the database checking them again row by row (see the
   * repository; the tables written must have their triggers marked ENABLE ALWAYS).
   */
  withoutRowByRowReferenceChecks<T>(trx: Transaction<DB>, work: () => Promise<T>): Promise<T> {
    return withoutRowByRowReferenceChecks(trx, work);
  }

  /** Deletes what was staged (a refused file, a failed apply). */
  async discard(): Promise<void> {
    const writing = this.writing;
    this.writing = null;
    if (writing) {
      openWhileStaging -= 1;
      // Rolled back first: what it wrote goes, and its connection and locks are released. A
      // rollback that fails (the connection is gone) has nothing left to undo.
      if (!writing.isCommitted && !writing.isRolledBack)
        await writing
          .rollback()
          .execute()
          .catch(() => undefined);
    }
    if (this.hidden) {
      this.hidden = false;
      await deletePending(this.db, this.id);
    }
    await deleteStaged(this.db, this.id);
  }
}

export type { BatchRange } from './staging.repository.ts';

/** PostgreSQL's deadlock and serialization failure: two writes at the same moment, one of them undone. */
const concurrencyFailures = new Set(['40P01', '40001']);

/**
 * An import undone by PostgreSQL because another write took the same rows at the same moment
 * (two large imports updating the same records can deadlock) is told as what it is, in the
 * user's language (409 `import_changed`: nothing was saved, import again), not as a 500.
 */
function asImportConflict(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && concurrencyFailures.has(code) ? new AppError('import_changed', 409) : error;
}

/**
 * At start: batches of imports that were killed before they finished. The embedded store is
 * locked to this process, so all of them; a PostgreSQL database might be shared by another
 * running server, so only batches older than any import lasts.
 */
export async function cleanAbandonedStaging(db: Kysely<DB>, kind: DatabaseKind): Promise<number> {
  return deleteAbandonedStaging(db, kind === 'pglite' ? null : 6 * 60);
}
