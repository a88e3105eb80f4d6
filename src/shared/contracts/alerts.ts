import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { handoverStatuses } from '../handovers.ts';
import { phases } from '../phases.ts';
import { sectors } from '../sectors.ts';
import { idParams, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp, versionQuery } from './common.ts';
import { endpoint } from './endpoint.ts';
import { importReport } from './import.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

export const shockTypes = ['armed_conflict', 'intercommunal_violence', 'flood', 'drought', 'fire', 'epidemic', 'other'] as const;
export type ShockType = (typeof shockTypes)[number];
export const shockTypeLabels: Labels<ShockType> = {
  armed_conflict: { fr: 'Conflit armé', en: 'Armed conflict' },
  intercommunal_violence: { fr: 'Violences intercommunautaires', en: 'Intercommunal violence' },
  flood: { fr: 'Inondation', en: 'Flood' },
  drought: { fr: 'Sécheresse', en: 'Drought' },
  fire: { fr: 'Incendie', en: 'Fire' },
  epidemic: { fr: 'Épidémie', en: 'Epidemic' },
  other: { fr: 'Autre', en: 'Other' },
};

export const alertStatuses = ['reported', 'verified', 'assessed', 'validated', 'responded', 'closed', 'rejected'] as const;
export type AlertStatus = (typeof alertStatuses)[number];
export const alertStatusLabels: Labels<AlertStatus> = {
  reported: { fr: 'Signalée', en: 'Reported' },
  verified: { fr: 'Vérifiée', en: 'Verified' },
  assessed: { fr: 'Évaluée (ESM)', en: 'Assessed (MSA)' },
  validated: { fr: 'Validée', en: 'Validated' },
  responded: { fr: 'Réponse RRM', en: 'RRM response' },
  closed: { fr: 'Clôturée', en: 'Closed' },
  rejected: { fr: 'Rejetée', en: 'Rejected' },
};

/**
 * The workflow as data: the statuses each status may move to. Rejection is for alerts that turn
 * out false or out of mandate, so only before validation; a validated alert that needs no RRM
 * response (another actor covered it) may be closed directly.
 */
export const alertTransitions: Readonly<Record<AlertStatus, readonly AlertStatus[]>> = {
  reported: ['verified', 'rejected'],
  verified: ['assessed', 'rejected'],
  assessed: ['validated', 'rejected'],
  validated: ['responded', 'closed'],
  responded: ['closed'],
  closed: [],
  rejected: [],
};

export function canTransition(from: AlertStatus, to: AlertStatus): boolean {
  return alertTransitions[from].includes(to);
}

/**
 * Statuses that stand on the multisector assessment: an alert reaches "assessed" and "validated"
 * only with its results recorded (at least one sector, with a need found or no need), and keeps them.
 */
export const statusesWithMsa: readonly AlertStatus[] = ['assessed', 'validated', 'responded', 'closed'];

/** Whether moving to `to` needs the multisector assessment recorded first. */
export function transitionNeedsMsa(to: AlertStatus): boolean {
  return to === 'assessed' || to === 'validated';
}

/** Statuses at which the RRM has been triggered: RRM responses may be recorded. */
export const statusesOpenToRrmResponses: readonly AlertStatus[] = ['validated', 'responded', 'closed'];

export const populationGroups = ['idp', 'returnee', 'refugee', 'host'] as const;
export type PopulationGroup = (typeof populationGroups)[number];
export const populationGroupLabels: Labels<PopulationGroup> = {
  idp: { fr: 'PDI (personnes déplacées internes)', en: 'IDPs (internally displaced persons)' },
  returnee: { fr: 'Retournés', en: 'Returnees' },
  refugee: { fr: 'Réfugiés', en: 'Refugees' },
  host: { fr: 'Communauté hôte', en: 'Host community' },
};

export const modalities = ['in_kind', 'cash', 'voucher', 'service'] as const;
export type Modality = (typeof modalities)[number];
export const modalityLabels: Labels<Modality> = {
  in_kind: { fr: 'En nature', en: 'In kind' },
  cash: { fr: 'Espèces', en: 'Cash' },
  voucher: { fr: 'Coupons', en: 'Voucher' },
  service: { fr: 'Service', en: 'Service' },
};

const count = z.number().int().min(0, { error: 'count_negative' }).max(10_000_000);

// ---- phase settings -------------------------------------------------------------------------

const phaseSettingsShape = {
  rrmMonths: z.number().int().min(1).max(12),
  postRrmUntilMonth: z.number().int().min(2).max(60),
  rrmLateAfterDays: z.number().int().min(1).max(120),
};
const boundsInOrder = (v: { rrmMonths: number; postRrmUntilMonth: number }) => v.postRrmUntilMonth > v.rrmMonths;
const boundsMessage = { path: ['postRrmUntilMonth'], message: 'phase_bounds_order' satisfies ErrorCode };

/** The phase boundaries as stored (no version): what the settings repository reads back. */
export const phaseSettingsValues = z.object(phaseSettingsShape);
export const phaseSettingsState = z.object({ ...phaseSettingsShape, version: z.number().int(), updatedAt: timestamp.nullable() });
export const phaseSettingsUpdate = z.object({ ...phaseSettingsShape, version: z.number().int() }).refine(boundsInOrder, boundsMessage);

// ---- alerts ---------------------------------------------------------------------------------

export const localityRef = z.object({
  id: z.uuid(),
  name: z.string(),
  pcode: z.string().nullable(),
  adm1Pcode: z.string().nullable(),
  adm1Name: z.string().nullable(),
  adm2Pcode: z.string().nullable(),
  adm2Name: z.string().nullable(),
  adm3Pcode: z.string().nullable(),
  adm3Name: z.string().nullable(),
});
export type LocalityRef = z.infer<typeof localityRef>;

export const organisationRef = z.object({ id: z.uuid(), acronym: z.string(), name: z.string() });

export const msaFinding = z.object({
  sector: z.enum(sectors),
  need: z.boolean(),
  householdsInNeed: count.nullable(),
  severity: z.number().int().min(1).max(5).nullable(),
  remarks: z.string().trim().max(1000).nullable(),
});
export type MsaFinding = z.infer<typeof msaFinding>;

const msaFindingInput = z.object({
  sector: z.enum(sectors),
  need: z.boolean(),
  householdsInNeed: count.nullable().default(null),
  severity: z.number().int().min(1).max(5).nullable().default(null),
  remarks: z.string().trim().max(1000).nullable().default(null),
});
const msaFindingsInput = z
  .array(msaFindingInput)
  .max(sectors.length)
  .refine((list) => new Set(list.map((f) => f.sector)).size === list.length, { message: 'duplicate_sector' satisfies ErrorCode });

/** Where a shock stands in its continuum at `at` (see src/shared/phases.ts). */
export const alertContinuum = z.object({
  at: isoDate,
  phase: z.enum(phases).nullable(),
  month: z.number().int().nullable(),
  rrmEndsOn: isoDate,
  postRrmFrom: isoDate,
  resilienceFrom: isoDate,
  rrmDaysLeft: z.number().int().nullable(),
  rrmLate: z.boolean(),
});

export const alert = z.object({
  id: z.uuid(),
  code: z.string(),
  shockType: z.enum(shockTypes),
  shockDate: isoDate,
  alertDate: isoDate,
  hostLocality: localityRef,
  origins: z.array(z.object({ pcode: z.string(), name: z.string().nullable() })),
  originText: z.string().nullable(),
  households: z.number().int(),
  persons: z.number().int(),
  populationGroup: z.enum(populationGroups),
  sourceOrganisation: organisationRef.nullable(),
  description: z.string().nullable(),
  status: z.enum(alertStatuses),
  rejectionReason: z.string().nullable(),
  /** When each step was taken (null: not taken, or taken before these dates were kept). */
  verifiedAt: timestamp.nullable(),
  assessedAt: timestamp.nullable(),
  validatedAt: timestamp.nullable(),
  respondedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  rejectedAt: timestamp.nullable(),
  msaFindings: z.array(msaFinding),
  rrmResponseCount: z.number().int(),
  firstRrmResponseOn: isoDate.nullable(),
  continuum: alertContinuum,
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Alert = z.infer<typeof alert>;

const alertFields = {
  shockType: z.enum(shockTypes),
  shockDate: isoDate,
  alertDate: isoDate,
  hostLocalityId: z.uuid(),
  /** Admin P-codes (any level) of the areas the families fled. */
  originPcodes: z.array(z.string().trim().min(2).max(20)).max(30),
  /** Areas of origin in words, for places without a P-code. */
  originText: z.string().trim().max(500).nullable(),
  households: count,
  persons: count,
  populationGroup: z.enum(populationGroups),
  sourceOrganisationId: z.uuid().nullable(),
  description: z.string().trim().max(2000).nullable(),
  msaFindings: msaFindingsInput,
};

export const alertInput = z.object({
  ...alertFields,
  originPcodes: alertFields.originPcodes.default([]),
  originText: alertFields.originText.default(null),
  populationGroup: alertFields.populationGroup.default('idp'),
  sourceOrganisationId: alertFields.sourceOrganisationId.default(null),
  description: alertFields.description.default(null),
  msaFindings: alertFields.msaFindings.default([]),
});
export type AlertInput = z.infer<typeof alertInput>;

/** `msaFindings`, when present, replaces the whole list. */
export const alertPatch = z.object(alertFields).partial().extend({ version: z.number().int() });
export type AlertPatch = z.infer<typeof alertPatch>;

export interface AlertRuleViolation {
  path: 'shockDate' | 'alertDate' | 'persons';
  code: ErrorCode;
}

/** Rules across fields, checked on the whole record (create, edit and import alike). */
export function alertViolations(
  alert: { shockDate: string; alertDate: string; households: number; persons: number },
  today: string,
): AlertRuleViolation[] {
  const violations: AlertRuleViolation[] = [];
  if (alert.shockDate > alert.alertDate) violations.push({ path: 'shockDate', code: 'shock_after_alert' });
  if (alert.alertDate > today) violations.push({ path: 'alertDate', code: 'date_in_future' });
  if (alert.persons < alert.households) violations.push({ path: 'persons', code: 'persons_below_households' });
  return violations;
}

export const alertTransitionInput = z.object({
  to: z.enum(alertStatuses),
  /** Required to reject. */
  reason: z.string().trim().min(1).max(1000).optional(),
  /** When the change really happened, if recorded afterwards (defaults to now). */
  date: isoDate.optional(),
  /** When given, a stale version gets 409 instead of applying the change. */
  version: z.number().int().optional(),
});
export type AlertTransitionInput = z.infer<typeof alertTransitionInput>;

export const alertSorts = ['alertDate', 'shockDate', 'code', 'households', 'locality', 'status'] as const;
export type AlertSort = (typeof alertSorts)[number];

const statusList = z.preprocess(
  (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
  z.array(z.string()).transform((values) => values.flatMap((v) => v.split(',')).filter(Boolean)).pipe(z.array(z.enum(alertStatuses)).max(alertStatuses.length)),
);

/** Filters of the alert list, shared by the list, the export and the web's URL. */
export const alertFilters = z.object({
  region: z.string().trim().max(20).optional(),
  cercle: z.string().trim().max(20).optional(),
  localityId: z.uuid().optional(),
  status: statusList.optional(),
  /** One phase or several, comma-separated (the dashboard's displaced households open `alerte,rrm,post_rrm`). */
  phase: z
    .preprocess(
      (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
      z.array(z.string()).transform((values) => values.flatMap((v) => v.split(',')).filter(Boolean)).pipe(z.array(z.enum(phases)).max(phases.length)),
    )
    .optional(),
  shockType: z.enum(shockTypes).optional(),
  /** Alert date range, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Shocks whose RRM phase ends between `at` and `at` + N days. */
  rrmEndsWithinDays: z.coerce.number().int().min(0).max(366).optional(),
  rrmLate: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
  /** The date phases are computed at; today by default. */
  at: isoDate.optional(),
  sort: z.enum([...alertSorts, ...alertSorts.map((s) => `-${s}` as const)]).default('-alertDate'),
});
export type AlertFilters = z.infer<typeof alertFilters>;

export const alertListQuery = pageQuery.extend(alertFilters.shape);

export const alertExportFormats = ['xlsx', 'csv', 'hxl'] as const;
export const alertExportQuery = alertFilters.extend({ format: z.enum(alertExportFormats).default('xlsx'), ...languageQuery.shape });
export type AlertExportQuery = z.infer<typeof alertExportQuery>;

/** `dryRun=true` (the default) checks the file and reports what it would do; `false` writes all of it or nothing. */
export const alertImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });
export const alertImportResult = importReport.extend({ dryRun: z.boolean(), committed: z.boolean() });
export type AlertImportResult = z.infer<typeof alertImportResult>;
export type AlertListQuery = z.infer<typeof alertListQuery>;
/** What the listed alerts add up to, so a figure that counts households or localities can be checked against its list. */
export const alertListSummary = z.object({
  households: z.number().int(),
  persons: z.number().int(),
  /** Host localities of the listed alerts. */
  localities: z.number().int(),
});
export const alertPage = pageOf(alert).extend({ summary: alertListSummary });
export type AlertPage = z.infer<typeof alertPage>;

// ---- RRM responses --------------------------------------------------------------------------

export const rrmResponse = z.object({
  id: z.uuid(),
  alertId: z.uuid(),
  organisation: organisationRef,
  sector: z.enum(sectors),
  package: z.string().nullable(),
  /** The harmonised package (version) it delivers, and what it gave when it gave less. */
  packageRef: z.object({ id: z.uuid(), name: z.string(), revision: z.number().int() }).nullable(),
  deliveredValueXof: z.number().int().nullable(),
  deliveredDurationMonths: z.number().int().nullable(),
  missingComponents: z.array(z.string()),
  startDate: isoDate,
  endDate: isoDate,
  householdsReached: z.number().int(),
  personsReached: z.number().int(),
  modality: z.enum(modalities),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type RrmResponse = z.infer<typeof rrmResponse>;

const rrmResponseFields = {
  /** Defaults to the signed-in user's organisation. */
  organisationId: z.uuid(),
  sector: z.enum(sectors),
  package: z.string().trim().max(300).nullable(),
  packageId: z.uuid().nullable(),
  deliveredValueXof: z.number().int().min(0).max(100_000_000).nullable(),
  deliveredDurationMonths: z.number().int().min(0).max(36).nullable(),
  missingComponents: z.array(z.string().trim().min(1).max(200)).max(60),
  startDate: isoDate,
  endDate: isoDate,
  householdsReached: count,
  personsReached: count,
  modality: z.enum(modalities),
};
export const rrmResponseInput = z.object({
  ...rrmResponseFields,
  organisationId: rrmResponseFields.organisationId.optional(),
  package: rrmResponseFields.package.default(null),
  packageId: rrmResponseFields.packageId.default(null),
  deliveredValueXof: rrmResponseFields.deliveredValueXof.default(null),
  deliveredDurationMonths: rrmResponseFields.deliveredDurationMonths.default(null),
  missingComponents: rrmResponseFields.missingComponents.default([]),
});
export type RrmResponseInput = z.infer<typeof rrmResponseInput>;
export const rrmResponsePatch = z.object(rrmResponseFields).partial().extend({ version: z.number().int() });
export type RrmResponsePatch = z.infer<typeof rrmResponsePatch>;
export const rrmResponseList = z.object({ items: z.array(rrmResponse) });

export const rrmResponseParams = z.object({ id: z.uuid(), responseId: z.uuid() });

export interface RrmResponseRuleViolation {
  path: 'endDate' | 'startDate' | 'personsReached';
  code: ErrorCode;
}

export function rrmResponseViolations(
  response: { startDate: string; endDate: string; householdsReached: number; personsReached: number },
  shockDate: string,
): RrmResponseRuleViolation[] {
  const violations: RrmResponseRuleViolation[] = [];
  if (response.endDate < response.startDate) violations.push({ path: 'endDate', code: 'end_before_start' });
  if (response.startDate < shockDate) violations.push({ path: 'startDate', code: 'response_before_shock' });
  if (response.personsReached < response.householdsReached) violations.push({ path: 'personsReached', code: 'persons_below_households' });
  return violations;
}

// ---- continuum of a locality ----------------------------------------------------------------

export const continuumQuery = z.object({ at: isoDate.optional() });

/**
 * A shock's handover to development actors as the locality's timeline and the gap explanations
 * show it: its state, the dates of its steps and the actors; notes only on its own page.
 */
export const handoverSummary = z.object({
  id: z.uuid(),
  status: z.enum(handoverStatuses),
  /** Reached resilience without an agreed plan, at the date asked. */
  overdue: z.boolean(),
  dialogueOpenedOn: isoDate.nullable(),
  planAgreedOn: isoDate.nullable(),
  handedOverOn: isoDate.nullable(),
  notTakenUpOn: isoDate.nullable(),
  actors: z.array(organisationRef),
});
export type HandoverSummary = z.infer<typeof handoverSummary>;

export const continuumShock = z.object({
  alert: z.object({
    id: z.uuid(),
    code: z.string(),
    shockType: z.enum(shockTypes),
    shockDate: isoDate,
    alertDate: isoDate,
    validatedOn: isoDate.nullable(),
    status: z.enum(alertStatuses),
    households: z.number().int(),
    persons: z.number().int(),
    populationGroup: z.enum(populationGroups),
  }),
  phase: z.enum(phases).nullable(),
  month: z.number().int().nullable(),
  rrmEndsOn: isoDate,
  postRrmFrom: isoDate,
  resilienceFrom: isoDate,
  rrmDaysLeft: z.number().int().nullable(),
  rrmLate: z.boolean(),
  /** Consecutive phase ranges for shading a timeline; resilience has no end. */
  segments: z.array(z.object({ phase: z.enum(phases), from: isoDate, to: isoDate.nullable() })),
  /** Its handover to development actors (src/shared/contracts/handovers.ts); null before one is opened. */
  handover: handoverSummary.nullable(),
});

/**
 * Every response at the locality, whatever recorded it: RRM responses (tied to an alert) now,
 * post-RRM 5W responses later (tied to an alert or not).
 */
export const continuumResponse = z.object({
  kind: z.enum(['rrm', 'post_rrm']),
  /** Null for a bar that sums several records: the view of a reader of aggregated figures. */
  id: z.uuid().nullable(),
  alertId: z.uuid().nullable(),
  /** Null in the aggregated view: one bar per kind, shock and sector, no organisation named. */
  organisation: organisationRef.nullable(),
  sector: z.enum(sectors),
  package: z.string().nullable(),
  start: isoDate,
  end: isoDate.nullable(),
  householdsReached: z.number().int().nullable(),
  personsReached: z.number().int().nullable(),
  modality: z.enum(modalities).nullable(),
});

/** Dated events on the timeline, such as the three assessments of a locality. */
export const continuumMilestone = z.object({
  kind: z.enum(['territorial_assessment', 'multisector_assessment', 'impact_assessment']),
  id: z.uuid(),
  date: isoDate,
  label: z.string(),
});

export const localityContinuum = z.object({
  locality: localityRef,
  at: isoDate,
  settings: phaseSettingsState,
  shocks: z.array(continuumShock),
  responses: z.array(continuumResponse),
  milestones: z.array(continuumMilestone),
  figures: z.object({
    /** Households displaced by the shocks that happened by `at` (rejected alerts excluded). */
    displacedHouseholds: z.number().int(),
    displacedPersons: z.number().int(),
    /**
     * Per sector, households reached by the RRM responses started by `at` (`households`: each
     * shock displaced other families, so they add up) and by the post-RRM 5W activities running
     * on `at` (`postRrmHouseholds`: their latest reports); sectors are never added together.
     */
    reachedHouseholdsBySector: z.array(z.object({ sector: z.enum(sectors), households: z.number().int(), postRrmHouseholds: z.number().int() })),
  }),
});
export type LocalityContinuum = z.infer<typeof localityContinuum>;

export const alertsApi = {
  export: endpoint({
    operationId: 'exportAlerts',
    method: 'GET',
    path: '/api/v1/alerts/export',
    access: 'alert:read',
    query: alertExportQuery,
    download: tableMediaTypes,
  }),
  import: endpoint({
    operationId: 'importAlerts',
    method: 'POST',
    path: '/api/v1/alerts/import',
    access: 'alert:manage',
    upload: true,
    query: alertImportQuery,
    response: alertImportResult,
  }),
  list: endpoint({ operationId: 'listAlerts', method: 'GET', path: '/api/v1/alerts', access: 'alert:read', query: alertListQuery, response: alertPage }),
  create: endpoint({ operationId: 'createAlert', method: 'POST', path: '/api/v1/alerts', access: 'alert:manage', body: alertInput, response: alert, status: 201 }),
  get: endpoint({ operationId: 'getAlert', method: 'GET', path: '/api/v1/alerts/:id', access: 'alert:read', params: idParams, query: continuumQuery, response: alert }),
  update: endpoint({ operationId: 'updateAlert', method: 'PATCH', path: '/api/v1/alerts/:id', access: 'alert:manage', params: idParams, body: alertPatch, response: alert }),
  transition: endpoint({
    operationId: 'transitionAlert',
    method: 'POST',
    path: '/api/v1/alerts/:id/transitions',
    access: 'alert:manage',
    params: idParams,
    body: alertTransitionInput,
    response: alert,
  }),
};

export const rrmResponsesApi = {
  list: endpoint({
    operationId: 'listRrmResponses',
    method: 'GET',
    path: '/api/v1/alerts/:id/rrm-responses',
    // Which organisation responded with what is organisation-level detail: the role that reads the 5W.
    access: 'response:read',
    params: idParams,
    response: rrmResponseList,
  }),
  create: endpoint({
    operationId: 'createRrmResponse',
    method: 'POST',
    path: '/api/v1/alerts/:id/rrm-responses',
    access: 'rrm_response:write',
    params: idParams,
    body: rrmResponseInput,
    response: rrmResponse,
    status: 201,
  }),
  update: endpoint({
    operationId: 'updateRrmResponse',
    method: 'PATCH',
    path: '/api/v1/alerts/:id/rrm-responses/:responseId',
    access: 'rrm_response:write',
    params: rrmResponseParams,
    body: rrmResponsePatch,
    response: rrmResponse,
  }),
  remove: endpoint({
    operationId: 'deleteRrmResponse',
    method: 'DELETE',
    path: '/api/v1/alerts/:id/rrm-responses/:responseId',
    access: 'rrm_response:write',
    params: rrmResponseParams,
    query: versionQuery,
    status: 204,
  }),
};

export const continuumApi = {
  ofLocality: endpoint({
    operationId: 'getLocalityContinuum',
    method: 'GET',
    path: '/api/v1/localities/:id/continuum',
    access: 'alert:read',
    params: idParams,
    query: continuumQuery,
    response: localityContinuum,
  }),
};

export const phaseSettingsApi = {
  get: endpoint({ operationId: 'getPhaseSettings', method: 'GET', path: '/api/v1/settings/phases', access: 'alert:read', response: phaseSettingsState }),
  update: endpoint({
    operationId: 'updatePhaseSettings',
    method: 'PUT',
    path: '/api/v1/settings/phases',
    access: 'settings:manage',
    body: phaseSettingsUpdate,
    response: phaseSettingsState,
  }),
};
