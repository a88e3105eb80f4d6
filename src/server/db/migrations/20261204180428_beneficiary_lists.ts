import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // An organisation's acceptance of one version of the list-sharing protocol (required before it uploads).
  await sql`
    CREATE TABLE list_protocol_acceptances (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      version text NOT NULL,
      signatory_name text NOT NULL,
      accepted_by uuid NOT NULL REFERENCES users(id),
      accepted_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (organisation_id, version)
    )`.execute(db);

  await sql`CREATE SEQUENCE beneficiary_list_code_seq`.execute(db);
  await sql`CREATE SEQUENCE sharing_request_code_seq`.execute(db);

  // The registry: what a list is, whose, why, until when, and how many households; never a name.
  // `wrapped_key` is the list's data key wrapped by the master key (never stored here); null once
  // purged, which makes every encrypted value of the list unreadable for good (crypto-shredding).
  // `file_digest` is a keyed hash of the uploaded bytes: the same file again is recognised.
  await sql`
    CREATE TABLE beneficiary_lists (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      title text NOT NULL,
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'validated', 'deduplicated', 'archived', 'purged')),
      purpose text NOT NULL CHECK (purpose IN ('targeting', 'deduplication', 'coverage', 'follow_up')),
      legal_basis text NOT NULL CHECK (legal_basis IN ('consent', 'vital_interest', 'public_interest', 'legitimate_interest')),
      legal_basis_note text,
      sensitivity text NOT NULL CHECK (sensitivity IN ('moderate', 'high', 'severe')),
      protocol_version text NOT NULL,
      sectors text[] NOT NULL DEFAULT '{}',
      assistance_from date,
      assistance_to date,
      alert_id uuid REFERENCES alerts(id),
      retention_until date NOT NULL,
      row_count integer NOT NULL,
      household_count integer NOT NULL,
      file_name text,
      file_digest text,
      wrapped_key bytea,
      key_id text,
      uploaded_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      purged_at timestamptz,
      purged_by uuid REFERENCES users(id),
      version integer NOT NULL DEFAULT 1,
      CHECK ((status = 'purged') = (wrapped_key IS NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX beneficiary_lists_file_idx ON beneficiary_lists (organisation_id, file_digest) WHERE file_digest IS NOT NULL`.execute(db);
  await sql`CREATE INDEX beneficiary_lists_organisation_idx ON beneficiary_lists (organisation_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX beneficiary_lists_retention_idx ON beneficiary_lists (retention_until) WHERE status <> 'purged'`.execute(db);

  // One row per household of a list. Personal fields live only in `payload` (AES-256-GCM under
  // the list's data key, the row id as associated data). The searchable and countable keys are
  // keyed hashes (HMAC, a key apart from the encryption key), never plaintext: `household_key`
  // tells one household from another for distinct counts; `nina_index` and `name_phone_indexes`
  // answer person searches; `block_keys` group candidates for deduplication; `cluster_id` is set
  // by deduplication so counts become distinct across lists and organisations.
  await sql`
    CREATE TABLE list_households (
      id uuid PRIMARY KEY,
      list_id uuid NOT NULL REFERENCES beneficiary_lists(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      locality_id uuid NOT NULL REFERENCES localities(id),
      sector text NOT NULL,
      assistance_date date NOT NULL,
      household_size integer,
      payload bytea,
      household_key text,
      nina_index text,
      name_phone_indexes text[] NOT NULL DEFAULT '{}',
      block_keys text[] NOT NULL DEFAULT '{}',
      cluster_id uuid,
      erased_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX list_households_list_idx ON list_households (list_id, row_number)`.execute(db);
  await sql`CREATE INDEX list_households_coverage_idx ON list_households (locality_id, sector, assistance_date)`.execute(db);
  await sql`CREATE INDEX list_households_nina_idx ON list_households (nina_index) WHERE nina_index IS NOT NULL`.execute(db);
  await sql`CREATE INDEX list_households_name_phone_idx ON list_households USING gin (name_phone_indexes)`.execute(db);

  // Distinct households of one list per locality × sector × month, written at upload: the counts
  // that stay once the list's personal data is purged.
  await sql`
    CREATE TABLE list_coverage (
      list_id uuid NOT NULL REFERENCES beneficiary_lists(id) ON DELETE CASCADE,
      locality_id uuid NOT NULL REFERENCES localities(id),
      sector text NOT NULL,
      month date NOT NULL,
      households integer NOT NULL,
      PRIMARY KEY (list_id, locality_id, sector, month)
    )`.execute(db);
  await sql`CREATE INDEX list_coverage_place_idx ON list_coverage (locality_id, sector, month)`.execute(db);

  // Columns of an organisation's own files, mapped once to the template, reused at its next uploads.
  await sql`
    CREATE TABLE list_column_mappings (
      organisation_id uuid NOT NULL REFERENCES organisations(id),
      header_key text NOT NULL,
      header text NOT NULL,
      column_key text NOT NULL,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, header_key)
    )`.execute(db);

  // An organisation's request for another's households (a list, or a locality and sector), for a
  // purpose, a period and chosen fields; the custodian's decision makes it an agreement.
  await sql`
    CREATE TABLE sharing_requests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      requester_organisation_id uuid NOT NULL REFERENCES organisations(id),
      requested_by uuid NOT NULL REFERENCES users(id),
      list_id uuid REFERENCES beneficiary_lists(id),
      locality_id uuid REFERENCES localities(id),
      sector text,
      purpose text NOT NULL,
      justification text NOT NULL,
      fields text[] NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      decision_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK (list_id IS NOT NULL OR (locality_id IS NOT NULL AND sector IS NOT NULL)),
      CHECK (period_from <= period_to)
    )`.execute(db);
  await sql`CREATE INDEX sharing_requests_requester_idx ON sharing_requests (requester_organisation_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX sharing_requests_list_idx ON sharing_requests (list_id)`.execute(db);

  // Sharing requests reach the custodian, decisions the requester and the list's owner.
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
      'gap_upcoming', 'gap_open', 'gap_digest',
      'action_point_due', 'action_point_overdue', 'meeting_invitation', 'meeting_minutes',
      'sharing_request', 'sharing_decision'
    ))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM notifications WHERE kind IN ('sharing_request', 'sharing_decision')`.execute(db);
  await sql`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`.execute(db);
  await sql`
    ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
      'gap_upcoming', 'gap_open', 'gap_digest',
      'action_point_due', 'action_point_overdue', 'meeting_invitation', 'meeting_minutes'
    ))`.execute(db);
  await sql`DROP TABLE sharing_requests`.execute(db);
  await sql`DROP TABLE list_column_mappings`.execute(db);
  await sql`DROP TABLE list_coverage`.execute(db);
  await sql`DROP TABLE list_households`.execute(db);
  await sql`DROP TABLE beneficiary_lists`.execute(db);
  await sql`DROP SEQUENCE sharing_request_code_seq`.execute(db);
  await sql`DROP SEQUENCE beneficiary_list_code_seq`.execute(db);
  await sql`DROP TABLE list_protocol_acceptances`.execute(db);
}
