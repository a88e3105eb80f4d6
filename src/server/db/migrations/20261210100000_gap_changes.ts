import { type Kysely, sql } from 'kysely';

/** Tables whose rows belong to one locality (its column, or found through a parent row). */
const localityOf: Record<string, string> = {
  responses: 'SELECT locality_id FROM %s',
  gap_follow_ups: 'SELECT locality_id FROM %s',
  assessments: 'SELECT locality_id FROM %s',
  alerts: 'SELECT host_locality_id FROM %s',
  assessment_results: 'SELECT a.locality_id FROM %s x JOIN assessments a ON a.id = x.assessment_id',
  alert_msa_findings: 'SELECT al.host_locality_id FROM %s x JOIN alerts al ON al.id = x.alert_id',
  rrm_responses: 'SELECT al.host_locality_id FROM %s x JOIN alerts al ON al.id = x.alert_id',
};

/** Tables any of whose changes may move every gap (names, places, settings): logged as 'all'. */
const everythingTables = ['localities', 'admin_areas', 'organisations', 'settings'];

export async function up(db: Kysely<unknown>): Promise<void> {
  // The localities whose gaps a transaction may have changed, logged by the transaction itself
  // (statement triggers, so a 50,000-row import adds one row per locality, not per record): the
  // gap engine keeps its figures and recomputes only these localities on the next read
  // (src/server/features/gaps/gap-state.ts). `xid` lets a reader tell a change committed after
  // it looked from one it already saw, whatever order the sequence numbers commit in.
  // kind: 'locality' (its pairs), 'capacity' (declared capacities: every pair's count of
  // organisations with room), 'all' (recompute everything).
  await sql`
    CREATE TABLE gap_changes (
      seq bigserial PRIMARY KEY,
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      kind text NOT NULL DEFAULT 'locality',
      locality_id uuid,
      logged_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX gap_changes_xid_idx ON gap_changes (xid)`.execute(db);

  for (const [table, select] of Object.entries(localityOf)) {
    const fromNew = sql.raw(select.replace('%s', 'new_rows'));
    const fromOld = sql.raw(select.replace('%s', 'old_rows'));
    const fn = sql.id(`log_gap_changes_${table}`);
    await sql`
      CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO gap_changes (locality_id) SELECT DISTINCT l FROM (${fromNew}) x(l) WHERE l IS NOT NULL;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO gap_changes (locality_id) SELECT l FROM (${fromNew}) x(l) WHERE l IS NOT NULL UNION SELECT l FROM (${fromOld}) y(l) WHERE l IS NOT NULL;
        ELSE
          INSERT INTO gap_changes (locality_id) SELECT DISTINCT l FROM (${fromOld}) x(l) WHERE l IS NOT NULL;
        END IF;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_gap_insert`)} AFTER INSERT ON ${sql.table(table)} REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
    await sql`CREATE TRIGGER ${sql.id(`${table}_gap_update`)} AFTER UPDATE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
    // A child row deleted by a parent's cascade no longer finds its parent: the parent's own
    // trigger logs the locality.
    await sql`CREATE TRIGGER ${sql.id(`${table}_gap_delete`)} AFTER DELETE ON ${sql.table(table)} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`.execute(db);
  }

  await sql`
    CREATE FUNCTION log_gap_changes_kind() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO gap_changes (kind) VALUES (TG_ARGV[0]);
      RETURN NULL;
    END $$`.execute(db);
  const kinds: [string, string][] = [...everythingTables.map((t): [string, string] => [t, 'all']), ['capacities', 'capacity']];
  for (const [table, kind] of kinds) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_gap_change`)} AFTER INSERT OR UPDATE OR DELETE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION log_gap_changes_kind(${sql.lit(kind)})`.execute(db);
  }
  // TRUNCATE skips row and transition triggers: whatever the table, recompute everything.
  for (const table of [...Object.keys(localityOf), ...kinds.map(([t]) => t)]) {
    await sql`CREATE TRIGGER ${sql.id(`${table}_gap_truncate`)} AFTER TRUNCATE ON ${sql.table(table)}
      FOR EACH STATEMENT EXECUTE FUNCTION log_gap_changes_kind('all')`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of Object.keys(localityOf)) {
    for (const suffix of ['insert', 'update', 'delete', 'truncate'])
      await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_gap_${suffix}`)} ON ${sql.table(table)}`.execute(db);
    await sql`DROP FUNCTION IF EXISTS ${sql.id(`log_gap_changes_${table}`)}()`.execute(db);
  }
  for (const table of [...everythingTables, 'capacities']) {
    for (const suffix of ['change', 'truncate']) await sql`DROP TRIGGER IF EXISTS ${sql.id(`${table}_gap_${suffix}`)} ON ${sql.table(table)}`.execute(db);
  }
  await sql`DROP FUNCTION IF EXISTS log_gap_changes_kind()`.execute(db);
  await sql`DROP TABLE IF EXISTS gap_changes`.execute(db);
}
