import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Encoded lists (privacy-preserving deduplication): a list whose households reached the server
  // only as Bloom-filter encodings made in the organisation's browser or with `relais encode`.
  // `encoding` names the scheme (null for a list of names), `key_fingerprint` tells which shared
  // key made it (only encodings of one key compare); the key itself is never on the server.
  await sql`ALTER TABLE beneficiary_lists ADD COLUMN encoding text`.execute(db);
  await sql`ALTER TABLE beneficiary_lists ADD COLUMN key_fingerprint text`.execute(db);
  await sql`ALTER TABLE beneficiary_lists ADD CONSTRAINT beneficiary_lists_encoding_key CHECK ((encoding IS NULL) = (key_fingerprint IS NULL))`.execute(db);
  // A household's encoding, encrypted like every personal value under its list's data key (so a
  // purge destroys it with the rest); `payload` stays empty for encoded lists.
  await sql`ALTER TABLE list_households ADD COLUMN clk bytea`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM list_households WHERE clk IS NOT NULL`.execute(db);
  await sql`ALTER TABLE list_households DROP COLUMN clk`.execute(db);
  await sql`DELETE FROM beneficiary_lists WHERE encoding IS NOT NULL`.execute(db);
  await sql`ALTER TABLE beneficiary_lists DROP CONSTRAINT beneficiary_lists_encoding_key`.execute(db);
  await sql`ALTER TABLE beneficiary_lists DROP COLUMN key_fingerprint`.execute(db);
  await sql`ALTER TABLE beneficiary_lists DROP COLUMN encoding`.execute(db);
}
