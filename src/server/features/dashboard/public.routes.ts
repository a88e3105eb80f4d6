import { outlineCollection, publicMap, publicQuery, publicStatus, publicSummary, publicTrends } from '../../../shared/contracts/dashboard.ts';
import type { App } from '../../lib/http.ts';
import { boundariesQuery } from './dashboard.routes.ts';
import { maliOutline } from './mali-outline.ts';
import type { PublicService } from './public.service.ts';

/** Shared caches may keep public figures a few minutes: they are the same for everyone. */
const publicCache = 'public, max-age=300';

/** The API of the public transparency page, under /api/public: no session, its own strict contracts. */
export function publicRoutes(app: App, deps: { publicPage: PublicService }) {
  const { publicPage } = deps;

  app.get('/api/public/status', { schema: { response: { 200: publicStatus } } }, () => publicPage.status());

  app.get('/api/public/dashboard', { schema: { querystring: publicQuery, response: { 200: publicSummary } } }, async (request, reply) => {
    const summary = await publicPage.summary(request.query);
    reply.header('cache-control', publicCache);
    return summary;
  });

  app.get('/api/public/dashboard/trends', { schema: { querystring: publicQuery, response: { 200: publicTrends } } }, async (request, reply) => {
    const trends = await publicPage.trends(request.query);
    reply.header('cache-control', publicCache);
    return trends;
  });

  app.get('/api/public/dashboard/map', { schema: { querystring: publicQuery, response: { 200: publicMap } } }, async (request, reply) => {
    const map = await publicPage.map(request.query);
    reply.header('cache-control', publicCache);
    return map;
  });

  app.get('/api/public/boundaries', { schema: { querystring: boundariesQuery, response: { 200: outlineCollection.nullable() } } }, async (request, reply) => {
    const collection = await publicPage.boundaries(request.query.level, request.query.parent ?? null);
    reply.header('cache-control', publicCache);
    return collection;
  });

  // Natural Earth's public-domain outline of Mali: the same for every deployment, so it is cached for a day whatever the setting.
  app.get('/api/public/outline', { schema: { response: { 200: outlineCollection } } }, (_request, reply) => {
    reply.header('cache-control', 'public, max-age=86400');
    return maliOutline();
  });
}
