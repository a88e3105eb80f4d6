import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertStatuses, statusesWithMsa } from '../../shared/contracts/alerts.ts';
import { monthSinceShock, phases, todayIso } from '../../shared/phases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { databaseKinds } from '../test/test-database.ts';
import { seedDemoData } from './demo.ts';
import { demoAlertsStep, displacementShares, planDemoAlerts, rrmPartners } from './demo-alerts.ts';
import { demoLocalities } from './mali-reference.ts';

describe('demo alert plan', () => {
  it('is the same for the same day, and moves with the seeding day', () => {
    expect(planDemoAlerts('2026-11-29')).toEqual(planDemoAlerts('2026-11-29'));
    const later = planDemoAlerts('2027-03-10');
    expect(later.map((p) => p.households)).toEqual(planDemoAlerts('2026-11-29').map((p) => p.households));
    expect(later.every((p) => p.alertDate <= '2027-03-10' && p.shockDate >= '2025-09-01')).toBe(true);
  });

  it('keeps every date in order and in the past', () => {
    const today = '2026-11-29';
    for (const plan of planDemoAlerts(today)) {
      expect(plan.shockDate <= plan.alertDate).toBe(true);
      const dated = [plan.alertDate, plan.verifiedOn, plan.assessedOn, plan.validatedOn, plan.respondedOn, plan.closedOn].filter((d): d is string => d !== null);
      // Every step taken has its day, and an alert is assessed only with its MSA recorded.
      if (statusesWithMsa.includes(plan.status)) expect([plan.verifiedOn, plan.assessedOn, plan.msaFindings.length > 0]).toEqual([expect.any(String), expect.any(String), true]);
      expect(dated).toEqual([...dated].sort());
      expect(dated.every((d) => d <= today)).toBe(true);
      for (const response of plan.responses) {
        expect(response.startDate >= plan.validatedOn!).toBe(true);
        expect(response.endDate >= response.startDate).toBe(true);
        expect(response.householdsReached).toBeLessThanOrEqual(plan.households);
      }
    }
  });
});

describe.each(databaseKinds)('demo alerts seeded on %s', (kind) => {
  let t: TestApp;
  const today = todayIso();
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [demoAlertsStep]);
  });
  afterAll(() => t.close());

  it('spreads about 60 alerts over the last 18 months across all demo localities', async () => {
    const rows = await t.database.db
      .selectFrom('alerts as a')
      .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
      .select(['a.code', 'a.shock_date', 'a.alert_date', 'l.pcode'])
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(55);
    expect(rows.length).toBeLessThanOrEqual(65);
    expect(new Set(rows.map((r) => r.pcode))).toEqual(new Set(demoLocalities.map((l) => l.pcode)));
    for (const row of rows) {
      expect(monthSinceShock(row.shock_date, today)).toBeLessThanOrEqual(18);
      expect(row.code).toBe(`ALR-${row.alert_date.slice(0, 4)}-${row.code.slice(-4)}`);
    }
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
  });

  it('reproduces the share of IDP households by time since displacement per zone within 3 points', async () => {
    const rows = await t.database.db
      .selectFrom('alerts as a')
      .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
      .select(['a.shock_date', 'a.households', 'l.adm1_pcode'])
      .where('a.status', '!=', 'rejected')
      .where('a.population_group', '=', 'idp')
      .execute();
    for (const [zone, { regions, shares }] of Object.entries(displacementShares)) {
      const inZone = rows.filter((r) => (regions as readonly string[]).includes(r.adm1_pcode!));
      const byBucket = [0, 0, 0];
      for (const row of inZone) {
        const month = monthSinceShock(row.shock_date, today)!;
        byBucket[month <= 3 ? 0 : month <= 12 ? 1 : 2]! += row.households;
      }
      const total = byBucket.reduce((a, b) => a + b, 0);
      const measured = byBucket.map((hh) => (100 * hh) / total);
      measured.forEach((share, bucket) => expect(Math.abs(share - shares[bucket]!), `${zone} bucket ${bucket}: ${measured.map((m) => m.toFixed(1)).join('/')}`).toBeLessThanOrEqual(3));
    }
  });

  it('covers every status and every phase today, with RRM responses by the RRM partners only', async () => {
    const viewer = await t.login('viewer');
    for (const status of alertStatuses) {
      expect((await t.request(viewer, { method: 'GET', url: `/api/v1/alerts?status=${status}` })).json().total, status).toBeGreaterThan(0);
    }
    for (const phase of phases) {
      expect((await t.request(viewer, { method: 'GET', url: `/api/v1/alerts?phase=${phase}` })).json().total, phase).toBeGreaterThan(0);
    }
    const responders = await t.database.db
      .selectFrom('rrm_responses as r')
      .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
      .select('o.acronym')
      .distinct()
      .execute();
    expect(responders.length).toBeGreaterThan(1);
    for (const { acronym } of responders) expect(rrmPartners).toContain(acronym);
    const responded = await t.request(viewer, { method: 'GET', url: '/api/v1/alerts?status=responded,closed&pageSize=100' });
    for (const alert of responded.json().items) expect(alert.rrmResponseCount).toBeGreaterThan(0);
  });
});
