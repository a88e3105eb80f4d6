import type { Kysely } from 'kysely';
import type { RrmResponse } from '../../../shared/contracts/alerts.ts';
import type { DB } from '../../db/schema.ts';

export interface RrmResponseValues {
  organisationId: string;
  sector: string;
  package: string | null;
  packageId: string | null;
  deliveredValueXof: number | null;
  deliveredDurationMonths: number | null;
  missingComponents: string[];
  startDate: string;
  endDate: string;
  householdsReached: number;
  personsReached: number;
  modality: string;
}

function selectResponses(db: Kysely<DB>) {
  return db
    .selectFrom('rrm_responses as rr')
    .innerJoin('organisations as o', 'o.id', 'rr.organisation_id')
    .leftJoin('packages as pk', 'pk.id', 'rr.package_id')
    .select([
      'rr.package_id',
      'rr.delivered_value_xof',
      'rr.delivered_duration_months',
      'rr.missing_components',
      'pk.name as package_name',
      'pk.revision as package_revision',
      'rr.id',
      'rr.alert_id',
      'rr.sector',
      'rr.package',
      'rr.start_date',
      'rr.end_date',
      'rr.households_reached',
      'rr.persons_reached',
      'rr.modality',
      'rr.version',
      'rr.created_at',
      'rr.updated_at',
      'o.id as organisation_id',
      'o.acronym as organisation_acronym',
      'o.name as organisation_name',
    ]);
}
type ResponseRow = Awaited<ReturnType<ReturnType<typeof selectResponses>['executeTakeFirstOrThrow']>>;

function toResponse(row: ResponseRow): RrmResponse {
  return {
    id: row.id,
    alertId: row.alert_id,
    organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    sector: row.sector as RrmResponse['sector'],
    package: row.package,
    packageRef: row.package_id && row.package_name ? { id: row.package_id, name: row.package_name, revision: row.package_revision! } : null,
    deliveredValueXof: row.delivered_value_xof,
    deliveredDurationMonths: row.delivered_duration_months,
    missingComponents: row.missing_components,
    startDate: row.start_date,
    endDate: row.end_date,
    householdsReached: row.households_reached,
    personsReached: row.persons_reached,
    modality: row.modality as RrmResponse['modality'],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function toColumns<V extends Partial<RrmResponseValues>>(values: V) {
  return {
    organisation_id: values.organisationId as V['organisationId'],
    sector: values.sector as V['sector'],
    package: values.package as V['package'],
    package_id: values.packageId as V['packageId'],
    delivered_value_xof: values.deliveredValueXof as V['deliveredValueXof'],
    delivered_duration_months: values.deliveredDurationMonths as V['deliveredDurationMonths'],
    missing_components: values.missingComponents as V['missingComponents'],
    start_date: values.startDate as V['startDate'],
    end_date: values.endDate as V['endDate'],
    households_reached: values.householdsReached as V['householdsReached'],
    persons_reached: values.personsReached as V['personsReached'],
    modality: values.modality as V['modality'],
  };
}

export function rrmResponsesRepository() {
  return {
    async listByAlert(trx: Kysely<DB>, alertId: string): Promise<RrmResponse[]> {
      const rows = await selectResponses(trx).where('rr.alert_id', '=', alertId).orderBy('rr.start_date').orderBy('o.acronym').orderBy('rr.id').execute();
      return rows.map(toResponse);
    },

    /** RRM responses to any alert hosted by the locality, for its continuum. */
    async listByLocality(trx: Kysely<DB>, localityId: string): Promise<RrmResponse[]> {
      const rows = await selectResponses(trx)
        .innerJoin('alerts as a', 'a.id', 'rr.alert_id')
        .where('a.host_locality_id', '=', localityId)
        .where('a.status', '!=', 'rejected')
        .orderBy('rr.start_date')
        .orderBy('rr.sector')
        .orderBy('rr.id')
        .execute();
      return rows.map(toResponse);
    },

    async findById(trx: Kysely<DB>, id: string): Promise<RrmResponse | undefined> {
      const row = await selectResponses(trx).where('rr.id', '=', id).executeTakeFirst();
      return row && toResponse(row);
    },

    async insert(trx: Kysely<DB>, alertId: string, values: RrmResponseValues, createdBy: string | null): Promise<string> {
      const { id } = await trx
        .insertInto('rrm_responses')
        .values({ alert_id: alertId, ...toColumns(values), created_by: createdBy })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: Partial<RrmResponseValues>): Promise<boolean> {
      const result = await trx
        .updateTable('rrm_responses')
        .set((eb) => ({ ...toColumns(values), updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deleteIfVersion(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('rrm_responses').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
export type RrmResponsesRepository = ReturnType<typeof rrmResponsesRepository>;
