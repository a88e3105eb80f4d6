import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { sessionsRepository } from '../auth/auth.module.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { AccountTokens } from '../tokens/tokens.module.ts';
import { usersRepository } from './users.repository.ts';
import { usersRoutes } from './users.routes.ts';
import { usersService } from './users.service.ts';

export { usersRepository, type UsersRepository } from './users.repository.ts';

/** Wires user accounts (administration, own account) into the app. */
export function registerUsers(
  app: App,
  deps: { db: Kysely<DB>; organisations: OrganisationsRepository; gazetteer: GazetteerRepository; tokens: AccountTokens },
) {
  const { db } = deps;
  usersRoutes(app, { users: usersService({ ...deps, users: usersRepository(db), sessions: sessionsRepository(db) }) });
}
