import type { Kysely } from 'kysely';
import type { AssessmentSettings } from '../../../shared/contracts/assessments.ts';
import type { DashboardSettings } from '../../../shared/contracts/dashboard.ts';
import type { GapSettings } from '../../../shared/gaps.ts';
import type { PhaseSettings } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { assessmentSettingGroup, dashboardSettingGroup, gapSettingGroup, phaseSettingGroup } from './setting-groups.ts';
import { type VersionedSettingRepository, versionedSettingRepository } from './settings.repository.ts';

/*
 * The platform's settings, one versioned repository and service for every group; each feature
 * registers the routes of its own groups (their contracts live with the feature) and reads
 * the groups it needs through the factories below.
 */
export { assessmentSettingGroup, dashboardSettingGroup, gapSettingGroup, phaseSettingGroup } from './setting-groups.ts';
export { versionedSettingService, type VersionedSettingService } from './settings.service.ts';

export const phaseSettingsRepository = (db: Kysely<DB>) => versionedSettingRepository(db, phaseSettingGroup);
export type PhaseSettingsRepository = VersionedSettingRepository<PhaseSettings>;
export const gapSettingsRepository = (db: Kysely<DB>) => versionedSettingRepository(db, gapSettingGroup);
export type GapSettingsRepository = VersionedSettingRepository<GapSettings>;
export const assessmentSettingsRepository = (db: Kysely<DB>) => versionedSettingRepository(db, assessmentSettingGroup);
export type AssessmentSettingsRepository = VersionedSettingRepository<AssessmentSettings>;
export const dashboardSettingsRepository = (db: Kysely<DB>) => versionedSettingRepository(db, dashboardSettingGroup);
export type DashboardSettingsRepository = VersionedSettingRepository<DashboardSettings>;
