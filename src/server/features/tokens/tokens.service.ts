import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type adminTokenQuery,
  type ApiToken,
  type CreatedToken,
  type TokenInput,
  tokenMaxActive,
  tokenPrefix,
  type TokenScope,
} from '../../../shared/contracts/tokens.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import type { TokensRepository } from './tokens.repository.ts';

/**
 * What the database keeps of a secret: its SHA-256. The secret is 256 random bits, so unlike a
 * password it needs no slow, salted hash: nobody can guess it, and the lookup stays one index read.
 */
export function tokenHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Looks like a Relais token: the prefix, then 43 base64url characters (32 bytes). */
export function isTokenShaped(value: string): boolean {
  return value.startsWith(tokenPrefix) && /^[A-Za-z0-9_-]{43}$/.test(value.slice(tokenPrefix.length));
}

const dayMs = 24 * 3600 * 1000;

export function tokensService(deps: { db: Kysely<DB>; tokens: TokensRepository }) {
  const { db, tokens } = deps;

  async function revoke(ctx: ServiceContext, id: string, own: boolean): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const token = await tokens.findForUpdate(trx, id);
      // Someone else's token is "not found" to its owner's peers: its existence is not theirs to know.
      if (!token || (own && token.user_id !== ctx.user.id)) throw notFound();
      if (token.revoked_at) return;
      await tokens.revoke(trx, id, ctx.user.id);
      await recordAudit(trx, ctx, {
        action: 'update',
        entity: 'api_token',
        entityId: id,
        before: { revokedAt: null },
        after: { revoked: true, userId: token.user_id },
      });
    });
  }

  return {
    /** A new token for the signed-in user; the secret is in the answer and nowhere else. */
    async create(ctx: ServiceContext, input: TokenInput): Promise<CreatedToken> {
      const secret = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const token = await db.transaction().execute(async (trx) => {
        if ((await tokens.countActive(trx, ctx.user.id)) >= tokenMaxActive) throw new AppError('token_limit', 409);
        const created = await tokens.create(trx, {
          userId: ctx.user.id,
          name: input.name,
          scope: input.scope,
          tokenHash: tokenHashOf(secret),
          hint: secret.slice(-4),
          expiresAt: new Date(Date.now() + input.expiresInDays * dayMs),
        });
        await recordAudit(trx, ctx, {
          action: 'create',
          entity: 'api_token',
          entityId: created.id,
          after: { name: created.name, scope: created.scope, expiresAt: created.expiresAt },
        });
        return created;
      });
      return { token, secret };
    },

    listOwn(ctx: ServiceContext): Promise<{ items: ApiToken[] }> {
      return tokens.listOfUser(ctx.user.id).then((items) => ({ items }));
    },

    revokeOwn: (ctx: ServiceContext, id: string) => revoke(ctx, id, true),

    listAll(ctx: ServiceContext, query: z.infer<typeof adminTokenQuery>) {
      requireAccess(ctx.user, 'user:manage');
      return tokens.listAll(query);
    },

    revokeAny(ctx: ServiceContext, id: string) {
      requireAccess(ctx.user, 'user:manage');
      return revoke(ctx, id, false);
    },

    /**
     * The account behind a token sent with a request, with the rights it has now (its role is
     * read at every request), or undefined for an unknown, revoked or expired token or a
     * deactivated account. The last-use date moves at most once a minute.
     */
    async resolve(secret: string): Promise<SessionUser | undefined> {
      if (!isTokenShaped(secret)) return undefined;
      const row = await tokens.findLive(tokenHashOf(secret));
      if (!row) return undefined;
      if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await tokens.touch(row.token_id);
      return {
        id: row.user_id,
        email: row.email,
        name: row.name,
        role: row.role as Role,
        organisationId: row.organisation_id,
        regions: row.regions,
        language: row.language === 'en' ? 'en' : 'fr',
        mustChangePassword: row.must_change_password,
        sessionId: '',
        csrfToken: '',
        apiToken: { id: row.token_id, scope: row.scope as TokenScope },
      };
    },
  };
}
export type TokensService = ReturnType<typeof tokensService>;
