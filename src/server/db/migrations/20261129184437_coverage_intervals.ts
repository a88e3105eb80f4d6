import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The days each 5W record counts for coverage (src/shared/gaps.ts `countedResponses`) do not
  // depend on the date a gap is computed at, only on the organisation's other monthly reports:
  // they are kept here so the gap engine does not re-sort every 5W record on each request.
  // Derived data: the gap engine rebuilds what `coverage_changes` says is out of date.
  await sql`
    CREATE TABLE coverage_intervals (
      response_id uuid PRIMARY KEY,
      locality_id uuid NOT NULL,
      sector text NOT NULL,
      organisation_id uuid NOT NULL,
      households integer NOT NULL,
      reported_start date NOT NULL,
      start_date date NOT NULL,
      end_date date
    )`.execute(db);
  await sql`CREATE INDEX coverage_intervals_pair_idx ON coverage_intervals (locality_id, sector, organisation_id)`.execute(db);

  // Organisation × locality × sector whose 5W records changed; a row of nulls means everything.
  // Writers only append here (no lock on a shared row); the engine consumes the rows.
  await sql`
    CREATE TABLE coverage_changes (
      id bigserial PRIMARY KEY,
      locality_id uuid,
      sector text,
      organisation_id uuid
    )`.execute(db);
  await sql`INSERT INTO coverage_changes DEFAULT VALUES`.execute(db);

  await sql`
    CREATE FUNCTION log_coverage_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO coverage_changes (locality_id, sector, organisation_id)
          SELECT DISTINCT locality_id, sector, organisation_id FROM new_rows;
      ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO coverage_changes (locality_id, sector, organisation_id)
          SELECT locality_id, sector, organisation_id FROM new_rows
          UNION SELECT locality_id, sector, organisation_id FROM old_rows;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO coverage_changes (locality_id, sector, organisation_id)
          SELECT DISTINCT locality_id, sector, organisation_id FROM old_rows;
      ELSE
        INSERT INTO coverage_changes DEFAULT VALUES;
      END IF;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER responses_coverage_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_coverage_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_coverage_update AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_coverage_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_coverage_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_coverage_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_coverage_truncate AFTER TRUNCATE ON responses
    FOR EACH STATEMENT EXECUTE FUNCTION log_coverage_changes()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['responses_coverage_insert', 'responses_coverage_update', 'responses_coverage_delete', 'responses_coverage_truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)} ON responses`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS log_coverage_changes()`.execute(db);
  await sql`DROP TABLE IF EXISTS coverage_changes`.execute(db);
  await sql`DROP TABLE IF EXISTS coverage_intervals`.execute(db);
}
