import { type Kysely, sql } from 'kysely';
import type { z } from 'zod';
import type { AdminToken, adminTokenQuery, ApiToken, TokenScope, TokenStatus } from '../../../shared/contracts/tokens.ts';
import type { Role } from '../../../shared/permissions.ts';
import { containsPattern } from '../../db/filters.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';

interface TokenRow {
  id: string;
  name: string;
  scope: string;
  hint: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const tokenColumns = ['t.id', 't.name', 't.scope', 't.hint', 't.created_at', 't.expires_at', 't.last_used_at', 't.revoked_at'] as const;

function statusOf(row: Pick<TokenRow, 'revoked_at' | 'expires_at'>, now: Date): TokenStatus {
  if (row.revoked_at) return 'revoked';
  return row.expires_at <= now ? 'expired' : 'active';
}

function toToken(row: TokenRow, now = new Date()): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope as TokenScope,
    hint: row.hint,
    status: statusOf(row, now),
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** The account behind a live token, as the request hook needs it. */
export interface TokenWithUser {
  token_id: string;
  scope: string;
  last_used_at: Date | null;
  user_id: string;
  email: string;
  name: string;
  role: string;
  organisation_id: string | null;
  regions: string[];
  language: string;
  must_change_password: boolean;
}

export function tokensRepository(db: Kysely<DB>) {
  return {
    async create(
      trx: Kysely<DB>,
      values: { userId: string; name: string; scope: TokenScope; tokenHash: string; hint: string; expiresAt: Date },
    ): Promise<ApiToken> {
      const row = await trx
        .insertInto('api_tokens')
        .values({
          user_id: values.userId,
          name: values.name,
          scope: values.scope,
          token_hash: values.tokenHash,
          hint: values.hint,
          expires_at: values.expiresAt,
        })
        .returning(['id', 'name', 'scope', 'hint', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async countActive(trx: Kysely<DB>, userId: string): Promise<number> {
      const row = await trx
        .selectFrom('api_tokens')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', new Date())
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /**
     * A live token: not revoked, not expired, its account still active. Read on every request made
     * with a token, by the unique index on the hash.
     */
    findLive(tokenHash: string): Promise<TokenWithUser | undefined> {
      return db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([
          't.id as token_id',
          't.scope',
          't.last_used_at',
          'u.id as user_id',
          'u.email',
          'u.name',
          'u.role',
          'u.organisation_id',
          'u.regions',
          'u.language',
          'u.must_change_password',
        ])
        .where('t.token_hash', '=', tokenHash)
        .where('t.revoked_at', 'is', null)
        .where('t.expires_at', '>', new Date())
        .where('u.active', '=', true)
        .executeTakeFirst();
    },

    async touch(id: string): Promise<void> {
      await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
    },

    async listOfUser(userId: string): Promise<ApiToken[]> {
      const rows = await db
        .selectFrom('api_tokens as t')
        .select(tokenColumns)
        .where('t.user_id', '=', userId)
        .orderBy('t.created_at', 'desc')
        .orderBy('t.id')
        .execute();
      const now = new Date();
      return rows.map((row) => toToken(row, now));
    },

    findForUpdate(trx: Kysely<DB>, id: string) {
      return trx
        .selectFrom('api_tokens as t')
        .select([...tokenColumns, 't.user_id'])
        .where('t.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async revoke(trx: Kysely<DB>, id: string, by: string): Promise<void> {
      await trx.updateTable('api_tokens').set({ revoked_at: new Date(), revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
    },

    /** Every live token of an account (its deactivation); returns their ids for the audit. */
    async revokeAllOfUser(trx: Kysely<DB>, userId: string, by: string): Promise<string[]> {
      const rows = await trx
        .updateTable('api_tokens')
        .set({ revoked_at: new Date(), revoked_by: by })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', new Date())
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async listAll(query: z.infer<typeof adminTokenQuery>) {
      const now = new Date();
      let q = db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select([...tokenColumns, 'u.id as user_id', 'u.name as user_name', 'u.email as user_email', 'u.role as user_role', 'u.active as user_active']);
      if (query.userId) q = q.where('t.user_id', '=', query.userId);
      if (query.status === 'revoked') q = q.where('t.revoked_at', 'is not', null);
      if (query.status === 'expired') q = q.where('t.revoked_at', 'is', null).where('t.expires_at', '<=', now);
      if (query.status === 'active') q = q.where('t.revoked_at', 'is', null).where('t.expires_at', '>', now);
      if (query.q) {
        const pattern = containsPattern(query.q);
        q = q.where((eb) => eb.or([eb('t.name', 'ilike', pattern), eb('u.name', 'ilike', pattern), eb('u.email', 'ilike', pattern)]));
      }
      return paginate(
        q,
        query,
        // Live tokens first, then the newest.
        (p) =>
          p
            .orderBy(sql`(t.revoked_at IS NULL AND t.expires_at > ${now})`, 'desc')
            .orderBy('t.created_at', 'desc')
            .orderBy('t.id'),
        (row): AdminToken => ({
          ...toToken(row, now),
          user: { id: row.user_id, name: row.user_name, email: row.user_email, role: row.user_role as Role, active: row.user_active },
        }),
      );
    },
  };
}
export type TokensRepository = ReturnType<typeof tokensRepository>;
