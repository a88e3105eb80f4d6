import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { sectors } from '../sectors.ts';
import { localityRef, organisationRef } from './alerts.ts';
import { idParams, idSchema, isoDate, type Language, pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
    z
      .array(z.string())
      .transform((list) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values)).max(values.length)),
  );
}
const regionPcode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{2}$/i, { error: 'region_pcode' })
  .transform((v) => v.toUpperCase());
/** 'HH:MM', 24-hour, Mali time (UTC all year). */
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'meeting_time_invalid' });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));

/** A text an update may leave out (kept as it is), clear (null or '') or replace. */
const keptText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === '' ? null : v));

// ---- meetings ---------------------------------------------------------------------------------

export const meetingLevels = ['national', 'regional'] as const;
export type MeetingLevel = (typeof meetingLevels)[number];
export const meetingLevelLabels: Labels<MeetingLevel> = {
  national: { fr: 'Nationale (post-RRM)', en: 'National (post-RRM)' },
  regional: { fr: 'Régionale (GIAC)', en: 'Regional (GIAC)' },
};

export const meetingStatuses = ['planned', 'held', 'minutes_published', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const meetingStatusLabels: Labels<MeetingStatus> = {
  planned: { fr: 'Planifiée', en: 'Planned' },
  held: { fr: 'Tenue', en: 'Held' },
  minutes_published: { fr: 'Compte rendu publié', en: 'Minutes published' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};

/**
 * planned → held → minutes published; a planned meeting may be cancelled; a held meeting put
 * back to planned (marked held by mistake); published minutes reopened for a correction.
 */
export const meetingTransitions: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  planned: ['held', 'cancelled'],
  held: ['minutes_published', 'planned'],
  minutes_published: ['held'],
  cancelled: [],
};

/** Statuses in which the minutes (notes, decisions, action points) are still being written. */
export const minutesOpenStatuses: readonly MeetingStatus[] = ['planned', 'held'];

export const participantInput = z
  .object({
    organisationId: z.uuid().nullable().default(null),
    /** A platform account; its name and e-mail come from the account. */
    userId: z.uuid().nullable().default(null),
    /** Someone without an account. */
    name: optionalText(200),
    email: z
      .email({ error: 'email_invalid' })
      .max(320)
      .nullable()
      .default(null)
      .or(z.literal('').transform(() => null)),
    invited: z.boolean().default(true),
    /** Null until attendance is taken. */
    present: z.boolean().nullable().default(null),
  })
  .refine((p) => p.organisationId !== null || p.userId !== null || p.name !== null, { message: 'participant_empty' satisfies ErrorCode });
export type ParticipantInput = z.input<typeof participantInput>;

export const participant = z.object({
  id: z.uuid(),
  organisation: organisationRef.nullable(),
  user: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  invited: z.boolean(),
  present: z.boolean().nullable(),
});

const meetingFields = {
  level: z.enum(meetingLevels),
  title: z.string().trim().min(1).max(200),
  /** Regional meetings: one or more regions; national meetings: none. */
  regions: z.array(regionPcode).max(20).default([]),
  date: isoDate,
  startTime: clockTime,
  endTime: clockTime,
  place: optionalText(300),
  callLink: z
    .url({ protocol: /^https?$/, error: 'call_link_invalid' })
    .max(1000)
    .nullable()
    .default(null)
    .or(z.literal('').transform(() => null)),
  chairOrganisationId: z.uuid().nullable().default(null),
  chairName: optionalText(200),
  participants: z.array(participantInput).max(300).default([]),
};

type MeetingShape = { level: MeetingLevel; regions: string[]; startTime: string; endTime: string };
const regionsFitLevel = (m: Pick<MeetingShape, 'level' | 'regions'>) => (m.level === 'national' ? m.regions.length === 0 : m.regions.length > 0);
const endAfterStart = (m: Pick<MeetingShape, 'startTime' | 'endTime'>) => m.endTime > m.startTime;
const regionsMessage = { path: ['regions'], message: 'meeting_regions_level' satisfies ErrorCode };
const timesMessage = { path: ['endTime'], message: 'meeting_end_before_start' satisfies ErrorCode };

export const meetingInput = z.object(meetingFields).refine(regionsFitLevel, regionsMessage).refine(endAfterStart, timesMessage);
export type MeetingInput = z.input<typeof meetingInput>;
export type MeetingValues = z.output<typeof meetingInput>;

export const meetingUpdate = z
  .object({ ...meetingFields, version: z.number().int() })
  .refine(regionsFitLevel, regionsMessage)
  .refine(endAfterStart, timesMessage);
export type MeetingUpdateValues = z.output<typeof meetingUpdate>;

export const meetingStatusInput = z.object({
  status: z.enum(meetingStatuses),
  version: z.number().int(),
  /** Why a meeting is cancelled, told to the invitees. */
  reason: optionalText(1000),
});
export type MeetingStatusValues = z.output<typeof meetingStatusInput>;

/** What a user may do with one meeting, so the web shows only the buttons that will work. */
export const meetingPermissions = z.object({ manage: z.boolean(), writeMinutes: z.boolean(), editAgenda: z.boolean() });

export const meetingSummary = z.object({
  id: z.uuid(),
  level: z.enum(meetingLevels),
  title: z.string(),
  regions: z.array(z.object({ pcode: z.string(), name: z.string() })),
  date: isoDate,
  startTime: z.string(),
  endTime: z.string(),
  place: z.string().nullable(),
  status: z.enum(meetingStatuses),
  decisions: z.number().int(),
  actionPoints: z.number().int(),
  openActionPoints: z.number().int(),
  publishedAt: timestamp.nullable(),
});
export type MeetingSummary = z.infer<typeof meetingSummary>;

export const meetingSorts = ['date', 'title'] as const;
export const meetingListQuery = pageQuery.extend({
  region: regionPcode.optional(),
  level: z.enum(meetingLevels).optional(),
  status: listOf(meetingStatuses).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Words of the title, place, notes, decisions or action points (accents and case ignored). */
  q: z.string().trim().max(200).optional(),
  /** Meetings where a record was discussed: on the agenda, or the subject of a decision or action point. */
  localityId: z.uuid().optional(),
  sector: z.enum(sectors).optional(),
  alertId: z.uuid().optional(),
  sort: z.enum([...meetingSorts, ...meetingSorts.map((s) => `-${s}` as const)]).default('-date'),
});
export type MeetingListQuery = z.infer<typeof meetingListQuery>;
export const meetingPage = pageOf(meetingSummary);
export type MeetingPage = z.infer<typeof meetingPage>;

// ---- agenda -----------------------------------------------------------------------------------

export const agendaItemKinds = ['upcoming_gaps', 'top_gaps', 'alerts', 'assessments', 'action_points', 'lists', 'custom'] as const;
export type AgendaItemKind = (typeof agendaItemKinds)[number];

export const agendaItemKindLabels: Labels<AgendaItemKind> = {
  upcoming_gaps: { fr: 'Sorties du RRM et gaps à venir (30 prochains jours)', en: 'RRM exits and upcoming gaps (next 30 days)' },
  top_gaps: { fr: 'Gaps ouverts prioritaires et capacités disponibles', en: 'Priority open gaps and available capacity' },
  alerts: { fr: 'Alertes validées depuis la dernière réunion', en: 'Alerts validated since the last meeting' },
  assessments: { fr: 'Évaluations prévues ou réalisées depuis la dernière réunion', en: 'Assessments planned or completed since the last meeting' },
  action_points: { fr: 'Suivi des points d’action ouverts', en: 'Follow-up of open action points' },
  lists: { fr: 'Listes reçues et demandes de partage en attente', en: 'Lists received and sharing requests waiting' },
  custom: { fr: 'Divers', en: 'Any other business' },
};

export const agendaEntryKinds = ['gap', 'rrm_exit', 'alert', 'assessment', 'action_point', 'count'] as const;
export type AgendaEntryKind = (typeof agendaEntryKinds)[number];

/**
 * The figures an agenda entry showed when the agenda was filled, kept as they were: the minutes
 * say what the meeting saw, even after the data moves on.
 */
export const agendaFacts = z.object({
  /** An alert's code, an assessment's title, an action point's text. */
  label: z.string().nullable().optional(),
  number: z.number().int().nullable().optional(),
  shockType: z.string().nullable().optional(),
  assessmentKind: z.string().nullable().optional(),
  /** Region name, for national agendas. */
  region: z.string().nullable().optional(),
  households: z.number().int().nullable().optional(),
  need: z.number().int().nullable().optional(),
  gap: z.number().int().nullable().optional(),
  coverage: z.number().int().nullable().optional(),
  priority: z.number().nullable().optional(),
  severity: z.number().int().nullable().optional(),
  daysUncovered: z.number().int().nullable().optional(),
  /** Upcoming gap: the day coverage drops. */
  on: isoDate.nullable().optional(),
  /** RRM responses ending in the window: organisation and last day. */
  rrmEnds: z.array(z.object({ organisation: z.string(), endDate: isoDate })).optional(),
  /** Organisations with capacity left in the region and sector, with the households left. */
  capacity: z.array(z.object({ organisation: z.string(), left: z.number().int() })).optional(),
  /** Post-RRM organisations taking over after an RRM exit. */
  takenOverBy: z.array(z.string()).optional(),
  status: z.string().nullable().optional(),
  date: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  organisation: z.string().nullable().optional(),
  /** Action points: owner, due date, the meeting that set it. */
  owner: z.string().nullable().optional(),
  dueDate: isoDate.nullable().optional(),
  meetingTitle: z.string().nullable().optional(),
  meetingDate: isoDate.nullable().optional(),
  count: z.number().int().nullable().optional(),
});
export type AgendaFacts = z.infer<typeof agendaFacts>;

export const agendaEntry = z.object({
  id: z.uuid(),
  kind: z.enum(agendaEntryKinds),
  locality: localityRef.nullable(),
  sector: z.enum(sectors).nullable(),
  alertId: z.uuid().nullable(),
  assessmentId: z.uuid().nullable(),
  actionPointId: z.uuid().nullable(),
  facts: agendaFacts,
  /** Where the record lives in the app. */
  link: z.string().nullable(),
  /** For action points: their status now (they stay on agendas until done). */
  currentStatus: z.string().nullable(),
});
export type AgendaEntry = z.infer<typeof agendaEntry>;

export const agendaItem = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(agendaItemKinds),
  /** Null: the kind's own title, in the reader's language (items filled from the data). */
  title: z.string().nullable(),
  description: z.string().nullable(),
  /** Minutes of the item, Markdown (rendered without raw HTML). */
  notes: z.string(),
  version: z.number().int(),
  entries: z.array(agendaEntry),
});
export type AgendaItem = z.infer<typeof agendaItem>;

export const agenda = z.object({
  meetingId: z.uuid(),
  /** The meeting's version: the agenda's structure changes with it. */
  version: z.number().int(),
  /** The date the data was read at (the meeting's date) and the start of "since the last meeting". */
  at: isoDate,
  since: isoDate,
  sinceMeeting: z.object({ id: z.uuid(), title: z.string(), date: isoDate }).nullable(),
  builtAt: timestamp.nullable(),
  items: z.array(agendaItem),
});
export type Agenda = z.infer<typeof agenda>;

export const agendaUpdate = z.object({
  version: z.number().int(),
  items: z
    .array(
      z.object({
        /** An existing item; without one, a new item of the meeting's own (kind custom). */
        id: z.uuid().optional(),
        /** Null keeps the kind's own title; a custom item needs one. */
        title: z.string().trim().min(1).max(300).nullable().default(null),
        description: optionalText(4000),
        /** The entries kept, in order; entries left out are removed from the agenda. */
        entryIds: z.array(z.uuid()).max(500).default([]),
      }),
    )
    .max(50),
});
export type AgendaUpdate = z.input<typeof agendaUpdate>;

export const itemNotesInput = z.object({ notes: z.string().max(50_000), version: z.number().int() });
export const itemNotes = z.object({ id: z.uuid(), notes: z.string(), version: z.number().int() });
export const itemParams = z.object({ id: idSchema, itemId: idSchema });

// ---- decisions and action points --------------------------------------------------------------

/** What a decision or action point is about: a gap (locality and sector), an alert, a locality. */
const concernFields = {
  localityId: z.uuid().nullable().default(null),
  sector: z.enum(sectors).nullable().default(null),
  alertId: z.uuid().nullable().default(null),
};
const sectorNeedsLocality = (v: { localityId: string | null; sector: string | null }) => v.sector === null || v.localityId !== null;
const sectorMessage = { path: ['sector'], message: 'concern_sector_without_locality' satisfies ErrorCode };

export const concern = z.object({
  locality: localityRef.nullable(),
  sector: z.enum(sectors).nullable(),
  alert: z.object({ id: z.uuid(), code: z.string() }).nullable(),
});
export type Concern = z.infer<typeof concern>;

export const decisionInput = z
  .object({ text: z.string().trim().min(1).max(4000), agendaItemId: z.uuid().nullable().default(null), ...concernFields })
  .refine(sectorNeedsLocality, sectorMessage);
export type DecisionValues = z.output<typeof decisionInput>;
export const decisionUpdate = z
  .object({ text: z.string().trim().min(1).max(4000), agendaItemId: z.uuid().nullable().default(null), ...concernFields, version: z.number().int() })
  .refine(sectorNeedsLocality, sectorMessage);
export type DecisionUpdateValues = z.output<typeof decisionUpdate>;
export const decisionParams = z.object({ id: idSchema, decisionId: idSchema });
export const versionQuery = z.object({ version: z.coerce.number().int() });

export const decision = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  number: z.number().int(),
  text: z.string(),
  agendaItemId: z.uuid().nullable(),
  concern,
  version: z.number().int(),
});
export type Decision = z.infer<typeof decision>;

/** A decision as other pages cite it (a gap follow-up, the decisions about a gap). */
export const decisionRef = z.object({
  id: z.uuid(),
  number: z.number().int(),
  text: z.string(),
  meeting: z.object({ id: z.uuid(), title: z.string(), date: isoDate }),
});
export type DecisionRef = z.infer<typeof decisionRef>;
export const decisionRefQuery = z.object({ localityId: z.uuid(), sector: z.enum(sectors).optional() });
export const decisionRefList = z.object({ items: z.array(decisionRef) });

export const actionPointStatuses = ['open', 'done', 'dropped'] as const;
export type ActionPointStatus = (typeof actionPointStatuses)[number];
export const actionPointStatusLabels: Labels<ActionPointStatus> = {
  open: { fr: 'Ouvert', en: 'Open' },
  done: { fr: 'Réalisé', en: 'Done' },
  dropped: { fr: 'Abandonné', en: 'Dropped' },
};

const actionPointFields = {
  title: z.string().trim().min(1).max(2000),
  ownerOrganisationId: z.uuid({ error: 'organisation_required' }),
  /** The person in charge: a platform account, or a name. */
  ownerUserId: z.uuid().nullable().default(null),
  ownerName: optionalText(200),
  dueDate: isoDate,
  agendaItemId: z.uuid().nullable().default(null),
  decisionId: z.uuid().nullable().default(null),
  ...concernFields,
};

export const actionPointInput = z.object({ meetingId: z.uuid(), ...actionPointFields }).refine(sectorNeedsLocality, sectorMessage);
export type ActionPointValues = z.output<typeof actionPointInput>;

/**
 * Owners change the status and its note; the meeting's managers may change everything. Fields
 * left out keep their value (the service checks the merged result: a sector needs its locality).
 */
export const actionPointUpdate = z.object({
    title: actionPointFields.title.optional(),
    ownerOrganisationId: actionPointFields.ownerOrganisationId.optional(),
    ownerUserId: z.uuid().nullable().optional(),
    ownerName: keptText(200),
    dueDate: isoDate.optional(),
    agendaItemId: z.uuid().nullable().optional(),
    decisionId: z.uuid().nullable().optional(),
    localityId: z.uuid().nullable().optional(),
    sector: z.enum(sectors).nullable().optional(),
    alertId: z.uuid().nullable().optional(),
    status: z.enum(actionPointStatuses).optional(),
    statusNote: keptText(2000),
    version: z.number().int(),
  });
export type ActionPointUpdateValues = z.output<typeof actionPointUpdate>;

export const actionPoint = z.object({
  id: z.uuid(),
  meeting: z.object({ id: z.uuid(), title: z.string(), date: isoDate, level: z.enum(meetingLevels), status: z.enum(meetingStatuses) }),
  /** "AP-3": numbered within its meeting. */
  number: z.number().int(),
  title: z.string(),
  ownerOrganisation: organisationRef,
  ownerUser: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  ownerName: z.string().nullable(),
  dueDate: isoDate,
  status: z.enum(actionPointStatuses),
  statusNote: z.string().nullable(),
  /** Open and past its due date (Mali time). */
  overdue: z.boolean(),
  closedAt: timestamp.nullable(),
  agendaItemId: z.uuid().nullable(),
  decision: z.object({ id: z.uuid(), number: z.number().int() }).nullable(),
  concern,
  /** What the reader may do: change everything (the meeting's managers) or the status only (the owner). */
  canEdit: z.boolean(),
  canUpdateStatus: z.boolean(),
  version: z.number().int(),
});
export type ActionPoint = z.infer<typeof actionPoint>;

export const actionPointSorts = ['dueDate', 'meeting', 'owner', 'status'] as const;
export const actionPointFilters = z.object({
  meetingId: z.uuid().optional(),
  /** `me`: mine and my organisation's. */
  owner: z.enum(['me']).optional(),
  organisationId: z.uuid().optional(),
  status: listOf(actionPointStatuses).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  region: regionPcode.optional(),
  localityId: z.uuid().optional(),
  sector: z.enum(sectors).optional(),
  alertId: z.uuid().optional(),
  dueFrom: isoDate.optional(),
  dueTo: isoDate.optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum([...actionPointSorts, ...actionPointSorts.map((s) => `-${s}` as const)]).default('dueDate'),
});
export type ActionPointFilters = z.infer<typeof actionPointFilters>;
export const actionPointListQuery = pageQuery.extend(actionPointFilters.shape);
export type ActionPointListQuery = z.infer<typeof actionPointListQuery>;
export const actionPointPage = pageOf(actionPoint).extend({ overdue: z.number().int() });
export type ActionPointPage = z.infer<typeof actionPointPage>;
export const actionPointExportQuery = actionPointFilters.extend({ format: z.enum(['xlsx', 'csv', 'hxl']).default('xlsx') });
export type ActionPointExportQuery = z.infer<typeof actionPointExportQuery>;

// ---- the whole meeting ------------------------------------------------------------------------

export const meeting = meetingSummary.extend({
  callLink: z.string().nullable(),
  chairOrganisation: organisationRef.nullable(),
  chairName: z.string().nullable(),
  participants: z.array(participant),
  cancelReason: z.string().nullable(),
  heldAt: timestamp.nullable(),
  invitationsSentAt: timestamp.nullable(),
  createdBy: z.string().nullable(),
  version: z.number().int(),
  permissions: meetingPermissions,
  agenda,
  decisionList: z.array(decision),
  actionPointList: z.array(actionPoint),
});
export type Meeting = z.infer<typeof meeting>;

export const invitationResult = z.object({
  /** E-mails sent, and the addresses that failed. */
  sent: z.number().int(),
  failed: z.array(z.string()),
  /** Invitees without an e-mail address (told in the app only, when they have an account). */
  withoutEmail: z.number().int(),
  notified: z.number().int(),
  /** False when no mail server is configured: only the in-app notifications went out. */
  emailEnabled: z.boolean(),
  sentAt: timestamp,
});
export type InvitationResult = z.infer<typeof invitationResult>;

/** The accounts of an organisation, to name who is in charge of an action point or invited. */
export const ownerQuery = z.object({ organisationId: z.uuid() });
export const ownerList = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) });
export type OwnerList = z.infer<typeof ownerList>;

export const reminderRunQuery = z.object({ at: isoDate.optional() });
export const reminderRunResult = z.object({ at: isoDate, notifications: z.number().int(), emailed: z.number().int(), emailFailures: z.number().int() });
export type ReminderRunResult = z.infer<typeof reminderRunResult>;

// ---- endpoints ------------------------------------------------------------------------------

const versionBody = z.object({ version: z.number().int() });

export const meetingsApi = {
  list: endpoint({ operationId: 'listMeetings', method: 'GET', path: '/api/v1/meetings', access: 'meeting:read', query: meetingListQuery, response: meetingPage }),
  create: endpoint({ operationId: 'createMeeting', method: 'POST', path: '/api/v1/meetings', access: 'meeting:manage', body: meetingInput, response: meeting, status: 201 }),
  decisionsAbout: endpoint({ operationId: 'listDecisionsAbout', method: 'GET', path: '/api/v1/meetings/decisions', access: 'meeting:read', query: decisionRefQuery, response: decisionRefList }),
  owners: endpoint({ operationId: 'listMeetingOwners', method: 'GET', path: '/api/v1/meetings/owners', access: 'meeting:manage', query: ownerQuery, response: ownerList }),
  runReminders: endpoint({ operationId: 'runActionPointReminders', method: 'POST', path: '/api/v1/meetings/reminders/run', access: 'settings:manage', query: reminderRunQuery, response: reminderRunResult }),
  get: endpoint({ operationId: 'getMeeting', method: 'GET', path: '/api/v1/meetings/:id', access: 'meeting:read', params: idParams, response: meeting }),
  update: endpoint({ operationId: 'updateMeeting', method: 'PUT', path: '/api/v1/meetings/:id', access: 'meeting:manage', params: idParams, body: meetingUpdate, response: meeting }),
  setStatus: endpoint({ operationId: 'setMeetingStatus', method: 'POST', path: '/api/v1/meetings/:id/status', access: 'meeting:manage', params: idParams, body: meetingStatusInput, response: meeting }),
  agenda: endpoint({ operationId: 'getMeetingAgenda', method: 'GET', path: '/api/v1/meetings/:id/agenda', access: 'meeting:read', params: idParams, response: agenda }),
  updateAgenda: endpoint({ operationId: 'updateMeetingAgenda', method: 'PUT', path: '/api/v1/meetings/:id/agenda', access: 'meeting:manage', params: idParams, body: agendaUpdate, response: agenda }),
  refreshAgenda: endpoint({ operationId: 'refreshMeetingAgenda', method: 'POST', path: '/api/v1/meetings/:id/agenda/refresh', access: 'meeting:manage', params: idParams, body: versionBody, response: agenda }),
  updateNotes: endpoint({ operationId: 'updateAgendaItemNotes', method: 'PUT', path: '/api/v1/meetings/:id/agenda/:itemId/notes', access: 'meeting:manage', params: itemParams, body: itemNotesInput, response: itemNotes }),
  createDecision: endpoint({ operationId: 'createDecision', method: 'POST', path: '/api/v1/meetings/:id/decisions', access: 'meeting:manage', params: idParams, body: decisionInput, response: decision, status: 201 }),
  updateDecision: endpoint({ operationId: 'updateDecision', method: 'PUT', path: '/api/v1/meetings/:id/decisions/:decisionId', access: 'meeting:manage', params: decisionParams, body: decisionUpdate, response: decision }),
  deleteDecision: endpoint({ operationId: 'deleteDecision', method: 'DELETE', path: '/api/v1/meetings/:id/decisions/:decisionId', access: 'meeting:manage', params: decisionParams, query: versionQuery, status: 204 }),
  sendInvitations: endpoint({ operationId: 'sendMeetingInvitations', method: 'POST', path: '/api/v1/meetings/:id/invitations', access: 'meeting:manage', params: idParams, body: versionBody, response: invitationResult }),
  minutesPdf: endpoint({ operationId: 'getMeetingMinutesPdf', method: 'GET', path: '/api/v1/meetings/:id/minutes.pdf', access: 'meeting:read', params: idParams, query: z.object({ lang: z.enum(['fr', 'en']).optional() }), download: ['application/pdf'] }),
  invitationIcs: endpoint({ operationId: 'getMeetingInvitation', method: 'GET', path: '/api/v1/meetings/:id/invitation.ics', access: 'meeting:read', params: idParams, query: z.object({ lang: z.enum(['fr', 'en']).optional() }), download: ['text/calendar'] }),
};

export const actionPointsApi = {
  list: endpoint({ operationId: 'listActionPoints', method: 'GET', path: '/api/v1/action-points', access: 'meeting:read', query: actionPointListQuery, response: actionPointPage }),
  export: endpoint({
    operationId: 'exportActionPoints',
    method: 'GET',
    path: '/api/v1/action-points/export',
    access: 'meeting:read',
    query: actionPointExportQuery.extend({ lang: z.enum(['fr', 'en']).optional() }),
    download: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
  }),
  create: endpoint({ operationId: 'createActionPoint', method: 'POST', path: '/api/v1/action-points', access: 'meeting:manage', body: actionPointInput, response: actionPoint, status: 201 }),
  get: endpoint({ operationId: 'getActionPoint', method: 'GET', path: '/api/v1/action-points/:id', access: 'meeting:read', params: idParams, response: actionPoint }),
  update: endpoint({ operationId: 'updateActionPoint', method: 'PATCH', path: '/api/v1/action-points/:id', access: 'action_point:update', params: idParams, body: actionPointUpdate, response: actionPoint }),
  delete: endpoint({ operationId: 'deleteActionPoint', method: 'DELETE', path: '/api/v1/action-points/:id', access: 'meeting:manage', params: idParams, query: versionQuery, status: 204 }),
};
