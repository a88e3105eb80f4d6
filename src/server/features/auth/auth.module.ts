import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { usersRepository } from '../users/users.module.ts';
import { authRoutes } from './auth.routes.ts';
import { authService } from './auth.service.ts';
import { sessionsRepository } from './sessions.repository.ts';

export { sessionCookie } from './auth.routes.ts';
export { hashPassword, temporaryPassword } from './password.ts';
export { sessionsRepository, type SessionsRepository } from './sessions.repository.ts';

/**
 * The sign-in service, created before any route because the request hook resolves sessions with
 * it; its routes are registered with the others by `registerAuthRoutes`.
 */
export function createAuth(deps: { db: Kysely<DB>; config: Config }) {
  const { db, config } = deps;
  return authService({ db, config, sessions: sessionsRepository(db), users: usersRepository(db) });
}

export function registerAuthRoutes(app: App, deps: { auth: ReturnType<typeof createAuth>; config: Config }) {
  authRoutes(app, deps);
}
