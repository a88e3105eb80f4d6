import { type Kysely, sql } from 'kysely';

/** The locality list filters by cercle or commune too, not only by region. */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX localities_adm2_idx ON localities (adm2_pcode)`.execute(db);
  await sql`CREATE INDEX localities_adm3_idx ON localities (adm3_pcode)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX localities_adm3_idx`.execute(db);
  await sql`DROP INDEX localities_adm2_idx`.execute(db);
}
