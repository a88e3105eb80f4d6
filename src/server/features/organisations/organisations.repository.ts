import type { Kysely, Selectable } from 'kysely';
import type { z } from 'zod';
import type { Organisation, organisationListQuery } from '../../../shared/contracts/organisations.ts';
import type { DB, OrganisationsTable } from '../../db/schema.ts';
import { containsPattern } from '../../db/filters.ts';
import { paginate } from '../../lib/pagination.ts';

function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    type: row.type as Organisation['type'],
    roles: row.roles as Organisation['roles'],
    active: row.active,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function organisationsRepository(db: Kysely<DB>) {
  return {
    list(query: z.infer<typeof organisationListQuery>) {
      let q = db.selectFrom('organisations').selectAll();
      if (query.q) {
        const pattern = containsPattern(query.q);
        q = q.where((eb) => eb.or([eb('name', 'ilike', pattern), eb('acronym', 'ilike', pattern)]));
      }
      if (query.active !== 'all') q = q.where('active', '=', query.active === 'true');
      return paginate(q, query, (p) => p.orderBy('acronym').orderBy('id'), toOrganisation);
    },

    async findById(trx: Kysely<DB>, id: string): Promise<Organisation | undefined> {
      const row = await trx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toOrganisation(row);
    },

    async isActive(trx: Kysely<DB>, id: string): Promise<boolean> {
      const row = await trx.selectFrom('organisations').select('active').where('id', '=', id).executeTakeFirst();
      return row?.active === true;
    },

    async acronymExists(trx: Kysely<DB>, acronym: string, exceptId?: string): Promise<boolean> {
      let q = trx.selectFrom('organisations').select('id').where((eb) => eb(eb.fn('lower', ['acronym']), '=', acronym.toLowerCase()));
      if (exceptId) q = q.where('id', '!=', exceptId);
      return (await q.executeTakeFirst()) !== undefined;
    },

    async insert(trx: Kysely<DB>, values: { name: string; acronym: string; type: string; roles: string[] }): Promise<Organisation> {
      const row = await trx.insertInto('organisations').values(values).returningAll().executeTakeFirstOrThrow();
      return toOrganisation(row);
    },

    async updateIfVersion(
      trx: Kysely<DB>,
      id: string,
      version: number,
      values: Partial<{ name: string; acronym: string; type: string; roles: string[]; active: boolean }>,
    ): Promise<Organisation | undefined> {
      const row = await trx
        .updateTable('organisations')
        .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .returningAll()
        .executeTakeFirst();
      return row && toOrganisation(row);
    },
  };
}
export type OrganisationsRepository = ReturnType<typeof organisationsRepository>;
