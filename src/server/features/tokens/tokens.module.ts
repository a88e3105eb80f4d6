import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { App } from '../../lib/http.ts';
import { type TokensRepository, tokensRepository } from './tokens.repository.ts';
import { tokensRoutes } from './tokens.routes.ts';
import { tokensService } from './tokens.service.ts';

/** What the users feature needs of tokens: ending every token of an account it deactivates. */
export type AccountTokens = Pick<TokensRepository, 'revokeAllOfUser'>;

/**
 * Wires personal API tokens into the app: their routes, and the service the request hook asks
 * who a token belongs to (src/server/app.ts).
 */
export function registerTokens(app: App, deps: { db: Kysely<DB> }) {
  const repository = tokensRepository(deps.db);
  const tokens = tokensService({ db: deps.db, tokens: repository });
  tokensRoutes(app, { tokens });
  const accountTokens: AccountTokens = { revokeAllOfUser: (trx, userId, by) => repository.revokeAllOfUser(trx, userId, by) };
  return { tokens, accountTokens };
}
