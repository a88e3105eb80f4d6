import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A month appears here once the coordination has locked (or unlocked) it; any other month is open.
  await sql`
    CREATE TABLE reporting_periods (
      month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
      locked boolean NOT NULL DEFAULT false,
      locked_at timestamptz,
      locked_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // The 5W matrix. Admin P-codes are copied from the locality when the record is written, so the
  // matrix filters and the pivot over hundreds of thousands of records need no join.
  await sql`
    CREATE TABLE responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period date NOT NULL CHECK (extract(day FROM period) = 1),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      implementing_partner text,
      donor text,
      sector text NOT NULL,
      activity text NOT NULL,
      package text,
      locality_id uuid NOT NULL REFERENCES localities(id),
      adm1_pcode text,
      adm2_pcode text,
      adm3_pcode text,
      status text NOT NULL,
      start_date date NOT NULL,
      end_date date,
      population_group text NOT NULL,
      households_targeted integer CHECK (households_targeted >= 0),
      households_reached integer CHECK (households_reached >= 0),
      persons_targeted integer CHECK (persons_targeted >= 0),
      persons_reached integer CHECK (persons_reached >= 0),
      girls_reached integer CHECK (girls_reached >= 0),
      boys_reached integer CHECK (boys_reached >= 0),
      women_reached integer CHECK (women_reached >= 0),
      men_reached integer CHECK (men_reached >= 0),
      older_women_reached integer CHECK (older_women_reached >= 0),
      older_men_reached integer CHECK (older_men_reached >= 0),
      modality text,
      budget numeric(16, 2) CHECK (budget >= 0),
      currency text NOT NULL DEFAULT 'XOF',
      comments text,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE INDEX responses_period_org_idx ON responses (period, organisation_id)`.execute(db);
  await sql`CREATE INDEX responses_org_period_idx ON responses (organisation_id, period)`.execute(db);
  await sql`CREATE INDEX responses_area_idx ON responses (adm1_pcode, adm2_pcode, adm3_pcode, period)`.execute(db);
  await sql`CREATE INDEX responses_locality_idx ON responses (locality_id, sector, period)`.execute(db);

  await sql`
    CREATE TABLE response_alerts (
      response_id uuid NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
      alert_id uuid NOT NULL REFERENCES alerts(id),
      PRIMARY KEY (response_id, alert_id)
    )`.execute(db);
  await sql`CREATE INDEX response_alerts_alert_idx ON response_alerts (alert_id)`.execute(db);

  await sql`
    CREATE TABLE capacities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      period date NOT NULL CHECK (extract(day FROM period) = 1),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      sector text NOT NULL,
      region_pcode text NOT NULL REFERENCES admin_areas(pcode),
      households integer NOT NULL CHECK (households >= 0),
      funding_status text NOT NULL,
      stock text,
      staff integer CHECK (staff >= 0),
      contact_name text,
      contact_phone text,
      contact_email text,
      remarks text,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organisation_id, sector, region_pcode, period)
    )`.execute(db);
  await sql`CREATE INDEX capacities_period_region_idx ON capacities (period, region_pcode, sector)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['capacities', 'response_alerts', 'responses', 'reporting_periods']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
