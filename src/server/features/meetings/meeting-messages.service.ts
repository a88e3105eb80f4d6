import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { InvitationResult, Meeting } from '../../../shared/contracts/meetings.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import type { GapAlertsRepository } from '../gaps/gaps.module.ts';
import type { Mailer } from '../../lib/mailer.ts';
import type { ActionPointsRepository } from './action-points.repository.ts';
import { invitationIcs, mailbox } from './invitation-ics.ts';
import { deliver, type Outgoing } from './meeting-mail.ts';
import { meetingFormat } from '../../../shared/meeting-text.ts';
import type { MeetingViews } from './meeting-view.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import type { MeetingsService } from './meetings.service.ts';
import { renderMinutes } from './minutes-pdf.ts';

interface Recipient {
  userId: string | null;
  email: string | null;
  name: string | null;
  language: Language;
}

const languageOf = (value: string | null | undefined, fallback: Language): Language => (value === 'en' ? 'en' : value === 'fr' ? 'fr' : fallback);

/** Each address once, accounts first (their notification carries the e-mail). */
function unique(recipients: readonly Recipient[]): Recipient[] {
  const seen = new Set<string>();
  const kept: Recipient[] = [];
  for (const r of [...recipients].sort((a, b) => Number(b.userId !== null) - Number(a.userId !== null))) {
    const key = r.userId ?? r.email?.toLowerCase() ?? '';
    const emailKey = r.email?.toLowerCase();
    if (seen.has(key) || (emailKey && seen.has(emailKey))) continue;
    seen.add(key);
    if (emailKey) seen.add(emailKey);
    kept.push(r);
  }
  return kept;
}

const safeFileName = (title: string) =>
  title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .toLowerCase() || 'reunion';

/** The files a meeting produces (minutes PDF, .ics invitation) and the messages it sends. */
export function meetingMessagesService(deps: {
  db: Kysely<DB>;
  meetings: MeetingsRepository;
  actionPoints: ActionPointsRepository;
  notifications: GapAlertsRepository;
  views: MeetingViews;
  meetingsService: MeetingsService;
  mailer: Mailer | null;
  mailFrom: string;
  publicUrl: string;
}) {
  const { db, meetings, actionPoints, notifications, views, meetingsService, mailer, mailFrom, publicUrl } = deps;
  const organizer = mailbox(mailFrom);

  async function invitees(meetingId: string, fallback: Language): Promise<Recipient[]> {
    const rows = await meetings.invitees(db, meetingId);
    return unique(rows.map((r) => ({ userId: r.user_id, email: r.email, name: r.name, language: languageOf(r.language, fallback) })));
  }

  /** The meeting as a given reader sees it, for files: read with the reader's own rights. */
  async function meetingFor(ctx: ServiceContext, id: string): Promise<Meeting> {
    await meetingsService.readable(db, ctx, id);
    return views.meeting(db, id, ctx.user);
  }

  function ics(meeting: Meeting, method: 'REQUEST' | 'CANCEL' | 'PUBLISH', language: Language, attendees: readonly Recipient[], sequence: number): string {
    return invitationIcs(meeting, {
      method,
      language,
      sequence,
      organizer,
      attendees: attendees.flatMap((a) => (a.email ? [{ name: a.name, email: a.email }] : [])),
      publicUrl,
    });
  }

  return {
    async minutesPdf(ctx: ServiceContext, id: string, language: Language): Promise<Download> {
      const meeting = await meetingFor(ctx, id);
      const body = await renderMinutes(meeting, language, new Date());
      const prefix = language === 'fr' ? 'compte-rendu' : 'minutes';
      return { body, fileName: `${prefix}-${meeting.date}-${safeFileName(meeting.title)}.pdf`, contentType: 'application/pdf' };
    },

    /** The .ics anyone who may read the meeting downloads to add it to their calendar. */
    async invitationFile(ctx: ServiceContext, id: string, language: Language): Promise<Download> {
      const meeting = await meetingFor(ctx, id);
      const row = (await meetings.find(db, id))!;
      const method = meeting.status === 'cancelled' ? 'CANCEL' : 'PUBLISH';
      return { body: Buffer.from(ics(meeting, method, language, [], row.invitation_sequence), 'utf8'), fileName: `${safeFileName(meeting.title)}-${meeting.date}.ics`, contentType: 'text/calendar; charset=utf-8' };
    },

    /**
     * E-mails the invitation (.ics, METHOD:REQUEST) to every invitee with an address and notifies
     * invitees with an account in the app. Sending again after a change raises the sequence, so
     * calendars update the event rather than add a second one.
     */
    async sendInvitations(ctx: ServiceContext, id: string, version: number): Promise<InvitationResult> {
      const sequence = await db.transaction().execute(async (trx) => {
        const row = await meetingsService.managed(trx, ctx, id);
        if (row.status === 'cancelled') throw new AppError('meeting_cancelled', 409);
        if (row.version !== version) throw versionConflict(await views.meeting(trx, id, ctx.user));
        const next = row.invitations_sent_at ? row.invitation_sequence + 1 : row.invitation_sequence;
        if (!(await meetings.updateIfVersion(trx, id, version, { invitations_sent_at: new Date(), invitation_sequence: next }))) throw versionConflict(null);
        await recordAudit(trx, ctx, { action: 'update', entity: 'meeting_invitation', entityId: id, after: { sequence: next } });
        return next;
      });
      const meeting = await views.meeting(db, id, ctx.user);
      const recipients = await invitees(id, ctx.user.language);
      if (recipients.length === 0) throw new AppError('no_invitees', 409);
      const link = `/meetings/${id}`;
      const outgoing: Outgoing[] = recipients.map((r) => {
        const f = meetingFormat(r.language);
        const when = f.when(meeting);
        const invitation = ics(meeting, 'REQUEST', r.language, recipients, sequence);
        return {
          userId: r.userId,
          email: r.email,
          notification: { kind: 'meeting_invitation', key: `${id}|${sequence}`, title: f.words.invitationSubject(meeting.title, f.date(meeting.date)), body: f.words.invitationBody(meeting.title, when), link },
          mail: {
            subject: `Relais — ${f.words.invitationSubject(meeting.title, f.date(meeting.date))}`,
            text: [f.words.invitationBody(meeting.title, when), meeting.place ? `${f.words.place}${f.words.colon}${meeting.place}` : null, meeting.callLink ? `${f.words.callLink}${f.words.colon}${meeting.callLink}` : null, '', `${publicUrl}${link}`]
              .filter((l) => l !== null)
              .join('\n'),
            icalEvent: { method: 'REQUEST', content: invitation, filename: 'invitation.ics' },
          },
        };
      });
      const delivery = await deliver(db, notifications, mailer, outgoing);
      return {
        sent: delivery.emailed,
        failed: delivery.failed,
        withoutEmail: recipients.filter((r) => !r.email).length,
        notified: delivery.notifications,
        emailEnabled: mailer !== null,
        sentAt: meeting.invitationsSentAt ?? new Date().toISOString(),
      };
    },

    /** Minutes published: participants and action point owners get the PDF in their language, and their own action points. */
    async published(ctx: ServiceContext, id: string): Promise<void> {
      const meeting = await views.meeting(db, id, ctx.user);
      const points = await actionPoints.ofMeeting(db, id);
      const owners = await actionPoints.recipients(
        points.flatMap((p) => (p.owner_user_id ? [p.owner_user_id] : [])),
        points.filter((p) => !p.owner_user_id).map((p) => p.owner_organisation_id),
      );
      const recipients = unique([
        ...(await invitees(id, ctx.user.language)),
        ...owners.map((o) => ({ userId: o.id, email: o.email, name: o.name, language: languageOf(o.language, ctx.user.language) })),
      ]);
      const organisationOf = new Map(owners.map((o) => [o.id, o.organisation_id]));
      const pdfs = new Map<Language, Buffer>();
      const pdf = async (language: Language) => pdfs.get(language) ?? pdfs.set(language, await renderMinutes(meeting, language, new Date())).get(language)!;
      const outgoing: Outgoing[] = [];
      for (const r of recipients) {
        const f = meetingFormat(r.language);
        const mine = meeting.actionPointList.filter((p) => p.ownerUser?.id === r.userId || (!p.ownerUser && r.userId && organisationOf.get(r.userId) === p.ownerOrganisation.id));
        const lines = [
          f.words.minutesBody(meeting.title, f.date(meeting.date)),
          ...(mine.length ? ['', `${f.words.yourActions}${f.words.colon}`, ...mine.map((p) => `- AP-${p.number} ${p.title} (${f.words.dueOn(f.date(p.dueDate))})`)] : []),
          '',
          `${publicUrl}/meetings/${id}`,
        ];
        outgoing.push({
          userId: r.userId,
          email: r.email,
          notification: { kind: 'meeting_minutes', key: `${id}|${String(meeting.publishedAt)}`, title: f.words.minutesSubject(meeting.title), body: lines.slice(0, -2).join('\n'), link: `/meetings/${id}` },
          mail: {
            subject: `Relais — ${f.words.minutesSubject(meeting.title)}`,
            text: lines.join('\n'),
            attachments: [{ filename: `${r.language === 'fr' ? 'compte-rendu' : 'minutes'}-${meeting.date}-${safeFileName(meeting.title)}.pdf`, content: await pdf(r.language), contentType: 'application/pdf' }],
          },
        });
      }
      await deliver(db, notifications, mailer, outgoing);
    },

    /** A meeting whose invitations went out is called off in the invitees' calendars too. */
    async cancelled(ctx: ServiceContext, id: string): Promise<void> {
      const meeting = await views.meeting(db, id, ctx.user);
      const row = (await meetings.find(db, id))!;
      const recipients = await invitees(id, ctx.user.language);
      const outgoing: Outgoing[] = recipients.map((r) => {
        const f = meetingFormat(r.language);
        const body = [f.words.cancelledBody(meeting.title, f.when(meeting)), meeting.cancelReason ? `${f.words.reason}${f.words.colon}${meeting.cancelReason}` : null].filter(Boolean).join('\n');
        return {
          userId: r.userId,
          email: r.email,
          notification: { kind: 'meeting_invitation', key: `${id}|cancelled`, title: f.words.cancelledSubject(meeting.title, f.date(meeting.date)), body, link: `/meetings/${id}` },
          mail: {
            subject: `Relais — ${f.words.cancelledSubject(meeting.title, f.date(meeting.date))}`,
            text: body,
            icalEvent: { method: 'CANCEL', content: ics(meeting, 'CANCEL', r.language, recipients, row.invitation_sequence + 1), filename: 'invitation.ics' },
          },
        };
      });
      await deliver(db, notifications, mailer, outgoing);
    },
  };
}
export type MeetingMessagesService = ReturnType<typeof meetingMessagesService>;
