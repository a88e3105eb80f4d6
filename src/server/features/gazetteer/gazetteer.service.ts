import type { Kysely } from 'kysely';
import type { Language, Page } from '../../../shared/contracts/common.ts';
import type {
  AdminArea,
  AdminAreaFeatureCollection,
  AdminAreaQuery,
  GazetteerImportQuery,
  GazetteerImportResult,
  Locality,
  LocalityInput,
  LocalityPatch,
  LocalityQuery,
} from '../../../shared/contracts/gazetteer.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type Upload, withUploadedFile } from '../../lib/upload.ts';
import { type AdminChain, deepestOf, depthOf, noChain } from './area-index.ts';
import { type GazetteerImporter, ImportRefused } from './gazetteer.import.ts';
import type { GazetteerRepository } from './gazetteer.repository.ts';
import { placePoint } from './placement.ts';

export function gazetteerService(deps: { db: Kysely<DB>; gazetteer: GazetteerRepository; importer: GazetteerImporter }) {
  const { db, gazetteer, importer } = deps;

  /** The admin areas of a place from the area it is filed under, completed from its coordinates. */
  async function locate(trx: Kysely<DB>, adminPcode: string | null, lat: number | null, lon: number | null): Promise<AdminChain> {
    let known = noChain;
    if (adminPcode) {
      const chain = await gazetteer.chainOf(trx, adminPcode);
      if (!chain) throw new AppError('unknown_admin_area', 400);
      known = { adm1: chain.adm1, adm2: chain.adm2, adm3: chain.adm3 };
    }
    if (lat !== null && lon !== null && depthOf(known) < 3) known = await placePoint(trx, gazetteer, known, lon, lat);
    return known;
  }

  return {
    listAreas(ctx: ServiceContext, query: AdminAreaQuery): Promise<Page<AdminArea>> {
      requireAccess(ctx.user, 'gazetteer:read');
      return gazetteer.listAreas(query);
    },

    async getArea(ctx: ServiceContext, pcode: string): Promise<AdminArea> {
      requireAccess(ctx.user, 'gazetteer:read');
      return (await gazetteer.findArea(db, pcode)) ?? Promise.reject(notFound());
    },

    areaFeaturesTag(ctx: ServiceContext, level: number): Promise<string> {
      requireAccess(ctx.user, 'gazetteer:read');
      return gazetteer.areaFeaturesTag(level);
    },

    async areaFeatures(ctx: ServiceContext, level: number): Promise<AdminAreaFeatureCollection> {
      requireAccess(ctx.user, 'gazetteer:read');
      const rows = await gazetteer.areaFeatures(level);
      return {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          id: r.pcode,
          properties: { pcode: r.pcode, name: r.name, level: r.level, parentPcode: r.parent_pcode },
          geometry: r.geometry,
        })),
      };
    },

    listLocalities(ctx: ServiceContext, query: LocalityQuery): Promise<Page<Locality>> {
      requireAccess(ctx.user, 'gazetteer:read');
      return gazetteer.listLocalities(query);
    },

    async getLocality(ctx: ServiceContext, id: string): Promise<Locality> {
      requireAccess(ctx.user, 'gazetteer:read');
      return (await gazetteer.findLocality(db, id)) ?? Promise.reject(notFound());
    },

    createLocality(ctx: ServiceContext, input: LocalityInput): Promise<Locality> {
      requireAccess(ctx.user, 'gazetteer:import');
      return db.transaction().execute(async (trx) => {
        if (input.pcode && (await gazetteer.localityPcodeTaken(trx, input.pcode))) throw new AppError('pcode_taken', 409);
        const chain = await locate(trx, input.adminPcode, input.lat, input.lon);
        const id = await gazetteer.insertLocality(trx, { name: input.name, pcode: input.pcode, kind: input.kind, lat: input.lat, lon: input.lon, ...chain });
        const created = (await gazetteer.findLocality(trx, id))!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'locality', entityId: id, after: created });
        return created;
      });
    },

    /**
     * Sending `adminPcode` files the place anew; moving its point without it keeps its areas
     * (send `adminPcode: null` with the new point to have them found from the boundaries).
     */
    updateLocality(ctx: ServiceContext, id: string, patch: LocalityPatch): Promise<Locality> {
      requireAccess(ctx.user, 'gazetteer:import');
      return db.transaction().execute(async (trx) => {
        const before = await gazetteer.findLocality(trx, id);
        if (!before) throw notFound();
        if (patch.version !== before.version) throw versionConflict(before);
        const pcode = patch.pcode === undefined ? before.pcode : patch.pcode;
        if (pcode && pcode !== before.pcode && (await gazetteer.localityPcodeTaken(trx, pcode, id))) throw new AppError('pcode_taken', 409);
        const lat = patch.lat === undefined ? before.lat : patch.lat;
        const lon = patch.lon === undefined ? before.lon : patch.lon;
        const beforeChain = { adm1: before.adm1Pcode, adm2: before.adm2Pcode, adm3: before.adm3Pcode };
        const relocated = patch.adminPcode !== undefined || patch.lat !== undefined;
        const chain = relocated ? await locate(trx, patch.adminPcode === undefined ? deepestOf(beforeChain) : patch.adminPcode, lat, lon) : beforeChain;
        const saved = await gazetteer.updateLocalityIfVersion(trx, id, patch.version, {
          name: patch.name ?? before.name,
          pcode,
          kind: patch.kind ?? before.kind,
          lat,
          lon,
          ...chain,
        });
        if (!saved) throw versionConflict(before);
        const after = (await gazetteer.findLocality(trx, id))!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'locality', entityId: id, before, after });
        return after;
      });
    },

    /**
     * An uploaded file is first saved to a temporary file: the import then reads it at disk
     * speed, and the database is not held while a slow connection trickles the upload in.
     */
    async importUpload(ctx: ServiceContext, upload: () => Promise<Upload | undefined>, query: GazetteerImportQuery, language: Language): Promise<GazetteerImportResult> {
      requireAccess(ctx.user, 'gazetteer:import');
      try {
        return await withUploadedFile(upload, async (filePath, fileName) => {
          const { kind, level, edition, dryRun, pcodeProperty, nameProperty, parentProperty } = query;
          const [report] = await importer.run(ctx, [{ kind, level, edition, filePath, fileName, properties: { pcodeProperty, nameProperty, parentProperty } }], { dryRun, language });
          return report!;
        });
      } catch (error) {
        if (error instanceof ImportRefused) throw new AppError('import_invalid', 422, { report: error.reports.at(-1) });
        throw error;
      }
    },
  };
}
export type GazetteerService = ReturnType<typeof gazetteerService>;
