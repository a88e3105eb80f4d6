import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';

/** Failed attempts per e-mail address in the current minute; complements the per-address limit. */
class FailureCounter {
  private readonly counts = new Map<string, { windowStart: number; count: number }>();
  constructor(private readonly limit: number) {}

  isBlocked(key: string, now = Date.now()): boolean {
    const entry = this.counts.get(key);
    return entry !== undefined && now - entry.windowStart < 60_000 && entry.count >= this.limit;
  }

  fail(key: string, now = Date.now()) {
    const entry = this.counts.get(key);
    if (!entry || now - entry.windowStart >= 60_000) this.counts.set(key, { windowStart: now, count: 1 });
    else entry.count++;
    if (this.counts.size > 10_000) {
      for (const [k, v] of this.counts) if (now - v.windowStart >= 60_000) this.counts.delete(k);
    }
  }
}

export function toCurrentUser(user: SessionUser): CurrentUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    organisationId: user.organisationId,
    regions: user.regions,
    language: user.language,
    mustChangePassword: user.mustChangePassword,
    csrfToken: user.csrfToken,
  };
}

export function authService(deps: { db: Kysely<DB>; config: Config; sessions: SessionsRepository; users: UsersRepository }) {
  const { db, config, sessions, users } = deps;
  const ttlMs = config.sessionTtlHours * 3600 * 1000;
  const failures = new FailureCounter(config.loginAttemptsPerMinute);
  const sessionIdOf = (token: string) => createHmac('sha256', config.sessionSecret).update(token).digest('base64url');

  return {
    async login(email: string, password: string, requestId: string): Promise<{ token: string; user: SessionUser }> {
      const key = email.toLowerCase();
      if (failures.isBlocked(key)) throw new AppError('rate_limited', 429);
      const credentials = await users.findCredentialsByEmail(key);
      const valid = await verifyPassword(credentials?.password_hash ?? (await decoyHash), password);
      if (!credentials || !credentials.active || !valid) {
        failures.fail(key);
        throw new AppError('invalid_credentials', 401);
      }
      const token = randomBytes(32).toString('base64url');
      const sessionId = sessionIdOf(token);
      await sessions.create({
        id: sessionId,
        userId: credentials.id,
        csrfToken: randomBytes(24).toString('base64url'),
        expiresAt: new Date(Date.now() + ttlMs),
      });
      await users.touchLastLogin(credentials.id);
      const user = (await this.resolve(token))!;
      await recordAudit(db, { user, requestId }, { action: 'login', entity: 'user', entityId: user.id });
      return { token, user };
    },

    /** The session behind a cookie token, sliding its expiry at most once a minute. */
    async resolve(token: string): Promise<SessionUser | undefined> {
      const session = await sessions.findLive(sessionIdOf(token));
      if (!session) return undefined;
      if (Date.now() - session.last_seen_at.getTime() > 60_000) {
        await sessions.extend(session.id, new Date(Date.now() + ttlMs));
      }
      return {
        id: session.user_id,
        email: session.email,
        name: session.name,
        role: session.role as Role,
        organisationId: session.organisation_id,
        regions: session.regions,
        language: session.language === 'en' ? 'en' : 'fr',
        mustChangePassword: session.must_change_password,
        sessionId: session.id,
        csrfToken: session.csrf_token,
      };
    },

    logout(user: SessionUser) {
      return sessions.revoke(user.sessionId);
    },

    /** Changing a password ends every other session of that user. */
    async changePassword(ctx: ServiceContext, currentPassword: string, newPassword: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const row = await users.findPasswordHash(trx, ctx.user.id);
        if (!row || !(await verifyPassword(row.password_hash, currentPassword))) {
          throw new AppError('wrong_current_password', 400);
        }
        if (currentPassword === newPassword) throw new AppError('password_reused', 400);
        await users.setPassword(trx, ctx.user.id, await hashPassword(newPassword), false);
        await sessions.revokeAllOfUser(trx, ctx.user.id, ctx.user.sessionId);
        await recordAudit(trx, ctx, { action: 'update', entity: 'user', entityId: ctx.user.id, after: { passwordChanged: true } });
      });
    },

    async setLanguage(ctx: ServiceContext, language: 'fr' | 'en') {
      await users.setLanguage(ctx.user.id, language);
    },
  };
}
export type AuthService = ReturnType<typeof authService>;
