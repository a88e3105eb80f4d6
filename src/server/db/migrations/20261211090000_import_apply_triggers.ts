import { type Kysely, sql } from 'kysely';

/**
 * Tables the 5W import's and the list upload's applies write to. On the embedded store the apply checks their references
 * set-based and skips PostgreSQL's row-by-row foreign-key checks (`session_replication_role =
 * replica`: 7 of 18 s of a 50,000-row apply on PGlite were those checks). That setting would also
 * skip the tables' own triggers (totals, coverage intervals, gap changes), so they are marked to
 * fire always; outside that setting "always" changes nothing.
 */
const importApplyTables = ['responses', 'response_alerts', 'audit_events', 'list_households'] as const;

async function setTriggers(db: Kysely<unknown>, mode: 'ENABLE ALWAYS' | 'ENABLE'): Promise<void> {
  for (const table of importApplyTables) {
    const { rows } = await sql<{ name: string }>`
      SELECT tgname AS name FROM pg_trigger WHERE tgrelid = ${table}::regclass AND NOT tgisinternal ORDER BY tgname`.execute(db);
    for (const { name } of rows) await sql`ALTER TABLE ${sql.table(table)} ${sql.raw(mode)} TRIGGER ${sql.id(name)}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await setTriggers(db, 'ENABLE ALWAYS');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setTriggers(db, 'ENABLE');
}
