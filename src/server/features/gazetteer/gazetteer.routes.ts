import { z } from 'zod';
import { idParams } from '../../../shared/contracts/common.ts';
import {
  adminArea,
  adminAreaFeatureCollection,
  adminAreaGeojsonQuery,
  adminAreaPage,
  adminAreaParams,
  adminAreaQuery,
  gazetteerImportQuery,
  gazetteerImportResult,
  locality,
  localityInput,
  localityPage,
  localityPatch,
  localityQuery,
} from '../../../shared/contracts/gazetteer.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import type { GazetteerService } from './gazetteer.service.ts';

export function gazetteerRoutes(app: App, deps: { gazetteer: GazetteerService }) {
  const { gazetteer } = deps;

  app.post(
    '/api/v1/gazetteer/import',
    { schema: { querystring: gazetteerImportQuery, response: { 200: gazetteerImportResult } } },
    (request) =>
      gazetteer.importUpload(
        contextOf(request),
        async () => {
          const file = await request.file();
          return file && { stream: file.file, filename: file.filename };
        },
        request.query,
        languageOf(request),
      ),
  );

  app.get('/api/v1/admin-areas', { schema: { querystring: adminAreaQuery, response: { 200: adminAreaPage } } }, (request) =>
    gazetteer.listAreas(contextOf(request), request.query),
  );

  // Boundaries weigh hundreds of kilobytes: a browser that has them revalidates with the ETag (304, no body).
  app.get(
    '/api/v1/admin-areas/geojson',
    { schema: { querystring: adminAreaGeojsonQuery, response: { 200: adminAreaFeatureCollection, 304: z.null() } } },
    async (request, reply) => {
      const ctx = contextOf(request);
      const tag = await gazetteer.areaFeaturesTag(ctx, request.query.level);
      reply.header('etag', tag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === tag) return reply.code(304).send(null);
      return gazetteer.areaFeatures(ctx, request.query.level);
    },
  );

  app.get('/api/v1/admin-areas/:pcode', { schema: { params: adminAreaParams, response: { 200: adminArea } } }, (request) =>
    gazetteer.getArea(contextOf(request), request.params.pcode),
  );

  app.get('/api/v1/localities', { schema: { querystring: localityQuery, response: { 200: localityPage } } }, (request) =>
    gazetteer.listLocalities(contextOf(request), request.query),
  );

  app.post('/api/v1/localities', { schema: { body: localityInput, response: { 201: locality } } }, async (request, reply) => {
    reply.code(201);
    return gazetteer.createLocality(contextOf(request), request.body);
  });

  app.get('/api/v1/localities/:id', { schema: { params: idParams, response: { 200: locality } } }, (request) =>
    gazetteer.getLocality(contextOf(request), request.params.id),
  );

  app.patch('/api/v1/localities/:id', { schema: { params: idParams, body: localityPatch, response: { 200: locality } } }, (request) =>
    gazetteer.updateLocality(contextOf(request), request.params.id, request.body),
  );
}
