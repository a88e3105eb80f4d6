import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per year, incremented with INSERT … ON CONFLICT DO UPDATE: the row lock held until
  // commit makes two concurrent alerts of one year get different numbers.
  await sql`
    CREATE TABLE alert_code_counters (
      year integer PRIMARY KEY,
      last_number integer NOT NULL
    )`.execute(db);

  await sql`
    CREATE TABLE alerts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      shock_type text NOT NULL,
      shock_date date NOT NULL,
      alert_date date NOT NULL,
      host_locality_id uuid NOT NULL REFERENCES localities(id),
      origin_pcodes text[] NOT NULL DEFAULT '{}',
      origin_text text,
      households integer NOT NULL CHECK (households >= 0),
      persons integer NOT NULL CHECK (persons >= 0),
      population_group text NOT NULL,
      source_organisation_id uuid REFERENCES organisations(id),
      description text,
      status text NOT NULL DEFAULT 'reported',
      rejection_reason text,
      validated_at timestamptz,
      responded_at timestamptz,
      closed_at timestamptz,
      rejected_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (shock_date <= alert_date),
      CHECK (status <> 'rejected' OR rejection_reason IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX alerts_locality_idx ON alerts (host_locality_id, shock_date)`.execute(db);
  await sql`CREATE INDEX alerts_alert_date_idx ON alerts (alert_date DESC, code DESC)`.execute(db);
  await sql`CREATE INDEX alerts_shock_date_idx ON alerts (shock_date)`.execute(db);

  await sql`
    CREATE TABLE alert_msa_findings (
      alert_id uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      sector text NOT NULL,
      need boolean NOT NULL,
      households_in_need integer CHECK (households_in_need >= 0),
      severity smallint CHECK (severity BETWEEN 1 AND 5),
      remarks text,
      PRIMARY KEY (alert_id, sector)
    )`.execute(db);

  await sql`
    CREATE TABLE rrm_responses (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      alert_id uuid NOT NULL REFERENCES alerts(id),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      sector text NOT NULL,
      package text,
      start_date date NOT NULL,
      end_date date NOT NULL,
      households_reached integer NOT NULL CHECK (households_reached >= 0),
      persons_reached integer NOT NULL CHECK (persons_reached >= 0),
      modality text NOT NULL,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date >= start_date)
    )`.execute(db);
  await sql`CREATE INDEX rrm_responses_alert_idx ON rrm_responses (alert_id, start_date)`.execute(db);
  await sql`CREATE INDEX rrm_responses_organisation_idx ON rrm_responses (organisation_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rrm_responses', 'alert_msa_findings', 'alerts', 'alert_code_counters']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
