import { z } from 'zod';
import { sectors } from '../sectors.ts';
import { organisationRef } from './alerts.ts';
import { idParams, idSchema, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp, versionQuery } from './common.ts';
import { endpoint } from './endpoint.ts';
import { period } from './periods.ts';
import { importQuery, responseImportResult } from './responses.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

/**
 * What an organisation could still do: per sector, region and month, the households it can
 * cover beyond its ongoing work, how funded that is, its stocks and staff, and whom to call.
 */
export const fundingStatuses = ['funded', 'partially_funded', 'pipeline', 'unfunded'] as const;
export type FundingStatus = (typeof fundingStatuses)[number];
export const fundingStatusLabels: Labels<FundingStatus> = {
  funded: { fr: 'Financé', en: 'Funded' },
  partially_funded: { fr: 'Partiellement financé', en: 'Partially funded' },
  pipeline: { fr: 'Financement en cours de négociation', en: 'Funding in the pipeline' },
  unfunded: { fr: 'Non financé', en: 'Unfunded' },
};

const regionPcode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{2}$/i, { error: 'region_pcode' })
  .transform((v) => v.toUpperCase());
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const capacity = z.object({
  id: z.uuid(),
  period,
  organisation: organisationRef,
  sector: z.enum(sectors),
  region: z.object({ pcode: z.string(), name: z.string() }),
  households: z.number().int(),
  fundingStatus: z.enum(fundingStatuses),
  stock: z.string().nullable(),
  staff: z.number().int().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  remarks: z.string().nullable(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Capacity = z.infer<typeof capacity>;

const capacityFields = {
  period,
  /** Defaults to the signed-in user's organisation. */
  organisationId: z.uuid(),
  sector: z.enum(sectors),
  regionPcode,
  households: z.number().int().min(0, { error: 'count_negative' }).max(10_000_000),
  fundingStatus: z.enum(fundingStatuses),
  stock: optionalText(1000),
  staff: z.number().int().min(0, { error: 'count_negative' }).max(100_000).nullable(),
  contactName: optionalText(200),
  contactPhone: optionalText(50),
  contactEmail: z
    .union([z.email(), z.literal('')])
    .nullable()
    .transform((v) => (v === '' ? null : v)),
  remarks: optionalText(2000),
};

export const capacityInput = z.object({
  ...capacityFields,
  organisationId: capacityFields.organisationId.optional(),
  stock: capacityFields.stock.default(null),
  staff: capacityFields.staff.default(null),
  contactName: capacityFields.contactName.default(null),
  contactPhone: capacityFields.contactPhone.default(null),
  contactEmail: capacityFields.contactEmail.default(null),
  remarks: capacityFields.remarks.default(null),
});
export type CapacityInput = z.infer<typeof capacityInput>;
export const capacityPatch = z.object(capacityFields).partial().extend({ version: z.number().int() });
export type CapacityPatch = z.infer<typeof capacityPatch>;

function listOf<T extends readonly [string, ...string[]]>(values: T) {
  return z.preprocess(
    (value) => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : value),
    z
      .array(z.string())
      .transform((list) => list.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean))
      .pipe(z.array(z.enum(values)).max(values.length)),
  );
}

export const capacityFilters = z.object({
  organisationId: idSchema.optional(),
  sector: listOf(sectors).optional(),
  region: regionPcode.optional(),
  period: period.optional(),
  fundingStatus: listOf(fundingStatuses).optional(),
});
export type CapacityFilters = z.infer<typeof capacityFilters>;

export const capacitySorts = ['period', 'organisation', 'sector', 'region', 'households'] as const;
export const capacityListQuery = pageQuery.extend({
  ...capacityFilters.shape,
  sort: z.enum([...capacitySorts, ...capacitySorts.map((s) => `-${s}` as const)]).default('-period'),
});
export type CapacityListQuery = z.infer<typeof capacityListQuery>;
export const capacityPage = pageOf(capacity);

export const capacitySummaryQuery = z.object({ period, sector: listOf(sectors).optional() });
export type CapacitySummaryQuery = z.infer<typeof capacitySummaryQuery>;

/**
 * Capacity of one region in one sector. Households add up across organisations of a sector;
 * sectors are listed side by side, never added together.
 */
export const capacitySummaryCell = z.object({
  sector: z.enum(sectors),
  organisations: z.number().int(),
  households: z.number().int(),
  /** Households declared under each funding status. */
  byFunding: z.record(z.enum(fundingStatuses), z.number().int()),
});
export const capacitySummary = z.object({
  period,
  regions: z.array(
    z.object({
      pcode: z.string(),
      name: z.string(),
      sectors: z.array(capacitySummaryCell),
    }),
  ),
});
export type CapacitySummary = z.infer<typeof capacitySummary>;

export const capacityExportQuery = capacityFilters.extend({ format: z.enum(['xlsx', 'csv', 'hxl']).default('xlsx'), ...languageQuery.shape });
export const capacityTemplateQuery = z.object({ period: period.optional(), organisationId: idSchema.optional(), ...languageQuery.shape });

export const capacitiesApi = {
  list: endpoint({ operationId: 'listCapacities', method: 'GET', path: '/api/v1/capacities', access: 'response:read', query: capacityListQuery, response: capacityPage }),
  create: endpoint({ operationId: 'createCapacity', method: 'POST', path: '/api/v1/capacities', access: 'capacity:write', body: capacityInput, response: capacity, status: 201 }),
  summary: endpoint({
    operationId: 'summariseCapacities',
    method: 'GET',
    path: '/api/v1/capacities/summary',
    access: 'dashboard:read',
    query: capacitySummaryQuery,
    response: capacitySummary,
  }),
  template: endpoint({
    operationId: 'downloadCapacityTemplate',
    method: 'GET',
    path: '/api/v1/capacities/template',
    access: 'capacity:write',
    query: capacityTemplateQuery,
    download: tableMediaTypes,
  }),
  export: endpoint({ operationId: 'exportCapacities', method: 'GET', path: '/api/v1/capacities/export', access: 'response:read', query: capacityExportQuery, download: tableMediaTypes }),
  import: endpoint({
    operationId: 'importCapacities',
    method: 'POST',
    path: '/api/v1/capacities/import',
    access: 'capacity:write',
    upload: true,
    query: importQuery,
    response: responseImportResult,
  }),
  get: endpoint({ operationId: 'getCapacity', method: 'GET', path: '/api/v1/capacities/:id', access: 'response:read', params: idParams, response: capacity }),
  update: endpoint({
    operationId: 'updateCapacity',
    method: 'PATCH',
    path: '/api/v1/capacities/:id',
    access: 'capacity:write',
    params: idParams,
    body: capacityPatch,
    response: capacity,
  }),
  remove: endpoint({
    operationId: 'deleteCapacity',
    method: 'DELETE',
    path: '/api/v1/capacities/:id',
    access: 'capacity:write',
    params: idParams,
    query: versionQuery,
    status: 204,
  }),
};
