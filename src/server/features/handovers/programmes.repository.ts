import { type Kysely, sql, type SqlBool } from 'kysely';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { ProgrammeFilters } from '../../../shared/contracts/handovers.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';

export interface ProgrammeValues {
  organisationId: string;
  name: string;
  funding: string | null;
  startDate: string;
  endDate: string | null;
  sectors: string[];
  areaPcodes: string[];
  description: string | null;
}

function selectProgrammes(db: Kysely<DB>) {
  return db
    .selectFrom('development_programmes as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .select([
      'p.id',
      'p.organisation_id',
      'o.acronym',
      'o.name as organisation_name',
      'p.name',
      'p.funding',
      'p.start_date',
      'p.end_date',
      'p.sectors',
      'p.area_pcodes',
      'p.description',
      'p.version',
      'p.updated_at',
    ]);
}
export type ProgrammeRecord = Awaited<ReturnType<ReturnType<typeof selectProgrammes>['executeTakeFirstOrThrow']>>;

const columnsOf = (v: ProgrammeValues) => ({
  organisation_id: v.organisationId,
  name: v.name,
  name_key: searchKey(v.name),
  funding: v.funding,
  start_date: v.startDate,
  end_date: v.endDate,
  sectors: [...new Set(v.sectors)],
  area_pcodes: [...new Set(v.areaPcodes)],
  description: v.description,
});

export function programmesRepository(db: Kysely<DB>) {
  function filtered(filters: ProgrammeFilters) {
    let q = selectProgrammes(db);
    if (filters.organisationId) q = q.where('p.organisation_id', '=', filters.organisationId);
    if (filters.pcode) {
      // A programme covers an area when it names it, one of its parents, or (asked for a region) one of its communes.
      const pcode = filters.pcode;
      q = q.where(sql<SqlBool>`EXISTS (SELECT 1 FROM unnest(p.area_pcodes) AS x(pcode) WHERE ${pcode} LIKE x.pcode || '%' OR x.pcode LIKE ${pcode} || '%')`);
    }
    if (filters.activeOn) {
      const on = filters.activeOn;
      q = q.where('p.start_date', '<=', on).where((eb) => eb.or([eb('p.end_date', 'is', null), eb('p.end_date', '>=', on)]));
    }
    return q;
  }

  return {
    page: (filters: ProgrammeFilters, page: PageQuery) => paginate(filtered(filters), page, (q) => q.orderBy('o.acronym').orderBy('p.name').orderBy('p.id'), (r) => r),
    all: (filters: ProgrammeFilters) => filtered(filters).orderBy('o.acronym').orderBy('p.name').orderBy('p.id').execute(),

    find(trx: Kysely<DB>, id: string, forUpdate = false): Promise<ProgrammeRecord | undefined> {
      let q = selectProgrammes(trx).where('p.id', '=', id);
      if (forUpdate) q = q.forUpdate('p');
      return q.executeTakeFirst();
    },
    findMany: (trx: Kysely<DB>, ids: string[]) => (ids.length ? selectProgrammes(trx).where('p.id', 'in', ids).execute() : Promise.resolve([])),
    findByNames: (trx: Kysely<DB>, keys: { organisationId: string; name: string }[]) =>
      keys.length
        ? selectProgrammes(trx)
            .select('p.name_key')
            .where((eb) => eb.or(keys.map((k) => eb.and([eb('p.organisation_id', '=', k.organisationId), eb('p.name_key', '=', searchKey(k.name))]))))
            .execute()
        : Promise.resolve([]),

    async insert(trx: Kysely<DB>, values: ProgrammeValues, userId: string): Promise<string> {
      const row = await trx
        .insertInto('development_programmes')
        .values({ ...columnsOf(values), created_by: userId, updated_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async update(trx: Kysely<DB>, id: string, version: number, values: ProgrammeValues, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('development_programmes')
        .set({ ...columnsOf(values), updated_by: userId, version: sql<number>`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(trx: Kysely<DB>, id: string): Promise<void> {
      await trx.deleteFrom('development_programmes').where('id', '=', id).execute();
    },
    nameTaken: async (trx: Kysely<DB>, organisationId: string, name: string, exceptId: string | null) => {
      let q = trx.selectFrom('development_programmes').select('id').where('organisation_id', '=', organisationId).where('name_key', '=', searchKey(name));
      if (exceptId) q = q.where('id', '<>', exceptId);
      return !!(await q.executeTakeFirst());
    },

    /** Admin areas by P-code, for names and levels. */
    areas: (trx: Kysely<DB>, pcodes: string[]) =>
      pcodes.length ? trx.selectFrom('admin_areas').select(['pcode', 'name', 'name_key', 'level']).where('pcode', 'in', [...new Set(pcodes)]).execute() : Promise.resolve([]),
    allAreas: (trx: Kysely<DB>) => trx.selectFrom('admin_areas').select(['pcode', 'name', 'name_key', 'level']).execute(),
    developmentActors: (trx: Kysely<DB>) =>
      trx.selectFrom('organisations').select(['id', 'acronym', 'name', 'roles']).where('active', '=', true).execute(),
  };
}
export type ProgrammesRepository = ReturnType<typeof programmesRepository>;
