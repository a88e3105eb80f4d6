import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);

  await sql`
    CREATE TABLE organisations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      acronym text NOT NULL,
      type text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX organisations_acronym_key ON organisations (lower(acronym))`.execute(db);

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE,
      name text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL,
      organisation_id uuid REFERENCES organisations(id),
      regions text[] NOT NULL DEFAULT '{}',
      language text NOT NULL DEFAULT 'fr',
      active boolean NOT NULL DEFAULT true,
      must_change_password boolean NOT NULL DEFAULT false,
      last_login_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);

  // The token itself is never stored: only its keyed hash, so a database leak yields no usable session.
  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db);

  await sql`
    CREATE TABLE audit_events (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid REFERENCES users(id),
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      before jsonb,
      after jsonb,
      request_id text
    )`.execute(db);
  await sql`CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, id DESC)`.execute(db);
  await sql`CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, id DESC)`.execute(db);

  await sql`
    CREATE TABLE admin_areas (
      pcode text PRIMARY KEY,
      name text NOT NULL,
      name_key text NOT NULL,
      level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
      parent_pcode text REFERENCES admin_areas(pcode),
      edition text NOT NULL,
      geometry jsonb,
      min_lon double precision,
      min_lat double precision,
      max_lon double precision,
      max_lat double precision,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX admin_areas_level_idx ON admin_areas (level, name_key)`.execute(db);
  await sql`CREATE INDEX admin_areas_parent_idx ON admin_areas (parent_pcode)`.execute(db);
  await sql`CREATE INDEX admin_areas_name_trgm ON admin_areas USING gin (name_key gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE localities (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      name_key text NOT NULL,
      pcode text UNIQUE,
      kind text NOT NULL DEFAULT 'village',
      adm1_pcode text REFERENCES admin_areas(pcode),
      adm2_pcode text REFERENCES admin_areas(pcode),
      adm3_pcode text REFERENCES admin_areas(pcode),
      lat double precision,
      lon double precision,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX localities_name_trgm ON localities USING gin (name_key gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX localities_adm_idx ON localities (adm1_pcode, adm2_pcode, adm3_pcode)`.execute(db);

  await sql`
    CREATE TABLE settings (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['settings', 'localities', 'admin_areas', 'audit_events', 'sessions', 'users', 'organisations']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
