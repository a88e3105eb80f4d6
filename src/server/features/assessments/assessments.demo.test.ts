import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Assessment, TrackerPage } from '../../../shared/contracts/assessments.ts';
import type { GapPage } from '../../../shared/contracts/gaps.ts';
import { defaultPhaseSettings, todayIso } from '../../../shared/phases.ts';
import { seedDemoData } from '../../demo/demo.ts';
import { demoAlertsStep } from '../../demo/demo-alerts.ts';
import { demoResponsesStep } from '../../demo/demo-responses.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { demoAssessmentsStep, planDemoAssessments } from './assessments.demo.ts';

describe('demo assessment plan', () => {
  const locality = (id: string, shockDate: string) => ({ id, name: id, shocks: [{ shockDate, validatedOn: shockDate, needs: [{ sector: 'secal' as const, households: 200 }] }] });

  it('follows where each locality stands in its continuum', () => {
    const today = '2026-11-29';
    const plans = planDemoAssessments(
      [locality('rrm', '2026-10-20'), locality('early', '2026-07-01'), locality('late', '2026-02-10'), locality('gone', '2025-06-01'), locality('quiet', '2026-06-20')],
      today,
      defaultPhaseSettings,
    );
    const steps = (id: string) => plans.filter((p) => p.localityId === id).map((p) => `${p.kind}:${p.status}`);
    expect(steps('rrm')).toEqual([expect.stringMatching(/^territorial:(planned|ongoing)$/)]);
    expect(steps('early')).toEqual(['territorial:done', expect.stringMatching(/^multisector:(planned|ongoing)$/)]);
    expect(steps('late')).toEqual(['territorial:done', 'multisector:done', expect.stringMatching(/^impact:(planned|ongoing)$/)]);
    expect(steps('gone')).toEqual(['territorial:done', 'multisector:done', 'impact:done']);
    expect(plans.every((p) => p.status !== 'done' || (p.endDate !== null && p.endDate <= today && p.results.length > 0))).toBe(true);
    expect(plans.find((p) => p.localityId === 'early' && p.kind === 'territorial')!.results.find((r) => r.sector === 'secal')!.householdsInNeed).toBeGreaterThan(100);
    expect(planDemoAssessments([locality('rrm', '2026-10-20')], today, defaultPhaseSettings)).toEqual(planDemoAssessments([locality('rrm', '2026-10-20')], today, defaultPhaseSettings));
  });
});

describe.each(databaseKinds)('demo assessments seeded on %s', (kind) => {
  let t: TestApp;
  const today = todayIso();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemoData(t.database.db, [demoAlertsStep, demoResponsesStep, demoAssessmentsStep]);
  }, 180_000);
  afterAll(() => t.close());

  it('puts the demo localities at every step of the sequence, with results and reports', async () => {
    const coordinator = await t.login('coordinator');
    const list = (await t.request(coordinator, { method: 'GET', url: '/api/v1/assessments?pageSize=500' })).json();
    const seen = new Set(list.items.map((a: Assessment) => `${a.kind}:${a.status}`));
    for (const step of ['territorial:done', 'territorial:planned', 'multisector:done', 'impact:done', 'impact:planned']) expect(seen).toContain(step);
    expect(list.items.some((a: Assessment) => a.status === 'ongoing')).toBe(true);
    const withReport = list.items.find((a: Assessment) => a.report !== null)!;
    const report = await t.request(coordinator, { method: 'GET', url: `/api/v1/assessments/${withReport.id}/report` });
    expect(report.rawPayload.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(report.rawPayload.toString('latin1')).toMatch(/%%EOF\n$/);

    const tracker: TrackerPage = (await t.request(coordinator, { method: 'GET', url: `/api/v1/assessments/tracker?at=${today}&pageSize=100` })).json();
    expect(tracker.summary.nonePlanned).toBeGreaterThan(0);
    expect(tracker.summary.stepDone.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('shows current gaps and gaps coming in the next 30 days', async () => {
    const coordinator = await t.login('coordinator');
    const page: GapPage = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps?at=${today}&pageSize=500` })).json();
    expect(page.summary.uncovered + page.summary.partial).toBeGreaterThan(10);
    expect(page.summary.covered).toBeGreaterThan(0);
    expect(page.summary.upcoming).toBeGreaterThan(0);
    const sources = new Set(page.items.map((r) => r.needSource));
    expect(sources).toContain('assessment');
    expect(sources).toContain('alert');
    expect(page.items.filter((r) => r.capacityOrganisations > 0).length).toBeGreaterThan(0);
  });
});
