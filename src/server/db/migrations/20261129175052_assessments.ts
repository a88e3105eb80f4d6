import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // REACH's sequence per locality: territorial, multisector, impact. A locality may have several
  // rounds of each kind; the need that counts is the latest done one (src/shared/gaps.ts).
  await sql`
    CREATE TABLE assessments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      locality_id uuid NOT NULL REFERENCES localities(id),
      kind text NOT NULL CHECK (kind IN ('territorial', 'multisector', 'impact')),
      status text NOT NULL CHECK (status IN ('planned', 'ongoing', 'done', 'cancelled')),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      start_date date NOT NULL,
      end_date date,
      title text,
      notes text,
      created_by uuid REFERENCES users(id),
      updated_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_date IS NULL OR end_date >= start_date),
      CHECK (status <> 'done' OR end_date IS NOT NULL)
    )`.execute(db);
  await sql`CREATE INDEX assessments_locality_idx ON assessments (locality_id, end_date DESC)`.execute(db);
  await sql`CREATE INDEX assessments_start_idx ON assessments (start_date DESC)`.execute(db);

  await sql`
    CREATE TABLE assessment_results (
      assessment_id uuid NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
      sector text NOT NULL,
      severity smallint CHECK (severity BETWEEN 1 AND 5),
      households_in_need integer CHECK (households_in_need >= 0),
      persons_in_need integer CHECK (persons_in_need >= 0),
      findings text,
      PRIMARY KEY (assessment_id, sector)
    )`.execute(db);

  // The report itself, apart from the assessment row so lists never read the bytes.
  await sql`
    CREATE TABLE assessment_reports (
      assessment_id uuid PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
      file_name text NOT NULL,
      content bytea NOT NULL,
      size integer NOT NULL,
      sha256 text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['assessment_reports', 'assessment_results', 'assessments']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
