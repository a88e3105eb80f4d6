import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Versioned, VersionedSettingRepository } from './settings.repository.ts';

/** Reading a group of settings is open to every signed-in user (the UI explains figures with them); changing it is for administrators, audited. */
export function versionedSettingService<T extends object>(deps: { db: Kysely<DB>; settings: VersionedSettingRepository<T>; entityId: string }) {
  const { db, settings, entityId } = deps;
  return {
    get(ctx: ServiceContext): Promise<Versioned<T>> {
      requireAccess(ctx.user, 'gap:read');
      return settings.get();
    },

    update(ctx: ServiceContext, input: T & { version: number }): Promise<Versioned<T>> {
      requireAccess(ctx.user, 'settings:manage');
      return db.transaction().execute(async (trx) => {
        const before = await settings.getForUpdate(trx);
        if (before.version !== input.version) throw versionConflict(before);
        const { version, ...values } = input;
        await settings.save(trx, values as unknown as T, version + 1);
        const after = await settings.get(trx);
        await recordAudit(trx, ctx, { action: 'update', entity: 'settings', entityId, before, after });
        return after;
      });
    },
  };
}
export type VersionedSettingService<T extends object> = ReturnType<typeof versionedSettingService<T>>;
