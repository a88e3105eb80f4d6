import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The day an alert was verified and the day its multisector assessment was recorded, as the
  // later steps already have theirs: the workflow shows every step with its date.
  await sql`ALTER TABLE alerts ADD COLUMN verified_at timestamptz, ADD COLUMN assessed_at timestamptz`.execute(db);
  // Alerts that took those steps before: the audit journal holds the change that took them there.
  for (const [column, status] of [
    ['verified_at', 'verified'],
    ['assessed_at', 'assessed'],
  ] as const) {
    await sql`
      UPDATE alerts a SET ${sql.ref(column)} = e.at
      FROM (
        SELECT entity_id, min(at) AS at FROM audit_events
        WHERE entity = 'alert' AND after ->> 'status' = ${status} AND (before IS NULL OR before ->> 'status' IS DISTINCT FROM ${status})
        GROUP BY entity_id
      ) e
      WHERE e.entity_id = a.id::text`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE alerts DROP COLUMN verified_at, DROP COLUMN assessed_at`.execute(db);
}
