import { z } from 'zod';
import { idParams, pageOf, pageQuery } from './common.ts';
import { endpoint } from './endpoint.ts';

export const adminLevel = z.coerce.number().int().min(1).max(3);

/** A P-code as typed by a person: trimmed, upper-cased. */
const pcodeParam = z.string().trim().min(2).max(20).toUpperCase();

export const adminArea = z.object({
  pcode: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentPcode: z.string().nullable(),
  parentName: z.string().nullable(),
  edition: z.string(),
  hasGeometry: z.boolean(),
  /** [minLon, minLat, maxLon, maxLat] of the geometry, to zoom a map on the area. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type AdminArea = z.infer<typeof adminArea>;

export const adminAreaQuery = pageQuery.extend({
  level: adminLevel.optional(),
  q: z.string().trim().max(100).optional(),
  parent: pcodeParam.optional(),
});
export type AdminAreaQuery = z.infer<typeof adminAreaQuery>;
export const adminAreaPage = pageOf(adminArea);
export const adminAreaParams = z.object({ pcode: pcodeParam });

export const adminAreaGeojsonQuery = z.object({ level: adminLevel });
export const adminAreaFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.string(),
      properties: z.object({ pcode: z.string(), name: z.string(), level: z.number().int(), parentPcode: z.string().nullable() }),
      geometry: z.unknown(),
    }),
  ),
});
export type AdminAreaFeatureCollection = z.infer<typeof adminAreaFeatureCollection>;

export const localityKinds = ['village', 'town', 'neighbourhood', 'idp_site', 'other'] as const;
export type LocalityKind = (typeof localityKinds)[number];

export const locality = z.object({
  id: z.uuid(),
  name: z.string(),
  pcode: z.string().nullable(),
  kind: z.enum(localityKinds),
  adm1Pcode: z.string().nullable(),
  adm1Name: z.string().nullable(),
  adm2Pcode: z.string().nullable(),
  adm2Name: z.string().nullable(),
  adm3Pcode: z.string().nullable(),
  adm3Name: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  version: z.number().int(),
});
export type Locality = z.infer<typeof locality>;

export const localityQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  /** Any admin P-code (region, cercle or commune): localities inside it. */
  adm: pcodeParam.optional(),
});
export type LocalityQuery = z.infer<typeof localityQuery>;
export const localityPage = pageOf(locality);

const localityFields = {
  name: z.string().trim().min(1).max(200),
  pcode: pcodeParam.nullable(),
  kind: z.enum(localityKinds),
  /**
   * The deepest admin area known for the place (commune, or cercle/region when the commune is
   * unknown). Left empty with coordinates, the server finds it from the imported boundaries.
   */
  adminPcode: pcodeParam.nullable(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
};

const latLonTogether = (v: { lat?: number | null; lon?: number | null }) => (v.lat === undefined || v.lat === null) === (v.lon === undefined || v.lon === null);

export const localityInput = z
  .object({
    name: localityFields.name,
    pcode: localityFields.pcode.default(null),
    kind: localityFields.kind.default('village'),
    adminPcode: localityFields.adminPcode.default(null),
    lat: localityFields.lat.default(null),
    lon: localityFields.lon.default(null),
  })
  .refine(latLonTogether, { path: ['lon'], message: 'lat_lon_together' });
export type LocalityInput = z.infer<typeof localityInput>;

/** Only the fields sent change; `lat` and `lon` are sent together. */
export const localityPatch = z
  .object({
    name: localityFields.name.optional(),
    pcode: localityFields.pcode.optional(),
    kind: localityFields.kind.optional(),
    adminPcode: localityFields.adminPcode.optional(),
    lat: localityFields.lat.optional(),
    lon: localityFields.lon.optional(),
    version: z.number().int(),
  })
  .refine((v) => (v.lat === undefined) === (v.lon === undefined) && latLonTogether(v), { path: ['lon'], message: 'lat_lon_together' });
export type LocalityPatch = z.infer<typeof localityPatch>;

export const gazetteerImportKinds = ['boundaries', 'communes', 'settlements'] as const;
export type GazetteerImportKind = (typeof gazetteerImportKinds)[number];

/** Which GeoJSON properties hold the P-code, name and parent P-code: detected (OCHA COD, geoBoundaries) or given. */
export const boundaryProperties = z.object({
  pcodeProperty: z.string().trim().min(1).max(60).optional(),
  nameProperty: z.string().trim().min(1).max(60).optional(),
  parentProperty: z.string().trim().min(1).max(60).optional(),
});
export type BoundaryProperties = z.infer<typeof boundaryProperties>;

export const defaultEdition = 'COD 2015';

export const gazetteerImportQuery = boundaryProperties
  .extend({
    kind: z.enum(gazetteerImportKinds),
    /** Admin level of a boundaries file (1 region, 2 cercle, 3 commune). */
    level: adminLevel.optional(),
    edition: z.string().trim().min(1).max(40).default(defaultEdition),
    dryRun: z.stringbool().default(false),
  })
  .refine((v) => v.kind !== 'boundaries' || v.level !== undefined, { path: ['level'], message: 'import_level_required' });
export type GazetteerImportQuery = z.infer<typeof gazetteerImportQuery>;

export const importRowError = z.object({
  /** CSV: the line number as a spreadsheet shows it (header = 1). GeoJSON: the feature number from 1. 0: the whole file. */
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
  value: z.string().nullable(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const gazetteerImportResult = z.object({
  kind: z.enum(gazetteerImportKinds),
  level: z.number().int().nullable(),
  edition: z.string(),
  fileName: z.string(),
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Regions and cercles a commune list created because they were missing. */
  parentsCreated: z.number().int(),
  /** Localities that got their admin areas from their coordinates. */
  located: z.number().int(),
  /** Which column or property each field was read from. */
  mapping: z.record(z.string(), z.string()),
  errorCount: z.number().int(),
  /** The first errors, row by row (at most `maxReportedErrors`). */
  errors: z.array(importRowError),
  durationMs: z.number().int(),
});
export type GazetteerImportResult = z.infer<typeof gazetteerImportResult>;
export const maxReportedErrors = 1000;

export const gazetteerApi = {
  import: endpoint({
    operationId: 'importGazetteer',
    method: 'POST',
    path: '/api/v1/gazetteer/import',
    access: 'gazetteer:import',
    upload: true,
    query: gazetteerImportQuery,
    response: gazetteerImportResult,
  }),
  adminAreas: endpoint({ operationId: 'listAdminAreas', method: 'GET', path: '/api/v1/admin-areas', access: 'gazetteer:read', query: adminAreaQuery, response: adminAreaPage }),
  /** Also answers 304 without a body when `If-None-Match` holds the current ETag. */
  adminAreaFeatures: endpoint({
    operationId: 'getAdminAreaFeatures',
    method: 'GET',
    path: '/api/v1/admin-areas/geojson',
    access: 'gazetteer:read',
    query: adminAreaGeojsonQuery,
    response: adminAreaFeatureCollection,
  }),
  adminArea: endpoint({ operationId: 'getAdminArea', method: 'GET', path: '/api/v1/admin-areas/:pcode', access: 'gazetteer:read', params: adminAreaParams, response: adminArea }),
  localities: endpoint({ operationId: 'listLocalities', method: 'GET', path: '/api/v1/localities', access: 'gazetteer:read', query: localityQuery, response: localityPage }),
  createLocality: endpoint({
    operationId: 'createLocality',
    method: 'POST',
    path: '/api/v1/localities',
    access: 'gazetteer:import',
    body: localityInput,
    response: locality,
    status: 201,
  }),
  locality: endpoint({ operationId: 'getLocality', method: 'GET', path: '/api/v1/localities/:id', access: 'gazetteer:read', params: idParams, response: locality }),
  updateLocality: endpoint({
    operationId: 'updateLocality',
    method: 'PATCH',
    path: '/api/v1/localities/:id',
    access: 'gazetteer:import',
    params: idParams,
    body: localityPatch,
    response: locality,
  }),
};
