import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Gaps are computed, never stored; what coordinators decide about one is. The latest row of a
  // locality × sector is its current follow-up; earlier rows are its history.
  await sql`
    CREATE TABLE gap_follow_ups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      locality_id uuid NOT NULL REFERENCES localities(id),
      sector text NOT NULL,
      status text NOT NULL CHECK (status IN ('advocated', 'taken_up', 'accepted')),
      comment text NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX gap_follow_ups_pair_idx ON gap_follow_ups (locality_id, sector, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS gap_follow_ups`.execute(db);
}
