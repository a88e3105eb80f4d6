import { z } from 'zod';
import { type ImportMessageCode, type ImportMessageParams, importMessageCodes } from '../import-messages.ts';
import { sectors } from '../sectors.ts';
import { localityRef, modalities, organisationRef, populationGroups } from './alerts.ts';
import { idParams, idSchema, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp, versionQuery } from './common.ts';
import { endpoint } from './endpoint.ts';
import { importReport } from './import.ts';
import { period, periodEnd, periodStart } from './periods.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

/** Post-RRM responses: one 5W record per organisation, activity, place and reporting month. */
export const responseStatuses = ['planned', 'ongoing', 'completed', 'suspended'] as const;
export type ResponseStatus = (typeof responseStatuses)[number];
export const responseStatusLabels: Labels<ResponseStatus> = {
  planned: { fr: 'Planifiée', en: 'Planned' },
  ongoing: { fr: 'En cours', en: 'Ongoing' },
  completed: { fr: 'Terminée', en: 'Completed' },
  suspended: { fr: 'Suspendue', en: 'Suspended' },
};

export const currencies = ['XOF', 'EUR', 'USD'] as const;
export type Currency = (typeof currencies)[number];

/**
 * Persons reached by sex and age group, the disaggregation of the Mali 5W: under 18,
 * 18 to 59, 60 and over.
 */
export const sexAgeGroups = ['girls', 'boys', 'women', 'men', 'olderWomen', 'olderMen'] as const;
export type SexAgeGroup = (typeof sexAgeGroups)[number];
export const sexAgeLabels: Labels<SexAgeGroup> = {
  girls: { fr: 'Filles (< 18 ans)', en: 'Girls (under 18)' },
  boys: { fr: 'Garçons (< 18 ans)', en: 'Boys (under 18)' },
  women: { fr: 'Femmes (18–59 ans)', en: 'Women (18–59)' },
  men: { fr: 'Hommes (18–59 ans)', en: 'Men (18–59)' },
  olderWomen: { fr: 'Femmes âgées (60 ans et +)', en: 'Older women (60+)' },
  olderMen: { fr: 'Hommes âgés (60 ans et +)', en: 'Older men (60+)' },
};

const count = z.number().int().min(0, { error: 'count_negative' }).max(10_000_000);
const optionalCount = count.nullable();
const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const sexAgeFigures = z.object({
  girls: optionalCount,
  boys: optionalCount,
  women: optionalCount,
  men: optionalCount,
  olderWomen: optionalCount,
  olderMen: optionalCount,
});
export type SexAgeFigures = z.infer<typeof sexAgeFigures>;

/** A warning of the soft validation: saved anyway, shown so the reporter can check it. */
export const responseWarning = z.object({
  field: z.string(),
  code: z.enum(importMessageCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ResponseWarning = z.infer<typeof responseWarning>;

export const response = z.object({
  id: z.uuid(),
  period,
  organisation: organisationRef,
  implementingPartner: z.string().nullable(),
  donor: z.string().nullable(),
  sector: z.enum(sectors),
  activity: z.string(),
  package: z.string().nullable(),
  /** The harmonised package (version) it delivers, and what it gave when it gave less. */
  packageRef: z.object({ id: z.uuid(), name: z.string(), revision: z.number().int() }).nullable(),
  deliveredValueXof: z.number().int().nullable(),
  deliveredDurationMonths: z.number().int().nullable(),
  missingComponents: z.array(z.string()),
  locality: localityRef,
  status: z.enum(responseStatuses),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  populationGroup: z.enum(populationGroups),
  householdsTargeted: z.number().int().nullable(),
  householdsReached: z.number().int().nullable(),
  personsTargeted: z.number().int().nullable(),
  personsReached: z.number().int().nullable(),
  reachedBySexAge: sexAgeFigures,
  modality: z.enum(modalities).nullable(),
  budget: z.number().nullable(),
  currency: z.enum(currencies),
  comments: z.string().nullable(),
  alerts: z.array(z.object({ id: z.uuid(), code: z.string() })),
  warnings: z.array(responseWarning),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Response = z.infer<typeof response>;

const responseFields = {
  period,
  /** The reporting organisation; defaults to the signed-in user's. */
  organisationId: z.uuid(),
  implementingPartner: optionalText(200),
  donor: optionalText(200),
  sector: z.enum(sectors),
  activity: text(300).min(1),
  package: optionalText(300),
  packageId: z.uuid().nullable(),
  deliveredValueXof: z.number().int().min(0).max(100_000_000).nullable(),
  deliveredDurationMonths: z.number().int().min(0).max(36).nullable(),
  missingComponents: z.array(z.string().trim().min(1).max(200)).max(60),
  localityId: z.uuid(),
  status: z.enum(responseStatuses),
  startDate: isoDate,
  endDate: isoDate.nullable(),
  populationGroup: z.enum(populationGroups),
  householdsTargeted: optionalCount,
  householdsReached: optionalCount,
  personsTargeted: optionalCount,
  personsReached: optionalCount,
  reachedBySexAge: sexAgeFigures.partial(),
  modality: z.enum(modalities).nullable(),
  budget: z.number().min(0).max(1e13).nullable(),
  currency: z.enum(currencies),
  comments: optionalText(2000),
  alertIds: z.array(z.uuid()).max(20),
};

export const responseInput = z.object({
  ...responseFields,
  organisationId: responseFields.organisationId.optional(),
  implementingPartner: responseFields.implementingPartner.default(null),
  donor: responseFields.donor.default(null),
  package: responseFields.package.default(null),
  packageId: responseFields.packageId.default(null),
  deliveredValueXof: responseFields.deliveredValueXof.default(null),
  deliveredDurationMonths: responseFields.deliveredDurationMonths.default(null),
  missingComponents: responseFields.missingComponents.default([]),
  endDate: responseFields.endDate.default(null),
  populationGroup: responseFields.populationGroup.default('idp'),
  householdsTargeted: optionalCount.default(null),
  householdsReached: optionalCount.default(null),
  personsTargeted: optionalCount.default(null),
  personsReached: optionalCount.default(null),
  reachedBySexAge: responseFields.reachedBySexAge.default({}),
  modality: responseFields.modality.default(null),
  budget: responseFields.budget.default(null),
  currency: responseFields.currency.default('XOF'),
  comments: responseFields.comments.default(null),
  alertIds: responseFields.alertIds.default([]),
});
export type ResponseInput = z.infer<typeof responseInput>;

/** Only the fields sent change; `alertIds`, when sent, replaces the list. */
export const responsePatch = z.object(responseFields).partial().extend({ version: z.number().int() });
export type ResponsePatch = z.infer<typeof responsePatch>;

/** What the rules below look at: the record's values, whatever wrote them (form, API or import). */
export interface ResponseFacts {
  period: string;
  status: string;
  startDate: string;
  endDate: string | null;
  householdsTargeted: number | null;
  householdsReached: number | null;
  personsTargeted: number | null;
  personsReached: number | null;
  reachedBySexAge: Partial<SexAgeFigures>;
}

export interface ResponseRuleIssue {
  /** The field to show the message by (the API's body field name). */
  field: keyof ResponseFacts;
  code: ImportMessageCode;
  params: ImportMessageParams;
  /** Errors refuse the record; warnings are saved with it, for the reporter to check. */
  severity: 'error' | 'warning';
}

export function sexAgeTotal(figures: Partial<SexAgeFigures>): number | null {
  const values = sexAgeGroups.map((g) => figures[g]).filter((v): v is number => v !== null && v !== undefined);
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0);
}

/**
 * The rules across fields, the same for the form, the API and the import. Only the impossible
 * is refused: an end before the start, fewer persons than households. What is merely
 * surprising is a warning, because field reality produces it: more families reached than
 * targeted when new displaced people arrive, a partial age breakdown, an activity reported in a
 * month it did not run in (a late report).
 */
export function responseRuleIssues(facts: ResponseFacts): ResponseRuleIssue[] {
  const issues: ResponseRuleIssue[] = [];
  const error = (field: keyof ResponseFacts, code: ImportMessageCode, params: ImportMessageParams = {}) => issues.push({ field, code, params, severity: 'error' });
  const warning = (field: keyof ResponseFacts, code: ImportMessageCode, params: ImportMessageParams = {}) => issues.push({ field, code, params, severity: 'warning' });

  if (facts.endDate !== null && facts.endDate < facts.startDate) error('endDate', 'end_before_start', { start: facts.startDate, end: facts.endDate });
  if (facts.personsTargeted !== null && facts.householdsTargeted !== null && facts.personsTargeted < facts.householdsTargeted) {
    error('personsTargeted', 'persons_below_households', { persons: facts.personsTargeted, households: facts.householdsTargeted });
  }
  if (facts.personsReached !== null && facts.householdsReached !== null && facts.personsReached < facts.householdsReached) {
    error('personsReached', 'persons_below_households', { persons: facts.personsReached, households: facts.householdsReached });
  }
  if (facts.householdsReached !== null && facts.householdsTargeted !== null && facts.householdsReached > facts.householdsTargeted) {
    warning('householdsReached', 'reached_above_targeted', { reached: facts.householdsReached, targeted: facts.householdsTargeted });
  }
  if (facts.personsReached !== null && facts.personsTargeted !== null && facts.personsReached > facts.personsTargeted) {
    warning('personsReached', 'reached_above_targeted', { reached: facts.personsReached, targeted: facts.personsTargeted });
  }
  const bySexAge = sexAgeTotal(facts.reachedBySexAge);
  if (bySexAge !== null && facts.personsReached !== null && bySexAge !== facts.personsReached) {
    warning('reachedBySexAge', 'sex_age_total_mismatch', { total: bySexAge, persons: facts.personsReached });
  }
  const monthStart = periodStart(facts.period);
  const monthEnd = periodEnd(facts.period);
  // A planned activity reported before it starts is the normal case, not a mistake.
  const plannedAhead = facts.status === 'planned' && facts.startDate > monthEnd;
  if ((facts.startDate > monthEnd && !plannedAhead) || (facts.endDate !== null && facts.endDate < monthStart)) {
    warning('startDate', 'dates_outside_period', { period: facts.period });
  }
  if (facts.status === 'completed' && facts.endDate === null) warning('endDate', 'completed_without_end');
  return issues;
}

/** The persons reached, or the sum of the age breakdown when only that was given. */
export function personsReachedOf(personsReached: number | null, bySexAge: Partial<SexAgeFigures>): number | null {
  return personsReached ?? sexAgeTotal(bySexAge);
}

// ---- lists, filters ---------------------------------------------------------------------------

export const responseSorts = ['period', 'organisation', 'sector', 'locality', 'status', 'startDate', 'householdsReached', 'updatedAt'] as const;
export type ResponseSort = (typeof responseSorts)[number];

/** `a,b` or repeated parameters, for multi-value filters in the URL. */
function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
    z
      .array(z.string())
      .transform((list) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values)).max(values.length)),
  );
}
const uuidList = z.preprocess(
  (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
  z
    .array(z.string())
    .transform((list) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(idSchema).max(100)),
);
const pcode = z.string().trim().regex(/^[A-Z]{2}\d{2,}$/i, { error: 'pcode_invalid' }).transform((v) => v.toUpperCase());

/** The filters of the matrix: shared by the list, the export and the pivot, and kept in the web's URL. */
export const responseFilters = z.object({
  organisationId: uuidList.optional(),
  sector: listOf(sectors).optional(),
  /** Admin P-codes: region (adm1), cercle (adm2), commune (adm3). */
  region: pcode.optional(),
  cercle: pcode.optional(),
  commune: pcode.optional(),
  localityId: idSchema.optional(),
  status: listOf(responseStatuses).optional(),
  populationGroup: listOf(populationGroups).optional(),
  /** One month, or a range of months (both included). */
  period: period.optional(),
  periodFrom: period.optional(),
  periodTo: period.optional(),
  alertId: idSchema.optional(),
  /** Words of the activity, package, partner or donor. */
  q: z.string().trim().max(100).optional(),
});
export type ResponseFilters = z.infer<typeof responseFilters>;

export const responseListQuery = pageQuery.extend({
  ...responseFilters.shape,
  sort: z.enum([...responseSorts, ...responseSorts.map((s) => `-${s}` as const)]).default('-period'),
});
export type ResponseListQuery = z.infer<typeof responseListQuery>;
export const responsePage = pageOf(response);

// ---- pivot --------------------------------------------------------------------------------------

export const pivotDimensions = ['organisation', 'sector', 'adm1', 'adm2', 'adm3', 'month'] as const;
export type PivotDimension = (typeof pivotDimensions)[number];
export const pivotDimensionLabels: Labels<PivotDimension> = {
  organisation: { fr: 'Organisation', en: 'Organisation' },
  sector: { fr: 'Secteur', en: 'Sector' },
  adm1: { fr: 'Région', en: 'Region' },
  adm2: { fr: 'Cercle', en: 'Cercle' },
  adm3: { fr: 'Commune', en: 'Commune' },
  month: { fr: 'Mois', en: 'Month' },
};

export const pivotQuery = responseFilters.extend({
  rows: z.enum(pivotDimensions).default('sector'),
  cols: z.enum(pivotDimensions).default('adm1'),
});
export type PivotQuery = z.infer<typeof pivotQuery>;

export const pivotFigures = z.object({
  /** Reporting organisations. */
  actors: z.number().int(),
  records: z.number().int(),
  /** Distinct households under the no-double-counting rule (src/shared/households.ts). */
  householdsTargeted: z.number().int(),
  householdsReached: z.number().int(),
});
export type PivotFigures = z.infer<typeof pivotFigures>;

export const pivotHeader = z.object({ key: z.string().nullable(), label: z.string() });
export type PivotHeader = z.infer<typeof pivotHeader>;

export const pivotResult = z.object({
  rows: z.enum(pivotDimensions),
  cols: z.enum(pivotDimensions),
  rowHeaders: z.array(pivotHeader),
  colHeaders: z.array(pivotHeader),
  cells: z.array(pivotFigures.extend({ row: z.string().nullable(), col: z.string().nullable() })),
  /** Totals apply the rule again over their records: a row total is not the sum of its cells. */
  rowTotals: z.array(pivotFigures.extend({ row: z.string().nullable() })),
  colTotals: z.array(pivotFigures.extend({ col: z.string().nullable() })),
  total: pivotFigures,
});
export type PivotResult = z.infer<typeof pivotResult>;

// ---- Excel round trip -------------------------------------------------------------------------

export const exportFormats = ['xlsx', 'csv', 'hxl'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const responseExportQuery = responseFilters.extend({ format: z.enum(exportFormats).default('xlsx'), ...languageQuery.shape });

export const responseTemplateQuery = z.object({
  /** The month the template reports on; default the current month. */
  period: period.optional(),
  /** Coordinators choose the organisation; partners always get their own. */
  organisationId: idSchema.optional(),
  ...languageQuery.shape,
});
export type ResponseTemplateQuery = z.infer<typeof responseTemplateQuery>;

export const importQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** Rows without an organisation are reported by this one (default: the user's). */
  organisationId: idSchema.optional(),
  /** Rows without a period belong to this month. */
  period: period.optional(),
  /** A key the client chose, to poll the progress of a large file while it is read. */
  progressKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});

export const importStages = ['reading', 'checking', 'writing', 'done'] as const;

/** Where a running import stands, polled by the web for its progress bar. */
export const importProgressState = z.object({
  stage: z.enum(importStages),
  /** Data rows read from the file so far. */
  rowsRead: z.number().int(),
  /** Rows checked against the database (preview) or written to it (commit) so far. */
  rowsWritten: z.number().int(),
  /** Share of the file read, when the reader knows it (CSV: bytes); null otherwise. */
  fraction: z.number().min(0).max(1).nullable(),
});
export type ImportProgressState = z.infer<typeof importProgressState>;
export const importProgressParams = z.object({ key: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });

/** The answer of an import: the shared report, and whether it was a preview or was written. */
export const responseImportResult = importReport.extend({ dryRun: z.boolean(), committed: z.boolean() });
export type ResponseImportResult = z.infer<typeof responseImportResult>;

export const responsesApi = {
  template: endpoint({
    operationId: 'downloadResponseTemplate',
    method: 'GET',
    path: '/api/v1/responses/template',
    access: 'response:write',
    query: responseTemplateQuery,
    download: tableMediaTypes,
  }),
  export: endpoint({ operationId: 'exportResponses', method: 'GET', path: '/api/v1/responses/export', access: 'response:read', query: responseExportQuery, download: tableMediaTypes }),
  import: endpoint({
    operationId: 'importResponses',
    method: 'POST',
    path: '/api/v1/responses/import',
    access: 'response:write',
    upload: true,
    query: importQuery,
    response: responseImportResult,
  }),
  pivot: endpoint({ operationId: 'pivotResponses', method: 'GET', path: '/api/v1/responses/pivot', access: 'dashboard:read', query: pivotQuery, response: pivotResult }),
  list: endpoint({ operationId: 'listResponses', method: 'GET', path: '/api/v1/responses', access: 'response:read', query: responseListQuery, response: responsePage }),
  create: endpoint({ operationId: 'createResponse', method: 'POST', path: '/api/v1/responses', access: 'response:write', body: responseInput, response, status: 201 }),
  get: endpoint({ operationId: 'getResponse', method: 'GET', path: '/api/v1/responses/:id', access: 'response:read', params: idParams, response }),
  update: endpoint({
    operationId: 'updateResponse',
    method: 'PATCH',
    path: '/api/v1/responses/:id',
    access: 'response:write',
    params: idParams,
    body: responsePatch,
    response,
  }),
  remove: endpoint({
    operationId: 'deleteResponse',
    method: 'DELETE',
    path: '/api/v1/responses/:id',
    access: 'response:write',
    params: idParams,
    query: versionQuery,
    status: 204,
  }),
};

/** Where a running import stands (any import that was given a `progressKey`), for the one who started it. */
export const importProgressApi = {
  get: endpoint({
    operationId: 'getImportProgress',
    method: 'GET',
    path: '/api/v1/import-progress/:key',
    access: 'signedIn',
    params: importProgressParams,
    response: importProgressState,
  }),
};
