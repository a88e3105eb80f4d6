import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // A deduplication run over every live list: its progress while it runs (stage, processed of
  // total), then its figures. Counts only; never a name. One runs at a time: the partial unique
  // index refuses a second 'running' row, whichever server process tries.
  await sql`
    CREATE TABLE dedup_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
      stage text NOT NULL DEFAULT 'reading' CHECK (stage IN ('reading', 'blocking', 'comparing', 'estimating', 'clustering', 'explaining', 'writing', 'done')),
      processed integer NOT NULL DEFAULT 0,
      total integer NOT NULL DEFAULT 0,
      started_by uuid REFERENCES users(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      lists integer NOT NULL DEFAULT 0,
      records integer NOT NULL DEFAULT 0,
      households integer,
      candidate_pairs integer,
      match_pairs integer,
      review_pairs integer,
      decisions_applied integer,
      clusters_kept integer,
      error text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX dedup_runs_one_running ON dedup_runs (status) WHERE status = 'running'`.execute(db);
  await sql`CREATE INDEX dedup_runs_started_idx ON dedup_runs (started_at DESC)`.execute(db);

  // Pairs of the latest run: inside a cluster (`match`) or in the review band across clusters
  // (`review`), with each field's contribution to the decision (level and weight in bits) — the
  // custodian's "why". Records are referred to by id; their values are decrypted at view time.
  await sql`
    CREATE TABLE dedup_pairs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      run_id uuid NOT NULL REFERENCES dedup_runs(id) ON DELETE CASCADE,
      record_a uuid NOT NULL REFERENCES list_households(id) ON DELETE CASCADE,
      record_b uuid NOT NULL REFERENCES list_households(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('match', 'review')),
      probability real NOT NULL,
      contributions jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'same', 'different')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      CHECK (record_a < record_b)
    )`.execute(db);
  await sql`CREATE INDEX dedup_pairs_queue_idx ON dedup_pairs (kind, status, probability DESC)`.execute(db);
  await sql`CREATE INDEX dedup_pairs_record_a_idx ON dedup_pairs (record_a)`.execute(db);
  await sql`CREATE INDEX dedup_pairs_record_b_idx ON dedup_pairs (record_b)`.execute(db);

  // The custodian's decisions, on the two records' stable ids: must-link (same) or cannot-link
  // (different), applied by every later run. They go with the records (erasure, purge).
  await sql`
    CREATE TABLE dedup_decisions (
      record_a uuid NOT NULL REFERENCES list_households(id) ON DELETE CASCADE,
      record_b uuid NOT NULL REFERENCES list_households(id) ON DELETE CASCADE,
      same boolean NOT NULL,
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (record_a, record_b),
      CHECK (record_a < record_b)
    )`.execute(db);
  await sql`CREATE INDEX dedup_decisions_record_b_idx ON dedup_decisions (record_b)`.execute(db);

  // Households are counted and compared by cluster.
  await sql`CREATE INDEX list_households_cluster_idx ON list_households (cluster_id) WHERE cluster_id IS NOT NULL`.execute(db);
  await sql`CREATE INDEX list_households_key_idx ON list_households (household_key) WHERE household_key IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX list_households_key_idx`.execute(db);
  await sql`DROP INDEX list_households_cluster_idx`.execute(db);
  await sql`UPDATE list_households SET cluster_id = NULL`.execute(db);
  await sql`DROP TABLE dedup_decisions`.execute(db);
  await sql`DROP TABLE dedup_pairs`.execute(db);
  await sql`DROP TABLE dedup_runs`.execute(db);
}
