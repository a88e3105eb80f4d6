import { type Kysely, sql } from 'kysely';
import type { LocalityRef } from '../../../shared/contracts/alerts.ts';
import type { AssessmentKind, AssessmentStatus } from '../../../shared/contracts/assessments.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { containsPattern } from '../../db/filters.ts';
import { withLocalityNames } from '../../db/locality-names.ts';

export interface TrackerFilters {
  region?: string;
  cercle?: string;
  q?: string;
}

export interface TrackerLocality {
  locality: LocalityRef;
  shocks: { shockDate: string; validatedOn: string | null }[];
  assessments: { id: string; kind: AssessmentKind; status: AssessmentStatus; startDate: string; endDate: string | null; organisation: { id: string; acronym: string; name: string } }[];
}

/** What the assessment tracker needs: every locality with a shock or an assessment, and both lists. */
export function trackerRepository(db: Kysely<DB>) {
  function localities(filters: TrackerFilters) {
    let q = db
      .selectFrom('localities as l')
      .where((eb) =>
        eb.or([
          eb.exists(eb.selectFrom('alerts as al').select(sql`1`.as('one')).whereRef('al.host_locality_id', '=', 'l.id').where('al.status', '!=', 'rejected')),
          eb.exists(eb.selectFrom('assessments as a').select(sql`1`.as('one')).whereRef('a.locality_id', '=', 'l.id').where('a.status', '!=', 'cancelled')),
        ]),
      );
    if (filters.region) q = q.where('l.adm1_pcode', '=', filters.region);
    if (filters.cercle) q = q.where('l.adm2_pcode', '=', filters.cercle);
    if (filters.q) q = q.where('l.name_key', 'like', containsPattern(searchKey(filters.q)));
    return q;
  }

  return {
    async list(filters: TrackerFilters): Promise<TrackerLocality[]> {
      const rows = await localities(filters)
        .$call(withLocalityNames)
        .select(['l.id', 'l.name', 'l.pcode', 'l.adm1_pcode', 'l.adm2_pcode', 'l.adm3_pcode'])
        .orderBy('adm1.name')
        .orderBy('adm2.name')
        .orderBy('l.name_key')
        .orderBy('l.id')
        .execute();
      if (rows.length === 0) return [];
      const ids = localities(filters).select('l.id');
      const [shocks, assessments] = await Promise.all([
        db
          .selectFrom('alerts')
          .select(['host_locality_id', 'shock_date', sql<string | null>`(validated_at AT TIME ZONE 'UTC')::date`.as('validated_on')])
          .where('status', '!=', 'rejected')
          .where('host_locality_id', 'in', ids)
          .orderBy('shock_date')
          .execute(),
        db
          .selectFrom('assessments as a')
          .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
          .select(['a.id', 'a.locality_id', 'a.kind', 'a.status', 'a.start_date', 'a.end_date', 'o.id as organisation_id', 'o.acronym', 'o.name as organisation_name'])
          .where('a.status', '!=', 'cancelled')
          .where('a.locality_id', 'in', ids)
          .orderBy('a.start_date')
          .orderBy('a.id')
          .execute(),
      ]);
      const byId = new Map<string, TrackerLocality>(
        rows.map((r) => [
          r.id,
          {
            locality: {
              id: r.id,
              name: r.name,
              pcode: r.pcode,
              adm1Pcode: r.adm1_pcode,
              adm1Name: r.adm1_name,
              adm2Pcode: r.adm2_pcode,
              adm2Name: r.adm2_name,
              adm3Pcode: r.adm3_pcode,
              adm3Name: r.adm3_name,
            },
            shocks: [],
            assessments: [],
          },
        ]),
      );
      for (const s of shocks) byId.get(s.host_locality_id)?.shocks.push({ shockDate: s.shock_date, validatedOn: s.validated_on });
      for (const a of assessments) {
        byId.get(a.locality_id)?.assessments.push({
          id: a.id,
          kind: a.kind as AssessmentKind,
          status: a.status as AssessmentStatus,
          startDate: a.start_date,
          endDate: a.end_date,
          organisation: { id: a.organisation_id, acronym: a.acronym, name: a.organisation_name },
        });
      }
      return [...byId.values()];
    },
  };
}
export type TrackerRepository = ReturnType<typeof trackerRepository>;
