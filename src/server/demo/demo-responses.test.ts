import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeriods, periodOf, periodRange } from '../../shared/contracts/periods.ts';
import { addDays, addMonths, todayIso } from '../../shared/phases.ts';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { databaseKinds } from '../test/test-database.ts';
import { seedDemoData } from './demo.ts';
import { demoAlertsStep } from './demo-alerts.ts';
import { demoResponsesStep, planDemoResponses } from './demo-responses.ts';

describe('demo 5W plan', () => {
  it('is the same for the same day and alerts', () => {
    const alerts = [{ id: 'a', shockDate: '2026-03-10', localityPcode: 'ML050109007', validated: true, needs: [{ sector: 'secal' as const, households: 300 }] }];
    expect(planDemoResponses(alerts, '2026-11-29')).toEqual(planDemoResponses(alerts, '2026-11-29'));
  });
});

describe.each(databaseKinds)('demo 5W seeded on %s', (kind) => {
  let t: TestApp;
  const today = todayIso();
  const months = periodRange(addPeriods(periodOf(today), -11), periodOf(today));

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [demoAlertsStep, demoResponsesStep]);
  }, 120_000);
  afterAll(() => t.close());

  it('holds a year of monthly reports from the post-RRM actors, a few thousand records', async () => {
    const { db } = t.database;
    const perMonth = await db.selectFrom('responses').select(['period']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('period').orderBy('period').execute();
    expect(perMonth.map((m) => m.period.slice(0, 7))).toEqual(months);
    const total = perMonth.reduce((sum, m) => sum + Number(m.n), 0);
    expect(total).toBeGreaterThan(2000);
    expect(total).toBeLessThan(5000);
    const organisations = await db.selectFrom('responses as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id').select('o.acronym').distinct().execute();
    expect(organisations.length).toBeGreaterThanOrEqual(10);
    const statuses = (await db.selectFrom('responses').select('status').distinct().execute()).map((s) => s.status).sort();
    expect(statuses).toEqual(['completed', 'ongoing', 'planned', 'suspended']);
  });

  it('covers some of the alerts’ post-RRM windows, and leaves gaps open', async () => {
    const { db } = t.database;
    const linked = await db
      .selectFrom('response_alerts as ra')
      .innerJoin('responses as r', 'r.id', 'ra.response_id')
      .innerJoin('alerts as a', 'a.id', 'ra.alert_id')
      .select(['r.period', 'r.start_date', 'r.sector', 'a.id as alert_id', 'a.shock_date', 'r.locality_id', 'a.host_locality_id'])
      .execute();
    expect(linked.length).toBeGreaterThan(100);
    for (const record of linked) {
      expect(record.locality_id).toBe(record.host_locality_id);
      // Post-RRM starts in month 4 (a few days early at most) and ends with month 12.
      expect(record.start_date >= addDays(addMonths(record.shock_date, 3), -10)).toBe(true);
      expect(record.period.slice(0, 7) <= periodOf(addMonths(record.shock_date, 12))).toBe(true);
    }
    const flagged = await db
      .selectFrom('alert_msa_findings as f')
      .innerJoin('alerts as a', 'a.id', 'f.alert_id')
      .select(['f.alert_id', 'f.sector'])
      .where('f.need', '=', true)
      .where('a.validated_at', 'is not', null)
      .execute();
    const covered = new Set(linked.map((r) => `${r.alert_id}|${r.sector}`));
    const open = flagged.filter((f) => !covered.has(`${f.alert_id}|${f.sector}`));
    expect(open.length).toBeGreaterThan(10);
    expect(open.length).toBeLessThan(flagged.length);
    const forgotten = await db.selectFrom('responses as r').innerJoin('localities as l', 'l.id', 'r.locality_id').select('r.id').where('l.pcode', 'in', ['ML050705004', 'ML070404007']).execute();
    expect(forgotten).toEqual([]);
  });

  it('has capacities and locks the months older than three', async () => {
    const { db } = t.database;
    const capacities = await db.selectFrom('capacities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(capacities.n)).toBeGreaterThan(100);
    const locked = (await db.selectFrom('reporting_periods').select('month').where('locked', '=', true).orderBy('month').execute()).map((p) => p.month.slice(0, 7));
    expect(locked).toEqual(months.slice(0, 8));
    const viewer = await t.login('viewer');
    const pivot = (await t.request(viewer, { method: 'GET', url: `/api/v1/responses/pivot?rows=sector&cols=adm1&period=${months.at(-2)!}` })).json();
    const naive = pivot.cells.reduce((sum: number, c: { householdsReached: number }) => sum + c.householdsReached, 0);
    expect(pivot.total.householdsReached).toBeGreaterThan(0);
    expect(pivot.total.householdsReached).toBeLessThan(naive);
  });
});
