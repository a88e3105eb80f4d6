import type { Kysely } from 'kysely';
import type { PhaseSettingsState } from '../../../shared/contracts/alerts.ts';
import { defaultPhaseSettings, type PhaseSettings } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';

const key = 'phases';

interface StoredPhaseSettings extends PhaseSettings {
  version: number;
}

/** The phase boundaries live in `settings` under 'phases'; until someone changes them, the defaults apply. */
export function phaseSettingsRepository(db: Kysely<DB>) {
  async function read(trx: Kysely<DB>, forUpdate: boolean): Promise<PhaseSettingsState> {
    let q = trx.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', key);
    if (forUpdate) q = q.forUpdate();
    const row = await q.executeTakeFirst();
    if (!row) return { ...defaultPhaseSettings, version: 0, updatedAt: null };
    const stored = { ...defaultPhaseSettings, version: 0, ...(row.value as Partial<StoredPhaseSettings>) };
    return {
      rrmMonths: stored.rrmMonths,
      postRrmUntilMonth: stored.postRrmUntilMonth,
      rrmLateAfterDays: stored.rrmLateAfterDays,
      version: stored.version,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  return {
    get: (trx: Kysely<DB> = db) => read(trx, false),

    /** Reads with the row locked until commit; creates the row from the defaults first if needed. */
    async getForUpdate(trx: Kysely<DB>): Promise<PhaseSettingsState> {
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify({ ...defaultPhaseSettings, version: 0 }) })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      return read(trx, true);
    },

    async save(trx: Kysely<DB>, settings: StoredPhaseSettings): Promise<void> {
      await trx.updateTable('settings').set({ value: JSON.stringify(settings), updated_at: new Date() }).where('key', '=', key).execute();
    },
  };
}
export type PhaseSettingsRepository = ReturnType<typeof phaseSettingsRepository>;
