import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A programme of a development or resilience actor: who funds it, when it runs, its sectors and
  // where it works (region, cercle or commune P-codes: a programme often covers whole cercles).
  // One name per organisation, so an XLSX import finds the programme it updates.
  await sql`
    CREATE TABLE development_programmes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      name text NOT NULL,
      name_key text NOT NULL,
      funding text,
      start_date date NOT NULL,
      end_date date,
      sectors text[] NOT NULL DEFAULT '{}',
      area_pcodes text[] NOT NULL,
      description text,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date),
      CHECK (cardinality(area_pcodes) > 0)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX development_programmes_name_idx ON development_programmes (organisation_id, name_key)`.execute(db);
  await sql`CREATE INDEX development_programmes_areas_idx ON development_programmes USING gin (area_pcodes)`.execute(db);

  // The handover of one shock at one locality (an alert) to development actors at the end of
  // post-RRM. Created as a to-do when the shock reaches month 10; each step keeps its date.
  await sql`
    CREATE TABLE handovers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      alert_id uuid NOT NULL UNIQUE REFERENCES alerts(id),
      status text NOT NULL DEFAULT 'not_started'
        CHECK (status IN ('not_started', 'dialogue_opened', 'plan_agreed', 'handed_over', 'not_taken_up')),
      dialogue_opened_on date,
      plan_agreed_on date,
      handed_over_on date,
      not_taken_up_on date,
      not_taken_up_reason text,
      actor_organisation_ids uuid[] NOT NULL DEFAULT '{}',
      meeting_id uuid REFERENCES meetings(id),
      notes text,
      recommended_actions text,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (status <> 'not_taken_up' OR (not_taken_up_reason IS NOT NULL AND not_taken_up_on IS NOT NULL)),
      CHECK (status <> 'handed_over' OR handed_over_on IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX handovers_status_idx ON handovers (status)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE handovers`.execute(db);
  await sql`DROP TABLE development_programmes`.execute(db);
}
