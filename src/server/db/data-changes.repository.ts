import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Where a reader of `gap_changes` stopped: the last change it could see, and the transactions
 * still running then (their changes, logged with smaller numbers, were not visible yet).
 */
export interface DataChangeMark {
  seq: string;
  inProgress: string[];
}

/** The changes logged since a mark, and the mark to read from next time. */
export interface DataChanges {
  mark: DataChangeMark;
  /** Localities whose pairs changed. */
  localities: string[];
  /** Declared capacities changed: every pair's count of organisations with room. */
  capacity: boolean;
  /** Something every gap depends on changed (places, organisations, settings, a truncate). */
  everything: boolean;
}

/**
 * The log of `gap_changes` (see its migration): which localities the committed transactions
 * changed, for the figures kept per locality (gap rows, 5W pivots) to recompute only those.
 */
export function dataChangesRepository(db: Kysely<DB>) {
  return {
    /**
     * The changes committed since `since` (all of them without a mark), read in one statement so
     * the mark returned matches what was read. A change logged with a number at or below the
     * mark's whose transaction was still running then is read now; one still running now is
     * read next time.
     */
    async changesSince(since: DataChangeMark | null): Promise<DataChanges> {
      // Without a mark everything is recomputed anyway: nothing to read but the mark.
      const seq = since?.seq ?? '9223372036854775807';
      const inProgress = since?.inProgress ?? [];
      const result = await sql<{ seq: string; in_progress: string[]; localities: string[]; capacity: boolean; everything: boolean }>`
        WITH snap AS MATERIALIZED (SELECT pg_current_snapshot() AS s),
        changed AS MATERIALIZED (SELECT kind, locality_id FROM gap_changes WHERE seq > ${seq}::bigint OR xid = ANY(${inProgress}::xid8[]))
        SELECT (SELECT coalesce(max(seq), 0)::text FROM gap_changes) AS seq,
          (SELECT coalesce(array_agg(x::text), '{}') FROM snap, pg_snapshot_xip(snap.s) x) AS in_progress,
          (SELECT coalesce(array_agg(DISTINCT locality_id::text), '{}') FROM changed WHERE kind = 'locality' AND locality_id IS NOT NULL) AS localities,
          (SELECT coalesce(bool_or(kind = 'capacity'), false) FROM changed) AS capacity,
          ${since ? sql`(SELECT coalesce(bool_or(kind = 'all'), false) FROM changed)` : sql`true`} AS everything`.execute(db);
      const row = result.rows[0]!;
      return { mark: { seq: row.seq, inProgress: row.in_progress }, localities: row.localities, capacity: row.capacity, everything: row.everything };
    },

    /** Forgets changes logged before `before`: readers that last looked before then recompute everything. */
    async pruneChanges(before: Date): Promise<void> {
      await sql`DELETE FROM gap_changes WHERE logged_at < ${before}`.execute(db);
    },
  };
}
