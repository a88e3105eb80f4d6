import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('5W records on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let coordinator: Session;
  let regional: Session;
  let admin: Session;
  let viewer: Session;
  let nrc: string;
  let irc: string;
  let sevare: string;
  let gao: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, admin, viewer] = await Promise.all([
      t.login('partner'),
      t.login('coordinator'),
      t.login('regional_coordinator'),
      t.login('admin'),
      t.login('viewer'),
    ]);
    const orgs = await t.database.db.selectFrom('organisations').select(['id', 'acronym']).execute();
    nrc = orgs.find((o) => o.acronym === 'NRC')!.id;
    irc = orgs.find((o) => o.acronym === 'IRC')!.id;
    const places = await t.database.db.selectFrom('localities').select(['id', 'pcode']).execute();
    sevare = places.find((p) => p.pcode === 'ML050109007')!.id;
    gao = places.find((p) => p.pcode === 'ML070000000')!.id;
  });
  afterAll(() => t.close());

  const base = () => ({
    period: '2026-03',
    sector: 'secal',
    activity: 'Distribution de vivres',
    localityId: sevare,
    status: 'ongoing',
    startDate: '2026-03-02',
    endDate: '2026-05-31',
    householdsTargeted: 400,
    householdsReached: 350,
    personsReached: 2100,
    reachedBySexAge: { girls: 600, boys: 550, women: 500, men: 350, olderWomen: 60, olderMen: 40 },
    modality: 'in_kind',
    budget: 12_500_000,
  });

  it('lets a partner create a record for its organisation, with admin P-codes from the locality, audited', async () => {
    const created = await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: base() });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      organisation: { id: nrc, acronym: 'NRC' },
      locality: { id: sevare, adm1Pcode: 'ML05', adm2Pcode: 'ML0501', adm3Pcode: 'ML050109', adm1Name: 'Mopti' },
      currency: 'XOF',
      populationGroup: 'idp',
      budget: 12_500_000,
      version: 1,
      warnings: [],
    });
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=response&id=${body.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('refuses a partner writing for another organisation, and a regional coordinator outside its regions', async () => {
    const other = await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), organisationId: irc } });
    expect(other.statusCode).toBe(403);
    const outside = await t.request(regional, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), organisationId: irc, localityId: gao } });
    expect(outside.statusCode).toBe(403);
    const inside = await t.request(regional, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), organisationId: irc } });
    expect(inside.statusCode).toBe(201);
    const viewerDenied = await t.request(viewer, { method: 'GET', url: '/api/v1/responses' });
    expect(viewerDenied.statusCode).toBe(403);
  });

  it('refuses the impossible and warns about the surprising', async () => {
    const impossible = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      headers: { 'accept-language': 'en' },
      payload: { ...base(), endDate: '2026-02-01', personsReached: 100 },
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().code).toBe('end_before_start');
    expect(impossible.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.endDate', 'body.personsReached']);
    const surprising = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { ...base(), activity: 'Cash', householdsReached: 450, personsReached: null, reachedBySexAge: { girls: 300, boys: 250 }, status: 'completed', endDate: null },
    });
    expect(surprising.statusCode).toBe(201);
    const body = surprising.json();
    expect(body.personsReached).toBe(550);
    expect(body.warnings).toEqual([
      { field: 'householdsReached', code: 'reached_above_targeted', params: { reached: 450, targeted: 400 } },
      { field: 'endDate', code: 'completed_without_end', params: {} },
    ]);
  });

  it('edits with optimistic concurrency: a stale version gets 409 with the current record', async () => {
    const created = (await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), activity: 'Kits AME' } })).json();
    const edited = await t.request(partner, { method: 'PATCH', url: `/api/v1/responses/${created.id}`, payload: { householdsReached: 380, version: 1 } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ householdsReached: 380, version: 2, activity: 'Kits AME' });
    const stale = await t.request(coordinator, { method: 'PATCH', url: `/api/v1/responses/${created.id}`, payload: { householdsReached: 1, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.householdsReached).toBe(380);
    const deleted = await t.request(coordinator, { method: 'DELETE', url: `/api/v1/responses/${created.id}?version=2` });
    expect(deleted.statusCode).toBe(204);
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/responses/${created.id}` })).statusCode).toBe(404);
  });

  it('refuses changes to a locked month except by an admin', async () => {
    const created = (await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), period: '2026-01', startDate: '2026-01-05' } })).json();
    const partnerLock = await t.request(partner, { method: 'PATCH', url: '/api/v1/periods/2026-01', payload: { locked: true, version: 0 } });
    expect(partnerLock.statusCode).toBe(403);
    const locked = await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-01', payload: { locked: true, version: 0 } });
    expect(locked.statusCode).toBe(200);
    expect(locked.json()).toMatchObject({ period: '2026-01', locked: true, version: 1, responses: 1 });
    const refused = await t.request(partner, { method: 'PATCH', url: `/api/v1/responses/${created.id}`, headers: { 'accept-language': 'en' }, payload: { householdsReached: 10, version: 1 } });
    expect(refused.statusCode).toBe(423);
    expect(refused.json()).toMatchObject({ code: 'period_locked', detail: '2026-01' });
    expect(refused.json().title).toContain('locked');
    const moveIn = await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: { ...base(), period: '2026-01' } });
    expect(moveIn.statusCode).toBe(423);
    const byAdmin = await t.request(admin, { method: 'PATCH', url: `/api/v1/responses/${created.id}`, payload: { householdsReached: 10, version: 1 } });
    expect(byAdmin.statusCode).toBe(200);
    const unlocked = await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-01', payload: { locked: false, version: 1 } });
    expect(unlocked.json()).toMatchObject({ locked: false, version: 2 });
    const stale = await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-01', payload: { locked: true, version: 1 } });
    expect(stale.statusCode).toBe(409);
    const list = (await t.request(viewer, { method: 'GET', url: '/api/v1/periods?from=2025-12&to=2026-02' })).json();
    expect(list.items.map((p: { period: string }) => p.period)).toEqual(['2026-02', '2026-01', '2025-12']);
  });
});
