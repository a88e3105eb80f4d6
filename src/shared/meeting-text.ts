import { alertStatusLabels, type AlertStatus, type ShockType, shockTypeLabels } from './contracts/alerts.ts';
import { assessmentKindLabels, assessmentStatusLabels, type AssessmentKind, type AssessmentStatus } from './contracts/assessments.ts';
import type { Language } from './contracts/common.ts';
import {
  type ActionPoint,
  actionPointStatusLabels,
  type AgendaEntry,
  type AgendaItem,
  agendaItemKindLabels,
  type Concern,
  type Meeting,
  meetingLevelLabels,
  meetingStatusLabels,
} from './contracts/meetings.ts';
import { type GapStatus, gapStatusLabels } from './gaps.ts';
import { sectorLabels } from './sectors.ts';

/** The words of minutes, invitations and reminders, French first: they leave the platform as files and e-mails. */
export const meetingWords = {
  fr: {
    header: 'Relais · Coordination post-RRM · Mali',
    minutes: 'Compte rendu',
    draft: 'PROJET — compte rendu non publié',
    publishedOn: (date: string) => `Compte rendu publié le ${date}`,
    when: (date: string, start: string, end: string) => `${date}, de ${start} à ${end} (heure du Mali)`,
    place: 'Lieu',
    callLink: 'Lien de connexion',
    chair: 'Présidence',
    present: 'Présents',
    absent: 'Invités absents',
    invited: 'Invités',
    nobody: 'Non renseigné.',
    agenda: 'Ordre du jour et notes',
    noNotes: 'Pas de notes pour ce point.',
    noEntries: 'Rien à signaler dans les données.',
    decisions: 'Décisions',
    noDecisions: 'Aucune décision enregistrée.',
    actionPoints: "Points d'action",
    noActionPoints: "Aucun point d'action.",
    columns: { reference: 'Réf.', action: 'Action', owner: 'Responsable', due: 'Échéance', status: 'Statut' },
    statusAt: (date: string) => `Statuts au ${date}.`,
    about: 'Concerne',
    generated: (date: string) => `Document généré par Relais le ${date}.`,
    page: (n: number, total: number) => `Page ${n} / ${total}`,
    colon: '\u00a0: ',
    overdue: 'en retard',
    upcomingGap: (on: string, gap: string) => `gap à venir le ${on} : ${gap}`,
    rrmEnds: (list: string) => `fin RRM : ${list}`,
    capacity: (list: string) => `capacités : ${list}`,
    noCapacity: 'aucune capacité déclarée',
    openGap: (gap: string, priority: string) => `gap de ${gap}, priorité ${priority}/100`,
    daysOpen: (days: string) => `ouvert depuis ${days}`,
    rrmExit: (org: string, date: string) => `fin de la réponse RRM ${org} le ${date}, relais assuré`,
    validatedOn: (date: string) => `validée le ${date}`,
    households: (n: string) => `${n} ménages`,
    listsReceived: (lists: string, households: string) => `Listes de bénéficiaires reçues : ${lists} (${households})`,
    sharingPending: (n: string) => `Demandes de partage en attente de décision : ${n}`,
    fromTo: (start: string, end: string | null) => (end ? `du ${start} au ${end}` : `à partir du ${start}`),
    dueOn: (date: string) => `échéance ${date}`,
    fromMeeting: (title: string, date: string) => `réunion « ${title} » du ${date}`,
    invitationSubject: (title: string, date: string) => `Invitation : ${title} — ${date}`,
    invitationBody: (title: string, when: string) => `Vous êtes invité(e) à la réunion « ${title} », ${when}.`,
    cancelledSubject: (title: string, date: string) => `Annulée : ${title} — ${date}`,
    cancelledBody: (title: string, when: string) => `La réunion « ${title} » prévue ${when} est annulée.`,
    reason: 'Motif',
    agendaHeading: 'Ordre du jour',
    openInRelais: 'Dans Relais',
    minutesSubject: (title: string) => `Compte rendu publié : ${title}`,
    minutesBody: (title: string, date: string) => `Le compte rendu de la réunion « ${title} » du ${date} est publié (PDF joint).`,
    yourActions: 'Vos points d’action',
    dueSubject: (n: number, title: string) => `Point d’action AP-${n} à échéance : ${title}`,
    dueBody: (title: string, due: string, meeting: string) => `Le point d’action « ${title} » arrive à échéance le ${due} (${meeting}).`,
    overdueSubject: (n: number, title: string) => `Point d’action AP-${n} en retard : ${title}`,
    overdueBody: (title: string, due: string, meeting: string) => `Le point d’action « ${title} » devait être réalisé le ${due} (${meeting}) et reste ouvert.`,
  },
  en: {
    header: 'Relais · Post-RRM coordination · Mali',
    minutes: 'Minutes',
    draft: 'DRAFT — minutes not published',
    publishedOn: (date: string) => `Minutes published on ${date}`,
    when: (date: string, start: string, end: string) => `${date}, ${start}–${end} (Mali time)`,
    place: 'Place',
    callLink: 'Call link',
    chair: 'Chair',
    present: 'Present',
    absent: 'Invited, absent',
    invited: 'Invited',
    nobody: 'Not recorded.',
    agenda: 'Agenda and notes',
    noNotes: 'No notes for this item.',
    noEntries: 'Nothing to report in the data.',
    decisions: 'Decisions',
    noDecisions: 'No decision recorded.',
    actionPoints: 'Action points',
    noActionPoints: 'No action point.',
    columns: { reference: 'Ref.', action: 'Action', owner: 'Owner', due: 'Due', status: 'Status' },
    statusAt: (date: string) => `Statuses on ${date}.`,
    about: 'About',
    generated: (date: string) => `Generated by Relais on ${date}.`,
    page: (n: number, total: number) => `Page ${n} of ${total}`,
    colon: ': ',
    overdue: 'overdue',
    upcomingGap: (on: string, gap: string) => `upcoming gap on ${on}: ${gap}`,
    rrmEnds: (list: string) => `RRM ends: ${list}`,
    capacity: (list: string) => `capacity: ${list}`,
    noCapacity: 'no capacity declared',
    openGap: (gap: string, priority: string) => `gap of ${gap}, priority ${priority}/100`,
    daysOpen: (days: string) => `open for ${days}`,
    rrmExit: (org: string, date: string) => `${org} RRM response ends on ${date}, taken over`,
    validatedOn: (date: string) => `validated on ${date}`,
    households: (n: string) => `${n} households`,
    listsReceived: (lists: string, households: string) => `Beneficiary lists received: ${lists} (${households})`,
    sharingPending: (n: string) => `Sharing requests awaiting a decision: ${n}`,
    fromTo: (start: string, end: string | null) => (end ? `from ${start} to ${end}` : `from ${start}`),
    dueOn: (date: string) => `due ${date}`,
    fromMeeting: (title: string, date: string) => `meeting “${title}” of ${date}`,
    invitationSubject: (title: string, date: string) => `Invitation: ${title} — ${date}`,
    invitationBody: (title: string, when: string) => `You are invited to the meeting “${title}”, ${when}.`,
    cancelledSubject: (title: string, date: string) => `Cancelled: ${title} — ${date}`,
    cancelledBody: (title: string, when: string) => `The meeting “${title}” planned ${when} is cancelled.`,
    reason: 'Reason',
    agendaHeading: 'Agenda',
    openInRelais: 'In Relais',
    minutesSubject: (title: string) => `Minutes published: ${title}`,
    minutesBody: (title: string, date: string) => `The minutes of the meeting “${title}” of ${date} are published (PDF attached).`,
    yourActions: 'Your action points',
    dueSubject: (n: number, title: string) => `Action point AP-${n} due: ${title}`,
    dueBody: (title: string, due: string, meeting: string) => `The action point “${title}” is due on ${due} (${meeting}).`,
    overdueSubject: (n: number, title: string) => `Action point AP-${n} overdue: ${title}`,
    overdueBody: (title: string, due: string, meeting: string) => `The action point “${title}” was due on ${due} (${meeting}) and is still open.`,
  },
} satisfies Record<Language, unknown>;

/** "EHA (eau, hygiène, assainissement)" → "EHA": one line per entry. */
const shortSector = (label: string) => label.replace(/ \(.*\)$/, '');

const locales: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Dates ("2 avril 2026", French "1er"), numbers and durations as minutes and messages write them. */
function textFormat(lang: Language) {
  const dates = new Intl.DateTimeFormat(locales[lang], { dateStyle: 'long', timeZone: 'UTC' });
  const numbers = new Intl.NumberFormat(locales[lang]);
  const number = (value: number) => numbers.format(value);
  return {
    date: (iso: string) => dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)).replace(/^1 /, lang === 'fr' ? '1er ' : '1 '),
    number,
    days: (value: number) => (lang === 'fr' ? `${number(value)} jour${value > 1 ? 's' : ''}` : `${number(value)} day${value === 1 ? '' : 's'}`),
  };
}

/**
 * Meetings in words, shared by the server (minutes PDF, invitations, e-mails) and the web (agenda
 * lines), so both say the same thing in the same language.
 */
export function meetingFormat(lang: Language) {
  const t = textFormat(lang);
  const w = meetingWords[lang];
  const households = (n: number | null | undefined) => w.households(t.number(n ?? 0));

  function place(concern: Pick<Concern, 'locality' | 'sector'>): string | null {
    if (!concern.locality) return null;
    const where = concern.locality.adm1Name ? `${concern.locality.name} (${concern.locality.adm1Name})` : concern.locality.name;
    return concern.sector ? `${where} — ${shortSector(sectorLabels[concern.sector][lang])}` : where;
  }

  /** An agenda entry as the meeting saw it: what it is about (`head`) and its figures (`detail`). */
  function entryParts(entry: AgendaEntry): { head: string; detail: string } {
    const f = entry.facts;
    const where = place({ locality: entry.locality, sector: entry.sector }) ?? '';
    const capacity = f.capacity?.length ? w.capacity(f.capacity.map((c) => `${c.organisation} (${t.number(c.left)})`).join(', ')) : w.noCapacity;
    const join = (parts: (string | null | undefined)[], separator: string) => parts.filter(Boolean).join(separator);
    switch (entry.kind) {
      case 'gap':
        if (f.on) {
          const ends = f.rrmEnds?.length ? w.rrmEnds(f.rrmEnds.map((e) => `${e.organisation} ${t.date(e.endDate)}`).join(', ')) : null;
          return { head: where, detail: join([w.upcomingGap(t.date(f.on), households(f.gap)), ends, capacity], ' ; ') };
        }
        return {
          head: where,
          detail: join(
            [w.openGap(households(f.gap), t.number(Math.round(f.priority ?? 0))), f.status ? gapStatusLabels[f.status as GapStatus]?.[lang] : null, f.daysUncovered ? w.daysOpen(t.days(f.daysUncovered)) : null, capacity],
            ' ; ',
          ),
        };
      case 'rrm_exit':
        return { head: where, detail: `${w.rrmExit(f.organisation ?? '', f.endDate ? t.date(f.endDate) : '')}${f.label ? ` (${f.label})` : ''}` };
      case 'alert':
        return {
          head: `${f.label ?? ''} — ${entry.locality?.name ?? ''}`,
          detail: join(
            [f.shockType ? shockTypeLabels[f.shockType as ShockType]?.[lang] : null, households(f.households), f.date ? w.validatedOn(t.date(f.date)) : null, f.status ? alertStatusLabels[f.status as AlertStatus]?.[lang] : null],
            ' · ',
          ),
        };
      case 'assessment':
        return {
          head: entry.locality?.name ?? '',
          detail: join(
            [
              f.assessmentKind ? assessmentKindLabels[f.assessmentKind as AssessmentKind]?.[lang] : null,
              f.organisation,
              f.status ? assessmentStatusLabels[f.status as AssessmentStatus]?.[lang] : null,
              f.date ? w.fromTo(t.date(f.date), f.endDate ? t.date(f.endDate) : null) : null,
              f.label,
            ],
            ' · ',
          ),
        };
      case 'action_point':
        return {
          head: `AP-${f.number ?? ''} ${f.label ?? ''}`,
          detail: join(
            [
              f.owner,
              f.dueDate ? w.dueOn(t.date(f.dueDate)) : null,
              f.meetingTitle && f.meetingDate ? w.fromMeeting(f.meetingTitle, t.date(f.meetingDate)) : null,
              entry.currentStatus ? actionPointStatusLabels[entry.currentStatus as ActionPoint['status']]?.[lang] : null,
            ],
            ' · ',
          ),
        };
      default:
        // Counts (lists received, sharing requests waiting): the label is a code, the figure is the line.
        if (f.label === 'lists_received') return { head: w.listsReceived(t.number(f.count ?? 0), households(f.households)), detail: '' };
        if (f.label === 'sharing_pending') return { head: w.sharingPending(t.number(f.count ?? 0)), detail: '' };
        return { head: f.label ?? '', detail: t.number(f.count ?? 0) };
    }
  }

  return {
    ...t,
    words: w,
    itemTitle: (item: Pick<AgendaItem, 'kind' | 'title'>) => item.title ?? agendaItemKindLabels[item.kind][lang],
    level: (meeting: Pick<Meeting, 'level' | 'regions'>) =>
      meeting.level === 'national' ? meetingLevelLabels.national[lang] : `${meetingLevelLabels.regional[lang]} — ${meeting.regions.map((r) => r.name).join(', ')}`,
    status: (meeting: Pick<Meeting, 'status'>) => meetingStatusLabels[meeting.status][lang],
    when: (meeting: Pick<Meeting, 'date' | 'startTime' | 'endTime'>) => w.when(t.date(meeting.date), meeting.startTime, meeting.endTime),
    actionStatus: (point: Pick<ActionPoint, 'status' | 'overdue'>) => `${actionPointStatusLabels[point.status][lang]}${point.overdue ? ` (${w.overdue})` : ''}`,
    owner: (point: Pick<ActionPoint, 'ownerOrganisation' | 'ownerUser' | 'ownerName'>) => [point.ownerOrganisation.acronym, point.ownerUser?.name ?? point.ownerName].filter(Boolean).join(' — '),
    concern(concern: Concern): string | null {
      const parts = [place(concern), concern.alert?.code].filter(Boolean);
      return parts.length ? parts.join(' · ') : null;
    },

    entryParts,

    /** One line per agenda entry, for the minutes. */
    entry(entry: AgendaEntry): string {
      const { head, detail } = entryParts(entry);
      return detail ? `${head}${w.colon}${detail}` : head;
    },
  };
}
