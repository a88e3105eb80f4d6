import type { FastifyReply } from 'fastify';
import { type FeedName, feedsApi } from '../../../shared/contracts/feeds.ts';
import { type App, contextOf, notModified } from '../../lib/http.ts';
import { type RouteRequest, routes } from '../../lib/route.ts';
import type { FeedsService } from './feeds.service.ts';

export function feedsRoutes(app: App, deps: { feeds: FeedsService }) {
  const { feeds } = deps;

  /**
   * Validators first: a tool that already holds the current figures gets 304 without them being
   * computed again. The restricted feeds may be kept by the caller but no shared cache; the public
   * one by any cache for five minutes.
   */
  async function serve(feed: FeedName, request: RouteRequest<typeof feedsApi.gaps>, reply: FastifyReply): Promise<FastifyReply> {
    const ctx = feed === 'public' ? null : contextOf(request);
    // French unless asked: a feed's columns must not change with the browser that opens it.
    const language = request.query.lang ?? 'fr';
    const { etag, lastModified } = await feeds.validator(feed, request.query, language);
    reply.header('etag', etag).header('last-modified', lastModified.toUTCString());
    if (feed === 'public') reply.header('cache-control', 'public, max-age=300');
    else reply.header('cache-control', 'private, no-cache').header('vary', 'Authorization, Cookie');
    if (notModified(request, etag, lastModified)) return reply.code(304).send();
    const body = await feeds.table(feed, ctx, request.query, language);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `inline; filename="relais-${feed}.csv"`).send(body);
  }

  routes(app, feedsApi, {
    fiveW: (request, reply) => serve('5w', request, reply),
    gaps: (request, reply) => serve('gaps', request, reply),
    capacities: (request, reply) => serve('capacities', request, reply),
    alerts: (request, reply) => serve('alerts', request, reply),
    public: (request, reply) => serve('public', request, reply),
  });
}
