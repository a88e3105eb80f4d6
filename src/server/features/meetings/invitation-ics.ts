import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Language } from '../../../shared/contracts/common.ts';
import type { Meeting } from '../../../shared/contracts/meetings.ts';
import { meetingFormat } from '../../../shared/meeting-text.ts';

export interface InvitationOptions {
  /**
   * PUBLISH: a file to add to one's calendar. REQUEST: the invitation e-mailed to the invitees
   * (with an organiser and attendees, as RFC 5546 asks). CANCEL: the meeting is off.
   */
  method: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  language: Language;
  /** Raised each time the invitation goes out again, so calendars replace the old event. */
  sequence: number;
  organizer: { name: string; email: string };
  attendees: readonly { name: string | null; email: string }[];
  /** Address of the web app, for the link to the meeting and the event's unique id. */
  publicUrl: string;
}

/** 'Relais <relais@example.org>' → its name and address. */
export function mailbox(from: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1]!.trim() || match[2]!, email: match[2]!.trim() } : { name: from.trim(), email: from.trim() };
}

/** Mali is on UTC all year: a meeting's local date and time are its UTC instant. */
function instant(date: string, time: string): Date {
  return new Date(`${date}T${time}:00Z`);
}

/** The meeting as an RFC 5545 calendar, through ical-generator. */
export function invitationIcs(meeting: Meeting, options: InvitationOptions): string {
  const f = meetingFormat(options.language);
  const w = f.words;
  const link = `${options.publicUrl}/meetings/${meeting.id}`;
  const calendar = ical({ prodId: { company: 'Relais', product: 'Coordination post-RRM', language: options.language.toUpperCase() }, name: meeting.title });
  calendar.method(ICalCalendarMethod[options.method]);
  const description = [
    f.level(meeting),
    meeting.callLink ? `${w.callLink}${w.colon}${meeting.callLink}` : null,
    options.method === 'CANCEL' && meeting.cancelReason ? `${w.reason}${w.colon}${meeting.cancelReason}` : null,
    '',
    `${w.agendaHeading}${w.colon}`,
    ...meeting.agenda.items.map((item, i) => `${i + 1}. ${f.itemTitle(item)}`),
    '',
    `${w.openInRelais}${w.colon}${link}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
  const withPeople = options.method !== 'PUBLISH';
  calendar.createEvent({
    id: `meeting-${meeting.id}@${new URL(options.publicUrl).hostname}`,
    sequence: options.sequence,
    start: instant(meeting.date, meeting.startTime),
    end: instant(meeting.date, meeting.endTime),
    stamp: new Date(),
    summary: meeting.title,
    description,
    location: [meeting.place, meeting.callLink].filter(Boolean).join(' — ') || null,
    url: link,
    status: options.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: withPeople ? options.organizer : null,
    attendees: withPeople
      ? options.attendees.map((a) => ({
          email: a.email,
          name: a.name,
          role: ICalAttendeeRole.REQ,
          status: ICalAttendeeStatus.NEEDSACTION,
          rsvp: options.method === 'REQUEST',
        }))
      : [],
  });
  return calendar.toString();
}
