import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface SessionWithUser {
  id: string;
  csrf_token: string;
  expires_at: Date;
  last_seen_at: Date;
  user_id: string;
  email: string;
  name: string;
  role: string;
  organisation_id: string | null;
  regions: string[];
  language: string;
  must_change_password: boolean;
}

export function sessionsRepository(db: Kysely<DB>) {
  return {
    async create(values: { id: string; userId: string; csrfToken: string; expiresAt: Date }) {
      await db
        .insertInto('sessions')
        .values({ id: values.id, user_id: values.userId, csrf_token: values.csrfToken, expires_at: values.expiresAt })
        .execute();
    },

    /** A live session: not revoked, not expired, its user still active. */
    findLive(id: string): Promise<SessionWithUser | undefined> {
      return db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.id',
          's.csrf_token',
          's.expires_at',
          's.last_seen_at',
          'u.id as user_id',
          'u.email',
          'u.name',
          'u.role',
          'u.organisation_id',
          'u.regions',
          'u.language',
          'u.must_change_password',
        ])
        .where('s.id', '=', id)
        .where('s.revoked_at', 'is', null)
        .where('s.expires_at', '>', new Date())
        .where('u.active', '=', true)
        .executeTakeFirst();
    },

    async extend(id: string, expiresAt: Date) {
      await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id', '=', id).execute();
    },

    async revoke(id: string) {
      await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },

    async revokeAllOfUser(trx: Kysely<DB>, userId: string, exceptId?: string) {
      let query = trx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
      if (exceptId) query = query.where('id', '!=', exceptId);
      await query.execute();
    },

    async deleteExpired() {
      await db.deleteFrom('sessions').where('expires_at', '<', new Date(Date.now() - 7 * 24 * 3600 * 1000)).execute();
    },
  };
}
export type SessionsRepository = ReturnType<typeof sessionsRepository>;
