import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoverOutlook, HandoverPage } from '../../../shared/contracts/handovers.ts';
import { handoverStatuses } from '../../../shared/handovers.ts';
import { demoAlertsStep } from '../../demo/demo-alerts.ts';
import { seedDemoData } from '../../demo/demo.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { demoHandoversStep } from './handovers.demo.ts';

describe('the handovers demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    await seedDemoData(t.database.db, [demoAlertsStep, demoHandoversStep]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('has development programmes in Mopti and Ségou and handovers at every status there', async () => {
    const coordinator = await t.login('coordinator');
    const mopti = (await t.request(coordinator, { method: 'GET', url: '/api/v1/development-programmes?pcode=ML05' })).json<{ total: number }>();
    const segou = (await t.request(coordinator, { method: 'GET', url: '/api/v1/development-programmes?pcode=ML04' })).json<{ total: number }>();
    expect(mopti.total).toBeGreaterThanOrEqual(2);
    expect(segou.total).toBeGreaterThanOrEqual(2);
    const page = (await t.request(coordinator, { method: 'GET', url: '/api/v1/handovers?pageSize=500' })).json<HandoverPage>();
    const centre = page.items.filter((h) => h.locality.adm1Pcode === 'ML05' || h.locality.adm1Pcode === 'ML04');
    expect(new Set(centre.map((h) => h.status))).toEqual(new Set(handoverStatuses));
    const outlook = (await t.request(coordinator, { method: 'GET', url: '/api/v1/handovers/outlook' })).json<HandoverOutlook>();
    expect(outlook.leaving + outlook.overdue).toBeGreaterThan(0);
  });
});
