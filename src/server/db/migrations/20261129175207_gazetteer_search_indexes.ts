import { type Kysely, sql } from 'kysely';

/**
 * GIN's fast update queues new entries in a pending list that every search scans linearly until
 * a vacuum merges it. PGlite runs no autovacuum, so after a gazetteer import each name search
 * took 150–250 ms instead of ~1 ms: entries now go straight into the index.
 * The locality list filters by cercle or commune too, not only by region.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const index of ['localities_name_trgm', 'admin_areas_name_trgm']) {
    await sql`ALTER INDEX ${sql.ref(index)} SET (fastupdate = off)`.execute(db);
    await sql`SELECT gin_clean_pending_list(${index}::regclass)`.execute(db);
  }
  await sql`CREATE INDEX localities_adm2_idx ON localities (adm2_pcode)`.execute(db);
  await sql`CREATE INDEX localities_adm3_idx ON localities (adm3_pcode)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX localities_adm3_idx`.execute(db);
  await sql`DROP INDEX localities_adm2_idx`.execute(db);
  for (const index of ['localities_name_trgm', 'admin_areas_name_trgm']) {
    await sql`ALTER INDEX ${sql.ref(index)} RESET (fastupdate)`.execute(db);
  }
}
