import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface ConformityFilters {
  sector?: string;
  region?: string;
  /** First days of the first and last months. */
  from: string;
  to: string;
}

export interface DeliveryRow {
  id: string;
  kind: '5w' | 'rrm';
  period: string;
  organisation: string;
  sector: string;
  region_pcode: string | null;
  region_name: string | null;
  locality: string;
  households: number;
  package_id: string;
  package_name: string;
  revision: number;
  package_status: string;
  transfer_value_xof: number | null;
  duration_months: number | null;
  components: unknown;
  delivered_value_xof: number | null;
  delivered_duration_months: number | null;
  missing_components: string[];
}

/** What the conformity view reads: the 5W totals per sector, region and month, and every response that names a package. */
export function conformityRepository(db: Kysely<DB>) {
  return {
    async totals(f: ConformityFilters) {
      let q = db
        .selectFrom('responses as r')
        .leftJoin('admin_areas as a', 'a.pcode', 'r.adm1_pcode')
        .select([
          'r.sector',
          sql<string>`coalesce(r.adm1_pcode, '')`.as('region_pcode'),
          sql<string>`coalesce(a.name, '')`.as('region_name'),
          sql<string>`to_char(r.period, 'YYYY-MM')`.as('period'),
          sql<number>`coalesce(sum(r.households_reached), 0)::int`.as('households'),
        ])
        .where('r.period', '>=', f.from)
        .where('r.period', '<=', f.to)
        .groupBy(['r.sector', 'r.adm1_pcode', 'a.name', 'r.period']);
      if (f.sector) q = q.where('r.sector', '=', f.sector);
      if (f.region) q = q.where('r.adm1_pcode', '=', f.region);
      return q.execute();
    },

    async deliveries(f: ConformityFilters): Promise<DeliveryRow[]> {
      let fiveW = db
        .selectFrom('responses as r')
        .innerJoin('packages as p', 'p.id', 'r.package_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .innerJoin('localities as l', 'l.id', 'r.locality_id')
        .leftJoin('admin_areas as a', 'a.pcode', 'r.adm1_pcode')
        .select([
          'r.id',
          sql<'5w'>`'5w'`.as('kind'),
          sql<string>`to_char(r.period, 'YYYY-MM')`.as('period'),
          'o.acronym as organisation',
          'r.sector',
          'r.adm1_pcode as region_pcode',
          'a.name as region_name',
          'l.name as locality',
          sql<number>`coalesce(r.households_reached, 0)::int`.as('households'),
          'p.id as package_id',
          'p.name as package_name',
          'p.revision',
          'p.status as package_status',
          'p.transfer_value_xof',
          'p.duration_months',
          'p.components',
          'r.delivered_value_xof',
          'r.delivered_duration_months',
          'r.missing_components',
        ])
        .where('r.period', '>=', f.from)
        .where('r.period', '<=', f.to);
      if (f.sector) fiveW = fiveW.where('r.sector', '=', f.sector);
      if (f.region) fiveW = fiveW.where('r.adm1_pcode', '=', f.region);
      let rrm = db
        .selectFrom('rrm_responses as r')
        .innerJoin('packages as p', 'p.id', 'r.package_id')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .innerJoin('alerts as al', 'al.id', 'r.alert_id')
        .innerJoin('localities as l', 'l.id', 'al.host_locality_id')
        .leftJoin('admin_areas as a', 'a.pcode', 'l.adm1_pcode')
        .select([
          'r.id',
          sql<'rrm'>`'rrm'`.as('kind'),
          sql<string>`to_char(r.start_date, 'YYYY-MM')`.as('period'),
          'o.acronym as organisation',
          'r.sector',
          'l.adm1_pcode as region_pcode',
          'a.name as region_name',
          'l.name as locality',
          sql<number>`r.households_reached::int`.as('households'),
          'p.id as package_id',
          'p.name as package_name',
          'p.revision',
          'p.status as package_status',
          'p.transfer_value_xof',
          'p.duration_months',
          'p.components',
          'r.delivered_value_xof',
          'r.delivered_duration_months',
          'r.missing_components',
        ])
        .where(sql<boolean>`date_trunc('month', r.start_date)::date BETWEEN ${f.from}::date AND ${f.to}::date`);
      if (f.sector) rrm = rrm.where('r.sector', '=', f.sector);
      if (f.region) rrm = rrm.where('l.adm1_pcode', '=', f.region);
      const [a, b] = await Promise.all([fiveW.execute(), rrm.execute()]);
      return [...a, ...b] as DeliveryRow[];
    },
  };
}
export type ConformityRepository = ReturnType<typeof conformityRepository>;
