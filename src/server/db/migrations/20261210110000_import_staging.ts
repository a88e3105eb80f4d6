import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Rows an import has checked and prepared but not yet applied: written in short statements
  // while the file is read (so the embedded store's single connection is never held for long),
  // then applied set-based in one short transaction that also deletes them. Nothing reads this
  // table but the import that wrote it, so readers never see half an import. A batch of items is
  // one JSON array. Unlogged: PostgreSQL empties it after a crash, which is what a crash should
  // leave; rows of an import killed with the server are removed at the next start too.
  await sql`
    CREATE UNLOGGED TABLE import_staging (
      import_id uuid NOT NULL,
      kind text NOT NULL,
      batch integer NOT NULL,
      items jsonb NOT NULL,
      item_count integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (import_id, kind, batch)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS import_staging`.execute(db);
}
