import { type Kysely, sql } from 'kysely';
import type { Sector } from '../../../shared/sectors.ts';
import { dataStampOf, type VersionedTable } from '../../db/data-versions.repository.ts';
import { withAreaNamesOf } from '../../db/locality-names.ts';
import type { DB } from '../../db/schema.ts';

/** One row of the 5W feed: an organisation's activities in a commune, a sector and a month, added up. */
export interface FiveWAggregate {
  month: string;
  adm1_pcode: string | null;
  adm1_name: string | null;
  adm2_pcode: string | null;
  adm2_name: string | null;
  adm3_pcode: string | null;
  adm3_name: string | null;
  organisation: string;
  sector: string;
  activities: number;
  localities: number;
  households_targeted: number | null;
  households_reached: number | null;
  persons_targeted: number | null;
  persons_reached: number | null;
}

export function feedsRepository(db: Kysely<DB>) {
  return {
    /** The version and last change of the tables a feed is computed from (its ETag and Last-Modified). */
    stamp: (tables: readonly VersionedTable[]) => dataStampOf(db, tables),

    /**
     * The 5W records added up by month, commune, organisation and sector: how many activities in
     * how many localities, and the households and persons they target and reach. Nothing of one
     * record alone (no activity text, donor, budget or comment).
     */
    fiveW(filters: { region?: string; sector?: readonly Sector[]; month?: string }): Promise<FiveWAggregate[]> {
      let query = db
        .selectFrom('responses as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .$call(withAreaNamesOf('r'))
        .select([
          sql<string>`to_char(r.period, 'YYYY-MM')`.as('month'),
          'r.adm1_pcode',
          'r.adm2_pcode',
          'r.adm3_pcode',
          'o.acronym as organisation',
          'r.sector',
          sql<number>`count(*)::int`.as('activities'),
          sql<number>`count(DISTINCT r.locality_id)::int`.as('localities'),
          sql<number | null>`sum(r.households_targeted)::bigint`.as('households_targeted'),
          sql<number | null>`sum(r.households_reached)::bigint`.as('households_reached'),
          sql<number | null>`sum(r.persons_targeted)::bigint`.as('persons_targeted'),
          sql<number | null>`sum(r.persons_reached)::bigint`.as('persons_reached'),
        ])
        .groupBy(['r.period', 'r.adm1_pcode', 'adm1.name', 'r.adm2_pcode', 'adm2.name', 'r.adm3_pcode', 'adm3.name', 'o.acronym', 'r.sector']);
      if (filters.region) query = query.where('r.adm1_pcode', '=', filters.region);
      if (filters.sector?.length) query = query.where('r.sector', 'in', [...filters.sector]);
      if (filters.month) query = query.where('r.period', '=', `${filters.month}-01`);
      return query
        .orderBy('r.period')
        .orderBy('r.adm1_pcode')
        .orderBy('r.adm2_pcode')
        .orderBy('r.adm3_pcode')
        .orderBy('o.acronym')
        .orderBy('r.sector')
        .execute();
    },
  };
}
export type FeedsRepository = ReturnType<typeof feedsRepository>;
