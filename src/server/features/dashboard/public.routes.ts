import { publicApi } from '../../../shared/contracts/dashboard.ts';
import type { App } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
import { maliOutline } from './mali-outline.ts';
import type { PublicService } from './public.service.ts';

/** Shared caches may keep public figures a few minutes: they are the same for everyone. */
const publicCache = 'public, max-age=300';

/** The API of the public transparency page, under /api/public: no session, its own strict contracts. */
export function publicRoutes(app: App, deps: { publicPage: PublicService }) {
  const { publicPage } = deps;
  routes(app, publicApi, {
    status: () => publicPage.status(),
    summary: async (request, reply) => {
      const summary = await publicPage.summary(request.query);
      reply.header('cache-control', publicCache);
      return summary;
    },
    trends: async (request, reply) => {
      const trends = await publicPage.trends(request.query);
      reply.header('cache-control', publicCache);
      return trends;
    },
    map: async (request, reply) => {
      const map = await publicPage.map(request.query);
      reply.header('cache-control', publicCache);
      return map;
    },
    places: async (request, reply) => {
      const places = await publicPage.places(request.query);
      reply.header('cache-control', publicCache);
      return places;
    },
    boundaries: async (request, reply) => {
      const collection = await publicPage.boundaries(request.query.level, request.query.parent ?? null);
      reply.header('cache-control', publicCache);
      return collection;
    },
    // Natural Earth's public-domain outline of Mali: the same for every deployment, so it is cached for a day whatever the setting.
    outline: (_request, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return maliOutline();
    },
  });
}
