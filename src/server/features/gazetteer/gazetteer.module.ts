import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { gazetteerImporter } from './gazetteer.import.ts';
import { gazetteerRepository } from './gazetteer.repository.ts';
import { gazetteerRoutes } from './gazetteer.routes.ts';
import { gazetteerService } from './gazetteer.service.ts';

export type { GazetteerRepository } from './gazetteer.repository.ts';

/** Wires the gazetteer (admin areas, localities, their import) into the app; returns the repository the other features place records with. */
export function registerGazetteer(app: App, deps: { db: Kysely<DB> }) {
  const { db } = deps;
  const gazetteer = gazetteerRepository(db);
  gazetteerRoutes(app, { gazetteer: gazetteerService({ db, gazetteer, importer: gazetteerImporter({ db, gazetteer }) }) });
  return { gazetteer };
}
