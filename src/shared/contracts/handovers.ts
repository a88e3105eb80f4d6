import { z } from 'zod';
import { type HandoverStatus, handoverStatuses } from '../handovers.ts';
import { sectors } from '../sectors.ts';
import { localityRef, organisationRef } from './alerts.ts';
import { idParams, idSchema, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp, versionQuery } from './common.ts';
import { endpoint } from './endpoint.ts';
import { importReport } from './import.ts';

/**
 * The continuum to development: at the end of post-RRM (month 12 of a shock) each locality is
 * handed over to development and resilience actors. A handover follows one shock at one locality
 * (an alert); development actors' programmes say who already works in the commune.
 */

type Labels<T extends string> = Record<T, Record<Language, string>>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));

function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
    z
      .array(z.string())
      .transform((list) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values)).max(values.length)),
  );
}

// ---- handovers --------------------------------------------------------------------------------

export const handoverStatusLabels: Labels<HandoverStatus> = {
  not_started: { fr: 'Non commencée', en: 'Not started' },
  dialogue_opened: { fr: 'Dialogue ouvert', en: 'Dialogue opened' },
  plan_agreed: { fr: 'Plan convenu', en: 'Plan agreed' },
  handed_over: { fr: 'Transférée', en: 'Handed over' },
  not_taken_up: { fr: 'Non reprise', en: 'Not taken up' },
};

/**
 * The path of a handover. Steps may be skipped forward (a plan agreed at the first meeting), a
 * closed handover may be reopened to the dialogue when a new actor comes; "not taken up" closes it
 * with a reason.
 */
export const handoverTransitions: Record<HandoverStatus, readonly HandoverStatus[]> = {
  not_started: ['dialogue_opened', 'plan_agreed', 'handed_over', 'not_taken_up'],
  dialogue_opened: ['plan_agreed', 'handed_over', 'not_taken_up'],
  plan_agreed: ['handed_over', 'not_taken_up', 'dialogue_opened'],
  handed_over: ['dialogue_opened'],
  not_taken_up: ['dialogue_opened'],
};

/** The to-do appears this many months before the end of post-RRM (month 10 of 12 by default). */
export const handoverTodoMonthsBeforeEnd = 2;

export const handoverShock = z.object({
  alertId: z.uuid(),
  code: z.string(),
  shockType: z.string(),
  shockDate: isoDate,
  households: z.number().int(),
  persons: z.number().int(),
});

export const handover = z.object({
  id: z.uuid(),
  shock: handoverShock,
  locality: localityRef,
  status: z.enum(handoverStatuses),
  /** Month of the shock at the date asked (1 = the month starting on the shock date). */
  month: z.number().int().nullable(),
  /** First day of the resilience phase: the post-RRM mandate ends the day before. */
  resilienceFrom: isoDate,
  /** Reached resilience without an agreed plan. */
  overdue: z.boolean(),
  dialogueOpenedOn: isoDate.nullable(),
  planAgreedOn: isoDate.nullable(),
  handedOverOn: isoDate.nullable(),
  notTakenUpOn: isoDate.nullable(),
  notTakenUpReason: z.string().nullable(),
  actors: z.array(organisationRef),
  meeting: z.object({ id: z.uuid(), title: z.string(), date: isoDate }).nullable(),
  notes: z.string().nullable(),
  recommendedActions: z.string().nullable(),
  version: z.number().int(),
  updatedAt: timestamp,
});
export type Handover = z.infer<typeof handover>;
export const handoverPage = pageOf(handover);
export type HandoverPage = z.infer<typeof handoverPage>;

export const handoverFilters = z.object({
  /** The date the months and phases are counted at (default: today). */
  at: isoDate.optional(),
  region: z.string().trim().regex(/^[A-Z]{2}\d{2}$/i).transform((v) => v.toUpperCase()).optional(),
  localityId: idSchema.optional(),
  status: listOf(handoverStatuses).optional(),
  /** Months of the shock reached at `at`, inclusive. */
  monthFrom: z.coerce.number().int().min(1).max(240).optional(),
  monthTo: z.coerce.number().int().min(1).max(240).optional(),
  /** Only shocks whose post-RRM ends within this many days after `at`. */
  leavingWithinDays: z.coerce.number().int().min(1).max(366).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type HandoverFilters = z.infer<typeof handoverFilters>;
export const handoverListQuery = handoverFilters.extend(pageQuery.shape);
export type HandoverListQuery = z.infer<typeof handoverListQuery>;
export const handoverExportQuery = handoverFilters.extend({ format: z.enum(['xlsx', 'csv', 'hxl']).default('xlsx'), ...languageQuery.shape });

/** Opening a handover before its to-do comes (month 10): one per shock, at the shock's locality. */
export const handoverCreate = z.object({ alertId: z.uuid() });
export type HandoverCreate = z.infer<typeof handoverCreate>;

export const handoverUpdate = z
  .object({
    version: z.number().int(),
    status: z.enum(handoverStatuses),
    /** The date of the step the status moves to (default: today); earlier steps keep theirs. */
    on: isoDate.optional(),
    notTakenUpReason: optionalText(2000),
    actorIds: z.array(z.uuid()).max(20).default([]),
    meetingId: z.uuid().nullable().default(null),
    notes: optionalText(5000),
    recommendedActions: optionalText(5000),
  })
  .refine((v) => v.status !== 'not_taken_up' || v.notTakenUpReason !== null, { error: 'handover_reason_required', path: ['notTakenUpReason'] });
export type HandoverUpdate = z.infer<typeof handoverUpdate>;

/** The dashboard's figure: shocks leaving post-RRM soon, and how many have no handover started. */
export const handoverOutlook = z.object({
  at: isoDate,
  days: z.number().int(),
  leaving: z.number().int(),
  notStarted: z.number().int(),
  overdue: z.number().int(),
});
export type HandoverOutlook = z.infer<typeof handoverOutlook>;
export const handoverOutlookQuery = z.object({ at: isoDate.optional(), days: z.coerce.number().int().min(1).max(366).default(60), region: handoverFilters.shape.region });

// ---- the dossier ------------------------------------------------------------------------------

export const dossierSector = z.object({
  sector: z.enum(sectors),
  rrmHouseholds: z.number().int(),
  postRrmHouseholds: z.number().int(),
  /** Who responded, for readers who see organisation-level detail; empty otherwise. */
  organisations: z.array(z.string()),
});

export const dossierAssessment = z.object({
  kind: z.string(),
  status: z.string(),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  findings: z.array(z.object({ sector: z.enum(sectors), severity: z.number().int().nullable(), householdsInNeed: z.number().int().nullable(), findings: z.string().nullable() })),
});

export const dossierGap = z.object({
  sector: z.enum(sectors),
  householdsInNeed: z.number().int(),
  householdsCovered: z.number().int(),
  gap: z.number().int(),
});

export const developmentProgrammeRef = z.object({
  id: z.uuid(),
  name: z.string(),
  organisation: organisationRef,
  funding: z.string().nullable(),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  sectors: z.array(z.enum(sectors)),
});

export const handoverDossier = z.object({
  at: isoDate,
  handover: handover,
  timeline: z.object({ shockDate: isoDate, alertDate: isoDate, validatedOn: isoDate.nullable(), rrmEndsOn: isoDate, postRrmEndsOn: isoDate, resilienceFrom: isoDate }),
  sectors: z.array(dossierSector),
  assessments: z.array(dossierAssessment),
  gaps: z.array(dossierGap),
  programmes: z.array(developmentProgrammeRef),
});
export type HandoverDossier = z.infer<typeof handoverDossier>;
export const dossierQuery = z.object({ at: isoDate.optional() });

// ---- development programmes -------------------------------------------------------------------

export const developmentProgramme = developmentProgrammeRef.extend({
  /** Regions, cercles or communes, with their names. */
  areas: z.array(z.object({ pcode: z.string(), name: z.string().nullable(), level: z.number().int().nullable() })),
  description: z.string().nullable(),
  version: z.number().int(),
  updatedAt: timestamp,
});
export type DevelopmentProgramme = z.infer<typeof developmentProgramme>;
export const developmentProgrammePage = pageOf(developmentProgramme);

export const programmeFilters = z.object({
  organisationId: idSchema.optional(),
  /** Programmes covering this area (a commune is covered by its cercle's and its region's programmes). */
  pcode: z.string().trim().regex(/^[A-Z]{2}\d{2,}$/i).transform((v) => v.toUpperCase()).optional(),
  /** Running on that date. */
  activeOn: isoDate.optional(),
});
export type ProgrammeFilters = z.infer<typeof programmeFilters>;
export const programmeListQuery = programmeFilters.extend(pageQuery.shape);
export const programmeExportQuery = programmeFilters.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx'), ...languageQuery.shape });

export const programmeInput = z
  .object({
    organisationId: z.uuid(),
    name: z.string().trim().min(1).max(300),
    funding: optionalText(300),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
    sectors: z.array(z.enum(sectors)).max(sectors.length).default([]),
    areaPcodes: z.array(z.string().trim().regex(/^[A-Z]{2}\d{2,}$/i).transform((v) => v.toUpperCase())).min(1).max(500),
    description: optionalText(5000),
  })
  .refine((v) => v.endDate === null || v.endDate >= v.startDate, { error: 'end_before_start', path: ['endDate'] });
export type ProgrammeInput = z.infer<typeof programmeInput>;
export const programmeUpdate = programmeInput.and(z.object({ version: z.number().int() }));

export const programmeImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });
export const programmeImportResult = importReport.extend({ dryRun: z.boolean(), committed: z.boolean() });
export type ProgrammeImportResult = z.infer<typeof programmeImportResult>;

// ---- endpoints --------------------------------------------------------------------------------

export const handoversApi = {
  list: endpoint({ operationId: 'listHandovers', method: 'GET', path: '/api/v1/handovers', access: 'handover:read', query: handoverListQuery, response: handoverPage }),
  outlook: endpoint({ operationId: 'getHandoverOutlook', method: 'GET', path: '/api/v1/handovers/outlook', access: 'handover:read', query: handoverOutlookQuery, response: handoverOutlook }),
  export: endpoint({ operationId: 'exportHandovers', method: 'GET', path: '/api/v1/handovers/export', access: 'handover:read', query: handoverExportQuery, download: tableMediaTypes }),
  get: endpoint({ operationId: 'getHandover', method: 'GET', path: '/api/v1/handovers/:id', access: 'handover:read', params: idParams, query: dossierQuery, response: handover }),
  create: endpoint({ operationId: 'createHandover', method: 'POST', path: '/api/v1/handovers', access: 'handover:manage', body: handoverCreate, response: handover, status: 201 }),
  update: endpoint({ operationId: 'updateHandover', method: 'PUT', path: '/api/v1/handovers/:id', access: 'handover:manage', params: idParams, body: handoverUpdate, response: handover }),
  dossier: endpoint({ operationId: 'getHandoverDossier', method: 'GET', path: '/api/v1/handovers/:id/dossier', access: 'handover:read', params: idParams, query: dossierQuery, response: handoverDossier }),
  dossierPdf: endpoint({
    operationId: 'getHandoverDossierPdf',
    method: 'GET',
    path: '/api/v1/handovers/:id/dossier.pdf',
    access: 'handover:read',
    params: idParams,
    query: dossierQuery.extend(languageQuery.shape),
    download: ['application/pdf'],
  }),
};

export const developmentProgrammesApi = {
  list: endpoint({ operationId: 'listDevelopmentProgrammes', method: 'GET', path: '/api/v1/development-programmes', access: 'handover:read', query: programmeListQuery, response: developmentProgrammePage }),
  export: endpoint({ operationId: 'exportDevelopmentProgrammes', method: 'GET', path: '/api/v1/development-programmes/export', access: 'handover:read', query: programmeExportQuery, download: tableMediaTypes }),
  import: endpoint({
    operationId: 'importDevelopmentProgrammes',
    method: 'POST',
    path: '/api/v1/development-programmes/import',
    access: 'programme:manage',
    upload: true,
    query: programmeImportQuery,
    response: programmeImportResult,
  }),
  create: endpoint({ operationId: 'createDevelopmentProgramme', method: 'POST', path: '/api/v1/development-programmes', access: 'programme:manage', body: programmeInput, response: developmentProgramme, status: 201 }),
  get: endpoint({ operationId: 'getDevelopmentProgramme', method: 'GET', path: '/api/v1/development-programmes/:id', access: 'handover:read', params: idParams, response: developmentProgramme }),
  update: endpoint({ operationId: 'updateDevelopmentProgramme', method: 'PUT', path: '/api/v1/development-programmes/:id', access: 'programme:manage', params: idParams, body: programmeUpdate, response: developmentProgramme }),
  delete: endpoint({ operationId: 'deleteDevelopmentProgramme', method: 'DELETE', path: '/api/v1/development-programmes/:id', access: 'programme:manage', params: idParams, query: versionQuery, status: 204 }),
};
