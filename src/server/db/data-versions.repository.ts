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
