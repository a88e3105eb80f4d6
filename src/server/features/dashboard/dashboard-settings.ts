import type { Kysely } from 'kysely';
import { type DashboardSettings, dashboardSettings } from '../../../shared/contracts/dashboard.ts';
import type { DB } from '../../db/schema.ts';
import { versionedSettingRepository } from '../gaps/settings.repository.ts';

/** Off until an administrator opens it: a deployment publishes nothing by default (the demo turns it on). */
export const defaultDashboardSettings: Readonly<DashboardSettings> = Object.freeze({
  publicPageEnabled: false,
  backgroundTileUrl: null,
  backgroundAttribution: null,
});

export const dashboardSettingsKey = 'dashboard';

/** The public page switch and the optional map background, under 'dashboard' in `settings`. */
export function dashboardSettingsRepository(db: Kysely<DB>) {
  return versionedSettingRepository<DashboardSettings>(
    db,
    dashboardSettingsKey,
    defaultDashboardSettings,
    (value) => dashboardSettings.safeParse(value).data ?? { ...defaultDashboardSettings },
  );
}
export type DashboardSettingsRepository = ReturnType<typeof dashboardSettingsRepository>;
