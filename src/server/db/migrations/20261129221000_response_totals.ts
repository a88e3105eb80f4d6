import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A 5W record's admin P-codes are its locality's: when the gazetteer moves a locality (a
  // corrected commune, a point placed in its polygon), its records follow, so every view that
  // filters or groups 5W records by area agrees with the locality's page. Existing copies first.
  await sql`
    UPDATE responses r SET adm1_pcode = l.adm1_pcode, adm2_pcode = l.adm2_pcode, adm3_pcode = l.adm3_pcode
    FROM localities l
    WHERE l.id = r.locality_id
      AND (r.adm1_pcode IS DISTINCT FROM l.adm1_pcode OR r.adm2_pcode IS DISTINCT FROM l.adm2_pcode OR r.adm3_pcode IS DISTINCT FROM l.adm3_pcode)`.execute(db);
  // Only localities whose areas changed are joined to the records: re-importing a gazetteer
  // updates thousands of localities and usually moves none.
  await sql`
    CREATE FUNCTION follow_locality_areas() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      WITH moved AS (
        SELECT n.id, n.adm1_pcode, n.adm2_pcode, n.adm3_pcode
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE o.adm1_pcode IS DISTINCT FROM n.adm1_pcode OR o.adm2_pcode IS DISTINCT FROM n.adm2_pcode OR o.adm3_pcode IS DISTINCT FROM n.adm3_pcode
      )
      UPDATE responses r SET adm1_pcode = m.adm1_pcode, adm2_pcode = m.adm2_pcode, adm3_pcode = m.adm3_pcode
      FROM moved m
      WHERE r.locality_id = m.id;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER localities_areas_to_responses AFTER UPDATE ON localities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION follow_locality_areas()`.execute(db);

  // The 5W pivot's figures come from the records summed per organisation × locality × sector ×
  // month (and per locality × sector × month over organisations): every pivot dimension and
  // most filters are functions of that grain, and grouping half a million records takes longer
  // than the whole pivot may. Derived data, rebuilt where `response_totals_changes` says.
  await sql`
    CREATE TABLE response_totals (
      organisation_id uuid NOT NULL,
      locality_id uuid NOT NULL,
      sector text NOT NULL,
      period date NOT NULL,
      adm1_pcode text,
      adm2_pcode text,
      adm3_pcode text,
      records integer NOT NULL,
      targeted integer,
      reached integer
    )`.execute(db);
  await sql`CREATE INDEX response_totals_key_idx ON response_totals (locality_id, sector, period, organisation_id)`.execute(db);
  await sql`
    CREATE TABLE response_locality_totals (
      locality_id uuid NOT NULL,
      sector text NOT NULL,
      period date NOT NULL,
      adm1_pcode text,
      adm2_pcode text,
      adm3_pcode text,
      targeted integer,
      reached integer
    )`.execute(db);
  await sql`CREATE INDEX response_locality_totals_key_idx ON response_locality_totals (locality_id, sector, period)`.execute(db);

  // Locality × sector × month whose 5W records changed; a row of nulls means everything.
  // Writers only append here (no lock on a shared row); the pivot consumes the rows.
  await sql`
    CREATE TABLE response_totals_changes (
      id bigserial PRIMARY KEY,
      locality_id uuid,
      sector text,
      period date
    )`.execute(db);
  await sql`INSERT INTO response_totals_changes DEFAULT VALUES`.execute(db);
  await sql`
    CREATE FUNCTION log_response_totals_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        INSERT INTO response_totals_changes (locality_id, sector, period) SELECT DISTINCT locality_id, sector, period FROM new_rows;
      ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO response_totals_changes (locality_id, sector, period)
          SELECT locality_id, sector, period FROM new_rows UNION SELECT locality_id, sector, period FROM old_rows;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO response_totals_changes (locality_id, sector, period) SELECT DISTINCT locality_id, sector, period FROM old_rows;
      ELSE
        INSERT INTO response_totals_changes DEFAULT VALUES;
      END IF;
      RETURN NULL;
    END
    $$`.execute(db);
  await sql`CREATE TRIGGER responses_totals_insert AFTER INSERT ON responses REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_response_totals_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_totals_update AFTER UPDATE ON responses REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_response_totals_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_totals_delete AFTER DELETE ON responses REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION log_response_totals_changes()`.execute(db);
  await sql`CREATE TRIGGER responses_totals_truncate AFTER TRUNCATE ON responses
    FOR EACH STATEMENT EXECUTE FUNCTION log_response_totals_changes()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['responses_totals_insert', 'responses_totals_update', 'responses_totals_delete', 'responses_totals_truncate']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.id(trigger)} ON responses`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS log_response_totals_changes()`.execute(db);
  await sql`DROP TABLE IF EXISTS response_totals_changes`.execute(db);
  await sql`DROP TABLE IF EXISTS response_locality_totals`.execute(db);
  await sql`DROP TABLE IF EXISTS response_totals`.execute(db);
  await sql`DROP TRIGGER IF EXISTS localities_areas_to_responses ON localities`.execute(db);
  await sql`DROP FUNCTION IF EXISTS follow_locality_areas()`.execute(db);
}
