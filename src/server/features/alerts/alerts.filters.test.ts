import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/contracts/alerts.ts';
import { addDays, defaultPhaseSettings, isRrmLate, phaseAt, phases, shockCalendar } from '../../../shared/phases.ts';
import { searchKey } from '../../../shared/text.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { seededRandom } from '../../demo/random.ts';

interface Generated {
  id: string;
  code: string;
  shockDate: string;
  alertDate: string;
  validatedOn: string | null;
  status: string;
  shockType: string;
  households: number;
  localityName: string;
  adm1: string;
  adm2: string;
  firstRrmResponseOn: string | null;
}

// Shock dates chosen on month ends and around leap days, where calendar arithmetic goes wrong.
const edgeShockDates = ['2024-02-29', '2024-01-31', '2024-11-30', '2025-08-31', '2025-10-31', '2025-11-30', '2025-12-31', '2026-01-31', '2026-05-31', '2026-08-31'];

describe.each(databaseKinds)('alert list filters on %s', (kind) => {
  let t: TestApp;
  let rows: Generated[];
  const statuses = ['reported', 'verified', 'assessed', 'validated', 'responded', 'closed', 'rejected'];
  const shockTypes = ['armed_conflict', 'intercommunal_violence', 'flood', 'drought', 'fire', 'epidemic', 'other'];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.database.db;
    const localities = await db.selectFrom('localities').select(['id', 'name', 'adm1_pcode', 'adm2_pcode']).orderBy('pcode').execute();
    const random = seededRandom(20261129);
    const pick = random.pick;
    rows = [];
    for (let i = 0; i < 90; i++) {
      const shockDate = i < edgeShockDates.length ? edgeShockDates[i]! : addDays('2024-06-01', Math.floor(random.next() * 900));
      const alertDate = addDays(shockDate, Math.floor(random.next() * 6));
      const status = pick(statuses);
      const validatedOn = ['validated', 'responded', 'closed'].includes(status) ? addDays(alertDate, Math.floor(random.next() * 110)) : null;
      const locality = pick(localities);
      const { id } = await db
        .insertInto('alerts')
        .values({
          code: `TST-${String(i).padStart(3, '0')}`,
          shock_type: pick(shockTypes),
          shock_date: shockDate,
          alert_date: alertDate,
          host_locality_id: locality.id,
          households: 10 + Math.floor(random.next() * 500),
          persons: 2000,
          population_group: 'idp',
          status,
          rejection_reason: status === 'rejected' ? 'Test' : null,
          validated_at: validatedOn ? new Date(`${validatedOn}T${String(Math.floor(random.next() * 24)).padStart(2, '0')}:30:00Z`) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let firstRrmResponseOn: string | null = null;
      if (validatedOn && random.next() < 0.6) {
        firstRrmResponseOn = addDays(validatedOn, Math.floor(random.next() * 40));
        const organisation = await db.selectFrom('organisations').select('id').where('acronym', '=', 'NRC').executeTakeFirstOrThrow();
        await db
          .insertInto('rrm_responses')
          .values({ alert_id: id, organisation_id: organisation.id, sector: 'secal', start_date: firstRrmResponseOn, end_date: addDays(firstRrmResponseOn, 3), households_reached: 5, persons_reached: 25, modality: 'cash' })
          .execute();
      }
      const row = await db.selectFrom('alerts').select(['code', 'shock_type', 'households']).where('id', '=', id).executeTakeFirstOrThrow();
      rows.push({
        id,
        code: row.code,
        shockDate,
        alertDate,
        validatedOn,
        status,
        shockType: row.shock_type,
        households: row.households,
        localityName: locality.name,
        adm1: locality.adm1_pcode!,
        adm2: locality.adm2_pcode!,
        firstRrmResponseOn,
      });
    }
  });
  afterAll(() => t.close());

  async function list(query: string): Promise<{ items: Alert[]; total: number }> {
    const response = await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts?pageSize=500&${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }
  const codesOf = (items: { code: string }[]) => items.map((i) => i.code).sort();
  const timing = (r: Generated) => ({ shockDate: r.shockDate, validatedOn: r.validatedOn, rejected: r.status === 'rejected', firstRrmResponseOn: r.firstRrmResponseOn });

  /** Dates on and next to every boundary of the edge shocks, plus a few ordinary ones. */
  function boundaryDates(): string[] {
    const dates = new Set(['2024-03-01', '2025-02-28', '2025-03-01', '2026-02-28', '2026-03-01', '2026-11-29']);
    for (const r of rows.slice(0, edgeShockDates.length)) {
      const calendar = shockCalendar(r.shockDate);
      for (const d of [calendar.postRrmFrom, calendar.resilienceFrom]) {
        dates.add(d);
        dates.add(addDays(d, -1));
      }
    }
    for (const r of rows.filter((row) => row.validatedOn).slice(0, 4)) dates.add(r.validatedOn!);
    return [...dates].sort();
  }

  it('filters by phase in SQL exactly as the phase engine computes it', async () => {
    const dates = boundaryDates();
    expect(dates.length).toBeGreaterThan(20);
    const matched = new Map<string, number>();
    for (const at of dates) {
      for (const phase of phases) {
        const expected = rows.filter((r) => phaseAt(timing(r), at) === phase).map((r) => r.code).sort();
        const { items, total } = await list(`phase=${phase}&at=${at}`);
        expect(codesOf(items), `${phase} at ${at}`).toEqual(expected);
        expect(total).toBe(expected.length);
        for (const item of items) expect(item.continuum).toMatchObject({ at, phase });
        matched.set(phase, (matched.get(phase) ?? 0) + total);
      }
    }
    for (const phase of phases) expect(matched.get(phase), phase).toBeGreaterThan(5);
  });

  it('finds the shocks whose RRM ends within N days, and the late ones', async () => {
    let endingSoon = 0;
    let lateCount = 0;
    for (const at of ['2025-03-01', '2026-02-28', '2026-09-15']) {
      for (const days of [0, 15, 30]) {
        const expected = rows
          .filter((r) => r.status !== 'rejected')
          .filter((r) => {
            const end = shockCalendar(r.shockDate).rrmEndsOn;
            return end >= at && end <= addDays(at, days);
          })
          .map((r) => r.code)
          .sort();
        const { items } = await list(`rrmEndsWithinDays=${days}&at=${at}`);
        expect(codesOf(items), `within ${days} days of ${at}`).toEqual(expected);
        for (const item of items) expect(item.continuum.rrmDaysLeft).toBeLessThanOrEqual(days);
        endingSoon += items.length;
      }
    }
    for (const at of boundaryDates()) {
      const late = rows.filter((r) => isRrmLate(timing(r), at, defaultPhaseSettings)).map((r) => r.code).sort();
      expect(codesOf((await list(`rrmLate=true&at=${at}`)).items), `late at ${at}`).toEqual(late);
      expect((await list(`rrmLate=false&at=${at}`)).total).toBe(rows.length - late.length);
      lateCount += late.length;
    }
    expect(endingSoon).toBeGreaterThan(3);
    expect(lateCount).toBeGreaterThan(0);
  });

  it('filters by place, status, shock type, alert dates and text', async () => {
    expect(codesOf((await list('region=ML06')).items)).toEqual(rows.filter((r) => r.adm1 === 'ML06').map((r) => r.code).sort());
    expect(codesOf((await list('cercle=ML0502')).items)).toEqual(rows.filter((r) => r.adm2 === 'ML0502').map((r) => r.code).sort());
    expect(codesOf((await list('status=validated,rejected')).items)).toEqual(rows.filter((r) => ['validated', 'rejected'].includes(r.status)).map((r) => r.code).sort());
    expect(codesOf((await list('status=closed&status=reported')).items)).toEqual(rows.filter((r) => ['closed', 'reported'].includes(r.status)).map((r) => r.code).sort());
    expect(codesOf((await list('shockType=flood')).items)).toEqual(rows.filter((r) => r.shockType === 'flood').map((r) => r.code).sort());
    expect(codesOf((await list('from=2025-01-01&to=2025-06-30')).items)).toEqual(
      rows.filter((r) => r.alertDate >= '2025-01-01' && r.alertDate <= '2025-06-30').map((r) => r.code).sort(),
    );
    expect(codesOf((await list('q=SEGOU')).items)).toEqual(rows.filter((r) => searchKey(r.localityName).includes('segou')).map((r) => r.code).sort());
    expect(codesOf((await list('q=tst-04')).items)).toEqual(rows.filter((r) => r.code.startsWith('TST-04')).map((r) => r.code).sort());
    expect((await list('q=100%25')).total).toBe(0);
    const bad = await t.request(await t.login('viewer'), { method: 'GET', url: '/api/v1/alerts?status=lost' });
    expect(bad.statusCode).toBe(400);
  });

  it('sorts and paginates', async () => {
    const byHouseholds = (await list('sort=households')).items.map((i) => i.households);
    expect(byHouseholds).toEqual([...byHouseholds].sort((a, b) => a - b));
    const byDate = (await list('sort=-alertDate')).items.map((i) => i.alertDate);
    expect(byDate).toEqual([...byDate].sort().reverse());
    const byStatus = (await list('sort=status')).items.map((i) => statuses.indexOf(i.status));
    expect(byStatus).toEqual([...byStatus].sort((a, b) => a - b));

    const seen: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const response = await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts?phase=post_rrm&at=2026-03-01&sort=shockDate&pageSize=7&page=${page}` });
      const body = response.json();
      expect(body.total).toBe(rows.filter((r) => phaseAt(timing(r), '2026-03-01') === 'post_rrm').length);
      seen.push(...body.items.map((i: Alert) => i.code));
    }
    const expected = rows.filter((r) => phaseAt(timing(r), '2026-03-01') === 'post_rrm');
    expect(new Set(seen).size).toBe(Math.min(28, expected.length));
  });
});
