import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { gapStatuses } from '../gaps.ts';
import { phases } from '../phases.ts';
import { sectors } from '../sectors.ts';
import { handoverSummary, localityRef, organisationRef } from './alerts.ts';
import { assessmentKinds } from './assessments.ts';
import { idParams, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp } from './common.ts';
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
const pcode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{2,}$/i, { error: 'pcode_invalid' })
  .transform((v) => v.toUpperCase());

// ---- settings ---------------------------------------------------------------------------------

const ratio = z.number().min(0).max(1);
const weight = z.number().min(0).max(100);
const gapSettingsShape = {
  coveredFromRatio: ratio.refine((v) => v > 0),
  partialFromRatio: ratio,
  horizonDays: z.number().int().min(0).max(365),
  weights: z.object({ gap: weight, severity: weight, days: weight }),
  gapScaleHouseholds: z.number().int().min(1).max(1_000_000),
  daysScale: z.number().int().min(1).max(3650),
  defaultSeverity: z.number().int().min(1).max(5),
  alertAfterDaysOpen: z.number().int().min(1).max(3650),
};
const thresholdsInOrder = (v: { coveredFromRatio: number; partialFromRatio: number }) => v.partialFromRatio < v.coveredFromRatio;
const weightsAboveZero = (v: { weights: { gap: number; severity: number; days: number } }) => v.weights.gap + v.weights.severity + v.weights.days > 0;
const thresholdsMessage = { path: ['partialFromRatio'], message: 'gap_thresholds_order' satisfies ErrorCode };
const weightsMessage = { path: ['weights'], message: 'gap_weights_zero' satisfies ErrorCode };

export const gapSettings = z.object(gapSettingsShape).refine(thresholdsInOrder, thresholdsMessage).refine(weightsAboveZero, weightsMessage);
export const gapSettingsState = z.object({ ...gapSettingsShape, version: z.number().int(), updatedAt: timestamp.nullable() });
export type GapSettingsState = z.infer<typeof gapSettingsState>;
export const gapSettingsUpdate = z
  .object({ ...gapSettingsShape, version: z.number().int() })
  .refine(thresholdsInOrder, thresholdsMessage)
  .refine(weightsAboveZero, weightsMessage);
export type GapSettingsUpdate = z.infer<typeof gapSettingsUpdate>;

// ---- needs ------------------------------------------------------------------------------------

export const needSources = ['assessment', 'alert', 'assessment_and_alerts'] as const;
export type NeedSource = (typeof needSources)[number];
export const needSourceLabels: Labels<NeedSource> = {
  assessment: { fr: 'Évaluation', en: 'Assessment' },
  alert: { fr: 'Alerte (ESM)', en: 'Alert (MSA)' },
  assessment_and_alerts: { fr: 'Évaluation + chocs suivants', en: 'Assessment + later shocks' },
};

export const needAssessmentRef = z.object({
  id: z.uuid(),
  kind: z.enum(assessmentKinds),
  date: isoDate,
  households: z.number().int(),
  severity: z.number().int().nullable(),
});

export const need = z.object({
  locality: localityRef,
  sector: z.enum(sectors),
  households: z.number().int(),
  severity: z.number().int().nullable(),
  since: isoDate,
  source: z.enum(needSources),
  assessment: needAssessmentRef.nullable(),
  /** Shocks whose MSA flagged the sector and that came after the assessment (or with none). */
  shocks: z.number().int(),
  shockHouseholds: z.number().int(),
});
export type Need = z.infer<typeof need>;

export const needQuery = pageQuery.extend({
  at: isoDate.optional(),
  region: pcode.optional(),
  cercle: pcode.optional(),
  localityId: z.uuid().optional(),
  sector: listOf(sectors).optional(),
  source: listOf(needSources).optional(),
});
export type NeedQuery = z.infer<typeof needQuery>;
export const needPage = pageOf(need).extend({ at: isoDate });

// ---- gaps -------------------------------------------------------------------------------------

export const followUpStatuses = ['advocated', 'taken_up', 'accepted'] as const;
export type FollowUpStatus = (typeof followUpStatuses)[number];
export const followUpStatusLabels: Labels<FollowUpStatus> = {
  advocated: { fr: 'En plaidoyer', en: 'Being advocated' },
  taken_up: { fr: 'Pris en charge', en: 'Taken up' },
  accepted: { fr: 'Accepté (pas de réponse prévue)', en: 'Accepted (no response planned)' },
};

export const followUpRecord = z.object({
  id: z.uuid(),
  status: z.enum(followUpStatuses),
  comment: z.string(),
  organisation: organisationRef.nullable(),
  by: z.string().nullable(),
  at: timestamp,
  /** The meeting decision that led to it, when one did. */
  decision: z.object({ id: z.uuid(), number: z.number().int(), meeting: z.object({ id: z.uuid(), title: z.string(), date: isoDate }) }).nullable(),
});
export type FollowUpRecord = z.infer<typeof followUpRecord>;
export const followUpList = z.object({ items: z.array(followUpRecord) });

export const upcomingGap = z.object({
  on: isoDate,
  daysUntil: z.number().int(),
  coverage: z.number().int(),
  gap: z.number().int(),
  ratio: z.number(),
  status: z.enum(['uncovered', 'partial']),
});

export const priorityBreakdown = z.object({
  score: z.number(),
  gapHouseholds: z.number().int(),
  gapPart: z.number(),
  severity: z.number().int(),
  severityAssumed: z.boolean(),
  severityPart: z.number(),
  days: z.number().int(),
  daysPart: z.number(),
});

export const gapRow = z.object({
  locality: localityRef,
  sector: z.enum(sectors),
  /** Phase of the locality's latest shock at `at`; null without one. */
  phase: z.enum(phases).nullable(),
  need: z.number().int().nullable(),
  needSource: z.enum(needSources).nullable(),
  needSince: isoDate.nullable(),
  severity: z.number().int().nullable(),
  /** Households served on `at`, before the cap at the need. */
  coverage: z.number().int(),
  covered: z.number().int().nullable(),
  gap: z.number().int().nullable(),
  ratio: z.number().nullable(),
  status: z.enum(gapStatuses),
  openSince: isoDate.nullable(),
  daysUncovered: z.number().int().nullable(),
  upcoming: upcomingGap.nullable(),
  priority: priorityBreakdown.nullable(),
  /** Responses counted on `at`, and their organisations. */
  activeResponses: z.number().int(),
  organisations: z.array(z.string()),
  /** Organisations with capacity left in the region and sector. */
  capacityOrganisations: z.number().int(),
  followUp: z
    .object({ status: z.enum(followUpStatuses), comment: z.string(), organisation: organisationRef.nullable(), by: z.string().nullable(), at: timestamp })
    .nullable(),
});
export type GapRow = z.infer<typeof gapRow>;

export const gapSorts = ['priority', 'gap', 'daysUncovered', 'upcoming', 'locality', 'sector'] as const;
export type GapSort = (typeof gapSorts)[number];

/** Filters of the gap list, shared by the list, the matrix, the export and the web's URL. */
export const gapFilters = z.object({
  /** The date gaps are computed at; today by default. */
  at: isoDate.optional(),
  /** How far ahead upcoming gaps are looked for; the setting by default. */
  horizonDays: z.coerce.number().int().min(0).max(365).optional(),
  region: pcode.optional(),
  cercle: pcode.optional(),
  localityId: z.uuid().optional(),
  sector: listOf(sectors).optional(),
  status: listOf(gapStatuses).optional(),
  phase: listOf(phases).optional(),
  /** Only pairs with (or without) an upcoming gap within the horizon. */
  upcoming: z.enum(['true', 'false']).optional(),
  /** Only pairs whose current or upcoming gap is above zero. */
  open: z.enum(['true', 'false']).optional(),
  followUp: listOf([...followUpStatuses, 'none'] as const).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum([...gapSorts, ...gapSorts.map((s) => `-${s}` as const)]).default('-priority'),
});
export type GapFilters = z.infer<typeof gapFilters>;
export const gapListQuery = pageQuery.extend(gapFilters.shape);
export type GapListQuery = z.infer<typeof gapListQuery>;

export const gapSummary = z.object({
  pairs: z.number().int(),
  uncovered: z.number().int(),
  partial: z.number().int(),
  covered: z.number().int(),
  unknown: z.number().int(),
  upcoming: z.number().int(),
  /** Households in current gaps, summed over localities: per locality the largest sector (never added). */
  householdsInGap: z.number().int(),
});
export type GapSummary = z.infer<typeof gapSummary>;

export const gapPage = pageOf(gapRow).extend({ at: isoDate, horizonDays: z.number().int(), summary: gapSummary });
export type GapPage = z.infer<typeof gapPage>;

export const gapMatrix = z.object({
  at: isoDate,
  horizonDays: z.number().int(),
  sectors: z.array(z.enum(sectors)),
  /** Ordered by region, cercle and locality, for grouping. */
  localities: z.array(
    z.object({
      locality: localityRef,
      phase: z.enum(phases).nullable(),
      cells: z.array(
        z.object({
          sector: z.enum(sectors),
          status: z.enum(gapStatuses),
          need: z.number().int().nullable(),
          gap: z.number().int().nullable(),
          ratio: z.number().nullable(),
          upcoming: upcomingGap.nullable(),
          priority: z.number().nullable(),
        }),
      ),
    }),
  ),
});
export type GapMatrix = z.infer<typeof gapMatrix>;

export const gapParams = z.object({ localityId: z.uuid(), sector: z.enum(sectors) });
export const gapExplainQuery = z.object({ at: isoDate.optional(), horizonDays: z.coerce.number().int().min(0).max(365).optional() });

export const explainedResponse = z.object({
  kind: z.enum(['rrm', 'post_rrm']),
  id: z.uuid(),
  organisation: organisationRef,
  /** Reporting month of a 5W record. */
  period: z.string().nullable(),
  status: z.string(),
  activity: z.string().nullable(),
  start: isoDate,
  end: isoDate.nullable(),
  /** The days it counts for: cut where a newer monthly report of its organisation takes over. */
  countsFrom: isoDate.nullable(),
  countsUntil: isoDate.nullable(),
  households: z.number().int(),
  /** Counted on `at`. */
  active: z.boolean(),
  /** Its counted days end within the horizon. */
  endsWithinHorizon: z.boolean(),
});
export type ExplainedResponse = z.infer<typeof explainedResponse>;

export const capacityMatch = z.object({
  organisation: organisationRef,
  period: z.string(),
  declared: z.number().int(),
  /** Households of its responses in the sector and region started since the declared month and still running on `at`. */
  committed: z.number().int(),
  left: z.number().int(),
  fundingStatus: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  /** Enough left for the whole gap. */
  coversGap: z.boolean(),
});
export type CapacityMatch = z.infer<typeof capacityMatch>;

export const gapExplanation = z.object({
  at: isoDate,
  horizonDays: z.number().int(),
  row: gapRow,
  settings: gapSettingsState,
  need: z.object({
    assessment: needAssessmentRef.extend({ title: z.string().nullable(), organisation: organisationRef }).nullable(),
    shocks: z.array(
      z.object({
        alertId: z.uuid(),
        code: z.string(),
        shockDate: isoDate,
        households: z.number().int(),
        /** True when the MSA gave the households in need (or found none); otherwise the alert's displaced households. */
        fromMsa: z.boolean(),
        /** The MSA found no need in the sector: a known need of zero. */
        noNeed: z.boolean(),
        severity: z.number().int().nullable(),
        phase: z.enum(phases).nullable(),
        rrmEndsOn: isoDate,
        /** Counted in the need (false: before the assessment, or in resilience). */
        counted: z.boolean(),
      }),
    ),
  }),
  responses: z.array(explainedResponse),
  steps: z.array(z.object({ from: isoDate, households: z.number().int() })),
  /** The day the last RRM response in the sector ends (or ended). */
  rrmEndsOn: isoDate.nullable(),
  matches: z.array(capacityMatch),
  /** What coordinators decided about this gap, newest first. */
  followUps: z.array(followUpRecord),
  /**
   * Coverage from beneficiary lists: distinct households assisted per month in this locality and
   * sector (a household on several lists counted once when they share a NINA or a name with a
   * phone, or once deduplication grouped them), with the number of lists. Aggregate figures only.
   */
  listCoverage: z.array(z.object({ month: z.string(), households: z.number().int(), lists: z.number().int() })),
  /**
   * In the resilience phase, the handover to development actors of the shock that set the phase
   * (the locality's latest): its state, steps and actors; its notes only for readers of
   * organisation-level detail. Null in the other phases.
   */
  handover: z
    .object({
      shock: z.object({ alertId: z.uuid(), code: z.string(), shockDate: isoDate }),
      resilienceFrom: isoDate,
      /** Null before the handover is opened. */
      state: handoverSummary.extend({ notes: z.string().nullable() }).nullable(),
    })
    .nullable(),
  /** False for a reader who sees aggregated figures only: responses, capacities and follow-ups are left out. */
  organisationDetail: z.boolean(),
  /** Why the gap is what it is, in the user's language, one sentence each. */
  sentences: z.array(z.string()),
});
export type GapExplanation = z.infer<typeof gapExplanation>;

export const gapExportQuery = gapFilters.extend({ format: z.enum(['xlsx', 'csv', 'hxl']).default('xlsx'), ...languageQuery.shape });
export type GapExportQuery = z.infer<typeof gapExportQuery>;

export const followUpInput = z.object({
  status: z.enum(followUpStatuses),
  comment: z.string().trim().min(1, { error: 'gap_comment_required' }).max(2000),
  /** The organisation taking the gap up. */
  organisationId: z.uuid().nullable().default(null),
  /** The meeting decision that led to it: one about this locality. */
  decisionId: z.uuid().nullable().default(null),
});
export type FollowUpInput = z.infer<typeof followUpInput>;

// ---- gap alerts -------------------------------------------------------------------------------

export const notificationKinds = [
  'gap_upcoming',
  'gap_open',
  'gap_digest',
  // Coordination meetings (src/server/features/meetings).
  'action_point_due',
  'action_point_overdue',
  'meeting_invitation',
  'meeting_minutes',
  // Beneficiary lists (src/server/features/lists): a request to the custodian, a decision to both organisations.
  'sharing_request',
  'sharing_decision',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export const notification = z.object({
  id: z.uuid(),
  kind: z.enum(notificationKinds),
  title: z.string(),
  body: z.string(),
  /** Where in the app it points (a gap's explanation, the gap list). */
  link: z.string().nullable(),
  localityId: z.uuid().nullable(),
  sector: z.enum(sectors).nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
  /** When the e-mail left, if SMTP is configured. */
  emailedAt: timestamp.nullable(),
});
export type Notification = z.infer<typeof notification>;

export const notificationQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const notificationPage = pageOf(notification).extend({ unread: z.number().int() });
export type NotificationPage = z.infer<typeof notificationPage>;

export const gapAlertRunQuery = z.object({ at: isoDate.optional() });
export const gapAlertRunResult = z.object({
  at: isoDate,
  /** Notifications created by this run (events already notified are not repeated). */
  notifications: z.number().int(),
  emailed: z.number().int(),
  emailFailures: z.number().int(),
});
export type GapAlertRunResult = z.infer<typeof gapAlertRunResult>;

export const focalPointUser = z.object({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: z.string() }),
  sectors: z.array(z.enum(sectors)),
});
export const focalPointList = z.object({ items: z.array(focalPointUser) });
export const focalPointParams = z.object({ userId: z.uuid() });
export const focalPointInput = z.object({
  sectors: z
    .array(z.enum(sectors))
    .max(sectors.length)
    .refine((list) => new Set(list).size === list.length, { message: 'duplicate_sector' satisfies ErrorCode }),
});

export const gapsApi = {
  list: endpoint({ operationId: 'listGaps', method: 'GET', path: '/api/v1/gaps', access: 'gap:read', query: gapListQuery, response: gapPage }),
  matrix: endpoint({ operationId: 'getGapMatrix', method: 'GET', path: '/api/v1/gaps/matrix', access: 'gap:read', query: gapFilters, response: gapMatrix }),
  export: endpoint({ operationId: 'exportGaps', method: 'GET', path: '/api/v1/gaps/export', access: 'gap:read', query: gapExportQuery, download: tableMediaTypes }),
  followUps: endpoint({
    operationId: 'listGapFollowUps',
    method: 'GET',
    path: '/api/v1/gaps/:localityId/:sector/follow-ups',
    // Follow-up notes are internal and signed: not for readers of aggregated figures.
    access: 'response:read',
    params: gapParams,
    response: followUpList,
  }),
  addFollowUp: endpoint({
    operationId: 'addGapFollowUp',
    method: 'POST',
    path: '/api/v1/gaps/:localityId/:sector/follow-ups',
    access: 'gap:manage',
    params: gapParams,
    body: followUpInput,
    response: followUpRecord,
    status: 201,
  }),
  explain: endpoint({
    operationId: 'explainGap',
    method: 'GET',
    path: '/api/v1/gaps/:localityId/:sector',
    access: 'gap:read',
    params: gapParams,
    query: gapExplainQuery,
    response: gapExplanation,
  }),
};

export const gapSettingsApi = {
  get: endpoint({ operationId: 'getGapSettings', method: 'GET', path: '/api/v1/settings/gaps', access: 'gap:read', response: gapSettingsState }),
  update: endpoint({
    operationId: 'updateGapSettings',
    method: 'PUT',
    path: '/api/v1/settings/gaps',
    access: 'settings:manage',
    body: gapSettingsUpdate,
    response: gapSettingsState,
  }),
};

const unreadCount = z.object({ unread: z.number().int() });

/** Each user's own notifications: anyone signed in, for themselves only. */
export const notificationsApi = {
  list: endpoint({ operationId: 'listNotifications', method: 'GET', path: '/api/v1/notifications', access: 'signedIn', query: notificationQuery, response: notificationPage }),
  readAll: endpoint({ operationId: 'markAllNotificationsRead', method: 'POST', path: '/api/v1/notifications/read-all', access: 'signedIn', response: unreadCount }),
  read: endpoint({
    operationId: 'markNotificationRead',
    method: 'POST',
    path: '/api/v1/notifications/:id/read',
    access: 'signedIn',
    params: idParams,
    response: unreadCount,
  }),
};

export const gapAlertsApi = {
  run: endpoint({
    operationId: 'runGapAlerts',
    method: 'POST',
    path: '/api/v1/gap-alerts/run',
    access: 'settings:manage',
    query: gapAlertRunQuery,
    response: gapAlertRunResult,
  }),
  digest: endpoint({
    operationId: 'sendGapAlertDigest',
    method: 'POST',
    path: '/api/v1/gap-alerts/digest',
    access: 'settings:manage',
    query: gapAlertRunQuery,
    response: gapAlertRunResult,
  }),
  focalPoints: endpoint({ operationId: 'listSectorFocalPoints', method: 'GET', path: '/api/v1/sector-focal-points', access: 'user:manage', response: focalPointList }),
  setFocalPoint: endpoint({
    operationId: 'setSectorFocalPoint',
    method: 'PUT',
    path: '/api/v1/sector-focal-points/:userId',
    access: 'user:manage',
    params: focalPointParams,
    body: focalPointInput,
    response: focalPointInput,
  }),
};

export const needsApi = {
  list: endpoint({ operationId: 'listNeeds', method: 'GET', path: '/api/v1/needs', access: 'gap:read', query: needQuery, response: needPage }),
};
