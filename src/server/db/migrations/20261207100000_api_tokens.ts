import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Personal API tokens: only a SHA-256 of the secret is kept (the secret is 256 random bits, so a
  // plain hash is enough: nothing to guess, unlike a password). `hint` is the secret's last
  // characters, to tell tokens apart in a list. A token always expires.
  await sql`
    CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      name text NOT NULL,
      scope text NOT NULL CHECK (scope IN ('read', 'full')),
      token_hash text NOT NULL UNIQUE,
      hint text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users(id),
      CHECK (expires_at > created_at)
    )`.execute(db);
  await sql`CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at DESC)`.execute(db);

  // Every audit row written during a request made with a token names the token.
  await sql`ALTER TABLE audit_events ADD COLUMN api_token_id uuid REFERENCES api_tokens(id)`.execute(db);
  await sql`CREATE INDEX audit_events_api_token_idx ON audit_events (api_token_id, id) WHERE api_token_id IS NOT NULL`.execute(db);

  // When each table last changed (the HXL feeds' Last-Modified), raised with its counter.
  await sql`ALTER TABLE data_versions ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now()`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('relais.version_raised.' || TG_TABLE_NAME, true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE name = TG_TABLE_NAME;
        PERFORM set_config('relais.version_raised.' || TG_TABLE_NAME, txid_current()::text, true);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  // Organisations too: the feeds name them by acronym.
  await sql`INSERT INTO data_versions (name) VALUES ('organisations') ON CONFLICT DO NOTHING`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER organisations_data_version AFTER INSERT OR UPDATE OR DELETE ON organisations
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION raise_data_version()`.execute(db);
  await sql`CREATE TRIGGER organisations_data_version_truncate AFTER TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION raise_data_version()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS organisations_data_version ON organisations`.execute(db);
  await sql`DROP TRIGGER IF EXISTS organisations_data_version_truncate ON organisations`.execute(db);
  await sql`DELETE FROM data_versions WHERE name = 'organisations'`.execute(db);
  await sql`
    CREATE OR REPLACE FUNCTION raise_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('relais.version_raised.' || TG_TABLE_NAME, true) IS DISTINCT FROM txid_current()::text THEN
        UPDATE data_versions SET version = version + 1 WHERE name = TG_TABLE_NAME;
        PERFORM set_config('relais.version_raised.' || TG_TABLE_NAME, txid_current()::text, true);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`ALTER TABLE data_versions DROP COLUMN IF EXISTS changed_at`.execute(db);
  await sql`ALTER TABLE audit_events DROP COLUMN IF EXISTS api_token_id`.execute(db);
  await sql`DROP TABLE IF EXISTS api_tokens`.execute(db);
}
