import type { DemoStep } from '../../demo/demo.ts';
import { dashboardSettingsRepository } from '../settings/settings.module.ts';

/** The demo shows the public transparency page: it is off by default elsewhere. */
export const dashboardDemoStep: DemoStep = {
  name: 'dashboard-public-page',
  async run(trx) {
    const settings = dashboardSettingsRepository(trx);
    const current = await settings.getForUpdate(trx);
    const { version, updatedAt: _updatedAt, ...values } = current;
    await settings.save(trx, { ...values, publicPageEnabled: true }, version + 1);
  },
};
