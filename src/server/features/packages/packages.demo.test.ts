import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectors } from '../../../shared/sectors.ts';
import { seedDemoData } from '../../demo/demo.ts';
import { demoAlertsStep } from '../../demo/demo-alerts.ts';
import { demoResponsesStep } from '../../demo/demo-responses.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { packagesDemoStep } from './packages.demo.ts';

describe.each(databaseKinds)('demo packages on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [demoAlertsStep, demoResponsesStep, packagesDemoStep]);
  }, 180_000);
  afterAll(() => t.close());

  it('holds an endorsed package in each of the nine sectors, a revised one, a proposal and methods', async () => {
    const partner = await t.login('partner');
    const current = (await t.request(partner, { method: 'GET', url: '/api/v1/packages?status=endorsed&pageSize=100' })).json();
    expect(new Set(current.items.map((p: { sector: string }) => p.sector))).toEqual(new Set(sectors));
    const food = current.items.find((p: { sector: string }) => p.sector === 'secal');
    expect(food).toMatchObject({ revision: 2, recurring: true, transferValueXof: 65_000 });
    const versions = (await t.request(partner, { method: 'GET', url: `/api/v1/packages/${food.id}/versions` })).json().items;
    expect(versions.map((v: { status: string }) => v.status)).toEqual(['superseded', 'endorsed']);
    expect((await t.request(partner, { method: 'GET', url: '/api/v1/packages?status=proposed' })).json().total).toBe(1);
    expect((await t.request(partner, { method: 'GET', url: '/api/v1/methods' })).json().total).toBe(3);
  });

  it('links demo 5W records to the packages, some falling short, as the conformity view shows', async () => {
    const coordinator = await t.login('coordinator');
    const report = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/conformity' })).json();
    const total = report.sectors.reduce((n: number, s: { households: number }) => n + s.households, 0);
    const withPackage = report.sectors.reduce((n: number, s: { withPackage: number }) => n + s.withPackage, 0);
    const following = report.sectors.reduce((n: number, s: { following: number }) => n + s.following, 0);
    expect(withPackage).toBeGreaterThan(total * 0.3);
    expect(withPackage).toBeLessThan(total);
    expect(following).toBeLessThan(withPackage);
    expect(report.deviating.length).toBeGreaterThan(5);
    expect(report.deviating.some((d: { deviation: { valueShortfall: number } }) => d.deviation.valueShortfall >= 0.15)).toBe(true);
  });
});
