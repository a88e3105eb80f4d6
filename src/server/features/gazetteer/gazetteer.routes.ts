import { gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { type App, contextOf, languageOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { uploadOf } from '../../lib/upload.ts';
import type { GazetteerService } from './gazetteer.service.ts';

export function gazetteerRoutes(app: App, deps: { gazetteer: GazetteerService }) {
  const { gazetteer } = deps;
  routes(app, gazetteerApi, {
    import: (request) => gazetteer.importUpload(contextOf(request), () => uploadOf(request), request.query, languageOf(request)),
    adminAreas: (request) => gazetteer.listAreas(contextOf(request), request.query),
    // Boundaries weigh hundreds of kilobytes: a browser that has them revalidates with the ETag (304, no body).
    adminAreaFeatures: async (request, reply) => {
      const ctx = contextOf(request);
      const tag = await gazetteer.areaFeaturesTag(ctx, request.query.level);
      reply.header('etag', tag).header('cache-control', 'private, no-cache');
      if (request.headers['if-none-match'] === tag) return reply.code(304).send();
      return gazetteer.areaFeatures(ctx, request.query.level);
    },
    adminArea: (request) => gazetteer.getArea(contextOf(request), request.params.pcode),
    localities: (request) => gazetteer.listLocalities(contextOf(request), request.query),
    createLocality: (request) => gazetteer.createLocality(contextOf(request), request.body),
    locality: (request) => gazetteer.getLocality(contextOf(request), request.params.id),
    updateLocality: (request) => gazetteer.updateLocality(contextOf(request), request.params.id, request.body),
  });
}
