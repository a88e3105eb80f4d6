import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Harmonised sector packages (what a household receives) and methods (how it is delivered), as
  // clusters and the ICCG endorse them. Every version is a row; versions of one package share
  // `series_id` (the first version's id) and are numbered by `revision`. `version` is the
  // concurrency token, as everywhere else.
  await sql`
    CREATE TABLE packages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      series_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('package', 'method')),
      sector text NOT NULL,
      name text NOT NULL,
      revision integer NOT NULL CHECK (revision >= 1),
      phase text NOT NULL CHECK (phase IN ('rrm', 'post_rrm', 'recovery')),
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'proposed', 'endorsed', 'superseded')),
      modality text CHECK (modality IN ('in_kind', 'cash', 'voucher', 'mixed', 'service')),
      components jsonb NOT NULL DEFAULT '[]',
      transfer_value_xof integer CHECK (transfer_value_xof >= 0),
      recurring boolean NOT NULL DEFAULT false,
      duration_months integer CHECK (duration_months BETWEEN 1 AND 36),
      frequency text NOT NULL DEFAULT 'once' CHECK (frequency IN ('once', 'monthly', 'quarterly')),
      targeting text,
      method_type text CHECK (method_type IN ('targeting', 'registration', 'distribution', 'pdm', 'complaints')),
      description text,
      document_url text,
      reference_text text,
      endorsed_by text CHECK (endorsed_by IN ('cluster', 'iccg')),
      endorsed_on date,
      endorsement_decision_id uuid REFERENCES meeting_decisions(id) ON DELETE SET NULL,
      endorsement_recorded_by uuid REFERENCES users(id),
      proposed_at timestamptz,
      superseded_at timestamptz,
      created_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (series_id, revision),
      CHECK ((kind = 'method') = (method_type IS NOT NULL)),
      CHECK ((kind = 'package') = (modality IS NOT NULL)),
      CHECK ((status IN ('endorsed', 'superseded')) = (endorsed_by IS NOT NULL AND endorsed_on IS NOT NULL))
    )`.execute(db);
  // One endorsed version per package at a time, and one version under way (draft or proposed).
  await sql`CREATE UNIQUE INDEX packages_one_endorsed_idx ON packages (series_id) WHERE status = 'endorsed'`.execute(db);
  await sql`CREATE UNIQUE INDEX packages_one_open_idx ON packages (series_id) WHERE status IN ('draft', 'proposed')`.execute(db);
  await sql`CREATE INDEX packages_sector_idx ON packages (kind, sector, status)`.execute(db);

  // A 5W record or an RRM response names the package version it delivers and, when it gave less,
  // what it gave: the deviation is computed from these against the package.
  for (const table of ['responses', 'rrm_responses']) {
    await sql`
      ALTER TABLE ${sql.table(table)}
        ADD COLUMN package_id uuid REFERENCES packages(id),
        ADD COLUMN delivered_value_xof integer CHECK (delivered_value_xof >= 0),
        ADD COLUMN delivered_duration_months integer CHECK (delivered_duration_months >= 0),
        ADD COLUMN missing_components text[] NOT NULL DEFAULT '{}'`.execute(db);
    await sql`CREATE INDEX ${sql.raw(`${table}_package_idx`)} ON ${sql.table(table)} (package_id) WHERE package_id IS NOT NULL`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['responses', 'rrm_responses']) {
    await sql`
      ALTER TABLE ${sql.table(table)}
        DROP COLUMN IF EXISTS package_id,
        DROP COLUMN IF EXISTS delivered_value_xof,
        DROP COLUMN IF EXISTS delivered_duration_months,
        DROP COLUMN IF EXISTS missing_components`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS packages`.execute(db);
}
