import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ReminderRunResult } from '../../../shared/contracts/meetings.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { requireAccess } from '../../lib/access.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { GapAlertsRepository } from '../gaps/gaps.module.ts';
import type { Mailer } from '../../lib/mailer.ts';
import type { ActionPointsRepository } from './action-points.repository.ts';
import { deliver, type Outgoing } from './meeting-mail.ts';
import { meetingFormat } from '../../../shared/meeting-text.ts';

/** Days before its due date an open action point is recalled to its owner. */
export const reminderDaysBefore = 3;

/**
 * Reminds owners of their open action points: once when the due date is `reminderDaysBefore`
 * days away or less, once when it has passed (the meeting's organiser hears about that one too).
 * Each reminder is keyed by the action point and its due date, so it reaches a user once however
 * often this runs, and again if the due date moves.
 */
export function remindersService(deps: { db: Kysely<DB>; actionPoints: ActionPointsRepository; notifications: GapAlertsRepository; mailer: Mailer | null; publicUrl: string }) {
  const { db, actionPoints, notifications, mailer, publicUrl } = deps;

  async function run(at: string = todayIso()): Promise<ReminderRunResult> {
    const points = await actionPoints.openDueBy(addDays(at, reminderDaysBefore));
    const owners = await actionPoints.recipients(
      [...new Set(points.flatMap((p) => [p.owner_user_id, p.meeting_created_by].filter((id): id is string => id !== null)))],
      [...new Set(points.filter((p) => !p.owner_user_id).map((p) => p.owner_organisation_id))],
    );
    const outgoing: Outgoing[] = [];
    for (const point of points) {
      const overdue = point.due_date < at;
      const concerned = owners.filter((o) => (point.owner_user_id ? o.id === point.owner_user_id : o.organisation_id === point.owner_organisation_id) || (overdue && o.id === point.meeting_created_by));
      for (const owner of new Map(concerned.map((o) => [o.id, o])).values()) {
        const language: Language = owner.language === 'en' ? 'en' : 'fr';
        const f = meetingFormat(language);
        const meeting = f.words.fromMeeting(point.meeting_title, f.date(point.meeting_date));
        const title = overdue ? f.words.overdueSubject(point.number, point.title) : f.words.dueSubject(point.number, point.title);
        const body = overdue ? f.words.overdueBody(point.title, f.date(point.due_date), meeting) : f.words.dueBody(point.title, f.date(point.due_date), meeting);
        const link = `/meetings/${point.meeting_id}`;
        outgoing.push({
          userId: owner.id,
          email: owner.email,
          notification: { kind: overdue ? 'action_point_overdue' : 'action_point_due', key: `${point.id}|${point.due_date}`, title, body, link, localityId: point.locality_id, sector: point.sector },
          mail: { subject: `Relais — ${title}`, text: `${body}\n\n${publicUrl}${link}` },
        });
      }
    }
    const delivery = await deliver(db, notifications, mailer, outgoing);
    return { at, notifications: delivery.notifications, emailed: delivery.emailed, emailFailures: delivery.failed.length };
  }

  return {
    run,
    /** For administrators (and tests): run the reminders now, at a date. */
    async runNow(ctx: ServiceContext, at?: string): Promise<ReminderRunResult> {
      requireAccess(ctx.user, 'settings:manage');
      return run(at);
    },
  };
}
export type RemindersService = ReturnType<typeof remindersService>;
