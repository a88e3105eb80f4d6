import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { SettingGroup } from './setting-groups.ts';
import { type Versioned, versionedSettingRepository } from './settings.repository.ts';

/**
 * Reading a group of settings takes the group's own permission (the UI explains figures with
 * them, so every role that sees the figures may read them); changing any group is for
 * administrators, against the version read (409 otherwise), audited in the same transaction.
 */
export function versionedSettingService<T extends object>(deps: { db: Kysely<DB>; group: SettingGroup<T> }) {
  const { db, group } = deps;
  const settings = versionedSettingRepository(db, group);
  return {
    get(ctx: ServiceContext): Promise<Versioned<T>> {
      requireAccess(ctx.user, group.readAccess);
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
        await recordAudit(trx, ctx, { action: 'update', entity: 'settings', entityId: group.key, before, after });
        return after;
      });
    },
  };
}
export type VersionedSettingService<T extends object> = ReturnType<typeof versionedSettingService<T>>;
