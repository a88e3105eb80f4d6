import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The PDF documents of a harmonised method version (the cluster's guidance note, forms, tools),
  // apart from the method row so lists never read the bytes. A new version starts with a copy.
  await sql`
    CREATE TABLE method_attachments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      package_id uuid NOT NULL REFERENCES packages(id) ON DELETE CASCADE,
      file_name text NOT NULL,
      content bytea NOT NULL,
      size integer NOT NULL CHECK (size > 0),
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX method_attachments_package_idx ON method_attachments (package_id, uploaded_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS method_attachments`.execute(db);
}
