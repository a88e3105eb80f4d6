import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SettingGroup } from './setting-groups.ts';

export type Versioned<T> = T & { version: number; updatedAt: string | null };

/**
 * One group of settings stored as a JSON object under its key in `settings`, with a version for
 * optimistic concurrency. Until someone saves it, the defaults apply (version 0). Stored values
 * are read over the defaults, so a setting added later gets its default in old databases; a
 * stored value the schema no longer accepts falls back to the defaults rather than failing reads.
 */
export function versionedSettingRepository<T extends object>(db: Kysely<DB>, group: SettingGroup<T>) {
  const { key, defaults, schema } = group;
  async function read(trx: Kysely<DB>, forUpdate: boolean): Promise<Versioned<T>> {
    let q = trx.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', key);
    if (forUpdate) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return { ...defaults, version: 0, updatedAt: null };
    const { version, ...stored } = { version: 0, ...(row.value as Record<string, unknown>) };
    const values = schema.safeParse({ ...defaults, ...stored }).data ?? { ...defaults };
    return { ...values, version: Number(version), updatedAt: row.updated_at.toISOString() };
  }

  return {
    get: (trx: Kysely<DB> = db) => read(trx, false),

    /** Reads with the row locked until commit; creates the row from the defaults first if needed. */
    async getForUpdate(trx: Kysely<DB>): Promise<Versioned<T>> {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify({ ...defaults, version: 0 }) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return read(trx, true);
    },

    async save(trx: Kysely<DB>, values: T, version: number): Promise<void> {
      await trx
        .updateTable('settings')
        .set({ value: JSON.stringify({ ...values, version }), updated_at: new Date() })
        .where('key', '=', key)
        .execute();
    },
  };
}
export type VersionedSettingRepository<T extends object> = ReturnType<typeof versionedSettingRepository<T>>;
