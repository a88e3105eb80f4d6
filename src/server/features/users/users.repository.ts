import type { Kysely } from 'kysely';
import type { User } from '../../../shared/contracts/users.ts';
import type { z } from 'zod';
import type { userListQuery } from '../../../shared/contracts/users.ts';
import type { DB, NewUser, UserUpdate } from '../../db/schema.ts';
import { containsPattern } from '../../db/filters.ts';
import { paginate } from '../../lib/pagination.ts';

const publicColumns = [
  'u.id',
  'u.email',
  'u.name',
  'u.role',
  'u.organisation_id',
  'o.acronym as organisation_acronym',
  'u.regions',
  'u.language',
  'u.active',
  'u.must_change_password',
  'u.last_login_at',
  'u.version',
  'u.created_at',
] as const;

function selectPublic(db: Kysely<DB>) {
  return db.selectFrom('users as u').leftJoin('organisations as o', 'o.id', 'u.organisation_id').select(publicColumns);
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof selectPublic>['executeTakeFirstOrThrow']>>;

function toUser(row: PublicRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as User['role'],
    organisationId: row.organisation_id,
    organisationAcronym: row.organisation_acronym,
    regions: row.regions,
    language: row.language as User['language'],
    active: row.active,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

export function usersRepository(db: Kysely<DB>) {
  return {
    /** The only query that reads a password hash: used by login and password change. */
    findCredentialsByEmail(email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'password_hash', 'active'])
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
    },

    findPasswordHash(trx: Kysely<DB>, id: string) {
      return trx.selectFrom('users').select(['password_hash']).where('id', '=', id).executeTakeFirst();
    },

    async findById(trx: Kysely<DB>, id: string): Promise<User | undefined> {
      const row = await selectPublic(trx).where('u.id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async emailExists(trx: Kysely<DB>, email: string, exceptId?: string): Promise<boolean> {
      let query = trx.selectFrom('users').select('id').where('email', '=', email.toLowerCase());
      if (exceptId) query = query.where('id', '!=', exceptId);
      return (await query.executeTakeFirst()) !== undefined;
    },

    list(query: z.infer<typeof userListQuery>) {
      let q = selectPublic(db);
      if (query.q) {
        const pattern = containsPattern(query.q);
        q = q.where((eb) => eb.or([eb('u.name', 'ilike', pattern), eb('u.email', 'ilike', pattern)]));
      }
      if (query.role) q = q.where('u.role', '=', query.role);
      if (query.organisationId) q = q.where('u.organisation_id', '=', query.organisationId);
      if (query.active !== 'all') q = q.where('u.active', '=', query.active === 'true');
      return paginate(q, query, (p) => p.orderBy('u.name').orderBy('u.id'), toUser);
    },

    async insert(trx: Kysely<DB>, values: NewUser): Promise<User> {
      const { id } = await trx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
      return (await this.findById(trx, id))!;
    },

    /** Optimistic update: applies only if the stored version still equals `version`. */
    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: UserUpdate): Promise<User | undefined> {
      const updated = await trx
        .updateTable('users')
        .set((eb) => ({ ...values, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .returning('id')
        .executeTakeFirst();
      return updated && (await this.findById(trx, id));
    },

    async setPassword(trx: Kysely<DB>, id: string, passwordHash: string, mustChange: boolean) {
      await trx
        .updateTable('users')
        .set((eb) => ({ password_hash: passwordHash, must_change_password: mustChange, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .execute();
    },

    async setLanguage(id: string, language: 'fr' | 'en') {
      await db.updateTable('users').set({ language }).where('id', '=', id).execute();
    },

    async touchLastLogin(id: string) {
      await db.updateTable('users').set({ last_login_at: new Date() }).where('id', '=', id).execute();
    },

    async countAdmins(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .where('active', '=', true)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
export type UsersRepository = ReturnType<typeof usersRepository>;
