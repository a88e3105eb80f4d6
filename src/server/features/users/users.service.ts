import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { type User, type UserInvite, userInvite, type userListQuery, type userPatch } from '../../../shared/contracts/users.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { hashPassword, temporaryPassword, type SessionsRepository } from '../auth/auth.module.ts';
import type { GazetteerRepository } from '../gazetteer/gazetteer.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { AccountTokens } from '../tokens/tokens.module.ts';
import { type UsersRepository, usersRepository } from './users.repository.ts';

export function usersService(deps: {
  db: Kysely<DB>;
  users: UsersRepository;
  organisations: OrganisationsRepository;
  gazetteer: GazetteerRepository;
  sessions: SessionsRepository;
  tokens: AccountTokens;
}) {
  const { db, users, organisations, gazetteer, sessions, tokens } = deps;

  async function checkReferences(trx: Kysely<DB>, input: { organisationId?: string | null; regions?: string[] }) {
    if (input.organisationId && !(await organisations.isActive(trx, input.organisationId))) {
      throw new AppError('unknown_organisation', 400);
    }
    if (input.regions?.length && !(await gazetteer.regionsExist(trx, input.regions))) {
      throw new AppError('unknown_region', 400);
    }
  }

  return {
    list(ctx: ServiceContext, query: z.infer<typeof userListQuery>) {
      requireAccess(ctx.user, 'user:manage');
      return users.list(query);
    },

    async get(ctx: ServiceContext, id: string): Promise<User> {
      requireAccess(ctx.user, 'user:manage');
      return (await users.findById(db, id)) ?? Promise.reject(notFound());
    },

    /** Creates the account with a one-time password the admin passes on; it must be changed at first login. */
    async invite(ctx: ServiceContext, input: UserInvite): Promise<{ user: User; temporaryPassword: string }> {
      requireAccess(ctx.user, 'user:manage');
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        if (await users.emailExists(trx, input.email)) throw new AppError('email_taken', 409);
        await checkReferences(trx, input);
        const created = await users.insert(trx, {
          email: input.email,
          name: input.name,
          role: input.role,
          organisation_id: input.organisationId,
          regions: input.regions,
          language: input.language,
          password_hash: passwordHash,
          must_change_password: true,
        });
        await recordAudit(trx, ctx, { action: 'create', entity: 'user', entityId: created.id, after: created });
        return created;
      });
      return { user, temporaryPassword: password };
    },

    async update(ctx: ServiceContext, id: string, patch: z.infer<typeof userPatch>): Promise<User> {
      requireAccess(ctx.user, 'user:manage');
      if (id === ctx.user.id && (patch.active === false || (patch.role && patch.role !== ctx.user.role))) {
        throw new AppError('cannot_deactivate_self', 400);
      }
      return db.transaction().execute(async (trx) => {
        const before = await users.findById(trx, id);
        if (!before) throw notFound();
        if (patch.email && (await users.emailExists(trx, patch.email, id))) throw new AppError('email_taken', 409);
        await checkReferences(trx, patch);
        const after = await users.updateIfVersion(trx, id, patch.version, {
          email: patch.email,
          name: patch.name,
          role: patch.role,
          organisation_id: patch.organisationId,
          regions: patch.regions,
          language: patch.language,
          active: patch.active,
        });
        if (!after) throw versionConflict(before);
        if (patch.active === false || (patch.role && patch.role !== before.role)) await sessions.revokeAllOfUser(trx, id);
        // A deactivated account's API tokens end with it (they already stop working with the account);
        // reactivating it does not bring them back.
        const revokedTokens = patch.active === false ? await tokens.revokeAllOfUser(trx, id, ctx.user.id) : [];
        await recordAudit(trx, ctx, {
          action: 'update',
          entity: 'user',
          entityId: id,
          before,
          after: revokedTokens.length > 0 ? { ...after, revokedTokens } : after,
        });
        return after;
      });
    },

    /** A new temporary password; the user's sessions end and the next login must change it. */
    async resetPassword(ctx: ServiceContext, id: string): Promise<{ user: User; temporaryPassword: string }> {
      requireAccess(ctx.user, 'user:manage');
      const password = temporaryPassword();
      const passwordHash = await hashPassword(password);
      const user = await db.transaction().execute(async (trx) => {
        const before = await users.findById(trx, id);
        if (!before) throw notFound();
        await users.setPassword(trx, id, passwordHash, true);
        await sessions.revokeAllOfUser(trx, id);
        const after = (await users.findById(trx, id))!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'user', entityId: id, before, after: { ...after, passwordReset: true } });
        return after;
      });
      return { user, temporaryPassword: password };
    },
  };
}
export type UsersService = ReturnType<typeof usersService>;

/**
 * The CLI's way in on a new install, when no one can sign in yet to invite anyone.
 * Audited with no actor.
 */
export async function createFirstAdmin(
  db: Kysely<DB>,
  input: { email: string; name: string },
): Promise<{ ok: true; temporaryPassword: string } | { ok: false; message: string }> {
  const parsed = userInvite.safeParse({ email: input.email, name: input.name, role: 'admin' });
  if (!parsed.success) return { ok: false, message: `Invalid account: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const users = usersRepository(db);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    if (await users.emailExists(trx, parsed.data.email)) return { ok: false as const, message: `An account already uses ${parsed.data.email}.` };
    const created = await users.insert(trx, {
      email: parsed.data.email,
      name: parsed.data.name,
      role: 'admin',
      organisation_id: null,
      regions: [],
      language: 'fr',
      password_hash: passwordHash,
      must_change_password: true,
    });
    await recordAudit(trx, { user: null, requestId: 'cli' }, { action: 'create', entity: 'user', entityId: created.id, after: created });
    return { ok: true as const, temporaryPassword: password };
  });
}
