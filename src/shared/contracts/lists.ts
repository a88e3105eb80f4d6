import { z } from 'zod';
import { legalBases, listPurposes, sensitivityClasses, shareableFields } from '../list-protocol.ts';
import { sectors } from '../sectors.ts';
import { populationGroups } from './alerts.ts';
import { idParams, idSchema, isoDate, languageQuery, pageOf, pageQuery, tableMediaTypes, timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';
import { importReport } from './import.ts';

/**
 * Beneficiary lists under the sharing protocol (src/shared/list-protocol.ts): the protocol and its
 * acceptances, the list registry (counts, never a name), uploads, households (custodian and owner,
 * for a stated purpose), purge, person search, and sharing requests with their extracts.
 * Nothing personal ever travels in a URL: person searches are POSTed.
 */

export const listStatuses = ['received', 'validated', 'deduplicated', 'archived', 'purged'] as const;
export type ListStatus = (typeof listStatuses)[number];
export const listStatusLabels: Record<ListStatus, { fr: string; en: string }> = {
  received: { fr: 'Reçue', en: 'Received' },
  validated: { fr: 'Validée', en: 'Validated' },
  deduplicated: { fr: 'Dédoublonnée', en: 'Deduplicated' },
  archived: { fr: 'Archivée', en: 'Archived' },
  purged: { fr: 'Purgée', en: 'Purged' },
};

const organisationRef = z.object({ id: z.uuid(), acronym: z.string(), name: z.string() });
const localityRef = z.object({ id: z.uuid(), name: z.string(), pcode: z.string().nullable() });

// ---- protocol ---------------------------------------------------------------------------------

const text = z.object({ fr: z.string(), en: z.string() });
export const protocolAcceptance = z.object({
  organisation: organisationRef,
  version: z.string(),
  acceptedBy: z.string(),
  signatoryName: z.string(),
  acceptedAt: timestamp,
});
export type ProtocolAcceptance = z.infer<typeof protocolAcceptance>;

export const protocolView = z.object({
  version: z.string(),
  effectiveFrom: isoDate,
  title: text,
  preamble: text,
  fields: z.array(z.object({ field: z.string(), label: text, sensitivity: z.enum(['personal', 'quasi', 'aggregate']), required: z.boolean(), note: text })),
  purposes: z.array(z.enum(listPurposes)),
  defaultRetentionMonths: z.number().int(),
  access: z.array(text),
  commitments: z.array(text),
  encodedMode: z.array(text),
  /** The caller's organisation's acceptance of this version, if any. */
  ownAcceptance: protocolAcceptance.nullable(),
  /** Every organisation's acceptance (the custodian and coordinators); the caller's own otherwise. */
  acceptances: z.array(protocolAcceptance),
});
export type ProtocolView = z.infer<typeof protocolView>;

export const protocolAcceptInput = z.object({
  version: z.string().min(1).max(20),
  /** The person signing for the organisation (the PDF's signature block). */
  signatoryName: z.string().trim().min(2).max(200),
});

// ---- registry -----------------------------------------------------------------------------------

export const listSummary = z.object({
  id: z.uuid(),
  code: z.string(),
  title: z.string(),
  organisation: organisationRef,
  status: z.enum(listStatuses),
  purpose: z.enum(listPurposes),
  legalBasis: z.enum(legalBases),
  legalBasisNote: z.string().nullable(),
  sensitivity: z.enum(sensitivityClasses),
  protocolVersion: z.string(),
  sectors: z.array(z.enum(sectors)),
  assistanceFrom: isoDate.nullable(),
  assistanceTo: isoDate.nullable(),
  alertId: z.uuid().nullable(),
  retentionUntil: isoDate,
  rowCount: z.number().int(),
  /** Distinct households in the list (rows naming the same household counted once). */
  householdCount: z.number().int(),
  localities: z.array(localityRef),
  createdAt: timestamp,
  purgedAt: timestamp.nullable(),
  version: z.number().int(),
  /** An encoded list (privacy-preserving mode): its households reached the server as encodings only, never a name. */
  encoded: z.boolean(),
});
export type ListSummary = z.infer<typeof listSummary>;

export const listQuery = pageQuery.extend({
  organisationId: idSchema.optional(),
  status: z.enum(listStatuses).optional(),
});
export const listPage = pageOf(listSummary);

/** Households per locality × sector × month: what the list adds to coverage. */
export const listCoverageCell = z.object({ locality: localityRef, sector: z.enum(sectors), month: z.string(), households: z.number().int() });
export const listDetail = listSummary.extend({ coverage: z.array(listCoverageCell) });
export type ListDetail = z.infer<typeof listDetail>;

export const listUploadQuery = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  title: z.string().trim().min(2).max(200),
  purpose: z.enum(listPurposes),
  legalBasis: z.enum(legalBases),
  legalBasisNote: z.string().trim().max(1000).optional(),
  sensitivity: z.enum(sensitivityClasses).default('high'),
  /** The sector of rows without one. */
  sector: z.enum(sectors),
  /** The assistance date of rows without one, and the date the ages were true. */
  assistanceDate: isoDate,
  retentionUntil: isoDate.optional(),
  alertId: idSchema.optional(),
  /** Uploads for another organisation are the custodian's; partners upload their own. */
  organisationId: idSchema.optional(),
  /** A key the client chose, to poll the upload's progress at /api/v1/import-progress/:key like every import's. */
  progressKey: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
});
export type ListUploadQuery = z.infer<typeof listUploadQuery>;

/**
 * An encoded list (privacy-preserving deduplication): a `.clk.json` file made in the
 * organisation's browser or by `relais encode`, uploaded as the file; its fields travel here.
 * The file holds `{ format: 'relais-clk', scheme, keyFingerprint, records }`, each record an
 * encoding (`clk`, base64) with only non-identifying fields beside it (`pcode` of the locality,
 * `sector`, `householdSize`, `assistanceDate`, and `id` as a row number); anything else is refused.
 */
export const encodedListUploadQuery = listUploadQuery.omit({ dryRun: true, organisationId: true, progressKey: true });
export type EncodedListUploadQuery = z.infer<typeof encodedListUploadQuery>;
export const encodedListUploadResult = z.object({
  list: listSummary,
  /** The same file again: the list it made, nothing written. */
  alreadyUploaded: z.boolean(),
  households: z.number().int(),
});
export type EncodedListUploadResult = z.infer<typeof encodedListUploadResult>;

/**
 * Places as a list names them (names and P-codes of locality, commune, cercle, region: nothing
 * personal), resolved to the gazetteer's localities the way the list upload resolves them: the
 * browser sends each distinct place once before encoding a list on the device.
 */
const placeCell = z.string().trim().max(200).nullable().optional();
export const placeResolutionInput = z.object({
  places: z
    .array(
      z.strictObject({
        localityCode: placeCell,
        localityName: placeCell,
        adm1Code: placeCell,
        adm1Name: placeCell,
        adm2Code: placeCell,
        adm2Name: placeCell,
        adm3Code: placeCell,
        adm3Name: placeCell,
      }),
    )
    .min(1)
    .max(5000),
});
export const placeResolution = z.object({
  places: z.array(
    z.object({
      /** The locality found (its P-code), or why none: a code of src/shared/import-messages.ts, its message and suggestions. */
      pcode: z.string().nullable(),
      name: z.string().nullable(),
      problem: z.object({ code: z.string(), message: z.string(), suggestions: z.array(z.string()) }).nullable(),
    }),
  ),
});
export type PlaceResolution = z.infer<typeof placeResolution>;

export const listUploadResult = importReport.extend({
  dryRun: z.boolean(),
  committed: z.boolean(),
  /** The list written (commit), or the one this very file already made (an upload repeated changes nothing). */
  list: listSummary.nullable(),
  alreadyUploaded: z.boolean(),
});
export type ListUploadResult = z.infer<typeof listUploadResult>;

/** A column the organisation's files carry, mapped once to a template field, remembered for its next uploads. */
export const columnMapping = z.object({ header: z.string().trim().min(1).max(200), column: z.string().min(1).max(40) });
export const columnMappings = z.object({ mappings: z.array(columnMapping), columns: z.array(z.object({ key: z.string(), label: z.string() })) });
export const columnMappingsInput = z.object({ mappings: z.array(columnMapping).max(100) });

export const listStatusInput = z.object({ status: z.enum(['validated', 'deduplicated', 'archived']), version: z.number().int() });
export const purgeInput = z.object({ reason: z.string().trim().min(3).max(500) });

// ---- households (personal data) ---------------------------------------------------------------

export const personalPurposeQuery = z.object({ purpose: z.enum(listPurposes) });

export const householdView = z.object({
  id: z.uuid(),
  row: z.number().int(),
  householdId: z.string().nullable(),
  headName: z.string().nullable(),
  familyName: z.string().nullable(),
  givenNames: z.string().nullable(),
  sex: z.enum(['m', 'f']).nullable(),
  birthYear: z.number().int().nullable(),
  householdSize: z.number().int().nullable(),
  phones: z.array(z.string()),
  nina: z.string().nullable(),
  status: z.enum(populationGroups).nullable(),
  origin: z.string().nullable(),
  spouses: z.array(z.string()),
  locality: localityRef.nullable(),
  sector: z.enum(sectors),
  assistance: z.string().nullable(),
  assistanceDate: isoDate,
});
export type HouseholdView = z.infer<typeof householdView>;
export const householdQuery = pageQuery.extend(personalPurposeQuery.shape);
export const householdPage = pageOf(householdView);

export const personSearchInput = z
  .object({
    purpose: z.enum(['access_request', 'correction_request', 'erasure_request']),
    nina: z.string().trim().max(40).optional(),
    name: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(40).optional(),
  })
  .refine((v) => !!v.nina || (!!v.name && !!v.phone), { error: 'person_search_terms' });
export const personSearchResult = z.object({
  matches: z.array(householdView.extend({ list: z.object({ id: z.uuid(), code: z.string(), title: z.string(), organisation: organisationRef }) })),
});
export type PersonSearchResult = z.infer<typeof personSearchResult>;

/** Erasing one person's record (a rights request): the row's personal data is destroyed, its count stays. */
export const householdErasureParams = z.object({ id: idSchema, householdId: idSchema });

// ---- sharing ----------------------------------------------------------------------------------

export const sharingStatuses = ['pending', 'approved', 'refused'] as const;
export type SharingStatus = (typeof sharingStatuses)[number];

export const sharingRequestInput = z
  .object({
    listId: idSchema.optional(),
    localityId: idSchema.optional(),
    sector: z.enum(sectors).optional(),
    purpose: z.enum(listPurposes),
    justification: z.string().trim().min(10).max(2000),
    fields: z.array(z.enum(shareableFields)).min(1).max(shareableFields.length),
    from: isoDate,
    to: isoDate,
  })
  .refine((v) => !!v.listId || (!!v.localityId && !!v.sector), { error: 'sharing_target_required' })
  .refine((v) => v.from <= v.to, { error: 'sharing_period_invalid' });
export type SharingRequestInput = z.infer<typeof sharingRequestInput>;

export const sharingRequest = z.object({
  id: z.uuid(),
  code: z.string(),
  requester: organisationRef,
  requestedBy: z.string(),
  list: z.object({ id: z.uuid(), code: z.string(), title: z.string(), organisation: organisationRef }).nullable(),
  locality: localityRef.nullable(),
  sector: z.enum(sectors).nullable(),
  purpose: z.enum(listPurposes),
  justification: z.string(),
  fields: z.array(z.enum(shareableFields)),
  from: isoDate,
  to: isoDate,
  status: z.enum(sharingStatuses),
  /** Approved and today within its period: its extract can be downloaded. */
  active: z.boolean(),
  decidedBy: z.string().nullable(),
  decidedAt: timestamp.nullable(),
  decisionReason: z.string().nullable(),
  createdAt: timestamp,
  version: z.number().int(),
});
export type SharingRequest = z.infer<typeof sharingRequest>;
export const sharingQuery = pageQuery.extend({ status: z.enum(sharingStatuses).optional() });
export const sharingPage = pageOf(sharingRequest);
export const sharingDecisionInput = z.object({
  decision: z.enum(['approved', 'refused']),
  reason: z.string().trim().min(3).max(2000),
  version: z.number().int(),
});
export const extractQuery = languageQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const protocolApi = {
  get: endpoint({ operationId: 'getProtocol', method: 'GET', path: '/api/v1/protocol', access: 'signedIn', response: protocolView }),
  pdf: endpoint({ operationId: 'getProtocolPdf', method: 'GET', path: '/api/v1/protocol/pdf', access: 'signedIn', query: languageQuery, download: ['application/pdf'] }),
  accept: endpoint({
    operationId: 'acceptProtocol',
    method: 'POST',
    path: '/api/v1/protocol/acceptances',
    access: 'protocol:accept',
    body: protocolAcceptInput,
    response: protocolAcceptance,
    status: 201,
  }),
};

export const listsApi = {
  list: endpoint({ operationId: 'listLists', method: 'GET', path: '/api/v1/lists', access: 'list:read', query: listQuery, response: listPage }),
  upload: endpoint({
    operationId: 'uploadList',
    method: 'POST',
    path: '/api/v1/lists',
    access: 'list:upload',
    upload: true,
    query: listUploadQuery,
    response: listUploadResult,
  }),
  uploadEncoded: endpoint({
    operationId: 'uploadEncodedList',
    method: 'POST',
    path: '/api/v1/lists/encoded',
    access: 'list:upload',
    summary: 'Upload an encoded list (encodings made on the device, with no name, phone or NINA)',
    upload: true,
    query: encodedListUploadQuery,
    response: encodedListUploadResult,
    status: 201,
  }),
  resolvePlaces: endpoint({
    operationId: 'resolveListPlaces',
    method: 'POST',
    path: '/api/v1/lists/places',
    access: 'list:upload',
    body: placeResolutionInput,
    response: placeResolution,
  }),
  columnMappings: endpoint({ operationId: 'getListColumnMappings', method: 'GET', path: '/api/v1/lists/column-mappings', access: 'list:upload', response: columnMappings }),
  saveColumnMappings: endpoint({
    operationId: 'saveListColumnMappings',
    method: 'PUT',
    path: '/api/v1/lists/column-mappings',
    access: 'list:upload',
    body: columnMappingsInput,
    response: columnMappings,
  }),
  personSearch: endpoint({
    operationId: 'searchListPersons',
    method: 'POST',
    path: '/api/v1/lists/person-search',
    access: 'beneficiary:read_personal',
    // Personal data: read by a person in the browser, with a stated purpose, never by a script's token.
    sessionOnly: true,
    body: personSearchInput,
    response: personSearchResult,
  }),
  get: endpoint({ operationId: 'getList', method: 'GET', path: '/api/v1/lists/:id', access: 'list:read', params: idParams, response: listDetail }),
  setStatus: endpoint({
    operationId: 'setListStatus',
    method: 'POST',
    path: '/api/v1/lists/:id/status',
    access: 'list:purge',
    params: idParams,
    body: listStatusInput,
    response: listSummary,
  }),
  households: endpoint({
    operationId: 'listHouseholds',
    method: 'GET',
    path: '/api/v1/lists/:id/households',
    access: 'beneficiary:read_personal',
    // Personal data: read by a person in the browser, with a stated purpose, never by a script's token.
    sessionOnly: true,
    params: idParams,
    query: householdQuery,
    response: householdPage,
  }),
  eraseHousehold: endpoint({
    operationId: 'eraseListHousehold',
    method: 'DELETE',
    path: '/api/v1/lists/:id/households/:householdId',
    access: 'list:purge',
    params: householdErasureParams,
    body: purgeInput,
    status: 204,
  }),
  purge: endpoint({
    operationId: 'purgeListPersonalData',
    method: 'DELETE',
    path: '/api/v1/lists/:id/personal-data',
    access: 'list:purge',
    params: idParams,
    body: purgeInput,
    response: listSummary,
  }),
};

export const sharingApi = {
  list: endpoint({ operationId: 'listSharingRequests', method: 'GET', path: '/api/v1/sharing-requests', access: 'sharing:read', query: sharingQuery, response: sharingPage }),
  create: endpoint({
    operationId: 'createSharingRequest',
    method: 'POST',
    path: '/api/v1/sharing-requests',
    access: 'sharing:request',
    body: sharingRequestInput,
    response: sharingRequest,
    status: 201,
  }),
  decide: endpoint({
    operationId: 'decideSharingRequest',
    method: 'POST',
    path: '/api/v1/sharing-requests/:id/decision',
    access: 'sharing:decide',
    params: idParams,
    body: sharingDecisionInput,
    response: sharingRequest,
  }),
  extract: endpoint({
    operationId: 'downloadSharingExtract',
    method: 'GET',
    path: '/api/v1/sharing-requests/:id/extract',
    access: 'sharing:request',
    // Personal data: read by a person in the browser, with a stated purpose, never by a script's token.
    sessionOnly: true,
    params: idParams,
    query: extractQuery,
    download: tableMediaTypes,
  }),
};
