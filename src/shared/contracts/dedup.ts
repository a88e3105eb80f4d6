import { z } from 'zod';
import { sectors } from '../sectors.ts';
import { idParams, idSchema, isoDate, pageOf, pageQuery, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';
import { householdView, personalPurposeQuery } from './lists.ts';
import { period } from './periods.ts';

/**
 * Household deduplication across beneficiary lists (src/shared/linkage): runs over every live
 * list and their progress; the custodian's review of uncertain pairs (same / different, kept for
 * every later run) and clusters; what the coordination gets — distinct households and the overlap
 * between organisations, counts only; an organisation's duplicates within its own lists.
 * Names appear only where `beneficiary:read_personal` holds (the review, clusters, an owner's
 * duplicates), never in a URL.
 */

export const dedupRunStatuses = ['running', 'completed', 'failed'] as const;
/** What a run is doing: decrypting records, then the engine's stages, then explaining pairs and writing clusters. */
export const dedupStages = ['reading', 'blocking', 'comparing', 'estimating', 'clustering', 'explaining', 'writing', 'done'] as const;
export type DedupStage = (typeof dedupStages)[number];

/** The fields a pair is compared on (src/shared/linkage/comparison.ts), for the custodian's "why". */
export const linkageFieldKeys = ['name', 'birth', 'sex', 'phone', 'identity', 'place', 'address', 'spouse', 'size'] as const;
export type LinkageFieldKey = (typeof linkageFieldKeys)[number];

const organisationRef = z.object({ id: z.uuid(), acronym: z.string(), name: z.string() });
const localityRef = z.object({ id: z.uuid(), name: z.string(), pcode: z.string().nullable() });
const listRef = z.object({ id: z.uuid(), code: z.string(), title: z.string(), organisation: organisationRef });

const regionFilter = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}\d{2}$/i, { error: 'region_pcode' })
  .transform((v) => v.toUpperCase());

// ---- runs -------------------------------------------------------------------------------------

export const dedupRun = z.object({
  id: z.uuid(),
  status: z.enum(dedupRunStatuses),
  stage: z.enum(dedupStages),
  /** Records done of `total` in the current stage (reading, writing), or its share of them (the engine's stages). */
  processed: z.number().int(),
  total: z.number().int(),
  startedBy: z.string().nullable(),
  startedAt: timestamp,
  finishedAt: timestamp.nullable(),
  lists: z.number().int(),
  records: z.number().int(),
  /** Distinct households (clusters) found. */
  households: z.number().int().nullable(),
  candidatePairs: z.number().int().nullable(),
  /** Pairs inside clusters, and pairs sent to review. */
  matchPairs: z.number().int().nullable(),
  reviewPairs: z.number().int().nullable(),
  /** The custodian's decisions the run applied (same households joined, different ones kept apart). */
  decisionsApplied: z.number().int().nullable(),
  /** Households that kept the id they had before this run. */
  clustersKept: z.number().int().nullable(),
  /** An error code when the run failed. */
  error: z.string().nullable(),
});
export type DedupRun = z.infer<typeof dedupRun>;
export const dedupRunPage = pageOf(dedupRun);

// ---- review -----------------------------------------------------------------------------------

export const contribution = z.object({
  field: z.enum(linkageFieldKeys),
  /** 0 = disagree … `levels − 1` = agree fully. */
  level: z.number().int(),
  levels: z.number().int(),
  /** Weight of evidence in bits: positive speaks for the same household, negative against. */
  weight: z.number(),
});
export type Contribution = z.infer<typeof contribution>;

/** One record of a pair or a cluster, read decrypted for the custodian at view time. */
export const dedupRecord = householdView.extend({ list: listRef, clusterId: z.uuid().nullable() });
export type DedupRecord = z.infer<typeof dedupRecord>;

export const pairStatuses = ['pending', 'same', 'different'] as const;
export type PairStatus = (typeof pairStatuses)[number];

export const dedupPair = z.object({
  id: z.uuid(),
  kind: z.enum(['match', 'review']),
  probability: z.number(),
  status: z.enum(pairStatuses),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  contributions: z.array(contribution),
  a: dedupRecord,
  b: dedupRecord,
});
export type DedupPair = z.infer<typeof dedupPair>;
export const pairQuery = pageQuery.extend({
  status: z.enum(pairStatuses).default('pending'),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export const dedupPairPage = pageOf(dedupPair);

export const pairDecisionInput = z.object({ decision: z.enum(['same', 'different']) });
export const pairDecisionResult = z.object({
  id: z.uuid(),
  status: z.enum(pairStatuses),
  decidedAt: timestamp,
  /** A "same" decision joined the two households at once (else from the next run). */
  merged: z.boolean(),
});

export const clusterSummary = z.object({
  id: z.uuid(),
  records: z.number().int(),
  lists: z.number().int(),
  organisations: z.array(z.string()),
  localities: z.array(z.string()),
  sectors: z.array(z.enum(sectors)),
});
export const clusterQuery = pageQuery.extend({ minRecords: z.coerce.number().int().min(2).max(100).default(2) });
export const clusterPage = pageOf(clusterSummary);

export const clusterDetail = z.object({
  id: z.uuid(),
  records: z.array(dedupRecord),
  /** The pairs of the latest run between its records, with their "why". */
  pairs: z.array(
    z.object({
      id: z.uuid(),
      a: z.uuid(),
      b: z.uuid(),
      kind: z.enum(['match', 'review']),
      probability: z.number(),
      status: z.enum(pairStatuses),
      contributions: z.array(contribution),
    }),
  ),
  decisions: z.array(z.object({ a: z.uuid(), b: z.uuid(), same: z.boolean(), decidedBy: z.string().nullable(), decidedAt: timestamp })),
});
export type ClusterDetail = z.infer<typeof clusterDetail>;

// ---- counts for the coordination ----------------------------------------------------------------

export const householdCountQuery = pageQuery.extend({
  region: regionFilter.optional(),
  localityId: idSchema.optional(),
  sector: z.enum(sectors).optional(),
  /** Months 'YYYY-MM', inclusive. */
  from: period.optional(),
  to: period.optional(),
});
export type HouseholdCountQuery = z.infer<typeof householdCountQuery>;

export const householdCountRow = z.object({
  locality: localityRef,
  sector: z.enum(sectors),
  month: z.string(),
  /** Distinct households assisted (one household on several lists counted once). */
  households: z.number().int(),
  /** Records of the lists (rows). */
  records: z.number().int(),
  organisations: z.number().int(),
  /** Households on the lists of more than one organisation. */
  sharedHouseholds: z.number().int(),
});
export const householdCounts = pageOf(householdCountRow).extend({
  /** Whether a deduplication run has grouped the records (else households are told apart by their keys only). */
  deduplicated: z.boolean(),
  lastRunAt: timestamp.nullable(),
  totals: z.object({ households: z.number().int(), records: z.number().int(), sharedHouseholds: z.number().int() }),
});
export type HouseholdCounts = z.infer<typeof householdCounts>;

export const overlapQuery = z.object({
  region: regionFilter.optional(),
  localityId: idSchema.optional(),
  sector: z.enum(sectors).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** The same assistance (sector) twice within this many days is flagged as possible double assistance. */
  windowDays: z.coerce.number().int().min(0).max(365).default(30),
});
export type OverlapQuery = z.infer<typeof overlapQuery>;

export const overlapMatrix = z.object({
  deduplicated: z.boolean(),
  lastRunAt: timestamp.nullable(),
  windowDays: z.number().int(),
  organisations: z.array(organisationRef.extend({ households: z.number().int() })),
  /**
   * One cell per pair of organisations with households in common (a < b by id), and per
   * organisation with the same assistance given twice (a = b): households on both organisations'
   * lists, and those that got the same sector's assistance from both within `windowDays`.
   */
  cells: z.array(z.object({ a: z.uuid(), b: z.uuid(), shared: z.number().int(), doubleAssistance: z.number().int() })),
});
export type OverlapMatrix = z.infer<typeof overlapMatrix>;

// ---- an organisation's duplicates ---------------------------------------------------------------

export const duplicateSummary = z.object({
  deduplicated: z.boolean(),
  lists: z.array(
    z.object({
      list: listRef,
      households: z.number().int(),
      /** Households written more than once in this list, and the records they take. */
      duplicateGroups: z.number().int(),
      duplicateRecords: z.number().int(),
      /** Households of this list also on another organisation's list. */
      alsoElsewhere: z.number().int(),
    }),
  ),
});

export const duplicateGroupQuery = pageQuery.extend(personalPurposeQuery.shape).extend({ pageSize: z.coerce.number().int().min(1).max(100).default(20) });
export const duplicateGroupPage = pageOf(z.object({ clusterId: z.string(), records: z.array(householdView) }));

export const dedupApi = {
  listRuns: endpoint({
    operationId: 'listDedupRuns',
    method: 'GET',
    path: '/api/v1/dedup/runs',
    access: 'dedup:run',
    query: pageQuery,
    response: dedupRunPage,
  }),
  startRun: endpoint({ operationId: 'startDedupRun', method: 'POST', path: '/api/v1/dedup/runs', access: 'dedup:run', response: dedupRun, status: 201 }),
  getRun: endpoint({ operationId: 'getDedupRun', method: 'GET', path: '/api/v1/dedup/runs/:id', access: 'dedup:run', params: idParams, response: dedupRun }),
  listPairs: endpoint({
    operationId: 'listDedupPairs',
    method: 'GET',
    path: '/api/v1/dedup/pairs',
    access: 'dedup:review',
    query: pairQuery,
    response: dedupPairPage,
  }),
  decidePair: endpoint({
    operationId: 'decideDedupPair',
    method: 'POST',
    path: '/api/v1/dedup/pairs/:id/decision',
    access: 'dedup:review',
    params: idParams,
    body: pairDecisionInput,
    response: pairDecisionResult,
  }),
  listClusters: endpoint({
    operationId: 'listDedupClusters',
    method: 'GET',
    path: '/api/v1/dedup/clusters',
    access: 'dedup:review',
    query: clusterQuery,
    response: clusterPage,
  }),
  getCluster: endpoint({
    operationId: 'getDedupCluster',
    method: 'GET',
    path: '/api/v1/dedup/clusters/:id',
    access: 'dedup:review',
    params: idParams,
    response: clusterDetail,
  }),
  householdCounts: endpoint({
    operationId: 'countDistinctHouseholds',
    method: 'GET',
    path: '/api/v1/dedup/households',
    access: 'dashboard:read',
    query: householdCountQuery,
    response: householdCounts,
  }),
  overlap: endpoint({
    operationId: 'getOrganisationOverlap',
    method: 'GET',
    path: '/api/v1/dedup/overlap',
    access: 'list:read',
    query: overlapQuery,
    response: overlapMatrix,
  }),
  duplicateSummary: endpoint({
    operationId: 'summariseListDuplicates',
    method: 'GET',
    path: '/api/v1/dedup/duplicates',
    access: 'beneficiary:read_personal',
    response: duplicateSummary,
  }),
  listDuplicates: endpoint({
    operationId: 'listListDuplicates',
    method: 'GET',
    path: '/api/v1/lists/:id/duplicates',
    access: 'beneficiary:read_personal',
    params: idParams,
    query: duplicateGroupQuery,
    response: duplicateGroupPage,
  }),
};
