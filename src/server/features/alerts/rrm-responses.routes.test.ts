import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';
import { ImportStaging } from '../../lib/tabular/staging.ts';
import { alertsRepository } from './alerts.repository.ts';

describe.each(databaseKinds)('RRM responses on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let moptiAlert: string;
  let gaoAlert: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    moptiAlert = (await createAlert(t, ids.bandiagara, { shockDate: '2026-02-01', alertDate: '2026-02-03' })).id;
    gaoAlert = (await createAlert(t, ids.gao, { shockDate: '2026-02-10', alertDate: '2026-02-11' })).id;
    await validateAlert(t, moptiAlert, '2026-02-05');
    await validateAlert(t, gaoAlert, '2026-02-12');
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    sector: 'abris_ame',
    package: 'Kit AME standard RRM',
    startDate: '2026-02-15',
    endDate: '2026-02-20',
    householdsReached: 80,
    personsReached: 480,
    modality: 'in_kind',
    ...overrides,
  });
  const add = async (alertId: string, role: Role, overrides: Record<string, unknown> = {}) =>
    t.request(await t.login(role), { method: 'POST', url: `/api/v1/alerts/${alertId}/rrm-responses`, payload: body(overrides) });
  const url = (alertId: string, responseId: string) => `/api/v1/alerts/${alertId}/rrm-responses/${responseId}`;

  it("lets a partner record its own organisation's response, never another's", async () => {
    const own = await add(gaoAlert, 'partner');
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ alertId: gaoAlert, organisation: { acronym: 'NRC' }, sector: 'abris_ame', householdsReached: 80, version: 1 });
    expect((await add(gaoAlert, 'partner', { organisationId: ids.acted })).statusCode).toBe(403);

    const partner = await t.login('partner');
    const edited = await t.request(partner, { method: 'PATCH', url: url(gaoAlert, own.json().id), payload: { version: 1, householdsReached: 85, personsReached: 500 } });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ householdsReached: 85, version: 2 });
    const handOver = await t.request(partner, { method: 'PATCH', url: url(gaoAlert, own.json().id), payload: { version: 2, organisationId: ids.acted } });
    expect(handOver.statusCode).toBe(403);

    const acted = await add(gaoAlert, 'coordinator', { organisationId: ids.acted, sector: 'secal', modality: 'cash' });
    expect(acted.statusCode).toBe(201);
    expect((await t.request(partner, { method: 'PATCH', url: url(gaoAlert, acted.json().id), payload: { version: 1, householdsReached: 1 } })).statusCode).toBe(403);
    expect((await t.request(partner, { method: 'DELETE', url: url(gaoAlert, acted.json().id) })).statusCode).toBe(403);
  });

  it('lets a regional coordinator record responses in its regions only; the viewer neither records nor reads who responded', async () => {
    expect((await add(moptiAlert, 'regional_coordinator', { organisationId: ids.irc })).statusCode).toBe(201);
    expect((await add(gaoAlert, 'regional_coordinator', { organisationId: ids.irc })).statusCode).toBe(403);
    expect((await add(moptiAlert, 'viewer', { organisationId: ids.irc })).statusCode).toBe(403);
    expect((await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts/${moptiAlert}/rrm-responses` })).statusCode).toBe(403);
    const list = await t.request(await t.login('partner'), { method: 'GET', url: `/api/v1/alerts/${moptiAlert}/rrm-responses` });
    expect(list.json().items.map((r: { organisation: { acronym: string } }) => r.organisation.acronym)).toEqual(['IRC']);
  });

  it('refuses responses to an alert not validated, and inconsistent dates or counts', async () => {
    const reported = await createAlert(t, ids.bandiagara);
    const early = await add(reported.id, 'coordinator', { organisationId: ids.nrc, startDate: '2026-03-06', endDate: '2026-03-08' });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({ code: 'alert_not_validated' });

    const backwards = await add(moptiAlert, 'coordinator', { organisationId: ids.nrc, startDate: '2026-02-20', endDate: '2026-02-18' });
    expect(backwards.json()).toMatchObject({ code: 'end_before_start', errors: [{ path: 'body.endDate', message: 'La date de fin ne peut pas précéder la date de début.' }] });
    const beforeShock = await add(moptiAlert, 'coordinator', { organisationId: ids.nrc, startDate: '2026-01-20' });
    expect(beforeShock.json().code).toBe('response_before_shock');
    const negative = await add(moptiAlert, 'coordinator', { organisationId: ids.nrc, householdsReached: -1 });
    expect(negative.json().errors).toContainEqual({ path: 'body.householdsReached', message: 'Un nombre ne peut pas être négatif.' });
    const badModality = await add(moptiAlert, 'coordinator', { organisationId: ids.nrc, modality: 'airdrop' });
    expect(badModality.statusCode).toBe(400);
    const unknownAlert = await add('00000000-0000-4000-8000-000000000000', 'coordinator', { organisationId: ids.nrc });
    expect(unknownAlert.statusCode).toBe(404);
  });

  it('answers stale edits and deletes with 409, deletes with an audit row', async () => {
    const created = await add(moptiAlert, 'coordinator', { organisationId: ids.nrc, sector: 'eha' });
    const id = created.json().id as string;
    const session = await t.login('coordinator');
    expect((await t.request(session, { method: 'PATCH', url: url(moptiAlert, id), payload: { version: 1, package: 'Kit hygiène' } })).statusCode).toBe(200);
    const stale = await t.request(session, { method: 'PATCH', url: url(moptiAlert, id), payload: { version: 1, package: 'Autre' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2, package: 'Kit hygiène' });
    expect((await t.request(session, { method: 'PATCH', url: url(gaoAlert, id), payload: { version: 2 } })).statusCode).toBe(404);
    expect((await t.request(session, { method: 'DELETE', url: `${url(moptiAlert, id)}?version=1` })).statusCode).toBe(409);
    expect((await t.request(session, { method: 'DELETE', url: `${url(moptiAlert, id)}?version=2` })).statusCode).toBe(204);
    expect((await t.request(session, { method: 'DELETE', url: url(moptiAlert, id) })).statusCode).toBe(404);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'entity', 'before']).where('entity_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
    expect(audit[2]).toMatchObject({ entity: 'rrm_response', before: { package: 'Kit hygiène', sector: 'eha' } });
  });

  it('makes an alert import moving an alert to "responded" refuse to apply once its only RRM response is deleted', async () => {
    const alertId = (await createAlert(t, ids.bandiagara, { shockDate: '2026-03-01', alertDate: '2026-03-02' })).id;
    await validateAlert(t, alertId, '2026-03-03');
    const response = await add(alertId, 'coordinator', { organisationId: ids.nrc, startDate: '2026-03-05', endDate: '2026-03-06' });
    expect(response.statusCode).toBe(201);
    const { db } = t.database;
    // What the import stages for a row checked while the response existed.
    const staging = new ImportStaging(db);
    await staging.stage('update', [{ id: alertId, status: 'responded', version: 2 }]);
    try {
      const refused = () => db.transaction().execute((trx) => alertsRepository(db).stagedRespondedWithoutResponse(trx, staging.id));
      expect(await refused()).toBe(false);
      const session = await t.login('coordinator');
      expect((await t.request(session, { method: 'DELETE', url: `${url(alertId, response.json().id)}?version=1` })).statusCode).toBe(204);
      expect(await refused()).toBe(true);
    } finally {
      await staging.discard();
    }
  });

  it('names the endorsed package it delivers, records what it gave short of it, and shows in the conformity view', async () => {
    const coordinator = await t.login('coordinator');
    const post = (url: string, payload: Record<string, unknown>) => t.request(coordinator, { method: 'POST', url, payload });
    const kit = {
      sector: 'abris_ame',
      name: 'Kit AME RRM',
      phase: 'rrm',
      modality: 'in_kind',
      components: [
        { item: 'Bâche', quantity: 2, unit: 'pièces' },
        { item: 'Natte', quantity: 2, unit: 'pièces' },
      ],
      transferValueXof: 50_000,
    };
    const draft = (await post('/api/v1/packages', kit)).json();
    await post(`/api/v1/packages/${draft.id}/propose`, { version: draft.version });
    const endorsed = (await post(`/api/v1/packages/${draft.id}/endorse`, { version: draft.version + 1, endorsedBy: 'cluster', endorsedOn: '2026-01-15' })).json();
    expect(endorsed.status).toBe('endorsed');

    const created = await add(gaoAlert, 'partner', { packageId: endorsed.id, deliveredValueXof: 35_000, missingComponents: ['Natte'], startDate: '2026-03-02', endDate: '2026-03-04' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      packageRef: { id: endorsed.id, name: 'Kit AME RRM', revision: 1 },
      deliveredValueXof: 35_000,
      deliveredDurationMonths: null,
      missingComponents: ['Natte'],
    });
    const stored = await t.database.db.selectFrom('rrm_responses').select(['package_id', 'delivered_value_xof', 'missing_components']).where('id', '=', created.json().id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ package_id: endorsed.id, delivered_value_xof: 35_000, missing_components: ['Natte'] });

    // Another sector's package, a draft, or an unknown one are refused with the reason.
    expect((await add(gaoAlert, 'partner', { sector: 'eha', packageId: endorsed.id })).json()).toMatchObject({ code: 'package_sector_mismatch' });
    const other = (await post('/api/v1/packages', { ...kit, name: 'Kit en préparation' })).json();
    expect((await add(gaoAlert, 'partner', { packageId: other.id })).json()).toMatchObject({ code: 'package_unknown' });
    expect((await add(gaoAlert, 'partner', { packageId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);

    const partner = await t.login('partner');
    const id = created.json().id as string;
    // Changing the sector alone keeps the package, which no longer fits.
    expect((await t.request(partner, { method: 'PATCH', url: url(gaoAlert, id), payload: { version: 1, sector: 'eha' } })).json().code).toBe('package_sector_mismatch');

    const report = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/conformity?from=2026-03&to=2026-03&sector=abris_ame' })).json();
    expect(report.deviating).toEqual([
      expect.objectContaining({ id, kind: 'rrm', households: 80, deliveredValueXof: 35_000, deviation: { valueShortfall: 0.3, durationShortfallMonths: 0, missingComponents: ['Natte'], follows: false } }),
    ]);

    // Delivered in full after all: the difference is cleared, the response follows the package.
    const full = await t.request(partner, { method: 'PATCH', url: url(gaoAlert, id), payload: { version: 1, deliveredValueXof: null, missingComponents: [] } });
    expect(full.json()).toMatchObject({ version: 2, packageRef: { id: endorsed.id }, deliveredValueXof: null, missingComponents: [] });
    const after = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/conformity?from=2026-03&to=2026-03&sector=abris_ame' })).json();
    expect(after.deviating).toEqual([]);
    // The shares are those of the 5W; RRM responses count in each organisation's use of the packages.
    expect(after.usage).toEqual([expect.objectContaining({ organisation: 'NRC', packageId: endorsed.id, responses: 1, households: 80, deviating: 0 })]);
  });

  it('counts responses on the alert and clears the RRM-late flag once one has started', async () => {
    const late = await createAlert(t, ids.segou, { shockDate: '2026-04-01', alertDate: '2026-04-02' });
    await validateAlert(t, late.id, '2026-04-03');
    const viewer = await t.login('viewer');
    const at = (date: string) => t.request(viewer, { method: 'GET', url: `/api/v1/alerts/${late.id}?at=${date}` });
    expect((await at('2026-04-18')).json().continuum.rrmLate).toBe(false);
    expect((await at('2026-04-19')).json().continuum.rrmLate).toBe(true);
    await add(late.id, 'coordinator', { organisationId: ids.acted, startDate: '2026-04-25', endDate: '2026-04-26' });
    expect((await at('2026-04-24')).json().continuum.rrmLate).toBe(true);
    const answered = (await at('2026-04-25')).json();
    expect(answered.continuum.rrmLate).toBe(false);
    expect(answered).toMatchObject({ rrmResponseCount: 1, firstRrmResponseOn: '2026-04-25' });
  });
});
