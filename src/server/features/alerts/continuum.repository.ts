import type { Kysely } from 'kysely';
import type { AssessmentKind } from '../../../shared/contracts/assessments.ts';
import type { Modality } from '../../../shared/contracts/alerts.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';

export interface PostRrmActivity {
  id: string;
  alertId: string | null;
  organisation: { id: string; acronym: string; name: string };
  sector: Sector;
  package: string | null;
  startDate: string;
  endDate: string | null;
  householdsReached: number | null;
  personsReached: number | null;
  modality: Modality | null;
}

/** What the 5W and the assessments add to a locality's continuum. */
export function continuumRepository(db: Kysely<DB>) {
  return {
    /**
     * One bar per activity: partners report the same activity every month, so only its latest
     * report up to `at` is drawn (DISTINCT ON keeps the first row of each group in that order).
     */
    async postRrmActivities(localityId: string, at: string): Promise<PostRrmActivity[]> {
      const rows = await db
        .selectFrom('responses as r')
        .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
        .distinctOn(['r.organisation_id', 'r.sector', 'r.activity', 'r.start_date'])
        .select((eb) => [
          'r.id',
          'r.organisation_id',
          'o.acronym',
          'o.name',
          'r.sector',
          'r.package',
          'r.start_date',
          'r.end_date',
          'r.households_reached',
          'r.persons_reached',
          'r.modality',
          eb.selectFrom('response_alerts as ra').select('ra.alert_id').whereRef('ra.response_id', '=', 'r.id').limit(1).as('alert_id'),
        ])
        .where('r.locality_id', '=', localityId)
        .where('r.period', '<=', at)
        .orderBy('r.organisation_id')
        .orderBy('r.sector')
        .orderBy('r.activity')
        .orderBy('r.start_date')
        .orderBy('r.period', 'desc')
        .execute();
      return rows
        .map((r) => ({
          id: r.id,
          alertId: r.alert_id ?? null,
          organisation: { id: r.organisation_id, acronym: r.acronym, name: r.name },
          sector: r.sector as Sector,
          package: r.package,
          startDate: r.start_date,
          endDate: r.end_date,
          householdsReached: r.households_reached,
          personsReached: r.persons_reached,
          modality: r.modality as Modality | null,
        }))
        .sort((a, b) => a.startDate.localeCompare(b.startDate));
    },

    /** The locality's assessments that have a date, for the timeline (cancelled ones left out). */
    async assessmentMilestones(localityId: string) {
      const rows = await db
        .selectFrom('assessments as a')
        .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
        .select(['a.id', 'a.kind', 'a.status', 'a.start_date', 'a.end_date', 'o.acronym'])
        .where('a.locality_id', '=', localityId)
        .where('a.status', '!=', 'cancelled')
        .orderBy('a.start_date')
        .execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind as AssessmentKind, status: r.status, date: r.end_date ?? r.start_date, organisation: r.acronym }));
    },
  };
}
export type ContinuumRepository = ReturnType<typeof continuumRepository>;
