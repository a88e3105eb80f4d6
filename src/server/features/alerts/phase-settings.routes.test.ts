import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

describe.each(databaseKinds)('phase settings on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const url = '/api/v1/settings/phases';

  it('starts from the defaults and lets only an admin change them', async () => {
    const initial = await t.request(await t.login('partner'), { method: 'GET', url });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ rrmMonths: 3, postRrmUntilMonth: 12, rrmLateAfterDays: 15, version: 0, updatedAt: null });
    const payload = { rrmMonths: 2, postRrmUntilMonth: 9, rrmLateAfterDays: 10, version: 0 };
    expect((await t.request(await t.login('coordinator'), { method: 'PUT', url, payload })).statusCode).toBe(403);

    const admin = await t.login('admin');
    const saved = await t.request(admin, { method: 'PUT', url, payload });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ rrmMonths: 2, postRrmUntilMonth: 9, rrmLateAfterDays: 10, version: 1 });
    const stale = await t.request(admin, { method: 'PUT', url, payload: { ...payload, rrmMonths: 4 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ rrmMonths: 2, version: 1 });

    const inverted = await t.request(admin, { method: 'PUT', url, payload: { ...payload, rrmMonths: 9, postRrmUntilMonth: 6, version: 1 } });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().errors).toContainEqual({ path: 'body.postRrmUntilMonth', message: 'Le post-RRM doit se terminer après la fin du RRM.' });

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'before', 'after']).where('entity', '=', 'settings').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ before: { rrmMonths: 3 }, after: { rrmMonths: 2 } });
  });

  it('moves the phase boundaries of every alert and of the SQL filters', async () => {
    const ids = await referenceIds(t);
    const alert = await createAlert(t, ids.gao, { shockDate: '2026-01-31', alertDate: '2026-02-01' });
    await validateAlert(t, alert.id, '2026-02-02');
    const viewer = await t.login('viewer');
    const view = (await t.request(viewer, { method: 'GET', url: `/api/v1/alerts/${alert.id}?at=2026-03-31` })).json();
    expect(view.continuum).toMatchObject({ phase: 'post_rrm', rrmEndsOn: '2026-03-30', resilienceFrom: '2026-10-31', rrmDaysLeft: null });
    const late = (await t.request(viewer, { method: 'GET', url: `/api/v1/alerts/${alert.id}?at=2026-02-13` })).json();
    expect(late.continuum.rrmLate).toBe(true);
    const list = (await t.request(viewer, { method: 'GET', url: '/api/v1/alerts?phase=post_rrm&at=2026-03-31' })).json();
    expect(list.items.map((a: { id: string }) => a.id)).toEqual([alert.id]);
    const continuum = (await t.request(viewer, { method: 'GET', url: `/api/v1/localities/${ids.gao}/continuum?at=2026-03-30` })).json();
    expect(continuum.settings.rrmMonths).toBe(2);
    expect(continuum.shocks[0]).toMatchObject({ phase: 'rrm', rrmDaysLeft: 0 });
  });
});
