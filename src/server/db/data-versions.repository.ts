import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Tables whose change counters the data_versions migration keeps. */
export type VersionedTable =
  | 'admin_areas'
  | 'alert_msa_findings'
  | 'alerts'
  | 'assessment_results'
  | 'assessments'
  | 'capacities'
  | 'gap_follow_ups'
  | 'localities'
  | 'organisations'
  | 'responses'
  | 'rrm_responses'
  | 'settings';

/**
 * A stamp of the tables' contents that changes with every committed change to any of them:
 * their counters, raised at commit by triggers. Figures computed from these tables are kept
 * while the stamp stays the same (src/server/lib/figures-cache.ts).
 */
export async function dataVersionOf(db: Kysely<DB>, tables: readonly VersionedTable[]): Promise<string> {
  const rows = await db.selectFrom('data_versions').select(['name', 'version']).where('name', 'in', [...tables]).orderBy('name').execute();
  return rows.map((r) => `${r.name}:${r.version}`).join('|');
}

/**
 * The stamp of `dataVersionOf` with the moment the newest of those tables last changed: what an
 * HTTP validator needs (ETag from the version, Last-Modified from the moment).
 */
export async function dataStampOf(db: Kysely<DB>, tables: readonly VersionedTable[]): Promise<{ version: string; changedAt: Date }> {
  const rows = await db.selectFrom('data_versions').select(['name', 'version', 'changed_at']).where('name', 'in', [...tables]).orderBy('name').execute();
  return {
    version: rows.map((r) => `${r.name}:${r.version}`).join('|'),
    changedAt: new Date(Math.max(0, ...rows.map((r) => r.changed_at.getTime()))),
  };
}
