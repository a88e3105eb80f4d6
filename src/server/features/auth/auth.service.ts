import { createHmac, randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import type { Role } from '../../../shared/permissions.ts';
import type { Config } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import type { UsersRepository } from '../users/users.module.ts';
import { decoyHash, hashPassword, verifyPassword } from './password.ts';
import type { SessionsRepository } from './sessions.repository.ts';

/**
 * Failed sign-ins in a sliding window, per account and per account × client address. The account
 * is never refused (anyone could then lock anyone out): past a few failures each attempt on it waits
 * a little longer, the right password still getting in after the wait. Only the address that keeps
 * failing on an account is refused for that account, and @fastify/rate-limit caps each address.
 */
export class LoginThrottle {
  static readonly windowMs = 15 * 60_000;
  /** Failures on an account before its attempts slow down. */
  static readonly freeFailures = 5;
  /** Failures from one address on one account before that address is refused for it. */
  static readonly perAddressFailures = 10;
  static readonly baseDelayMs = 250;
  static readonly maxDelayMs = 8_000;
  private readonly failures = new Map<string, number[]>();

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < LoginThrottle.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  /** How long an attempt on this account waits before its password is checked. */
  delayMs(account: string, now = Date.now()): number {
    const excess = this.recent(`a:${account}`, now).length - LoginThrottle.freeFailures;
    return excess < 0 ? 0 : Math.min(LoginThrottle.baseDelayMs * 2 ** excess, LoginThrottle.maxDelayMs);
  }

  isRefused(account: string, address: string, now = Date.now()): boolean {
    return this.recent(`p:${account}|${address}`, now).length >= LoginThrottle.perAddressFailures;
  }

  fail(account: string, address: string, now = Date.now()) {
    for (const key of [`a:${account}`, `p:${account}|${address}`]) this.failures.set(key, [...this.recent(key, now), now].slice(-100));
    if (this.failures.size > 50_000) for (const key of this.failures.keys()) this.recent(key, now);
  }

  succeed(account: string, address: string) {
    this.failures.delete(`a:${account}`);
    this.failures.delete(`p:${account}|${address}`);
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
  const throttle = new LoginThrottle();
  const sessionIdOf = (token: string) => createHmac('sha256', config.sessionSecret).update(token).digest('base64url');

  return {
    async login(email: string, password: string, request: { id: string; ip: string }): Promise<{ token: string; user: SessionUser }> {
      const key = email.toLowerCase();
      if (throttle.isRefused(key, request.ip)) {
        await recordAudit(db, { user: null, requestId: request.id }, { action: 'login_failed', entity: 'user', entityId: null, after: { address: request.ip, reason: 'throttled' } });
        throw new AppError('rate_limited', 429);
      }
      const wait = throttle.delayMs(key);
      if (wait > 0) await setTimeout(wait);
      const credentials = await users.findCredentialsByEmail(key);
      const valid = await verifyPassword(credentials?.password_hash ?? (await decoyHash), password);
      if (!credentials || !credentials.active || !valid) {
        throttle.fail(key, request.ip);
        // Who tried which account from where: the account's id (never the password), or none for an unknown address.
        const reason = !credentials ? 'unknown_account' : !credentials.active ? 'inactive_account' : 'wrong_password';
        await recordAudit(db, { user: null, requestId: request.id }, { action: 'login_failed', entity: 'user', entityId: credentials?.id ?? null, after: { address: request.ip, reason } });
        throw new AppError('invalid_credentials', 401);
      }
      throttle.succeed(key, request.ip);
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
      await recordAudit(db, { user, requestId: request.id }, { action: 'login', entity: 'user', entityId: user.id, after: { address: request.ip } });
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
        apiToken: null,
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
