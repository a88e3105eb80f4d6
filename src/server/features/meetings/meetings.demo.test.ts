import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPointPage, Agenda, MeetingPage } from '../../../shared/contracts/meetings.ts';
import { todayIso } from '../../../shared/phases.ts';
import { seedDemoData, seedDemoOnce } from '../../demo/demo.ts';
import { demoAlertsStep } from '../../demo/demo-alerts.ts';
import { demoResponsesStep } from '../../demo/demo-responses.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { demoListHouseholds, demoListsStep } from '../lists/lists.demo.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('demo meetings on %s', (kind) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(kind, { DEMO_DATA: 'true' });
    await seedDemoData(t.database.db, [demoAlertsStep, demoResponsesStep, demoListsStep(t.keyring)]);
    // The app seeds its demo meetings when it becomes ready, after the shocks and responses exist.
    await t.app.ready();
  }, 180_000);
  afterAll(async () => t?.close());

  it('holds last month’s GIAC and national meeting with published minutes, and next week’s GIAC with its agenda', async () => {
    const regional = await t.login('regional_coordinator');
    const meetings = (await t.request(regional, { method: 'GET', url: '/api/v1/meetings?sort=date' })).json<MeetingPage>();
    const byStatus = (status: string) => meetings.items.filter((m) => m.status === status);
    expect(byStatus('minutes_published').map((m) => m.level).sort()).toEqual(['national', 'regional']);
    const [next] = byStatus('planned');
    expect(next!.date > todayIso()).toBe(true);

    const agenda = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${next!.id}/agenda` })).json<Agenda>();
    // Upcoming gaps first, and the action points still open carried in from the last GIAC.
    expect(agenda.items[0]!.kind).toBe('upcoming_gaps');
    const carried = agenda.items.find((i) => i.kind === 'action_points')!.entries.map((e) => e.facts.label);
    expect(carried).toContain('Évaluer la capacité restante et la communiquer au GIAC');
    expect(carried).not.toContain('Partager le plan de relais et la date de démarrage');

    // The lists received for Mopti since the last GIAC (NRC's, IRC's and SI's; ACTED's is in Gao), as counts only.
    const lists = agenda.items.find((i) => i.kind === 'lists')!;
    expect(lists.entries.map((e) => [e.facts.label, e.facts.count, e.facts.households, e.link])).toEqual([
      ['lists_received', 3, 138, '/lists'],
      ['sharing_pending', 0, undefined, '/lists'],
    ]);
    const text = JSON.stringify(agenda);
    const names = [...demoListHouseholds().values()].flat().flatMap((h) => [h.familyName, h.phone]).filter((v): v is string => typeof v === 'string' && v.length > 3);
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name) => text.includes(name))).toEqual([]);
  });

  it('puts the partner’s action points on its home page, one of them overdue somewhere in the demo', async () => {
    const partner = await t.login('partner');
    const mine = (await t.request(partner, { method: 'GET', url: '/api/v1/action-points?owner=me&status=open' })).json<ActionPointPage>();
    expect(mine.items.map((a) => a.title)).toContain('Mettre à jour la matrice 5W du mois écoulé');
    const coordinator = await t.login('coordinator');
    const all = (await t.request(coordinator, { method: 'GET', url: '/api/v1/action-points?status=open' })).json<ActionPointPage>();
    expect(all.overdue).toBeGreaterThanOrEqual(2);
  });

  it('seeds them once', async () => {
    expect(await seedDemoOnce(t.database.db, 'meetings', async () => expect.fail('ran twice'))).toBe(false);
  });
});
