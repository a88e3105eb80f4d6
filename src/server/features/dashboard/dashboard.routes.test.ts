import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertPage } from '../../../shared/contracts/alerts.ts';
import type { DashboardMap, DashboardSummary, DashboardTrends, KeyFigures, MapPlaces, MapRegionPlaces } from '../../../shared/contracts/dashboard.ts';
import type { GapPage } from '../../../shared/contracts/gaps.ts';
import { type FigureLink, figureHref, figureLinks, figureLists, sectorGapsHref } from '../../../shared/dashboard.ts';
import { pointsOf } from '../../../shared/map-columns.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

/**
 * A small situation whose figures are worked out by hand at 25 March 2026 (phase defaults:
 * RRM months 1–3, post-RRM 4–12, RRM target 15 days; gap defaults: covered from 80 %, partly
 * from 25 %, horizon 30 days):
 * - A, Mopti (Centre): shock 10 Jan, 300 HH, IDP, MSA food 200 HH + shelter (300); validated 15 Jan;
 *   ACTED food RRM 20 Jan–9 Apr, 200 HH (5 days after validation). Month 3: RRM, exits 9 Apr.
 * - B, Gao (North): shock 1 Sep 2025, 100 HH, IDP; validated 10 Sep; NRC WASH RRM from 30 Sep
 *   (20 days). Month 7: post-RRM.
 * - C, Tombouctou (North): shock 1 Dec 2024, 50 HH, IDP, validated: month 16, resilience.
 * - D, Ségou (Centre): shock 20 Mar, 80 HH, returnees, not validated: alert stage.
 * - E, Mopti: rejected, counts nowhere.
 * - F, Bandiagara (Centre): shock 1 Feb, 40 HH, IDP, validated 5 Feb, no RRM response: month 2, late.
 * - NRC shelter in Mopti reported for March: 100 HH targeted (90 reached); an assessment in
 *   Bandiagara done 15 Feb: health 400 HH in need, severity 5.
 */
describe.each(databaseKinds)('dashboard on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let coordinator: Session;
  const at = '2026-03-25';

  const get = async <T,>(url: string, session: Session | null = coordinator): Promise<T> => {
    const response = await t.request(session, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<T>();
  };

  /** The map's localities read back from its columns, with their names and ids (fetched region by region on a national map). */
  const localitiesOf = async (map: DashboardMap, url = '/api/v1/dashboard/map/places', session: Session | null = coordinator) => {
    const points = pointsOf(map.regions, map.points);
    const byRegion = new Map<string | null, MapPlaces>();
    for (const region of map.places ? [] : map.regions) {
      const answer = await get<MapRegionPlaces>(`${url}?region=${region}&at=${map.at}`, session);
      expect(answer.region).toBe(region);
      byRegion.set(region, answer.places);
    }
    const seen = new Map<string | null, number>();
    return points.map((point) => {
      const places = map.places ?? byRegion.get(point.region)!;
      const position = map.places ? point.index : (seen.get(point.region) ?? 0);
      seen.set(point.region, position + 1);
      return { ...point, id: places.id[position], name: places.name[position], openGaps: places.openGaps?.[position], upcomingGaps: places.upcomingGaps?.[position] };
    });
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    coordinator = await t.login('coordinator');
    const rrm = async (alertId: string, payload: Record<string, unknown>) => {
      const response = await t.request(coordinator, { method: 'POST', url: `/api/v1/alerts/${alertId}/rrm-responses`, payload: { personsReached: 1000, modality: 'in_kind', ...payload } });
      expect(response.statusCode, response.body).toBe(201);
    };

    const a = await createAlert(t, ids.mopti, {
      shockDate: '2026-01-10',
      alertDate: '2026-01-12',
      households: 300,
      persons: 1800,
      msaFindings: [
        { sector: 'secal', need: true, householdsInNeed: 200, severity: 4 },
        { sector: 'abris_ame', need: true },
      ],
    });
    await validateAlert(t, a.id, '2026-01-15');
    await rrm(a.id, { organisationId: ids.acted, sector: 'secal', startDate: '2026-01-20', endDate: '2026-04-09', householdsReached: 200 });

    const b = await createAlert(t, ids.gao, { shockDate: '2025-09-01', alertDate: '2025-09-03', households: 100, persons: 600 });
    await validateAlert(t, b.id, '2025-09-10');
    await rrm(b.id, { organisationId: ids.nrc, sector: 'eha', startDate: '2025-09-30', endDate: '2025-11-30', householdsReached: 100 });

    const c = await createAlert(t, ids.tombouctou, { shockDate: '2024-12-01', alertDate: '2024-12-02', households: 50, persons: 250 });
    await validateAlert(t, c.id, '2024-12-05');

    await createAlert(t, ids.segou, { shockDate: '2026-03-20', alertDate: '2026-03-21', households: 80, persons: 400, populationGroup: 'returnee' });

    const e = await createAlert(t, ids.mopti, { shockDate: '2026-03-01', alertDate: '2026-03-02', households: 999, persons: 5000 });
    const rejected = await t.request(coordinator, { method: 'POST', url: `/api/v1/alerts/${e.id}/transitions`, payload: { to: 'rejected', reason: 'Doublon' } });
    expect(rejected.statusCode).toBe(200);

    const f = await createAlert(t, ids.bandiagara, { shockDate: '2026-02-01', alertDate: '2026-02-02', households: 40, persons: 200 });
    await validateAlert(t, f.id, '2026-02-05');

    await t.database.db
      .insertInto('responses')
      .values({
        period: '2026-03-01',
        organisation_id: ids.nrc,
        sector: 'abris_ame',
        activity: 'Kits abris',
        locality_id: ids.mopti,
        adm1_pcode: 'ML05',
        adm2_pcode: 'ML0501',
        adm3_pcode: 'ML050109',
        status: 'ongoing',
        start_date: '2026-03-01',
        end_date: '2026-06-30',
        population_group: 'idp',
        households_targeted: 100,
        households_reached: 90,
      })
      .execute();
    const assessment = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: {
        localityId: ids.bandiagara,
        kind: 'territorial',
        status: 'done',
        organisationId: ids.acted,
        startDate: '2026-02-01',
        endDate: '2026-02-15',
        results: [{ sector: 'sante', severity: 5, householdsInNeed: 400 }],
      },
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
  });
  afterAll(() => t.close());

  it('gives the key figures of the whole country, worked out by hand', async () => {
    const summary = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}`);
    expect(summary.scope).toEqual({ region: null, cercle: null, sector: null });
    expect(summary.figures).toEqual({
      alertsByPhase: { alerte: 1, rrm: 2, post_rrm: 1 },
      displacedHouseholds: 520,
      displacedPersons: 3000,
      postRrmLocalities: 1,
      rrmExits: 1,
      rrmExitDays: 30,
      // Validated in the 12 months to March: A after 5 days, B after 20; F still waits, beyond the 15 days.
      rrm: { medianDays: 12.5, targetDays: 15, responded: 2, withinTarget: 1, lateNow: 1 },
      // Mopti food covered until 9 April (then an upcoming gap), Mopti shelter 100 of 300, Bandiagara health 0 of 400;
      // Gao's and Bandiagara's MSA found no early-recovery need (validateAlert's default): a known need of zero, covered.
      gaps: { open: 2, upcoming: 1, householdsInGap: 600, uncovered: 1, partial: 1, covered: 3, unknown: 0 },
    });
    const bySector = Object.fromEntries(summary.coverageBySector.map((c) => [c.sector, c]));
    expect(bySector.secal).toEqual({ sector: 'secal', need: 200, covered: 200, gap: 0, ratio: 1, pairs: 1, open: 0, upcoming: 1 });
    expect(bySector.abris_ame).toEqual({ sector: 'abris_ame', need: 300, covered: 100, gap: 200, ratio: 1 / 3, pairs: 1, open: 1, upcoming: 0 });
    expect(bySector.sante).toMatchObject({ need: 400, covered: 0, gap: 400, ratio: 0 });
    expect(bySector.nutrition).toMatchObject({ need: 0, pairs: 0, ratio: null });
    // IDP households only, by months since the shock: North B (month 7) and C (month 16); Centre A (3) and F (2).
    expect(summary.displacement).toEqual({
      rrmMonths: 3,
      postRrmUntilMonth: 12,
      zones: [
        { zone: 'north', households: 150, byBucket: [0, 100, 50], shares: [0, 100 / 150, 50 / 150] },
        { zone: 'centre', households: 340, byBucket: [340, 0, 0], shares: [1, 0, 0] },
        { zone: 'south', households: 0, byBucket: [0, 0, 0], shares: null },
      ],
    });
  });

  it('narrows to a region and to a sector', async () => {
    const mopti = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&region=ML05`);
    expect(mopti.scope.region).toEqual({ pcode: 'ML05', name: 'Mopti' });
    expect(mopti.figures).toMatchObject({ alertsByPhase: { alerte: 0, rrm: 2, post_rrm: 0 }, displacedHouseholds: 340, postRrmLocalities: 0, rrm: { medianDays: 5, lateNow: 1 } });
    expect(mopti.displacement.zones.map((z) => z.households)).toEqual([0, 340, 0]);

    const health = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&sector=sante`);
    expect(health.coverageBySector).toEqual([{ sector: 'sante', need: 400, covered: 0, gap: 400, ratio: 0, pairs: 1, open: 1, upcoming: 0 }]);
    expect(health.figures.gaps).toMatchObject({ open: 1, householdsInGap: 400 });

    const cercle = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&cercle=ML0502`);
    expect(cercle.scope).toMatchObject({ region: { pcode: 'ML05' }, cercle: { pcode: 'ML0502', name: 'Bandiagara' } });
    expect(cercle.figures.displacedHouseholds).toBe(40);

    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/dashboard?region=ML99' })).statusCode).toBe(404);
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/dashboard?region=ML04&cercle=ML0502' })).statusCode).toBe(400);
    const months = await t.request(coordinator, { method: 'GET', url: '/api/v1/dashboard?months=7', headers: { 'accept-language': 'en' } });
    expect(months.statusCode).toBe(400);
    expect(months.json().errors[0].message).toBe('Unsupported period: 6, 12, 18 or 24 months.');
    expect((await t.request(null, { method: 'GET', url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });

  it('places localities on the map with their phase and worst gap, and sums areas without adding sectors', async () => {
    const map = await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}`);
    expect(map.areaLevel).toBe(1);
    expect(map.boundariesAvailable).toBe(false);
    expect(map.bbox![0]).toBeLessThan(-11);
    // Nationally the map carries what it draws; names and ids come region by region, in the points' order.
    expect(map.places).toBeNull();
    expect(map.regions).toEqual(['ML04', 'ML05', 'ML07']);
    expect(map.points.displacedHouseholds).toEqual([300, 100, 80, 40]);
    const localities = await localitiesOf(map);
    expect(localities.every((l) => /^[0-9a-f-]{36}$/.test(l.id!))).toBe(true);
    const byName = Object.fromEntries(localities.map((l) => [l.name, l]));
    expect(Object.keys(byName).sort()).toEqual(['Bandiagara', 'Gao', 'Mopti', 'Ségou']);
    expect(byName.Mopti).toMatchObject({ region: 'ML05', lon: expect.closeTo(-4.19, 1), lat: expect.closeTo(14.49, 1) });
    expect(byName.Mopti).toMatchObject({ displacedHouseholds: 300, phase: 'rrm', gapStatus: 'partial', gapHouseholds: 200, openGaps: 1, upcomingGaps: 1 });
    expect(byName.Bandiagara).toMatchObject({ displacedHouseholds: 40, phase: 'rrm', gapStatus: 'uncovered', gapHouseholds: 400 });
    // Its MSA found no need: nothing open, the worst status is "covered".
    expect(byName.Gao).toMatchObject({ displacedHouseholds: 100, phase: 'post_rrm', gapStatus: 'covered', gapHouseholds: 0 });
    expect(byName['Ségou']).toMatchObject({ displacedHouseholds: 80, phase: 'alerte' });
    const mopti = map.areas.find((a) => a.pcode === 'ML05')!;
    expect(mopti).toEqual({ pcode: 'ML05', name: 'Mopti', displacedHouseholds: 340, need: 900, covered: 300, ratio: 1 / 3, householdsInGap: 600, openGaps: 2 });
    expect(map.areas.find((a) => a.pcode === 'ML01')).toMatchObject({ displacedHouseholds: 0, need: 0, ratio: null });

    const region = await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}&region=ML05`);
    expect(region.areaLevel).toBe(2);
    // A region's map carries its places itself, the same as the national map's for that region.
    expect(region.places!.name).toEqual(['Mopti', 'Bandiagara']);
    expect((await get<MapRegionPlaces>(`/api/v1/dashboard/map/places?region=ML05&at=${at}`)).places).toEqual(region.places);
    expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/dashboard/map/places?region=ML99&at=${at}` })).statusCode).toBe(404);
    expect(region.areas.map((a) => [a.pcode, a.displacedHouseholds, a.householdsInGap])).toEqual(
      expect.arrayContaining([
        ['ML0501', 300, 200],
        ['ML0502', 40, 400],
      ]),
    );
    const cercle = await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}&cercle=ML0501`);
    expect(cercle.areaLevel).toBe(3);
    expect(cercle.areas.find((a) => a.pcode === 'ML050109')).toMatchObject({ displacedHouseholds: 300, need: 500, covered: 300 });
  });

  it('gives trends per month: alerts received, 5W reports and gaps at each month end', async () => {
    const trends = await get<DashboardTrends>(`/api/v1/dashboard/trends?at=${at}&months=6`);
    expect(trends.upToDate).toBe(true);
    expect(trends.months.map((m) => m.month)).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    const byMonth = Object.fromEntries(trends.months.map((m) => [m.month, m]));
    expect(byMonth['2026-01']).toEqual({ month: '2026-01', alerts: 1, displacedHouseholds: 300, responses: 0, actors: 0, householdsReached: 0, gapsAt: '2026-01-31', openGaps: 1, householdsInGap: 300 });
    expect(byMonth['2026-02']).toMatchObject({ alerts: 1, displacedHouseholds: 40, gapsAt: '2026-02-28', openGaps: 2, householdsInGap: 700 });
    expect(byMonth['2026-03']).toMatchObject({ alerts: 1, displacedHouseholds: 80, responses: 1, actors: 1, householdsReached: 90, gapsAt: at, openGaps: 2, householdsInGap: 600 });
    expect(byMonth['2025-12']).toMatchObject({ alerts: 0, openGaps: 0, householdsInGap: 0 });
  });

  it('recomputes once the data changes: at once through the app, within the recheck delay otherwise', async () => {
    const before = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&sector=sante`);
    expect(before.figures.gaps.householdsInGap).toBe(400);
    const created = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: {
        period: '2026-03',
        organisationId: ids.irc,
        sector: 'sante',
        activity: 'Clinique mobile',
        localityId: ids.bandiagara,
        status: 'ongoing',
        startDate: '2026-03-01',
        endDate: '2026-05-31',
        householdsTargeted: 150,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const after = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&sector=sante`);
    expect(after.figures.gaps.householdsInGap).toBe(250);
    // Trends include the change at once: only the changed locality is recomputed at each month end.
    const fresh = await get<DashboardTrends>(`/api/v1/dashboard/trends?at=${at}&months=6`);
    expect(fresh.upToDate).toBe(true);
    // Bandiagara's health gap falls from 400 to 250; Mopti's shelter gap (200) is unchanged.
    expect(fresh.months.at(-1)!.householdsInGap).toBe(450);

    // Written straight into the database, behind the app's back: seen after the recheck delay (2 s).
    await t.database.db.deleteFrom('responses').where('organisation_id', '=', ids.irc).execute();
    let seen = after;
    for (let i = 0; i < 40 && seen.figures.gaps.householdsInGap !== 400; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = await get<DashboardSummary>(`/api/v1/dashboard?at=${at}&sector=sante`);
    }
    expect(seen.figures.gaps.householdsInGap).toBe(400);
  });

  it('shows a user’s own write in the next read of every view: created, edited, deleted', async () => {
    type Pivot = { rowTotals: { row: string; records: number; householdsTargeted: number }[] };
    const views = async () => {
      const [summary, map, list, trends, pivot] = [
        await get<DashboardSummary>(`/api/v1/dashboard?at=${at}`),
        await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}`),
        await get<GapPage>(`/api/v1/gaps?at=${at}&sector=sante`),
        await get<DashboardTrends>(`/api/v1/dashboard/trends?at=${at}&months=6`),
        await get<Pivot>(`/api/v1/responses/pivot?rows=sector&cols=adm1`),
      ];
      const health = list.items.find((r) => r.locality.id === ids.bandiagara && r.sector === 'sante')!;
      return {
        summaryGap: summary.coverageBySector.find((s) => s.sector === 'sante')!.gap,
        mapGap: (await localitiesOf(map)).find((l) => l.id === ids.bandiagara)!.gapHouseholds,
        listCoverage: health.coverage,
        trendsGap: trends.months.at(-1)!.householdsInGap,
        pivotRecords: pivot.rowTotals.find((r) => r.row === 'sante')?.records ?? 0,
      };
    };
    // Each view read once first, so each has figures it could wrongly keep.
    const before = await views();
    expect(before).toMatchObject({ summaryGap: 400, mapGap: 400, listCoverage: 0 });

    const created = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { period: '2026-03', organisationId: ids.irc, sector: 'sante', activity: 'Clinique mobile', localityId: ids.bandiagara, status: 'ongoing', startDate: '2026-03-01', endDate: '2026-05-31', householdsTargeted: 150 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json<{ id: string; version: number }>();
    expect(await views()).toEqual({ summaryGap: 250, mapGap: 250, listCoverage: 150, trendsGap: before.trendsGap - 150, pivotRecords: before.pivotRecords + 1 });

    const edited = await t.request(coordinator, { method: 'PATCH', url: `/api/v1/responses/${record.id}`, payload: { householdsTargeted: 300, version: record.version } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await views()).toEqual({ summaryGap: 100, mapGap: 100, listCoverage: 300, trendsGap: before.trendsGap - 300, pivotRecords: before.pivotRecords + 1 });

    const deleted = await t.request(coordinator, { method: 'DELETE', url: `/api/v1/responses/${record.id}?version=${edited.json<{ version: number }>().version}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await views()).toEqual(before);
  });

  it('serves the public page only when enabled, with aggregated figures and nothing internal', async () => {
    expect(await get(`/api/public/status`, null)).toEqual({ enabled: false });
    const closed = await t.request(null, { method: 'GET', url: '/api/public/dashboard' });
    expect(closed.statusCode).toBe(404);
    expect(closed.json().code).toBe('public_page_disabled');
    expect((await t.request(null, { method: 'GET', url: '/api/public/dashboard/map' })).statusCode).toBe(404);

    const admin = await t.login('admin');
    const settings = await get<{ version: number }>('/api/v1/settings/dashboard', admin);
    expect(settings).toMatchObject({ publicPageEnabled: false, backgroundTileUrl: null, version: 0 });
    expect((await t.request(coordinator, { method: 'PUT', url: '/api/v1/settings/dashboard', payload: { ...settings, publicPageEnabled: true } })).statusCode).toBe(403);
    const badTiles = await t.request(admin, { method: 'PUT', url: '/api/v1/settings/dashboard', payload: { ...settings, backgroundTileUrl: 'http://tiles/{z}/{x}.png' } });
    expect(badTiles.statusCode).toBe(400);
    expect(badTiles.json().errors[0].message).toMatch(/^Adresse de tuiles attendue en https/);
    const saved = await t.request(admin, {
      method: 'PUT',
      url: '/api/v1/settings/dashboard',
      payload: { ...settings, publicPageEnabled: true, backgroundTileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', backgroundAttribution: '© Exemple' },
    });
    expect(saved.json()).toMatchObject({ publicPageEnabled: true, version: 1 });

    expect(await get(`/api/public/status`, null)).toEqual({ enabled: true });
    const response = await t.request(null, { method: 'GET', url: '/api/public/dashboard' });
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const summary = response.json();
    expect(Object.keys(summary.figures).sort()).toEqual(['alertsByPhase', 'displacedHouseholds', 'displacedPersons', 'gaps', 'postRrmLocalities', 'rrm', 'rrmExitDays', 'rrmExits']);
    expect(Object.keys(summary.figures.gaps).sort()).toEqual(['householdsInGap', 'open', 'upcoming']);
    expect(summary.figures.rrm).not.toHaveProperty('lateNow');
    const map = (await t.request(null, { method: 'GET', url: '/api/public/dashboard/map?region=ML05' })).json();
    expect(map).toMatchObject({ tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png', tileAttribution: '© Exemple' });
    expect(Object.keys(map.points).sort()).toEqual(['displacedHouseholds', 'gapHouseholds', 'gapStatus', 'lat', 'lon', 'phase', 'region']);
    expect(Object.keys(map.places).sort()).toEqual(['id', 'name']);
    const national = (await t.request(null, { method: 'GET', url: '/api/public/dashboard/map' })).json();
    const named = await localitiesOf(national, '/api/public/dashboard/map/places', null);
    expect(named.length).toBe(national.points.lon.length);
    expect(named.every((l) => typeof l.name === 'string' && l.name.length > 0)).toBe(true);
    const places = await t.request(null, { method: 'GET', url: '/api/public/dashboard/map/places?region=ML05' });
    expect(places.headers['cache-control']).toBe('public, max-age=300');
    expect(Object.keys(places.json().places).sort()).toEqual(['id', 'name']);
    const trends = (await t.request(null, { method: 'GET', url: '/api/public/dashboard/trends' })).json();
    expect(trends.months).toHaveLength(12);
    expect(trends.months[0]).not.toHaveProperty('actors');
    // Nothing the public API says carries a follow-up comment, a contact or an e-mail address.
    const everything = JSON.stringify([summary, map, trends]);
    expect(everything).not.toMatch(/@|contact|comment|followUp/i);

    const outline = await t.request(null, { method: 'GET', url: '/api/public/outline' });
    expect(outline.headers['cache-control']).toBe('public, max-age=86400');
    expect(outline.json().features).toEqual([expect.objectContaining({ id: 'ML', properties: { pcode: 'ML', name: 'Mali' }, geometry: expect.objectContaining({ type: expect.stringMatching(/Polygon/) }) })]);
  });

  it('draws imported boundaries when there are some', async () => {
    const square = (lon: number, lat: number) => JSON.stringify({ type: 'Polygon', coordinates: [[[lon, lat], [lon + 1, lat], [lon + 1, lat + 1], [lon, lat + 1], [lon, lat]]] });
    await t.database.db.updateTable('admin_areas').set({ geometry: square(-4.5, 14), min_lon: -4.5, min_lat: 14, max_lon: -3.5, max_lat: 15 }).where('pcode', '=', 'ML0501').execute();
    const region = await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}&region=ML05`);
    expect(region.boundariesAvailable).toBe(true);
    const boundaries = await get<{ features: { id: string }[] }>('/api/v1/dashboard/boundaries?level=2&parent=ML05');
    expect(boundaries.features.map((f) => f.id)).toEqual(['ML0501']);
    expect(await get('/api/v1/dashboard/boundaries?level=2&parent=ML04')).toBeNull();
    const cercle = await get<DashboardMap>(`/api/v1/dashboard/map?at=${at}&cercle=ML0501`);
    expect(cercle.bbox).toEqual([-4.5, 14, -3.5, 15]);
  });

  it('opens, behind every linked figure (country, region, sector), a list whose total is the figure', async () => {
    // Bandiagara health mostly covered (350 of 400): "covered" with 50 households short, which
    // an open-gap count by households (gap > 0) took in and the list's status filter leaves out.
    const mostly = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { period: '2026-03', organisationId: ids.irc, sector: 'sante', activity: 'Clinique mobile', localityId: ids.bandiagara, status: 'ongoing', startDate: '2026-03-01', endDate: '2026-05-31', householdsTargeted: 350 },
    });
    expect(mostly.statusCode, mostly.body).toBe(201);

    const valueOf = (figures: KeyFigures, figure: FigureLink): number =>
      ({
        alerte: figures.alertsByPhase.alerte,
        rrm: figures.alertsByPhase.rrm,
        post_rrm: figures.alertsByPhase.post_rrm,
        displaced: figures.displacedHouseholds,
        postRrmLocalities: figures.postRrmLocalities,
        rrmExits: figures.rrmExits,
        rrmDelay: figures.rrm.lateNow,
        openGaps: figures.gaps.open,
        upcomingGaps: figures.gaps.upcoming,
        householdsInGap: figures.gaps.householdsInGap,
      })[figure];
    /** The list the web page asks for behind a web address: same path under /api/v1, same query. */
    const listTotal = async (href: string, total: (typeof figureLists)[FigureLink]['total']) => {
      const page = await get<AlertPage & GapPage>(`/api/v1${href}`);
      return total === 'count' ? page.total : total === 'householdsInGap' ? page.summary.householdsInGap : page.summary[total];
    };

    const seen: string[] = [];
    const places: Record<string, string>[] = [{ at }, { at, region: 'ML05' }, { at, sector: 'sante' }];
    for (const place of places) {
      const summary = await get<DashboardSummary>(`/api/v1/dashboard?${new URLSearchParams(place)}`);
      for (const figure of figureLinks) {
        const href = figureHref(figure, place);
        const value = valueOf(summary.figures, figure);
        expect({ href, total: await listTotal(href, figureLists[figure].total) }).toEqual({ href, total: value });
        seen.push(`${figure}=${value}`);
      }
      for (const coverage of summary.coverageBySector.filter((c) => c.pairs > 0)) {
        const href = sectorGapsHref(coverage.sector, place);
        expect({ href, total: await listTotal(href, 'count') }).toEqual({ href, total: coverage.open });
      }
    }
    // The walk met figures that are not all zero: open gaps, households in gap, an upcoming gap, a late RRM.
    expect(seen).toEqual(expect.arrayContaining(['openGaps=1', 'householdsInGap=200', 'upcomingGaps=1', 'rrmDelay=1', 'displaced=520', 'postRrmLocalities=1']));
  });
});
