import { type Kysely, sql } from 'kysely';
import { dataVersionOf } from '../../db/data-versions.repository.ts';
import type { DB } from '../../db/schema.ts';

/** Where a dashboard looks: the whole country, a region or a cercle. */
export interface AreaScope {
  region?: string;
  cercle?: string;
}

/** A non-rejected shock as the dashboard counts it; phases are computed from it by src/shared/phases.ts. */
export interface ShockRow {
  id: string;
  locality_id: string;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
  shock_date: string;
  alert_date: string;
  validated_on: string | null;
  first_rrm_on: string | null;
  households: number;
  persons: number;
  population_group: string;
}

export interface LocalityPoint {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
  adm1_pcode: string | null;
  adm2_pcode: string | null;
  adm3_pcode: string | null;
}

export interface AreaRow {
  pcode: string;
  name: string;
  level: number;
  parent_pcode: string | null;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
}

const areaColumns = ['pcode', 'name', 'level', 'parent_pcode', 'min_lon', 'min_lat', 'max_lon', 'max_lat'] as const;

/** The queries the dashboard needs beyond the gap engine and the 5W pivot, which it reuses. */
export function dashboardRepository(db: Kysely<DB>) {
  return {
    /** Every non-rejected shock of the localities in scope that happened by `at`, with its first RRM response day. */
    async shocksUntil(at: string, scope: AreaScope): Promise<ShockRow[]> {
      let query = db
        .selectFrom('alerts as a')
        .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
        .select([
          'a.id',
          'a.host_locality_id as locality_id',
          'l.adm1_pcode',
          'l.adm2_pcode',
          'l.adm3_pcode',
          'a.shock_date',
          'a.alert_date',
          sql<string | null>`(a.validated_at AT TIME ZONE 'UTC')::date::text`.as('validated_on'),
          sql<string | null>`(SELECT min(rr.start_date)::text FROM rrm_responses rr WHERE rr.alert_id = a.id)`.as('first_rrm_on'),
          'a.households',
          'a.persons',
          'a.population_group',
        ])
        .where('a.status', '!=', 'rejected')
        .where('a.shock_date', '<=', at);
      if (scope.region) query = query.where('l.adm1_pcode', '=', scope.region);
      if (scope.cercle) query = query.where('l.adm2_pcode', '=', scope.cercle);
      return query.orderBy('a.shock_date').orderBy('a.code').execute();
    },

    /** Every locality with its position, by id (kept by the dashboard until a place changes). */
    async localityPoints(): Promise<Map<string, LocalityPoint>> {
      const rows = await db.selectFrom('localities').select(['id', 'name', 'lat', 'lon', 'adm1_pcode', 'adm2_pcode', 'adm3_pcode']).execute();
      return new Map(rows.map((row) => [row.id, row]));
    },

    async area(pcode: string): Promise<AreaRow | undefined> {
      return db.selectFrom('admin_areas').select(areaColumns).where('pcode', '=', pcode).executeTakeFirst();
    },

    /** Areas of a level, under `parent` when given, by name. */
    async areasOf(level: number, parent: string | null): Promise<AreaRow[]> {
      let query = db.selectFrom('admin_areas').select(areaColumns).where('level', '=', level);
      if (parent) query = query.where('parent_pcode', '=', parent);
      return query.orderBy('name').execute();
    },

    /** Whether boundaries were imported for the areas of a level (under `parent`). */
    async hasBoundaries(level: number, parent: string | null): Promise<boolean> {
      let query = db.selectFrom('admin_areas').select('pcode').where('level', '=', level).where('geometry', 'is not', null);
      if (parent) query = query.where('parent_pcode', '=', parent);
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },

    /** Boundaries of the areas of a level (under `parent`), for drawing. */
    async boundaries(level: number, parent: string | null): Promise<{ pcode: string; name: string; geometry: unknown }[]> {
      let query = db.selectFrom('admin_areas').select(['pcode', 'name', 'geometry']).where('level', '=', level).where('geometry', 'is not', null);
      if (parent) query = query.where('parent_pcode', '=', parent);
      return query.orderBy('pcode').execute();
    },

    /**
     * A fingerprint of what the shocks' figures are computed from (not the 5W records, which
     * partners save all day): those figures are kept across 5W writes.
     */
    shockDataVersion: () => dataVersionOf(db, ['alerts', 'rrm_responses', 'localities', 'admin_areas', 'settings']),

    /**
     * A fingerprint of everything the figures are computed from: it changes whenever a record is
     * added, changed or deleted, so computed figures can be reused until then.
     */
    dataVersion: () =>
      dataVersionOf(db, [
        'alerts',
        'alert_msa_findings',
        'rrm_responses',
        'responses',
        'assessments',
        'assessment_results',
        'capacities',
        'gap_follow_ups',
        'localities',
        'admin_areas',
        'settings',
      ]),
  };
}
export type DashboardRepository = ReturnType<typeof dashboardRepository>;
