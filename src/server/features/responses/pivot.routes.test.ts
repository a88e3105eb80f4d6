import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distinctHouseholds } from '../../../shared/households.ts';
import { sectors } from '../../../shared/sectors.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

interface Cell {
  row: string | null;
  col: string | null;
  actors: number;
  records: number;
  householdsTargeted: number;
  householdsReached: number;
}

describe.each(databaseKinds)('5W pivot on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;
  let viewer: Session;
  const org: Record<string, string> = {};
  const place: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    [coordinator, viewer] = await Promise.all([t.login('coordinator'), t.login('viewer')]);
    for (const o of await t.database.db.selectFrom('organisations').select(['id', 'acronym']).execute()) org[o.acronym] = o.id;
    for (const l of await t.database.db.selectFrom('localities').select(['id', 'name']).execute()) place[l.name] = l.id;
    const records: [string, string, string, string, number | null, number][] = [
      ['NRC', 'secal', 'Sévaré', '2026-03', 400, 300],
      ['IRC', 'secal', 'Sévaré', '2026-03', 200, 250],
      ['NRC', 'eha', 'Sévaré', '2026-03', 500, 450],
      ['IRC', 'eha', 'Mopti', '2026-03', 100, 100],
      ['NRC', 'abris_ame', 'Gao', '2026-03', 80, 60],
      ['NRC', 'secal', 'Sévaré', '2026-04', 400, 320],
      ['IRC', 'sante', 'Gao', '2026-04', null, 90],
    ];
    for (const [acronym, sector, locality, period, targeted, reached] of records) {
      const created = await t.request(coordinator, {
        method: 'POST',
        url: '/api/v1/responses',
        payload: {
          organisationId: org[acronym],
          period,
          sector,
          activity: `Activité ${sector}`,
          localityId: place[locality],
          status: 'ongoing',
          startDate: `${period}-01`,
          householdsTargeted: targeted,
          householdsReached: reached,
        },
      });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  // The donor viewer reads aggregated figures; a pivot by organisation is organisation-level detail,
  // which only staff and partners read.
  const pivot = async (query: string, session = /organisation/.test(query) ? coordinator : viewer) => {
    const response = await t.request(session, { method: 'GET', url: `/api/v1/responses/pivot?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json<{ cells: Cell[]; rowTotals: Cell[]; colTotals: Cell[]; total: Cell; rowHeaders: { key: string; label: string }[]; colHeaders: { key: string; label: string }[] }>();
  };
  const figures = (c: Cell) => [c.actors, c.records, c.householdsTargeted, c.householdsReached];

  it('sector × region: sums organisations within a sector, never adds sectors or months', async () => {
    const result = await pivot('rows=sector&cols=adm1');
    expect(result.rowHeaders.map((h) => h.key)).toEqual(['secal', 'sante', 'eha', 'abris_ame']);
    expect(result.rowHeaders[0]!.label).toBe('Sécurité alimentaire');
    expect(result.colHeaders).toEqual([
      { key: 'ML05', label: 'Mopti' },
      { key: 'ML07', label: 'Gao' },
    ]);
    const cell = (row: string, col: string) => figures(result.cells.find((c) => c.row === row && c.col === col)!);
    // [actors, records, households targeted, households reached]
    expect(cell('secal', 'ML05')).toEqual([2, 3, 600, 550]);
    expect(cell('eha', 'ML05')).toEqual([2, 2, 600, 550]);
    expect(cell('abris_ame', 'ML07')).toEqual([1, 1, 80, 60]);
    expect(cell('sante', 'ML07')).toEqual([1, 1, 0, 90]);
    expect(result.cells).toHaveLength(4);
    const col = (key: string) => figures(result.colTotals.find((c) => c.col === key)!);
    // Mopti region: Sévaré max(food 550, WASH 450) + Mopti town 100; Gao: max(shelter 60, health 90).
    expect(col('ML05')).toEqual([2, 5, 700, 650]);
    expect(col('ML07')).toEqual([2, 2, 80, 90]);
    expect(figures(result.total)).toEqual([2, 7, 780, 740]);
  });

  it('organisation × month: each month and organisation apart, the totals recomputed from the records', async () => {
    const refused = await t.request(viewer, { method: 'GET', url: '/api/v1/responses/pivot?rows=organisation&cols=month' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('pivot_organisation_detail');
    const result = await pivot('rows=organisation&cols=month');
    expect(result.rowHeaders.map((h) => h.label)).toEqual(['IRC', 'NRC']);
    expect(result.colHeaders.map((h) => h.key)).toEqual(['2026-03', '2026-04']);
    const cell = (acronym: string, month: string) => figures(result.cells.find((c) => c.row === org[acronym] && c.col === month)!);
    expect(cell('NRC', '2026-03')).toEqual([1, 3, 580, 510]);
    expect(cell('IRC', '2026-03')).toEqual([1, 2, 300, 350]);
    expect(cell('NRC', '2026-04')).toEqual([1, 1, 400, 320]);
    expect(cell('IRC', '2026-04')).toEqual([1, 1, 0, 90]);
    const row = (acronym: string) => figures(result.rowTotals.find((c) => c.row === org[acronym])!);
    expect(row('NRC')).toEqual([1, 4, 580, 510]);
    expect(row('IRC')).toEqual([1, 3, 300, 440]);
    const col = (month: string) => figures(result.colTotals.find((c) => c.col === month)!);
    expect(col('2026-03')).toEqual([2, 5, 780, 710]);
    expect(col('2026-04')).toEqual([2, 2, 400, 410]);
    expect(figures(result.total)).toEqual([2, 7, 780, 740]);
  });

  it('applies the matrix filters and refuses the same dimension twice', async () => {
    const filtered = await pivot('rows=sector&cols=adm2&period=2026-04&region=ML07');
    expect(filtered.cells.map((c) => [c.row, c.col, c.householdsReached])).toEqual([['sante', 'ML0701', 90]]);
    const same = await t.request(viewer, { method: 'GET', url: '/api/v1/responses/pivot?rows=sector&cols=sector' });
    expect(same.statusCode).toBe(400);
    expect(same.json().code).toBe('pivot_same_dimension');
  });

  it('keeps a computed pivot until a 5W record is added, changed or deleted', async () => {
    const gao = async () => figures((await pivot('rows=sector&cols=adm1&region=ML07')).total);
    expect(await gao()).toEqual([2, 2, 80, 90]);
    const created = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { organisationId: org.NRC, period: '2026-04', sector: 'sante', activity: 'Cliniques mobiles', localityId: place.Gao, status: 'ongoing', startDate: '2026-04-01', householdsTargeted: 150, householdsReached: 120 },
    });
    expect(created.statusCode).toBe(201);
    // Health in Gao, April: IRC 90 + NRC 120 = 210 reached, now the region's largest sector.
    expect(await gao()).toEqual([2, 3, 150, 210]);
    const { id, version } = created.json<{ id: string; version: number }>();
    const removed = await t.request(coordinator, { method: 'DELETE', url: `/api/v1/responses/${id}?version=${version}` });
    expect(removed.statusCode).toBe(204);
    expect(await gao()).toEqual([2, 2, 80, 90]);
  });

  it('agrees with the shared rule on random records, cell by cell', async () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const orgIds = ['NRC', 'IRC', 'PAM', 'UNICEF', 'CRM'].map((a) => org[a]!);
    const localities = await t.database.db.selectFrom('localities').select(['id', 'adm1_pcode', 'adm2_pcode', 'adm3_pcode']).execute();
    const rows = Array.from({ length: 300 }, (_, i) => {
      const locality = pick(localities);
      const reached = random() < 0.1 ? null : Math.floor(random() * 500);
      return {
        period: pick(['2025-10-01', '2025-11-01', '2025-12-01']),
        organisation_id: pick(orgIds),
        sector: pick(sectors),
        activity: `Activité ${i}`,
        locality_id: locality.id,
        adm1_pcode: locality.adm1_pcode,
        adm2_pcode: locality.adm2_pcode,
        adm3_pcode: locality.adm3_pcode,
        status: 'ongoing',
        start_date: '2025-10-01',
        population_group: 'idp',
        households_targeted: reached === null ? null : reached + Math.floor(random() * 100),
        households_reached: reached,
      };
    });
    await t.database.db.insertInto('responses').values(rows).execute();
    const result = await pivot('rows=adm1&cols=organisation&periodFrom=2025-10&periodTo=2025-12');
    const figuresOf = (subset: typeof rows) => ({
      actors: new Set(subset.map((r) => r.organisation_id)).size,
      records: subset.length,
      householdsReached: distinctHouseholds(subset.map((r) => ({ area: r.locality_id, sector: r.sector, period: r.period, households: r.households_reached }))),
      householdsTargeted: distinctHouseholds(subset.map((r) => ({ area: r.locality_id, sector: r.sector, period: r.period, households: r.households_targeted }))),
    });
    for (const c of result.cells) {
      expect({ actors: c.actors, records: c.records, householdsReached: c.householdsReached, householdsTargeted: c.householdsTargeted }).toEqual(
        figuresOf(rows.filter((r) => r.adm1_pcode === c.row && r.organisation_id === c.col)),
      );
    }
    for (const c of result.rowTotals) {
      expect(c.householdsReached).toBe(figuresOf(rows.filter((r) => r.adm1_pcode === c.row)).householdsReached);
    }
    expect(result.total.householdsReached).toBe(figuresOf(rows).householdsReached);
    expect(result.total.householdsReached).toBeLessThan(rows.reduce((sum, r) => sum + (r.households_reached ?? 0), 0));

    // A status filter reads the records themselves, the others the kept monthly totals: the same figures.
    for (const dimensions of ['rows=adm1&cols=organisation', 'rows=sector&cols=month', 'rows=organisation&cols=adm2']) {
      const range = `${dimensions}&periodFrom=2025-10&periodTo=2025-12`;
      expect(await pivot(`${range}&status=ongoing`)).toEqual(await pivot(range));
    }
    // Two organisations only: their records summed within each sector, from the totals.
    const two = orgIds.slice(0, 2);
    const byTwo = await pivot(`rows=sector&cols=adm1&periodFrom=2025-10&periodTo=2025-12&organisationId=${two[0]!}&organisationId=${two[1]!}`);
    const theirs = rows.filter((r) => two.includes(r.organisation_id));
    expect(byTwo.total.householdsReached).toBe(figuresOf(theirs).householdsReached);
    for (const c of byTwo.cells) {
      expect(c.householdsTargeted).toBe(figuresOf(theirs.filter((r) => r.sector === c.row && r.adm1_pcode === c.col)).householdsTargeted);
    }
  });

  it("moves a locality's 5W records with it when the gazetteer changes its areas", async () => {
    const { db } = t.database;
    const before = await pivot('rows=sector&cols=adm1&periodFrom=2026-03&periodTo=2026-04');
    expect(before.colHeaders.map((h) => h.key)).toEqual(['ML05', 'ML07']);
    await db.updateTable('localities').set({ adm1_pcode: 'ML06', adm2_pcode: null, adm3_pcode: null }).where('id', '=', place.Gao!).execute();
    const records = await db.selectFrom('responses').select(['adm1_pcode', 'adm2_pcode']).where('locality_id', '=', place.Gao!).execute();
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.adm1_pcode === 'ML06' && r.adm2_pcode === null)).toBe(true);
    // Another view than the one kept in the figures cache: a change made outside the app shows there after a delay.
    const after = await pivot('rows=adm1&cols=sector&periodFrom=2026-03&periodTo=2026-04');
    expect(after.rowHeaders.map((h) => h.key)).toEqual(['ML05', 'ML06']);
    expect(figures(after.total)).toEqual(figures(before.total));
  });
});
