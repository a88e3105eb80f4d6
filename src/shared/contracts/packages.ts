import { z } from 'zod';
import { sectors } from '../sectors.ts';
import { idParams, isoDate, type Language, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';
import { decisionRefList } from './meetings.ts';
import { period } from './periods.ts';

type Labels<T extends string> = Record<T, Record<Language, string>>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v === '' ? null : v));

// ---- vocabulary -------------------------------------------------------------------------------

/** Harmonised packages (what a household receives) and methods (how it is delivered) share one lifecycle. */
export const packageKinds = ['package', 'method'] as const;
export type PackageKind = (typeof packageKinds)[number];

/**
 * draft → proposed → endorsed → superseded (when a newer version of the same package is endorsed).
 * A proposal can be withdrawn back to draft (by its author or sent back by the endorser).
 */
export const packageStatuses = ['draft', 'proposed', 'endorsed', 'superseded'] as const;
export type PackageStatus = (typeof packageStatuses)[number];
export const packageStatusLabels: Labels<PackageStatus> = {
  draft: { fr: 'Brouillon', en: 'Draft' },
  proposed: { fr: 'Proposé', en: 'Proposed' },
  endorsed: { fr: 'Validé', en: 'Endorsed' },
  superseded: { fr: 'Remplacé', en: 'Superseded' },
};

export const packagePhases = ['rrm', 'post_rrm', 'recovery'] as const;
export type PackagePhase = (typeof packagePhases)[number];
export const packagePhaseLabels: Labels<PackagePhase> = {
  rrm: { fr: 'RRM (mois 1–3)', en: 'RRM (months 1–3)' },
  post_rrm: { fr: 'Post-RRM (mois 4–12)', en: 'Post-RRM (months 4–12)' },
  recovery: { fr: 'Relèvement', en: 'Recovery' },
};

export const packageModalities = ['in_kind', 'cash', 'voucher', 'mixed', 'service'] as const;
export type PackageModality = (typeof packageModalities)[number];
export const packageModalityLabels: Labels<PackageModality> = {
  in_kind: { fr: 'En nature', en: 'In kind' },
  cash: { fr: 'Transfert monétaire', en: 'Cash transfer' },
  voucher: { fr: 'Coupons', en: 'Vouchers' },
  mixed: { fr: 'Mixte', en: 'Mixed' },
  service: { fr: 'Service', en: 'Service' },
};

export const packageFrequencies = ['once', 'monthly', 'quarterly'] as const;
export type PackageFrequency = (typeof packageFrequencies)[number];
export const packageFrequencyLabels: Labels<PackageFrequency> = {
  once: { fr: 'Une fois', en: 'Once' },
  monthly: { fr: 'Mensuelle', en: 'Monthly' },
  quarterly: { fr: 'Trimestrielle', en: 'Quarterly' },
};

export const endorsingBodies = ['cluster', 'iccg'] as const;
export type EndorsingBody = (typeof endorsingBodies)[number];
export const endorsingBodyLabels: Labels<EndorsingBody> = {
  cluster: { fr: 'Cluster', en: 'Cluster' },
  iccg: { fr: 'ICCG (inter-cluster)', en: 'ICCG (inter-cluster)' },
};

export const methodTypes = ['targeting', 'registration', 'distribution', 'pdm', 'complaints'] as const;
export type MethodType = (typeof methodTypes)[number];
export const methodTypeLabels: Labels<MethodType> = {
  targeting: { fr: 'Ciblage', en: 'Targeting' },
  registration: { fr: 'Enregistrement', en: 'Registration' },
  distribution: { fr: 'Distribution', en: 'Distribution' },
  pdm: { fr: 'Suivi post-distribution (PDM)', en: 'Post-distribution monitoring (PDM)' },
  complaints: { fr: 'Plaintes et retours', en: 'Complaints and feedback' },
};

// ---- packages ---------------------------------------------------------------------------------

export const packageComponent = z.object({
  item: z.string().trim().min(1).max(200),
  quantity: z.number().positive().max(1_000_000).nullable().default(null),
  unit: optionalText(40),
});

const packageFields = {
  sector: z.enum(sectors),
  name: z.string().trim().min(1).max(200),
  phase: z.enum(packagePhases),
  modality: z.enum(packageModalities),
  components: z.array(packageComponent).max(60).default([]),
  /** Per household; per month when `recurring`. */
  transferValueXof: z.number().int().min(0).max(100_000_000).nullable().default(null),
  recurring: z.boolean().default(false),
  durationMonths: z.number().int().min(1).max(36).nullable().default(null),
  frequency: z.enum(packageFrequencies).default('once'),
  targeting: optionalText(4000),
  references: optionalText(4000),
};
export const packageInput = z.object(packageFields);
export type PackageValues = z.output<typeof packageInput>;
export const packageUpdate = z.object({ ...packageFields, version: z.number().int() });

const methodFields = {
  sector: z.enum(sectors),
  name: z.string().trim().min(1).max(200),
  methodType: z.enum(methodTypes),
  phase: z.enum(packagePhases),
  /** The method itself (Markdown): steps, roles, tools. */
  description: optionalText(20_000),
  references: optionalText(4000),
  /** The cluster's PDF or guidance note, where it is published. */
  documentUrl: z
    .url({ protocol: /^https?$/, error: 'document_url_invalid' })
    .max(1000)
    .nullable()
    .default(null)
    .or(z.literal('').transform(() => null)),
};
export const methodInput = z.object(methodFields);
export type MethodValues = z.output<typeof methodInput>;
export const methodUpdate = z.object({ ...methodFields, version: z.number().int() });

export const versionBody = z.object({ version: z.number().int() });
export const endorseInput = z.object({
  version: z.number().int(),
  endorsedBy: z.enum(endorsingBodies),
  endorsedOn: isoDate,
  /** The meeting decision that endorsed it, when there is one. */
  decisionId: z.uuid().nullable().default(null),
});
export type EndorseInput = z.input<typeof endorseInput>;

const endorsement = z.object({
  by: z.enum(endorsingBodies),
  on: isoDate,
  decision: z.object({ id: z.uuid(), number: z.number().int(), meetingId: z.uuid(), meetingTitle: z.string(), meetingDate: isoDate }).nullable(),
  recordedBy: z.string().nullable(),
});

const sharedOut = {
  id: z.uuid(),
  /** Every version of one package shares the id of its first version. */
  seriesId: z.uuid(),
  sector: z.enum(sectors),
  name: z.string(),
  /** 1, 2, 3…: the package's version as people cite it ("v2"). */
  revision: z.number().int(),
  phase: z.enum(packagePhases),
  status: z.enum(packageStatuses),
  references: z.string().nullable(),
  endorsement: endorsement.nullable(),
  proposedAt: timestamp.nullable(),
  supersededAt: timestamp.nullable(),
  author: z.string().nullable(),
  createdAt: timestamp,
  updatedAt: timestamp,
  /** Concurrency token: send it back on edits (409 when someone changed the record meanwhile). */
  version: z.number().int(),
  /** What the reader may do with it, so the web shows only buttons that work. */
  can: z.object({ edit: z.boolean(), propose: z.boolean(), endorse: z.boolean(), revise: z.boolean() }),
};

export const harmonisedPackage = z.object({
  ...sharedOut,
  modality: z.enum(packageModalities),
  components: z.array(z.object({ item: z.string(), quantity: z.number().nullable(), unit: z.string().nullable() })),
  transferValueXof: z.number().int().nullable(),
  recurring: z.boolean(),
  durationMonths: z.number().int().nullable(),
  frequency: z.enum(packageFrequencies),
  targeting: z.string().nullable(),
});
export type HarmonisedPackage = z.infer<typeof harmonisedPackage>;

export const harmonisedMethod = z.object({
  ...sharedOut,
  methodType: z.enum(methodTypes),
  description: z.string().nullable(),
  documentUrl: z.string().nullable(),
});
export type HarmonisedMethod = z.infer<typeof harmonisedMethod>;

/** A PDF attached to a method version: the cluster's guidance note, a form, a tool. */
const methodAttachment = z.object({
  id: z.uuid(),
  fileName: z.string(),
  size: z.number().int(),
  uploadedAt: timestamp,
  /** Staff detail, as the author: null for readers of aggregated figures. */
  uploadedBy: z.string().nullable(),
});
export type MethodAttachment = z.infer<typeof methodAttachment>;
const methodAttachmentList = z.object({
  items: z.array(methodAttachment),
  /** Whether the reader may attach and remove files on this version now. */
  canChange: z.boolean(),
  /** The largest file accepted, in megabytes. */
  maxMegabytes: z.number().int(),
});
export type MethodAttachmentList = z.infer<typeof methodAttachmentList>;
const attachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

const listFilters = {
  sector: z.enum(sectors).optional(),
  status: z.enum(packageStatuses).optional(),
  phase: z.enum(packagePhases).optional(),
  /** Words of the name (accents and case ignored). */
  q: z.string().trim().max(200).optional(),
  /** Only the current version of each (the endorsed one, else the latest). */
  current: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
};
export const packageListQuery = pageQuery.extend(listFilters);
export type PackageListQuery = z.infer<typeof packageListQuery>;
export const packagePage = pageOf(harmonisedPackage);
export const methodListQuery = pageQuery.extend({ ...listFilters, methodType: z.enum(methodTypes).optional() });
export type MethodListQuery = z.infer<typeof methodListQuery>;
export const methodPage = pageOf(harmonisedMethod);

/** As every table download: a workbook, CSV, or HXL-tagged CSV. */
const exportFormats = ['xlsx', 'csv', 'hxl'] as const;
export const packageExportQuery = languageQuery.extend({
  format: z.enum(exportFormats).default('xlsx'),
  sector: z.enum(sectors).optional(),
  status: z.enum(packageStatuses).optional(),
});

/** Every version of one package, oldest first, to compare them side by side. */
export const packageVersions = z.object({ items: z.array(harmonisedPackage) });
export const methodVersions = z.object({ items: z.array(harmonisedMethod) });

// ---- responses against packages ---------------------------------------------------------------

/** How a response delivered a package: what it names, and what it gave when it gave less. */
export const packageDelivery = z.object({
  packageId: z.uuid().nullable().default(null),
  /** XOF per household (per month for a recurring package) actually given; null: as the package. */
  deliveredValueXof: z.number().int().min(0).max(100_000_000).nullable().default(null),
  deliveredDurationMonths: z.number().int().min(0).max(36).nullable().default(null),
  /** Components of the package not delivered, by their item name. */
  missingComponents: z.array(z.string().trim().min(1).max(200)).max(60).default([]),
});
export type PackageDelivery = z.output<typeof packageDelivery>;

/** The difference between what a response delivered and its package; all zero when it follows it. */
export const packageDeviation = z.object({
  /** Share of the package's transfer value not given (0.25 = a quarter less). */
  valueShortfall: z.number(),
  durationShortfallMonths: z.number().int(),
  missingComponents: z.array(z.string()),
  follows: z.boolean(),
});
export type PackageDeviation = z.infer<typeof packageDeviation>;

export function deviationOf(
  pkg: { transferValueXof: number | null; durationMonths: number | null; components: readonly { item: string }[] },
  delivery: Pick<PackageDelivery, 'deliveredValueXof' | 'deliveredDurationMonths' | 'missingComponents'>,
): PackageDeviation {
  const valueShortfall =
    pkg.transferValueXof && delivery.deliveredValueXof !== null && delivery.deliveredValueXof < pkg.transferValueXof
      ? Math.round((1 - delivery.deliveredValueXof / pkg.transferValueXof) * 1000) / 1000
      : 0;
  const durationShortfallMonths =
    pkg.durationMonths && delivery.deliveredDurationMonths !== null ? Math.max(0, pkg.durationMonths - delivery.deliveredDurationMonths) : 0;
  const known = new Set(pkg.components.map((c) => c.item));
  const missingComponents = delivery.missingComponents.filter((c) => known.has(c));
  return {
    valueShortfall,
    durationShortfallMonths,
    missingComponents,
    follows: valueShortfall === 0 && durationShortfallMonths === 0 && missingComponents.length === 0,
  };
}

// ---- conformity -------------------------------------------------------------------------------

export const conformityQuery = z.object({
  sector: z.enum(sectors).optional(),
  region: z
    .string()
    .trim()
    .regex(/^[A-Z]{2}\d{2}$/i, { error: 'region_pcode' })
    .transform((v) => v.toUpperCase())
    .optional(),
  /** Months 'YYYY-MM', inclusive; default the last six months. */
  from: period.optional(),
  to: period.optional(),
});
export type ConformityQuery = z.infer<typeof conformityQuery>;

export const conformityCell = z.object({
  sector: z.enum(sectors),
  regionPcode: z.string(),
  regionName: z.string(),
  period: z.string(),
  households: z.number().int(),
  /** Households of responses naming an endorsed package. */
  withPackage: z.number().int(),
  /** …of which those whose response delivered it in full. */
  following: z.number().int(),
  responses: z.number().int(),
  deviating: z.number().int(),
});

export const deviatingResponse = z.object({
  id: z.uuid(),
  kind: z.enum(['5w', 'rrm']),
  period: z.string(),
  organisation: z.string(),
  sector: z.enum(sectors),
  regionName: z.string().nullable(),
  locality: z.string(),
  households: z.number().int(),
  package: z.object({
    id: z.uuid(),
    name: z.string(),
    revision: z.number().int(),
    transferValueXof: z.number().int().nullable(),
    durationMonths: z.number().int().nullable(),
  }),
  deliveredValueXof: z.number().int().nullable(),
  deliveredDurationMonths: z.number().int().nullable(),
  deviation: packageDeviation,
});
export type DeviatingResponse = z.infer<typeof deviatingResponse>;

export const conformityReport = z.object({
  from: z.string(),
  to: z.string(),
  cells: z.array(conformityCell),
  /** Per sector over the whole window: the dashboard's figure. */
  sectors: z.array(
    z.object({
      sector: z.enum(sectors),
      households: z.number().int(),
      withPackage: z.number().int(),
      following: z.number().int(),
      deviating: z.number().int(),
    }),
  ),
  deviating: z.array(deviatingResponse),
  /** Which packages each organisation reports against, with households. */
  usage: z.array(
    z.object({
      organisation: z.string(),
      packageId: z.uuid(),
      packageName: z.string(),
      revision: z.number().int(),
      sector: z.enum(sectors),
      responses: z.number().int(),
      households: z.number().int(),
      deviating: z.number().int(),
    }),
  ),
});
export type ConformityReport = z.infer<typeof conformityReport>;

/** Per sector only, aggregated (no organisation, no record): the dashboard's figure, for every dashboard reader. */
export const conformitySummary = conformityReport.pick({ from: true, to: true, sectors: true });
export type ConformitySummary = z.infer<typeof conformitySummary>;

// ---- endpoints --------------------------------------------------------------------------------

export const packagesApi = {
  list: endpoint({
    operationId: 'listPackages',
    method: 'GET',
    path: '/api/v1/packages',
    access: 'package:read',
    query: packageListQuery,
    response: packagePage,
  }),
  export: endpoint({
    operationId: 'exportPackages',
    method: 'GET',
    path: '/api/v1/packages/export',
    access: 'package:read',
    query: packageExportQuery,
    download: tableMediaTypes,
  }),
  endorsementDecisions: endpoint({
    operationId: 'listEndorsementDecisions',
    method: 'GET',
    path: '/api/v1/packages/endorsement-decisions',
    access: 'package:endorse',
    response: decisionRefList,
  }),
  conformity: endpoint({
    operationId: 'getPackageConformity',
    method: 'GET',
    path: '/api/v1/packages/conformity',
    access: 'package:conformity',
    query: conformityQuery,
    response: conformityReport,
  }),
  conformitySummary: endpoint({
    operationId: 'getPackageConformitySummary',
    method: 'GET',
    path: '/api/v1/packages/conformity/summary',
    access: 'dashboard:read',
    query: conformityQuery,
    response: conformitySummary,
  }),
  create: endpoint({
    operationId: 'createPackage',
    method: 'POST',
    path: '/api/v1/packages',
    access: 'package:propose',
    body: packageInput,
    response: harmonisedPackage,
    status: 201,
  }),
  get: endpoint({
    operationId: 'getPackage',
    method: 'GET',
    path: '/api/v1/packages/:id',
    access: 'package:read',
    params: idParams,
    response: harmonisedPackage,
  }),
  versions: endpoint({
    operationId: 'listPackageVersions',
    method: 'GET',
    path: '/api/v1/packages/:id/versions',
    access: 'package:read',
    params: idParams,
    response: packageVersions,
  }),
  update: endpoint({
    operationId: 'updatePackage',
    method: 'PUT',
    path: '/api/v1/packages/:id',
    access: 'package:propose',
    params: idParams,
    body: packageUpdate,
    response: harmonisedPackage,
  }),
  remove: endpoint({
    operationId: 'deletePackage',
    method: 'DELETE',
    path: '/api/v1/packages/:id',
    access: 'package:propose',
    params: idParams,
    query: z.object({ version: z.coerce.number().int() }),
    status: 204,
  }),
  propose: endpoint({
    operationId: 'proposePackage',
    method: 'POST',
    path: '/api/v1/packages/:id/propose',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedPackage,
  }),
  withdraw: endpoint({
    operationId: 'withdrawPackage',
    method: 'POST',
    path: '/api/v1/packages/:id/withdraw',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedPackage,
  }),
  endorse: endpoint({
    operationId: 'endorsePackage',
    method: 'POST',
    path: '/api/v1/packages/:id/endorse',
    access: 'package:endorse',
    params: idParams,
    body: endorseInput,
    response: harmonisedPackage,
  }),
  revise: endpoint({
    operationId: 'revisePackage',
    method: 'POST',
    path: '/api/v1/packages/:id/revise',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedPackage,
    status: 201,
  }),
};

export const methodsApi = {
  list: endpoint({ operationId: 'listMethods', method: 'GET', path: '/api/v1/methods', access: 'package:read', query: methodListQuery, response: methodPage }),
  export: endpoint({
    operationId: 'exportMethods',
    method: 'GET',
    path: '/api/v1/methods/export',
    access: 'package:read',
    query: packageExportQuery,
    download: tableMediaTypes,
  }),
  create: endpoint({
    operationId: 'createMethod',
    method: 'POST',
    path: '/api/v1/methods',
    access: 'package:propose',
    body: methodInput,
    response: harmonisedMethod,
    status: 201,
  }),
  get: endpoint({ operationId: 'getMethod', method: 'GET', path: '/api/v1/methods/:id', access: 'package:read', params: idParams, response: harmonisedMethod }),
  versions: endpoint({
    operationId: 'listMethodVersions',
    method: 'GET',
    path: '/api/v1/methods/:id/versions',
    access: 'package:read',
    params: idParams,
    response: methodVersions,
  }),
  update: endpoint({
    operationId: 'updateMethod',
    method: 'PUT',
    path: '/api/v1/methods/:id',
    access: 'package:propose',
    params: idParams,
    body: methodUpdate,
    response: harmonisedMethod,
  }),
  remove: endpoint({
    operationId: 'deleteMethod',
    method: 'DELETE',
    path: '/api/v1/methods/:id',
    access: 'package:propose',
    params: idParams,
    query: z.object({ version: z.coerce.number().int() }),
    status: 204,
  }),
  propose: endpoint({
    operationId: 'proposeMethod',
    method: 'POST',
    path: '/api/v1/methods/:id/propose',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedMethod,
  }),
  withdraw: endpoint({
    operationId: 'withdrawMethod',
    method: 'POST',
    path: '/api/v1/methods/:id/withdraw',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedMethod,
  }),
  endorse: endpoint({
    operationId: 'endorseMethod',
    method: 'POST',
    path: '/api/v1/methods/:id/endorse',
    access: 'package:endorse',
    params: idParams,
    body: endorseInput,
    response: harmonisedMethod,
  }),
  attachments: endpoint({
    operationId: 'listMethodAttachments',
    method: 'GET',
    path: '/api/v1/methods/:id/attachments',
    access: 'package:read',
    params: idParams,
    response: methodAttachmentList,
  }),
  attach: endpoint({
    operationId: 'attachMethodFile',
    method: 'POST',
    path: '/api/v1/methods/:id/attachments',
    access: 'package:propose',
    params: idParams,
    upload: true,
    response: methodAttachment,
    status: 201,
  }),
  downloadAttachment: endpoint({
    operationId: 'downloadMethodAttachment',
    method: 'GET',
    path: '/api/v1/methods/:id/attachments/:attachmentId',
    access: 'package:read',
    params: attachmentParams,
    download: ['application/pdf'],
  }),
  removeAttachment: endpoint({
    operationId: 'removeMethodAttachment',
    method: 'DELETE',
    path: '/api/v1/methods/:id/attachments/:attachmentId',
    access: 'package:propose',
    params: attachmentParams,
    status: 204,
  }),
  revise: endpoint({
    operationId: 'reviseMethod',
    method: 'POST',
    path: '/api/v1/methods/:id/revise',
    access: 'package:propose',
    params: idParams,
    body: versionBody,
    response: harmonisedMethod,
    status: 201,
  }),
};
