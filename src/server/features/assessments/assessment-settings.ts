import type { Kysely } from 'kysely';
import { type AssessmentSettings, assessmentSettings, defaultAssessmentSettings } from '../../../shared/contracts/assessments.ts';
import type { DB } from '../../db/schema.ts';
import { versionedSettingRepository } from '../gaps/settings.repository.ts';

/** Settings of assessments (the report size limit) under 'assessments' in `settings`. */
export function assessmentSettingsRepository(db: Kysely<DB>) {
  return versionedSettingRepository<AssessmentSettings>(db, 'assessments', defaultAssessmentSettings, (value) => assessmentSettings.safeParse(value).data ?? defaultAssessmentSettings);
}
export type AssessmentSettingsRepository = ReturnType<typeof assessmentSettingsRepository>;
