import type { Kysely } from 'kysely';
import type { NotificationKind } from '../../../shared/contracts/gaps.ts';
import type { DB } from '../../db/schema.ts';
import type { GapAlertsRepository } from '../gaps/gaps.module.ts';
import type { Mailer, MailMessage } from '../../lib/mailer.ts';

/** One message: to an account (in the app, and by e-mail once) or to an outside address (e-mail only). */
export interface Outgoing {
  userId: string | null;
  email: string | null;
  notification: { kind: NotificationKind; key: string; title: string; body: string; link: string; localityId?: string | null; sector?: string | null } | null;
  mail: Omit<MailMessage, 'to'> | null;
}

export interface Delivery {
  notifications: number;
  emailed: number;
  failed: string[];
}

/**
 * Stores the in-app notifications not sent before (same user, kind and key) and e-mails those,
 * plus the outside addresses; a failed e-mail is recorded on its notification and reported.
 */
export async function deliver(db: Kysely<DB>, notifications: GapAlertsRepository, mailer: Mailer | null, outgoing: readonly Outgoing[]): Promise<Delivery> {
  // One insert per message, so each knows whether it is new (a user may get several in one run).
  const notificationIds = await db.transaction().execute(async (trx) => {
    const ids = new Map<Outgoing, string>();
    for (const o of outgoing) {
      if (!o.userId || !o.notification) continue;
      const n = o.notification;
      const [row] = await notifications.insertNew(trx, [{ userId: o.userId, kind: n.kind, key: n.key, localityId: n.localityId ?? null, sector: n.sector ?? null, title: n.title, body: n.body, link: n.link }]);
      if (row) ids.set(o, row.id);
    }
    return ids;
  });
  let emailed = 0;
  const failed: string[] = [];
  if (!mailer) return { notifications: notificationIds.size, emailed, failed };
  for (const o of outgoing) {
    if (!o.email || !o.mail) continue;
    // An account's e-mail goes with its notification: once per event, however often this runs.
    const notificationId = notificationIds.get(o);
    if (o.userId && o.notification && !notificationId) continue;
    try {
      await mailer.send({ ...o.mail, to: o.email });
      if (notificationId) await notifications.markEmailed(notificationId, null);
      emailed++;
    } catch (error) {
      if (notificationId) await notifications.markEmailed(notificationId, error instanceof Error ? error.message : String(error));
      failed.push(o.email);
    }
  }
  return { notifications: notificationIds.size, emailed, failed };
}
