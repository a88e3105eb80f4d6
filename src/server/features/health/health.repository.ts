import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Answers only when the database does: a round trip that reads nothing. */
export async function pingDatabase(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
