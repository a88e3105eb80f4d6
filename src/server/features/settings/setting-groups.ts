import type { z } from 'zod';
import { phaseSettingsValues } from '../../../shared/contracts/alerts.ts';
import { type AssessmentSettings, assessmentSettings, defaultAssessmentSettings } from '../../../shared/contracts/assessments.ts';
import { type DashboardSettings, dashboardSettings } from '../../../shared/contracts/dashboard.ts';
import { gapSettings } from '../../../shared/contracts/gaps.ts';
import { defaultGapSettings, type GapSettings } from '../../../shared/gaps.ts';
import type { Action } from '../../../shared/permissions.ts';
import { defaultPhaseSettings, type PhaseSettings } from '../../../shared/phases.ts';

/**
 * One group of settings: stored as one JSON object under `key` in `settings` (also the audit's
 * entity id), its defaults until someone saves it, the schema stored values are read back
 * through, and the permission needed to read it (changing any group takes `settings:manage`).
 */
export interface SettingGroup<T extends object> {
  key: string;
  defaults: Readonly<T>;
  schema: z.ZodType<T>;
  readAccess: Action;
}

/** Phase boundaries of the continuum (RRM months, end of post-RRM, RRM lateness). */
export const phaseSettingGroup: SettingGroup<PhaseSettings> = {
  key: 'phases',
  defaults: defaultPhaseSettings,
  schema: phaseSettingsValues,
  readAccess: 'alert:read',
};

/** Thresholds, horizon and priority weights of the gap engine. */
export const gapSettingGroup: SettingGroup<GapSettings> = { key: 'gaps', defaults: defaultGapSettings, schema: gapSettings, readAccess: 'gap:read' };

/** Assessments' report size limit. */
export const assessmentSettingGroup: SettingGroup<AssessmentSettings> = {
  key: 'assessments',
  defaults: defaultAssessmentSettings,
  schema: assessmentSettings,
  readAccess: 'gap:read',
};

/** The public page switch and the optional map background: off until an administrator opens it (the demo turns it on). */
export const dashboardSettingGroup: SettingGroup<DashboardSettings> = {
  key: 'dashboard',
  defaults: Object.freeze({ publicPageEnabled: false, backgroundTileUrl: null, backgroundAttribution: null }),
  schema: dashboardSettings,
  readAccess: 'gap:read',
};
