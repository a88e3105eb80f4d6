import { type Kysely, type Selectable, sql } from 'kysely';
import type { Capacity, CapacityFilters, CapacityListQuery } from '../../../shared/contracts/capacities.ts';
import type { CapacitiesTable, DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import { inChunks } from '../../lib/in-chunks.ts';

/** A capacity as stored: what the service writes, the import compares and the audit keeps. */
export interface CapacityValues {
  period: string;
  organisationId: string;
  sector: string;
  regionPcode: string;
  households: number;
  fundingStatus: string;
  stock: string | null;
  staff: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  remarks: string | null;
}
export type StoredCapacity = CapacityValues & { id: string; version: number };

const monthOf = (date: string) => date.slice(0, 7);

function toColumns(v: CapacityValues) {
  return {
    period: `${v.period}-01`,
    organisation_id: v.organisationId,
    sector: v.sector,
    region_pcode: v.regionPcode,
    households: v.households,
    funding_status: v.fundingStatus,
    stock: v.stock,
    staff: v.staff,
    contact_name: v.contactName,
    contact_phone: v.contactPhone,
    contact_email: v.contactEmail,
    remarks: v.remarks,
  };
}

function toStored(row: Selectable<CapacitiesTable>): StoredCapacity {
  return {
    id: row.id,
    version: row.version,
    period: monthOf(row.period),
    organisationId: row.organisation_id,
    sector: row.sector,
    regionPcode: row.region_pcode,
    households: row.households,
    fundingStatus: row.funding_status,
    stock: row.stock,
    staff: row.staff,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    remarks: row.remarks,
  };
}

function selectCapacities(db: Kysely<DB>) {
  return db
    .selectFrom('capacities as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('admin_areas as a', 'a.pcode', 'c.region_pcode')
    .selectAll('c')
    .select(['o.acronym as organisation_acronym', 'o.name as organisation_name', 'a.name as region_name']);
}
type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectCapacities>['executeTakeFirstOrThrow']>>;

function toCapacity(row: SelectedRow): Capacity {
  return {
    id: row.id,
    period: monthOf(row.period),
    organisation: { id: row.organisation_id, acronym: row.organisation_acronym, name: row.organisation_name },
    sector: row.sector as Capacity['sector'],
    region: { pcode: row.region_pcode, name: row.region_name },
    households: row.households,
    fundingStatus: row.funding_status as Capacity['fundingStatus'],
    stock: row.stock,
    staff: row.staff,
    contactName: row.contact_name,
    contactPhone: row.contact_phone,
    contactEmail: row.contact_email,
    remarks: row.remarks,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function filtered(db: Kysely<DB>, filters: CapacityFilters) {
  let q = selectCapacities(db);
  if (filters.organisationId) q = q.where('c.organisation_id', '=', filters.organisationId);
  if (filters.sector?.length) q = q.where('c.sector', 'in', filters.sector);
  if (filters.region) q = q.where('c.region_pcode', '=', filters.region);
  if (filters.period) q = q.where('c.period', '=', `${filters.period}-01`);
  if (filters.fundingStatus?.length) q = q.where('c.funding_status', 'in', filters.fundingStatus);
  return q;
}

const sortColumns = { period: 'c.period', organisation: 'o.acronym', sector: 'c.sector', region: 'a.name', households: 'c.households' } as const;

export function capacitiesRepository(db: Kysely<DB>) {
  return {
    /** A capacity's stored columns: what an import stages for its set-based write. */
    columnsOf: toColumns,

    list(query: CapacityListQuery) {
      const descending = query.sort.startsWith('-');
      const column = sortColumns[query.sort.replace(/^-/, '') as keyof typeof sortColumns];
      return paginate(
        filtered(db, query),
        query,
        (p) => p.orderBy(sql.ref(column), descending ? 'desc' : 'asc').orderBy('a.name').orderBy('o.acronym').orderBy('c.sector').orderBy('c.id'),
        toCapacity,
      );
    },

    /** Every capacity of a filtered view, for exports (a few thousand at most: org × sector × region × month). */
    async all(filters: CapacityFilters): Promise<Capacity[]> {
      const rows = await filtered(db, filters).orderBy('c.period').orderBy('a.name').orderBy('o.acronym').orderBy('c.sector').execute();
      return rows.map(toCapacity);
    },

    async find(trx: Kysely<DB>, id: string): Promise<Capacity | undefined> {
      const row = await selectCapacities(trx).where('c.id', '=', id).executeTakeFirst();
      return row && toCapacity(row);
    },

    async findStored(trx: Kysely<DB>, id: string): Promise<StoredCapacity | undefined> {
      const row = await trx.selectFrom('capacities').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStored(row);
    },

    async findStoredMany(trx: Kysely<DB>, ids: readonly string[]): Promise<StoredCapacity[]> {
      if (ids.length === 0) return [];
      return (await inChunks(ids, (part) => trx.selectFrom('capacities').selectAll().where('id', 'in', part).execute())).map(toStored);
    },

    /** The capacities with the same organisation, sector, region and month (at most one each). */
    async findStoredByKeys(trx: Kysely<DB>, keys: readonly Pick<CapacityValues, 'organisationId' | 'sector' | 'regionPcode' | 'period'>[]): Promise<StoredCapacity[]> {
      if (keys.length === 0) return [];
      const rows = await inChunks(
        keys,
        async (part) =>
          (
            await sql<Selectable<CapacitiesTable>>`
        SELECT c.* FROM capacities c
        JOIN (VALUES ${sql.join(part.map((k) => sql`(${k.organisationId}::uuid, ${k.sector}, ${k.regionPcode}, ${`${k.period}-01`}::date)`))})
          AS k(organisation_id, sector, region_pcode, period)
        ON c.organisation_id = k.organisation_id AND c.sector = k.sector AND c.region_pcode = k.region_pcode AND c.period = k.period`.execute(trx)
          ).rows,
        4,
      );
      return rows.map(toStored);
    },

    async keyTaken(trx: Kysely<DB>, values: CapacityValues, exceptId?: string): Promise<boolean> {
      let q = trx
        .selectFrom('capacities')
        .select('id')
        .where('organisation_id', '=', values.organisationId)
        .where('sector', '=', values.sector)
        .where('region_pcode', '=', values.regionPcode)
        .where('period', '=', `${values.period}-01`);
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    async insertMany(trx: Kysely<DB>, values: readonly CapacityValues[], userId: string | null): Promise<string[]> {
      if (values.length === 0) return [];
      const ids = values.map(() => crypto.randomUUID());
      await trx
        .insertInto('capacities')
        .values(values.map((v, i) => ({ id: ids[i], ...toColumns(v), created_by: userId, updated_by: userId })))
        .execute();
      return ids;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: CapacityValues, userId: string): Promise<boolean> {
      const result = await trx
        .updateTable('capacities')
        .set((eb) => ({ ...toColumns(values), updated_by: userId, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async delete(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('capacities').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    /** Per region and sector: organisations, households, and households by funding status. */
    async summary(period: string, sectors: readonly string[] | undefined) {
      let q = db
        .selectFrom('capacities as c')
        .innerJoin('admin_areas as a', 'a.pcode', 'c.region_pcode')
        .select(['c.region_pcode', 'a.name as region_name', 'c.sector', 'c.funding_status'])
        .select((eb) => eb.fn.sum<number>('c.households').as('households'))
        .where('c.period', '=', `${period}-01`)
        .groupBy(['c.region_pcode', 'a.name', 'c.sector', 'c.funding_status']);
      if (sectors?.length) q = q.where('c.sector', 'in', [...sectors]);
      let organisations = db
        .selectFrom('capacities as c')
        .select(['c.region_pcode', 'c.sector'])
        .select((eb) => eb.fn.count<number>('c.organisation_id').distinct().as('organisations'))
        .where('c.period', '=', `${period}-01`)
        .groupBy(['c.region_pcode', 'c.sector']);
      if (sectors?.length) organisations = organisations.where('c.sector', 'in', [...sectors]);
      const [byFunding, byOrganisation] = await Promise.all([q.execute(), organisations.execute()]);
      return { byFunding, byOrganisation };
    },

    async regions(trx: Kysely<DB>) {
      return trx.selectFrom('admin_areas').select(['pcode', 'name']).where('level', '=', 1).orderBy('pcode').execute();
    },
  };
}
export type CapacitiesRepository = ReturnType<typeof capacitiesRepository>;
