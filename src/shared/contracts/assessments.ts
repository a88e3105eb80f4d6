import { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { phases } from '../phases.ts';
import { sectors } from '../sectors.ts';
import { localityRef, organisationRef } from './alerts.ts';
import { idParams, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';
import { importReport } from './import.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

/** REACH's sequence of three assessments in each locality, in order. */
export const assessmentKinds = ['territorial', 'multisector', 'impact'] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];
export const assessmentKindLabels: Labels<AssessmentKind> = {
  territorial: { fr: 'Évaluation territoriale', en: 'Area-based assessment' },
  multisector: { fr: 'Évaluation multisectorielle', en: 'Multisector assessment' },
  impact: { fr: "Évaluation d'impact", en: 'Impact assessment' },
};
/** Position of each kind in the sequence (1–3). */
export const assessmentStep: Record<AssessmentKind, number> = { territorial: 1, multisector: 2, impact: 3 };

export const assessmentStatuses = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];
export const assessmentStatusLabels: Labels<AssessmentStatus> = {
  planned: { fr: 'Planifiée', en: 'Planned' },
  ongoing: { fr: 'En cours', en: 'Ongoing' },
  done: { fr: 'Réalisée', en: 'Done' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
};

/** JIAF severity scale. */
export const severityLevels = [1, 2, 3, 4, 5] as const;
export const severityLabels: Record<number, Record<Language, string>> = {
  1: { fr: '1 — Aucune / minimale', en: '1 — None / minimal' },
  2: { fr: '2 — Stress', en: '2 — Stress' },
  3: { fr: '3 — Sévère', en: '3 — Severe' },
  4: { fr: '4 — Extrême', en: '4 — Extreme' },
  5: { fr: '5 — Catastrophique', en: '5 — Catastrophic' },
};

const count = z.number().int().min(0, { error: 'count_negative' }).max(10_000_000);
const severity = z.number().int().min(1).max(5);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const assessmentResult = z.object({
  sector: z.enum(sectors),
  severity: severity.nullable(),
  householdsInNeed: z.number().int().nullable(),
  personsInNeed: z.number().int().nullable(),
  findings: z.string().nullable(),
});
export type AssessmentResult = z.infer<typeof assessmentResult>;

const assessmentResultInput = z.object({
  sector: z.enum(sectors),
  severity: severity.nullable().default(null),
  householdsInNeed: count.nullable().default(null),
  personsInNeed: count.nullable().default(null),
  findings: optionalText(4000).default(null),
});
const assessmentResultsInput = z
  .array(assessmentResultInput)
  .max(sectors.length)
  .refine((list) => new Set(list.map((r) => r.sector)).size === list.length, { message: 'duplicate_sector' satisfies ErrorCode });

export const assessmentReportInfo = z.object({
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: timestamp,
});

export const assessment = z.object({
  id: z.uuid(),
  locality: localityRef,
  kind: z.enum(assessmentKinds),
  step: z.number().int(),
  status: z.enum(assessmentStatuses),
  organisation: organisationRef,
  startDate: isoDate,
  endDate: isoDate.nullable(),
  title: z.string().nullable(),
  notes: z.string().nullable(),
  results: z.array(assessmentResult),
  report: assessmentReportInfo.nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Assessment = z.infer<typeof assessment>;

const assessmentFields = {
  localityId: z.uuid(),
  kind: z.enum(assessmentKinds),
  status: z.enum(assessmentStatuses),
  /** Defaults to the signed-in user's organisation. */
  organisationId: z.uuid(),
  /** Start of data collection (planned or actual). */
  startDate: isoDate,
  /** End of data collection: the date the results describe. Required once done. */
  endDate: isoDate.nullable(),
  title: optionalText(300),
  notes: optionalText(4000),
  /** Replaces the whole list when sent. */
  results: assessmentResultsInput,
};

export const assessmentInput = z.object({
  ...assessmentFields,
  status: assessmentFields.status.default('planned'),
  organisationId: assessmentFields.organisationId.optional(),
  endDate: assessmentFields.endDate.default(null),
  title: assessmentFields.title.default(null),
  notes: assessmentFields.notes.default(null),
  results: assessmentFields.results.default([]),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;

export const assessmentPatch = z.object(assessmentFields).partial().extend({ version: z.number().int() });
export type AssessmentPatch = z.infer<typeof assessmentPatch>;

export interface AssessmentRuleViolation {
  path: 'endDate' | 'startDate' | 'results';
  code: ErrorCode;
}

/** Rules across fields, checked on the whole record (form, API and import alike). */
export function assessmentViolations(
  a: { status: AssessmentStatus; startDate: string; endDate: string | null; results: readonly { householdsInNeed: number | null; personsInNeed: number | null }[] },
  today: string,
): AssessmentRuleViolation[] {
  const violations: AssessmentRuleViolation[] = [];
  if (a.endDate !== null && a.endDate < a.startDate) violations.push({ path: 'endDate', code: 'end_before_start' });
  if (a.status === 'done' && a.endDate === null) violations.push({ path: 'endDate', code: 'assessment_end_required' });
  if (a.status === 'done' && a.endDate !== null && a.endDate > today) violations.push({ path: 'endDate', code: 'date_in_future' });
  if (a.status === 'ongoing' && a.startDate > today) violations.push({ path: 'startDate', code: 'date_in_future' });
  if (a.status === 'planned' && a.results.length > 0) violations.push({ path: 'results', code: 'assessment_results_too_early' });
  if (a.results.some((r) => r.householdsInNeed !== null && r.personsInNeed !== null && r.personsInNeed < r.householdsInNeed)) {
    violations.push({ path: 'results', code: 'persons_below_households' });
  }
  return violations;
}

// ---- lists ------------------------------------------------------------------------------------

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

export const assessmentSorts = ['startDate', 'endDate', 'locality', 'kind', 'status', 'updatedAt'] as const;
export type AssessmentSort = (typeof assessmentSorts)[number];

export const assessmentFilters = z.object({
  region: pcode.optional(),
  cercle: pcode.optional(),
  localityId: z.uuid().optional(),
  kind: listOf(assessmentKinds).optional(),
  status: listOf(assessmentStatuses).optional(),
  organisationId: z.uuid().optional(),
  /** Start date range, inclusive. */
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Words of the locality name or title. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum([...assessmentSorts, ...assessmentSorts.map((s) => `-${s}` as const)]).default('-startDate'),
});
export type AssessmentFilters = z.infer<typeof assessmentFilters>;
export const assessmentListQuery = pageQuery.extend(assessmentFilters.shape);
export type AssessmentListQuery = z.infer<typeof assessmentListQuery>;
export const assessmentPage = pageOf(assessment);

// ---- files ------------------------------------------------------------------------------------

/** `dryRun=true` (the default) checks the file and reports what it would do; `false` writes all of it or nothing. */
export const assessmentImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true') });
export const assessmentImportResult = importReport.extend({ dryRun: z.boolean(), committed: z.boolean() });
export type AssessmentImportResult = z.infer<typeof assessmentImportResult>;
export const assessmentExportQuery = assessmentFilters.extend({ format: z.enum(['xlsx', 'csv', 'hxl']).default('xlsx'), ...languageQuery.shape });
export type AssessmentExportQuery = z.infer<typeof assessmentExportQuery>;

// ---- tracker ----------------------------------------------------------------------------------

/** Where a locality stands in the sequence: the latest assessment of each kind. */
export const trackerStep = z.object({
  id: z.uuid(),
  status: z.enum(assessmentStatuses),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  organisation: organisationRef,
});

export const trackerRow = z.object({
  locality: localityRef,
  /** Phase of the locality's latest shock at `at`; null without a shock. */
  phase: z.enum(phases).nullable(),
  latestShockDate: isoDate.nullable(),
  territorial: trackerStep.nullable(),
  multisector: trackerStep.nullable(),
  impact: trackerStep.nullable(),
  /** The last step of the sequence done (0 when none). */
  stepDone: z.number().int(),
  /** The next kind to do, null once the impact assessment is done. */
  nextKind: z.enum(assessmentKinds).nullable(),
  /** In post-RRM and no assessment planned, ongoing or done since its latest shock. */
  nonePlanned: z.boolean(),
});
export type TrackerRow = z.infer<typeof trackerRow>;

export const trackerQuery = pageQuery.extend({
  at: isoDate.optional(),
  region: pcode.optional(),
  cercle: pcode.optional(),
  phase: z.enum(phases).optional(),
  /** Only the localities in post-RRM with no assessment planned. */
  nonePlanned: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
});
export type TrackerQuery = z.infer<typeof trackerQuery>;
export const trackerPage = pageOf(trackerRow).extend({
  at: isoDate,
  /** Over every matching locality, not only this page. */
  summary: z.object({ localities: z.number().int(), postRrm: z.number().int(), nonePlanned: z.number().int(), stepDone: z.array(z.number().int()) }),
});
export type TrackerPage = z.infer<typeof trackerPage>;

// ---- settings ---------------------------------------------------------------------------------

export const assessmentSettingsShape = {
  /** Largest PDF report accepted, in megabytes. */
  reportMaxMegabytes: z.number().int().min(1).max(200),
};
export const assessmentSettings = z.object(assessmentSettingsShape);
export type AssessmentSettings = z.infer<typeof assessmentSettings>;
export const defaultAssessmentSettings: Readonly<AssessmentSettings> = Object.freeze({ reportMaxMegabytes: 20 });
export const assessmentSettingsState = z.object({ ...assessmentSettingsShape, version: z.number().int(), updatedAt: timestamp.nullable() });
export type AssessmentSettingsState = z.infer<typeof assessmentSettingsState>;
export const assessmentSettingsUpdate = z.object({ ...assessmentSettingsShape, version: z.number().int() });

export const assessmentsApi = {
  export: endpoint({
    operationId: 'exportAssessments',
    method: 'GET',
    path: '/api/v1/assessments/export',
    access: 'gap:read',
    query: assessmentExportQuery,
    download: tableMediaTypes,
  }),
  import: endpoint({
    operationId: 'importAssessments',
    method: 'POST',
    path: '/api/v1/assessments/import',
    access: 'assessment:write',
    upload: true,
    query: assessmentImportQuery,
    response: assessmentImportResult,
  }),
  list: endpoint({ operationId: 'listAssessments', method: 'GET', path: '/api/v1/assessments', access: 'gap:read', query: assessmentListQuery, response: assessmentPage }),
  create: endpoint({
    operationId: 'createAssessment',
    method: 'POST',
    path: '/api/v1/assessments',
    access: 'assessment:write',
    body: assessmentInput,
    response: assessment,
    status: 201,
  }),
  tracker: endpoint({ operationId: 'listAssessmentTracker', method: 'GET', path: '/api/v1/assessments/tracker', access: 'gap:read', query: trackerQuery, response: trackerPage }),
  get: endpoint({ operationId: 'getAssessment', method: 'GET', path: '/api/v1/assessments/:id', access: 'gap:read', params: idParams, response: assessment }),
  update: endpoint({
    operationId: 'updateAssessment',
    method: 'PATCH',
    path: '/api/v1/assessments/:id',
    access: 'assessment:write',
    params: idParams,
    body: assessmentPatch,
    response: assessment,
  }),
  uploadReport: endpoint({
    operationId: 'uploadAssessmentReport',
    method: 'PUT',
    path: '/api/v1/assessments/:id/report',
    access: 'assessment:write',
    params: idParams,
    upload: true,
    response: assessment,
  }),
  downloadReport: endpoint({
    operationId: 'downloadAssessmentReport',
    method: 'GET',
    path: '/api/v1/assessments/:id/report',
    access: 'gap:read',
    params: idParams,
    download: ['application/pdf'],
  }),
  deleteReport: endpoint({
    operationId: 'deleteAssessmentReport',
    method: 'DELETE',
    path: '/api/v1/assessments/:id/report',
    access: 'assessment:write',
    params: idParams,
    response: assessment,
  }),
};

export const assessmentSettingsApi = {
  get: endpoint({ operationId: 'getAssessmentSettings', method: 'GET', path: '/api/v1/settings/assessments', access: 'gap:read', response: assessmentSettingsState }),
  update: endpoint({
    operationId: 'updateAssessmentSettings',
    method: 'PUT',
    path: '/api/v1/settings/assessments',
    access: 'settings:manage',
    body: assessmentSettingsUpdate,
    response: assessmentSettingsState,
  }),
};
