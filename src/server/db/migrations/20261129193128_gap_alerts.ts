import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Users who follow a sector (cluster focal points): they are alerted about its gaps in every region.
  await sql`
    CREATE TABLE sector_focal_points (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      sector text NOT NULL,
      PRIMARY KEY (user_id, sector)
    )`.execute(db);
  await sql`CREATE INDEX sector_focal_points_sector_idx ON sector_focal_points (sector)`.execute(db);

  // In-app notifications, written in the user's language. `key` names the event (a gap opening on
  // a date, an upcoming drop, a week's digest) so that one event reaches a user once, however often
  // the alerts run.
  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('gap_upcoming', 'gap_open', 'gap_digest')),
      key text NOT NULL,
      locality_id uuid REFERENCES localities(id),
      sector text,
      title text NOT NULL,
      body text NOT NULL,
      link text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      emailed_at timestamptz,
      email_error text,
      UNIQUE (user_id, kind, key)
    )`.execute(db);
  await sql`CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notifications`.execute(db);
  await sql`DROP TABLE IF EXISTS sector_focal_points`.execute(db);
}
