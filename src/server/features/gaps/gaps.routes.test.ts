import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapExplanation, GapPage, GapRow } from '../../../shared/contracts/gaps.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';
import { insertGapData } from '../../test/gap-data.ts';

describe.each(databaseKinds)('gaps on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let coordinator: Session;
  let sevare: string;
  const at = '2026-03-25';

  const gaps = async (query: string): Promise<GapPage> => (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps?${query}` })).json();
  const rowOf = (page: GapPage, localityId: string, sector: string) => page.items.find((r) => r.locality.id === localityId && r.sector === sector);

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    coordinator = await t.login('coordinator');
    sevare = (await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050109007').executeTakeFirstOrThrow()).id;

    // Mopti: a shock on 10 January; the MSA flags food security (200 households) and shelter (no figure: the alert's 300).
    const alert = await createAlert(t, ids.mopti, {
      shockDate: '2026-01-10',
      alertDate: '2026-01-12',
      households: 300,
      persons: 1800,
      msaFindings: [
        { sector: 'secal', need: true, householdsInNeed: 200, severity: 4 },
        { sector: 'abris_ame', need: true },
        { sector: 'sante', need: false },
      ],
    });
    await validateAlert(t, alert.id, '2026-01-15');
    const rrm = await t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/rrm-responses`,
      payload: { organisationId: ids.acted, sector: 'secal', startDate: '2026-01-20', endDate: '2026-04-09', householdsReached: 200, personsReached: 1200, modality: 'in_kind' },
    });
    expect(rrm.statusCode).toBe(201);
    const { db } = t.database;
    // NRC's shelter activity in Mopti, reported for March; IRC's food activity in Sévaré commits part of IRC's capacity.
    await db
      .insertInto('responses')
      .values([
        { period: '2026-03-01', organisation_id: ids.nrc, sector: 'abris_ame', activity: 'Kits abris', locality_id: ids.mopti, status: 'ongoing', start_date: '2026-03-01', end_date: '2026-06-30', population_group: 'idp', households_targeted: 100 },
        { period: '2026-03-01', organisation_id: ids.irc, sector: 'secal', activity: 'Vivres', locality_id: sevare, status: 'ongoing', start_date: '2026-03-05', end_date: '2026-08-31', population_group: 'idp', households_targeted: 150 },
      ])
      .execute();
    await db
      .insertInto('capacities')
      .values([
        { period: '2026-03-01', organisation_id: ids.irc, sector: 'secal', region_pcode: 'ML05', households: 500, funding_status: 'funded', contact_name: 'Awa Traoré' },
        { period: '2026-03-01', organisation_id: ids.nrc, sector: 'secal', region_pcode: 'ML04', households: 900, funding_status: 'funded' },
      ])
      .execute();
    // Bandiagara: a completed assessment, nothing in response.
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
        results: [{ sector: 'sante', severity: 5, householdsInNeed: 400 }, { sector: 'eha', severity: 2, householdsInNeed: 0 }],
      },
    });
    expect(assessment.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('computes current and upcoming gaps with their figures', async () => {
    const page = await gaps(`at=${at}&region=ML05&pageSize=100`);
    expect(page).toMatchObject({ at, horizonDays: 30 });
    const food = rowOf(page, ids.mopti, 'secal')!;
    expect(food).toMatchObject({
      phase: 'rrm',
      need: 200,
      needSource: 'alert',
      severity: 4,
      coverage: 200,
      gap: 0,
      status: 'covered',
      activeResponses: 1,
      organisations: ['ACTED'],
      upcoming: { on: '2026-04-10', daysUntil: 16, coverage: 0, gap: 200, status: 'uncovered' },
      capacityOrganisations: 1,
    });
    expect(food.priority!.score).toBeGreaterThan(0);
    const shelter = rowOf(page, ids.mopti, 'abris_ame')!;
    expect(shelter).toMatchObject({ need: 300, coverage: 100, gap: 200, status: 'partial', openSince: '2026-01-10', daysUncovered: 74, upcoming: null, organisations: ['NRC'] });
    // The MSA found no need in health: a known need of zero, not an unknown one.
    expect(rowOf(page, ids.mopti, 'sante')).toMatchObject({ need: 0, needSource: 'alert', gap: 0, status: 'covered', priority: { score: 0 } });
    const health = rowOf(page, ids.bandiagara, 'sante')!;
    expect(health).toMatchObject({ need: 400, needSource: 'assessment', severity: 5, coverage: 0, status: 'uncovered', openSince: '2026-02-15', daysUncovered: 38, phase: null });
    expect(rowOf(page, ids.bandiagara, 'eha')).toMatchObject({ need: 0, gap: 0, status: 'covered' });
    // A response with no known need is shown as such.
    expect(rowOf(page, sevare, 'secal')).toMatchObject({ need: null, status: 'unknown', coverage: 150, gap: null, priority: null });
    // Households in gaps never add sectors: Mopti counts its largest sector gap (200), Bandiagara 400.
    expect(page.summary).toMatchObject({ upcoming: 1, householdsInGap: 600 });
    // Sorted by priority, highest first.
    const scores = page.items.map((r) => r.priority?.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('explains a sector the MSA found no need in as a known need of zero, with its source', async () => {
    const explanation: GapExplanation = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/sante?at=${at}` })).json();
    expect(explanation.row).toMatchObject({ need: 0, gap: 0, status: 'covered' });
    expect(explanation.need.shocks).toEqual([expect.objectContaining({ households: 0, noNeed: true, fromMsa: true, counted: true })]);
    expect(explanation.sentences.some((s) => /^L'ESM du choc ALR-\d{4}-\d{4} du 10 janvier 2026 ne relève aucun besoin en Santé : besoin connu de 0 ménage\.$/.test(s))).toBe(true);
    expect(explanation.sentences.join(' ')).not.toContain('Besoin inconnu');
  });

  it('filters by upcoming gap, status, sector, phase and region, and sorts on request', async () => {
    const upcoming = await gaps(`at=${at}&upcoming=true`);
    expect(upcoming.items.map((r) => `${r.locality.name}/${r.sector}`)).toEqual(['Mopti/secal']);
    expect((await gaps(`at=${at}&horizonDays=10&upcoming=true`)).total).toBe(0);
    expect((await gaps(`at=${at}&status=partial,uncovered&region=ML05`)).items.map((r) => r.sector).sort()).toEqual(['abris_ame', 'sante']);
    expect((await gaps(`at=${at}&sector=sante`)).items.every((r) => r.sector === 'sante')).toBe(true);
    expect((await gaps(`at=${at}&phase=rrm`)).items.every((r) => r.locality.id === ids.mopti)).toBe(true);
    expect((await gaps(`at=${at}&region=ML04`)).total).toBe(0);
    const byGap = await gaps(`at=${at}&region=ML05&sort=-gap&open=true`);
    expect(byGap.items.map((r) => r.gap)).toEqual([400, 200, 0]);
    const bad = await t.request(coordinator, { method: 'GET', url: '/api/v1/gaps?status=closed' });
    expect(bad.statusCode).toBe(400);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/gaps' })).statusCode).toBe(401);
  });

  it('explains a gap from its sources, with who has capacity to step in', async () => {
    const response = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/secal?at=${at}` });
    expect(response.statusCode).toBe(200);
    const explanation: GapExplanation = response.json();
    const listed = rowOf(await gaps(`at=${at}&region=ML05&pageSize=100`), ids.mopti, 'secal');
    expect(explanation.row).toEqual(listed);
    expect(explanation.need.assessment).toBeNull();
    expect(explanation.need.shocks).toEqual([expect.objectContaining({ households: 200, fromMsa: true, counted: true, phase: 'rrm', rrmEndsOn: '2026-04-09' })]);
    expect(explanation.responses).toEqual([expect.objectContaining({ kind: 'rrm', organisation: expect.objectContaining({ acronym: 'ACTED' }), active: true, endsWithinHorizon: true, countsUntil: '2026-04-09' })]);
    expect(explanation.rrmEndsOn).toBe('2026-04-09');
    expect(explanation.matches).toEqual([expect.objectContaining({ organisation: expect.objectContaining({ acronym: 'IRC' }), declared: 500, committed: 150, left: 350, coversGap: true, contactName: 'Awa Traoré' })]);
    expect(explanation.sentences).toContain('La dernière réponse RRM se termine le 9 avril 2026.');
    expect(explanation.sentences.some((s) => s.startsWith('Gap à venir le 10 avril 2026, dans 16 j'))).toBe(true);
    expect(explanation.sentences).toContain('Capacité disponible dans la région : IRC (350 ménages).');

    const unknown = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.gao}/nutrition?at=${at}` });
    expect(unknown.json().row).toMatchObject({ status: 'unknown', need: null });
    expect(unknown.json().sentences[0]).toMatch(/^Besoin inconnu en Nutrition/);
    expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/00000000-0000-4000-8000-000000000000/secal` })).statusCode).toBe(404);
    expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/water` })).statusCode).toBe(400);
  });

  it('lists needs with their source: alert before any assessment, then the assessment plus later shocks', async () => {
    const needs = async () => (await t.request(coordinator, { method: 'GET', url: `/api/v1/needs?at=2026-04-01&localityId=${ids.mopti}` })).json();
    expect((await needs()).items.map((n: { sector: string; source: string; households: number }) => [n.sector, n.source, n.households])).toEqual([
      ['secal', 'alert', 200],
      ['sante', 'alert', 0],
      ['abris_ame', 'alert', 300],
    ]);
    await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: { localityId: ids.mopti, kind: 'multisector', status: 'done', organisationId: ids.acted, startDate: '2026-02-20', endDate: '2026-03-01', results: [{ sector: 'secal', severity: 3, householdsInNeed: 150 }] },
    });
    const later = await createAlert(t, ids.mopti, { shockDate: '2026-03-10', alertDate: '2026-03-11', households: 60, persons: 300, msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 40, severity: 5 }] });
    const after = (await needs()).items.find((n: { sector: string }) => n.sector === 'secal');
    expect(after).toMatchObject({ source: 'assessment_and_alerts', households: 190, severity: 5, since: '2026-03-01', shocks: 1, shockHouseholds: 40, assessment: { kind: 'multisector', households: 150 } });
    const bySource = (await t.request(coordinator, { method: 'GET', url: '/api/v1/needs?at=2026-04-01&source=assessment&region=ML05' })).json();
    expect(bySource.items.every((n: { source: string }) => n.source === 'assessment')).toBe(true);
    // The explanation tells the same story.
    const explanation: GapExplanation = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/secal?at=2026-04-01` })).json();
    expect(explanation.need.shocks.map((s) => [s.households, s.counted])).toEqual([
      [200, false],
      [40, true],
    ]);
    expect(explanation.row).toMatchObject({ need: 190, needSource: 'assessment_and_alerts' });
    await t.request(coordinator, { method: 'POST', url: `/api/v1/alerts/${later.id}/transitions`, payload: { to: 'rejected', reason: 'Doublon' } });
  });

  it('applies the settings: thresholds, horizon and weights; only administrators change them', async () => {
    const admin = await t.login('admin');
    const current = (await t.request(admin, { method: 'GET', url: '/api/v1/settings/gaps' })).json();
    expect(current).toMatchObject({ coveredFromRatio: 0.8, partialFromRatio: 0.25, horizonDays: 30, version: 0 });
    const wrong = await t.request(admin, { method: 'PUT', url: '/api/v1/settings/gaps', payload: { ...current, partialFromRatio: 0.9 } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: 'body.partialFromRatio' });
    expect((await t.request(coordinator, { method: 'PUT', url: '/api/v1/settings/gaps', payload: current })).statusCode).toBe(403);
    const saved = await t.request(admin, { method: 'PUT', url: '/api/v1/settings/gaps', payload: { ...current, coveredFromRatio: 0.3, horizonDays: 10 } });
    expect(saved.json()).toMatchObject({ coveredFromRatio: 0.3, horizonDays: 10, version: 1 });
    const page = await gaps(`at=${at}&region=ML05&pageSize=100`);
    expect(page.horizonDays).toBe(10);
    expect(rowOf(page, ids.mopti, 'abris_ame')).toMatchObject({ status: 'covered', ratio: 1 / 3 });
    expect(rowOf(page, ids.mopti, 'secal')!.upcoming).toBeNull();
    const stale = await t.request(admin, { method: 'PUT', url: '/api/v1/settings/gaps', payload: { ...current, version: 0 } });
    expect(stale.statusCode).toBe(409);
    await t.request(admin, { method: 'PUT', url: '/api/v1/settings/gaps', payload: { ...current, version: 1 } });
  });

  it('records follow-ups of a gap (advocated, taken up, accepted) with a comment, audited and shown in the list', async () => {
    const url = `/api/v1/gaps/${ids.mopti}/abris_ame/follow-ups`;
    const advocated = await t.request(coordinator, { method: 'POST', url, payload: { status: 'advocated', comment: 'Plaidoyer auprès du cluster Abris le 26 mars.' } });
    expect(advocated.statusCode).toBe(201);
    expect(advocated.json()).toMatchObject({ status: 'advocated', organisation: null, by: expect.any(String) });
    const noOrganisation = await t.request(coordinator, { method: 'POST', url, payload: { status: 'taken_up', comment: 'NRC étend ses kits.' } });
    expect(noOrganisation.json().code).toBe('organisation_required');
    const empty = await t.request(coordinator, { method: 'POST', url, payload: { status: 'accepted', comment: ' ' } });
    expect(empty.json().errors[0]).toMatchObject({ path: 'body.comment', message: 'Ajoutez un commentaire pour ce suivi du gap.' });
    expect((await t.request(await t.login('partner'), { method: 'POST', url, payload: { status: 'advocated', comment: 'x' } })).statusCode).toBe(403);
    const regional = await t.login('regional_coordinator');
    expect((await t.request(regional, { method: 'POST', url: `/api/v1/gaps/${ids.segou}/secal/follow-ups`, payload: { status: 'advocated', comment: 'x' } })).statusCode).toBe(403);
    const takenUp = await t.request(regional, { method: 'POST', url, payload: { status: 'taken_up', comment: 'NRC étend ses kits à 200 ménages en avril.', organisationId: ids.nrc } });
    expect(takenUp.json()).toMatchObject({ status: 'taken_up', organisation: { acronym: 'NRC' } });

    const history = (await t.request(coordinator, { method: 'GET', url })).json();
    expect(history.items.map((f: { status: string }) => f.status)).toEqual(['taken_up', 'advocated']);
    const page = await gaps(`at=${at}&followUp=taken_up`);
    expect(page.items.map((r) => `${r.locality.name}/${r.sector}`)).toEqual(['Mopti/abris_ame']);
    expect(page.items[0]!.followUp).toMatchObject({ status: 'taken_up', comment: 'NRC étend ses kits à 200 ménages en avril.', organisation: { acronym: 'NRC' } });
    expect((await gaps(`at=${at}&region=ML05&followUp=none`)).items.some((r) => r.sector === 'abris_ame' && r.locality.id === ids.mopti)).toBe(false);
    const explanation: GapExplanation = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/abris_ame?at=${at}` })).json();
    expect(explanation.followUps.map((f) => f.status)).toEqual(['taken_up', 'advocated']);
    const audit = (await t.request(await t.login('admin'), { method: 'GET', url: `/api/v1/audit?entity=gap_follow_up&id=${ids.mopti}/abris_ame` })).json();
    expect(audit.items).toHaveLength(2);
  });

  it('exports the gap list with its filters as XLSX, CSV and HXL CSV', async () => {
    const csv = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/export?at=${at}&region=ML05&format=csv&sort=-gap&open=true` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="gaps-${at}.csv"`);
    const lines = csv.body.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('Gap (ménages)');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('Bandiagara');
    expect(lines[1]).toContain('Non couvert');
    const hxl = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/export?at=${at}&region=ML05&format=hxl&upcoming=true`, headers: { 'accept-language': 'en' } });
    const hxlLines = hxl.body.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(hxlLines[1]).toContain('#inneed+hh+unmet');
    expect(hxlLines.slice(2)).toEqual([expect.stringContaining('2026-04-10')]);
    const xlsx = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/export?at=${at}&format=xlsx` });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers the donor viewer with aggregated figures only: no organisation, capacity, funding, contact or follow-up note', async () => {
    const viewer = await t.login('viewer');
    const asViewer = (url: string) => t.request(viewer, { method: 'GET', url });
    const names = /ACTED|IRC|NRC|Awa Traoré|Plaidoyer|étend ses kits|funded/;

    const page = (await asViewer(`/api/v1/gaps?at=${at}&region=ML05&pageSize=100`)).json<GapPage>();
    const full = await gaps(`at=${at}&region=ML05&pageSize=100`);
    expect(page.items.map((r) => [r.locality.id, r.sector, r.need, r.gap, r.activeResponses])).toEqual(full.items.map((r) => [r.locality.id, r.sector, r.need, r.gap, r.activeResponses]));
    expect(page.summary).toEqual(full.summary);
    expect(page.items.every((r) => r.organisations.length === 0 && r.followUp === null)).toBe(true);
    expect(JSON.stringify(page)).not.toMatch(names);

    for (const sector of ['secal', 'abris_ame']) {
      const explanation: GapExplanation = (await asViewer(`/api/v1/gaps/${ids.mopti}/${sector}?at=${at}`)).json();
      expect(explanation).toMatchObject({ organisationDetail: false, responses: [], matches: [], followUps: [] });
      expect(explanation.steps.length).toBeGreaterThan(0);
      // The assessment that gives the need is a cited source, with its author; nothing else names an organisation.
      const { need, sentences, ...rest } = explanation;
      expect(JSON.stringify(rest)).not.toMatch(names);
      expect(sentences.filter((line) => !line.startsWith('Besoin :')).join(' ')).not.toMatch(names);
      expect(need.shocks.length + (need.assessment ? 1 : 0)).toBeGreaterThan(0);
    }
    const food: GapExplanation = (await asViewer(`/api/v1/gaps/${ids.mopti}/secal?at=${at}`)).json();
    expect(food.sentences).toContain('Capacité disponible dans la région : 1 organisation, 350 ménages au total.');

    expect((await asViewer(`/api/v1/gaps/${ids.mopti}/abris_ame/follow-ups`)).statusCode).toBe(403);
    const csv = await asViewer(`/api/v1/gaps/export?at=${at}&region=ML05&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toMatch(names);
    // Those who work with the records still see who does what.
    const partnerView: GapExplanation = (await t.request(await t.login('partner'), { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/abris_ame?at=${at}` })).json();
    expect(partnerView.organisationDetail).toBe(true);
    expect(partnerView.followUps.length).toBe(2);
  });

  it('gives the same figures from the SQL engine as from each gap’s records, on random data at several dates', async () => {
    const { db } = t.database;
    const localityRows = await db.selectFrom('localities').select(['id', 'adm1_pcode']).where('adm1_pcode', 'in', ['ML04', 'ML06']).execute();
    const localities = localityRows.map((l) => l.id);
    const organisations = (await db.selectFrom('organisations').select('id').execute()).map((o) => o.id);
    const counts = await insertGapData(db, {
      seed: 7,
      localityIds: localities,
      organisationIds: organisations,
      userId: null,
      alerts: 40,
      rrmResponses: 60,
      responses: 260,
      assessmentResults: 120,
      capacities: 30,
      from: '2025-06-01',
      to: '2026-06-30',
    });
    expect(counts.responses).toBe(260);
    let compared = 0;
    const compareAll = async (dates: string[]) => {
      for (const date of dates) {
        for (const region of ['ML04', 'ML06']) {
          const page = await gaps(`at=${date}&region=${region}&pageSize=500&horizonDays=45`);
          expect(page.total).toBe(page.items.length);
          for (const row of page.items) {
            const explained: GapExplanation = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${row.locality.id}/${row.sector}?at=${date}&horizonDays=45` })).json();
            expect(explained.row, `${row.locality.name} ${row.sector} at ${date}`).toEqual(row);
            compared++;
          }
          // A pair the engine leaves out has neither a need nor coverage around the date.
          const listed = new Set(page.items.map((r: GapRow) => `${r.locality.id}/${r.sector}`));
          const absent = localityRows
            .filter((l) => l.adm1_pcode === region)
            .map((l) => `${l.id}/cash`)
            .find((key) => !listed.has(key));
          if (absent) {
            const explained: GapExplanation = (await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${absent}?at=${date}&horizonDays=45` })).json();
            expect(explained.row).toMatchObject({ status: 'unknown', coverage: 0, upcoming: null });
          }
        }
      }
    };
    await compareAll(['2025-09-15', '2026-01-31', '2026-04-10', '2026-07-01']);

    // The engine keeps its counted days of 5W records up to date when records change.
    const records = await db.selectFrom('responses').select(['id', 'period']).where('locality_id', 'in', localities).orderBy('id').execute();
    await db.deleteFrom('responses').where('id', 'in', records.slice(0, 20).map((r) => r.id)).execute();
    for (const record of records.slice(20, 40)) {
      await db.updateTable('responses').set({ period: sql`(period + interval '1 month')::date` as never, organisation_id: organisations[0] }).where('id', '=', record.id).execute();
    }
    await db.updateTable('responses').set({ status: 'suspended' }).where('id', 'in', records.slice(40, 50).map((r) => r.id)).execute();
    await insertGapData(db, { seed: 8, localityIds: localities, organisationIds: organisations.slice(0, 3), userId: null, alerts: 0, rrmResponses: 0, responses: 60, assessmentResults: 0, capacities: 0, from: '2025-10-01', to: '2026-05-31' });
    await compareAll(['2026-01-31', '2026-04-10']);
    expect(compared).toBeGreaterThan(200);
  }, 600_000);
});
