import { type Kysely, sql } from 'kysely';
import type { Notification } from '../../../shared/contracts/gaps.ts';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';

export interface AlertRecipient {
  id: string;
  email: string;
  name: string;
  role: string;
  language: string;
  regions: string[];
  sectors: string[];
}

export interface NewNotification {
  userId: string;
  kind: Notification['kind'];
  key: string;
  localityId: string | null;
  sector: string | null;
  title: string;
  body: string;
  link: string | null;
}

function toNotification(row: {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  locality_id: string | null;
  sector: string | null;
  created_at: Date;
  read_at: Date | null;
  emailed_at: Date | null;
}): Notification {
  return {
    id: row.id,
    kind: row.kind as Notification['kind'],
    title: row.title,
    body: row.body,
    link: row.link,
    localityId: row.locality_id,
    sector: row.sector as Notification['sector'],
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    emailedAt: row.emailed_at?.toISOString() ?? null,
  };
}

export function gapAlertsRepository(db: Kysely<DB>) {
  return {
    /**
     * Who gap alerts can go to: active coordinators (national and regional, with their regions)
     * and sector focal points (with their sectors), whatever their role.
     */
    async recipients(): Promise<AlertRecipient[]> {
      const rows = await db
        .selectFrom('users as u')
        .leftJoin('sector_focal_points as f', 'f.user_id', 'u.id')
        .select(['u.id', 'u.email', 'u.name', 'u.role', 'u.language', 'u.regions', sql<string[]>`coalesce(array_agg(f.sector ORDER BY f.sector) FILTER (WHERE f.sector IS NOT NULL), '{}')`.as('sectors')])
        .where('u.active', '=', true)
        .where((eb) => eb.or([eb('u.role', 'in', ['coordinator', 'regional_coordinator']), eb.exists(eb.selectFrom('sector_focal_points as s').select('s.user_id').whereRef('s.user_id', '=', 'u.id'))]))
        .groupBy(['u.id', 'u.email', 'u.name', 'u.role', 'u.language', 'u.regions'])
        .orderBy('u.id')
        .execute();
      return rows;
    },

    /** Inserts the notifications not sent yet (same user, kind and key); returns those it inserted. */
    async insertNew(trx: Kysely<DB>, notifications: readonly NewNotification[]): Promise<{ id: string; userId: string; title: string; body: string; link: string | null }[]> {
      const inserted: { id: string; userId: string; title: string; body: string; link: string | null }[] = [];
      for (let i = 0; i < notifications.length; i += 500) {
        const rows = await trx
          .insertInto('notifications')
          .values(
            notifications.slice(i, i + 500).map((n) => ({
              user_id: n.userId,
              kind: n.kind,
              key: n.key,
              locality_id: n.localityId,
              sector: n.sector,
              title: n.title,
              body: n.body,
              link: n.link,
            })),
          )
          .onConflict((oc) => oc.columns(['user_id', 'kind', 'key']).doNothing())
          .returning(['id', 'user_id', 'title', 'body', 'link'])
          .execute();
        inserted.push(...rows.map((r) => ({ id: r.id, userId: r.user_id, title: r.title, body: r.body, link: r.link })));
      }
      return inserted;
    },

    async markEmailed(id: string, error: string | null): Promise<void> {
      await db
        .updateTable('notifications')
        .set(error === null ? { emailed_at: new Date(), email_error: null } : { email_error: error.slice(0, 500) })
        .where('id', '=', id)
        .execute();
    },

    async listOf(userId: string, unread: boolean | undefined, page: PageQuery) {
      let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'locality_id', 'sector', 'created_at', 'read_at', 'emailed_at']).where('user_id', '=', userId);
      if (unread !== undefined) q = q.where('read_at', unread ? 'is' : 'is not', null);
      return paginate(q, page, (p) => p.orderBy('created_at', 'desc').orderBy('id', 'desc'), toNotification);
    },

    async unreadCount(userId: string): Promise<number> {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** Marks one of the user's notifications (or all of them) read; false when it is not theirs. */
    async markRead(userId: string, id?: string): Promise<boolean> {
      let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
      if (id) q = q.where('id', '=', id);
      const result = await q.executeTakeFirst();
      if (!id) return true;
      return Number(result.numUpdatedRows) === 1 || (await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()) !== undefined;
    },

    async focalPoints() {
      return db
        .selectFrom('sector_focal_points as f')
        .innerJoin('users as u', 'u.id', 'f.user_id')
        .select(['u.id', 'u.name', 'u.email', 'u.role', 'f.sector'])
        .orderBy('u.name')
        .orderBy('f.sector')
        .execute();
    },

    async sectorsOf(trx: Kysely<DB>, userId: string): Promise<string[]> {
      return (await trx.selectFrom('sector_focal_points').select('sector').where('user_id', '=', userId).orderBy('sector').execute()).map((r) => r.sector);
    },

    async userExists(trx: Kysely<DB>, userId: string): Promise<boolean> {
      return (await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()) !== undefined;
    },

    async replaceSectors(trx: Kysely<DB>, userId: string, sectors: readonly string[]): Promise<void> {
      await trx.deleteFrom('sector_focal_points').where('user_id', '=', userId).execute();
      if (sectors.length) await trx.insertInto('sector_focal_points').values(sectors.map((sector) => ({ user_id: userId, sector }))).execute();
    },
  };
}
export type GapAlertsRepository = ReturnType<typeof gapAlertsRepository>;
