import { type Kysely, sql } from 'kysely';

/** The records' insert triggers that log changes (migrations 20261129221000, 20261129184437, 20261210100000), and their functions. */
const insertLogs = {
  responses_totals_insert: 'log_response_totals_changes',
  responses_coverage_insert: 'log_coverage_changes',
  responses_gap_insert: 'log_gap_changes_responses',
};

/**
 * Imports whose records are written but not shown yet. The embedded store has one connection: a
 * 50,000-row 5W import written in one transaction held it for 4 s, and every reader waited. Its
 * new records are now written in short transactions, other requests answered in between, each
 * record marked with its import (`import_id`); readers read `responses`, a view that leaves out
 * the records of an import still listed here, so they see none of it until one small final
 * transaction deletes the import's row here (src/server/lib/tabular/staging.ts `writeHidden`).
 *
 * The records' table is `response_records`; `responses` is a simple view over it, which
 * PostgreSQL keeps updatable (INSERT, UPDATE, DELETE, ON CONFLICT, RETURNING, FOR UPDATE go
 * through to the table), so every reader and writer of 5W records keeps its name. A column added
 * to the records later must be added to the view too. The audit rows an import writes are
 * marked the same way, and the audit's reader leaves them out while the import is pending.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE pending_imports (
      id uuid PRIMARY KEY,
      started_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  await sql`ALTER TABLE responses RENAME TO response_records`.execute(db);
  const { rows } = await sql<{ name: string }>`
    SELECT column_name AS name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'response_records' ORDER BY ordinal_position`.execute(db);
  await sql`ALTER TABLE response_records ADD COLUMN import_id uuid`.execute(db);
  await sql`CREATE INDEX response_records_import_idx ON response_records (import_id) WHERE import_id IS NOT NULL`.execute(db);
  await sql`
    CREATE VIEW responses AS
    SELECT ${sql.join(rows.map((r) => sql.ref(r.name)))} FROM response_records
    WHERE import_id IS NULL OR import_id NOT IN (SELECT id FROM pending_imports)`.execute(db);

  await sql`ALTER TABLE audit_events ADD COLUMN import_id uuid`.execute(db);
  await sql`CREATE INDEX audit_events_import_idx ON audit_events (import_id) WHERE import_id IS NOT NULL`.execute(db);

  // The data version counter is named after the table a trigger fires on; the records keep the
  // counter 'responses' every cache reads (an argument names it).
  await sql`
    CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      counter text := coalesce(TG_ARGV[0], TG_TABLE_NAME);
    BEGIN
      IF current_setting('relais.version_raised.' || counter, true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE name = counter;
        PERFORM set_config('relais.version_raised.' || counter, txid_current()::text, true);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  // A pending import's inserts raise no counter and log no change (`relais.pending_import` is
  // set in their transactions): no reader could see them, and the caches and the gap engine
  // would recompute for nothing after each of its ranges. The transaction that shows them
  // logs them all (`log_import_changes`).
  const notPending = sql.raw(`WHEN (coalesce(current_setting('relais.pending_import', true), '') = '')`);
  await sql`DROP TRIGGER responses_data_version ON response_records`.execute(db);
  await sql`DROP TRIGGER responses_data_version_truncate ON response_records`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER responses_data_version AFTER INSERT OR UPDATE OR DELETE ON response_records
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW ${notPending} EXECUTE FUNCTION raise_data_version('responses')`.execute(db);
  await sql`CREATE TRIGGER responses_data_version_truncate AFTER TRUNCATE ON response_records
    FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version('responses')`.execute(db);
  for (const [trigger, fn] of Object.entries(insertLogs)) {
    await sql`DROP TRIGGER ${sql.id(trigger)} ON response_records`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(trigger)} AFTER INSERT ON response_records REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT ${notPending} EXECUTE FUNCTION ${sql.id(fn)}()`.execute(db);
  }
  // What they would have logged is kept aside, per pending import, to be logged when it is
  // shown (`log_import_changes`): its records' distinct pairs, a few thousand rows for 50,000
  // records, instead of reading its records again in the transaction every reader waits for.
  await sql`
    CREATE TABLE pending_import_changes (
      import_id uuid NOT NULL REFERENCES pending_imports(id) ON DELETE CASCADE,
      locality_id uuid NOT NULL,
      sector text NOT NULL,
      period date NOT NULL,
      organisation_id uuid NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX pending_import_changes_import_idx ON pending_import_changes (import_id)`.execute(db);
  await sql`
    CREATE FUNCTION log_pending_import_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO pending_import_changes (import_id, locality_id, sector, period, organisation_id)
        SELECT DISTINCT current_setting('relais.pending_import')::uuid, locality_id, sector, period, organisation_id FROM new_rows;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER responses_pending_insert AFTER INSERT ON response_records REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT WHEN (coalesce(current_setting('relais.pending_import', true), '') <> '') EXECUTE FUNCTION log_pending_import_changes()`.execute(db);
  await sql`
    CREATE FUNCTION log_import_changes(import uuid) RETURNS void LANGUAGE sql AS $$
      INSERT INTO response_totals_changes (locality_id, sector, period)
        SELECT DISTINCT locality_id, sector, period FROM pending_import_changes WHERE import_id = import;
      INSERT INTO coverage_changes (locality_id, sector, organisation_id)
        SELECT DISTINCT locality_id, sector, organisation_id FROM pending_import_changes WHERE import_id = import;
      INSERT INTO gap_changes (locality_id) SELECT DISTINCT locality_id FROM pending_import_changes WHERE import_id = import;
      UPDATE data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE name = 'responses';
    $$`.execute(db);
  // As every trigger of a table the import's apply writes (20261211090000_import_apply_triggers).
  for (const trigger of ['responses_data_version', 'responses_data_version_truncate', 'responses_pending_insert', ...Object.keys(insertLogs)]) {
    await sql`ALTER TABLE response_records ENABLE ALWAYS TRIGGER ${sql.id(trigger)}`.execute(db);
  }

  // A locality moved to another commune moves its records, pending ones included.
  await followLocalityAreasIn(db, 'response_records');
}

/** The trigger function that moves a locality's 5W records with it (migration 20261129221000), writing to `table`. */
async function followLocalityAreasIn(db: Kysely<unknown>, table: 'responses' | 'response_records'): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION follow_locality_areas() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      WITH moved AS (
        SELECT n.id, n.adm1_pcode, n.adm2_pcode, n.adm3_pcode
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.adm1_pcode IS DISTINCT FROM n.adm1_pcode OR o.adm2_pcode IS DISTINCT FROM n.adm2_pcode OR o.adm3_pcode IS DISTINCT FROM n.adm3_pcode
      )
      UPDATE ${sql.raw(table)} r SET adm1_pcode = m.adm1_pcode, adm2_pcode = m.adm2_pcode, adm3_pcode = m.adm3_pcode
      FROM moved m
      WHERE r.locality_id = m.id;
      RETURN NULL;
    END
    $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP FUNCTION log_import_changes(uuid)`.execute(db);
  await sql`DROP TRIGGER responses_pending_insert ON response_records`.execute(db);
  await sql`DROP FUNCTION log_pending_import_changes()`.execute(db);
  await sql`DROP TABLE pending_import_changes`.execute(db);
  await sql`DELETE FROM response_records WHERE import_id IN (SELECT id FROM pending_imports)`.execute(db);
  await sql`DELETE FROM audit_events WHERE import_id IN (SELECT id FROM pending_imports)`.execute(db);
  await followLocalityAreasIn(db, 'responses');
  await sql`DROP VIEW responses`.execute(db);
  await sql`ALTER TABLE response_records DROP COLUMN import_id`.execute(db);
  await sql`ALTER TABLE response_records RENAME TO responses`.execute(db);
  await sql`ALTER TABLE audit_events DROP COLUMN import_id`.execute(db);
  await sql`DROP TABLE pending_imports`.execute(db);
}
