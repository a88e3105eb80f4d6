import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Staged batches are kept out of line without compression: a batch of a beneficiary list is
  // ciphertext and keyed hashes that do not compress, and trying to (pglz, on every ~1 MB batch)
  // cost three times the rest of the insert (100,000 households: ~6 s of server CPU against ~2 s),
  // for the same 89 MB. The rows live for minutes; their size on disk does not matter.
  await sql`ALTER TABLE import_staging ALTER COLUMN items SET STORAGE EXTERNAL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE import_staging ALTER COLUMN items SET STORAGE EXTENDED`.execute(db);
}
