import { z } from 'zod';
import { pageOf, pageQuery } from './common.ts';

export const adminLevels = [1, 2, 3] as const;
export const adminLevel = z.coerce.number().int().min(1).max(3);

export const adminArea = z.object({
  pcode: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentPcode: z.string().nullable(),
  edition: z.string(),
  hasGeometry: z.boolean(),
});
export type AdminArea = z.infer<typeof adminArea>;

export const adminAreaQuery = pageQuery.extend({
  level: adminLevel.optional(),
  q: z.string().trim().max(100).optional(),
  parent: z.string().trim().max(20).optional(),
});
export const adminAreaPage = pageOf(adminArea);

export const localityKinds = ['village', 'town', 'neighbourhood', 'idp_site', 'other'] as const;

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
  adm: z.string().trim().max(20).optional(),
});
export const localityPage = pageOf(locality);

export const localityInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    pcode: z.string().trim().max(30).nullable().default(null),
    kind: z.enum(localityKinds).default('village'),
    adminPcode: z.string().trim().max(20).nullable().default(null),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
  })
  .refine((v) => (v.lat === null) === (v.lon === null), { path: ['lon'], message: 'lat_lon_together' });
export type LocalityInput = z.infer<typeof localityInput>;

/** Which GeoJSON properties hold the P-code and name: OCHA COD, geoBoundaries, or custom. */
export const boundaryImportOptions = z.object({
  level: adminLevel,
  edition: z.string().trim().min(1).max(40).default('COD 2015'),
  pcodeProperty: z.string().trim().max(60).optional(),
  nameProperty: z.string().trim().max(60).optional(),
  parentProperty: z.string().trim().max(60).optional(),
});
export type BoundaryImportOptions = z.infer<typeof boundaryImportOptions>;

export const gazetteerImportKinds = ['boundaries', 'communes', 'settlements'] as const;
export type GazetteerImportKind = (typeof gazetteerImportKinds)[number];

export const gazetteerImportResult = z.object({
  kind: z.enum(gazetteerImportKinds),
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type GazetteerImportResult = z.infer<typeof gazetteerImportResult>;
