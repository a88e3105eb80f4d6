import { type Kysely, sql } from 'kysely';

/** The tables whose contents the cached figures (dashboard, 5W pivot) are computed from. */
const versionedTables = [
  'admin_areas',
  'alert_msa_findings',
  'alerts',
  'assessment_results',
  'assessments',
  'capacities',
  'gap_follow_ups',
  'localities',
  'responses',
  'rrm_responses',
  'settings',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // One counter per table, raised once by every transaction that changed the table, when it
  // commits: reading a version is one indexed row instead of counting a table of 500,000 rows.
  await sql`
    CREATE TABLE data_versions (
      name text PRIMARY KEY,
      version bigint NOT NULL DEFAULT 0
    )`.execute(db);
  // The counter is raised at commit (a deferred trigger) so that a reader never sees the new
  // version before the data, and a writer locks the counter's row only once all its other work
  // is done: two writers cannot deadlock on it. The setting keeps it to once per transaction.
  await sql`
    CREATE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('relais.version_raised.' || TG_TABLE_NAME, true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE data_versions SET version = version + 1 WHERE name = TG_TABLE_NAME;
        PERFORM set_config('relais.version_raised.' || TG_TABLE_NAME, txid_current()::text, true);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  for (const table of versionedTables) {
    await sql`INSERT INTO data_versions (name) VALUES (${table})`.execute(db);
    await sql`CREATE CONSTRAINT TRIGGER ${sql.id(`${table}_data_version`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version()`.execute(db);
    // Row triggers do not see TRUNCATE, which locks the whole table anyway.
    await sql`CREATE TRIGGER ${sql.id(`${table}_data_version_truncate`)} AFTER TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version()`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of versionedTables) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_data_version`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_data_version_truncate`)} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS raise_data_version()`.execute(db);
  await sql`DROP TABLE IF EXISTS data_versions`.execute(db);
}
