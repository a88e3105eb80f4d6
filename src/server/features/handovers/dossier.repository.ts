import { type Kysely, sql, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** What the handover dossier reads about one shock at one locality, at a date. */
export function dossierRepository(db: Kysely<DB>) {
  return {
    /** Households reached by the RRM for this shock, by sector and organisation, responses started by `at`. */
    rrmBySector(alertId: string, at: string) {
      return db
        .selectFrom('rrm_responses as rr')
        .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
        .where('rr.alert_id', '=', alertId)
        .where('rr.start_date', '<=', at)
        .groupBy(['rr.sector', 'o.acronym'])
        .select(['rr.sector', 'o.acronym', sql<number>`sum(rr.households_reached)`.as('households')])
        .execute();
    },

    /**
     * Post-RRM (5W) households reached at the locality since the shock, by sector and organisation.
     * The 5W is monthly and the same households come back month after month, so a sector counts its
     * busiest month (the month's organisations added up), never the months added together.
     */
    postRrmBySector(localityId: string, shockDate: string, at: string) {
      return db
        .selectFrom('responses as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .where('r.locality_id', '=', localityId)
        .where('r.start_date', '>=', shockDate)
        .where('r.start_date', '<=', at)
        .groupBy(['r.sector', 'r.period', 'o.acronym'])
        .select(['r.sector', 'r.period', 'o.acronym', sql<number>`coalesce(sum(r.households_reached), 0)`.as('households')])
        .execute();
    },

    /** The locality's assessments started since the shock and by `at`, with their results. */
    async assessments(localityId: string, shockDate: string, at: string) {
      const rows = await db
        .selectFrom('assessments as s')
        .where('s.locality_id', '=', localityId)
        .where('s.start_date', '>=', shockDate)
        .where('s.start_date', '<=', at)
        .select(['s.id', 's.kind', 's.status', 's.start_date', 's.end_date'])
        .orderBy('s.start_date')
        .execute();
      const results = rows.length
        ? await db
            .selectFrom('assessment_results')
            .where(
              'assessment_id',
              'in',
              rows.map((r) => r.id),
            )
            .select(['assessment_id', 'sector', 'severity', 'households_in_need', 'findings'])
            .orderBy('sector')
            .execute()
        : [];
      return rows.map((r) => ({ ...r, results: results.filter((x) => x.assessment_id === r.id) }));
    },

    /** Development programmes running on `at` in the commune, its cercle or its region. */
    programmesCovering(pcodes: string[], at: string) {
      if (pcodes.length === 0) return Promise.resolve([]);
      return db
        .selectFrom('development_programmes as p')
        .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
        .where(sql<SqlBool>`p.area_pcodes && ${pcodes}::text[]`)
        .where('p.start_date', '<=', at)
        .where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', at)]))
        .select(['p.id', 'p.name', 'p.funding', 'p.start_date', 'p.end_date', 'p.sectors', 'o.id as organisation_id', 'o.acronym', 'o.name as organisation_name'])
        .orderBy('o.acronym')
        .orderBy('p.name')
        .execute();
    },
  };
}
export type DossierRepository = ReturnType<typeof dossierRepository>;
