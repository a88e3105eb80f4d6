import type { Kysely } from 'kysely';
import { gapSettings } from '../../../shared/contracts/gaps.ts';
import { defaultGapSettings, type GapSettings } from '../../../shared/gaps.ts';
import type { DB } from '../../db/schema.ts';
import { versionedSettingRepository } from './settings.repository.ts';

/** Thresholds, horizon and priority weights of the gap engine, under 'gaps' in `settings`. */
export function gapSettingsRepository(db: Kysely<DB>) {
  return versionedSettingRepository<GapSettings>(db, 'gaps', defaultGapSettings, (value) => gapSettings.safeParse(value).data ?? { ...defaultGapSettings });
}
export type GapSettingsRepository = ReturnType<typeof gapSettingsRepository>;
