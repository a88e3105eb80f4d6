import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { feedsRepository } from './feeds.repository.ts';
import { feedsRoutes } from './feeds.routes.ts';
import { type FeedSources, feedsService } from './feeds.service.ts';

/** Wires the HXL feeds into the app, reading the figures from the features that own them. */
export function registerFeeds(app: App, deps: { db: Kysely<DB>; sources: FeedSources }) {
  feedsRoutes(app, { feeds: feedsService({ feeds: feedsRepository(deps.db), sources: deps.sources }) });
}
