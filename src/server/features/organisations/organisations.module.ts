import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { organisationsRepository } from './organisations.repository.ts';
import { organisationsRoutes } from './organisations.routes.ts';
import { organisationsService } from './organisations.service.ts';

export type { OrganisationsRepository } from './organisations.repository.ts';

/** Wires the organisations register into the app; the other features check organisations through the repository it returns. */
export function registerOrganisations(app: App, deps: { db: Kysely<DB> }) {
  const organisations = organisationsRepository(deps.db);
  organisationsRoutes(app, { organisations: organisationsService({ db: deps.db, organisations }) });
  return { organisations };
}
