import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { alertPayload, createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

describe.each(databaseKinds)('alerts on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
  });
  afterAll(() => t.close());

  const post = async (payload: Record<string, unknown>, role: Parameters<TestApp['login']>[0] = 'coordinator', headers: Record<string, string> = {}) =>
    t.request(await t.login(role), { method: 'POST', url: '/api/v1/alerts', payload, headers });
  const transition = async (id: string, payload: Record<string, unknown>, role: Parameters<TestApp['login']>[0] = 'coordinator') =>
    t.request(await t.login(role), { method: 'POST', url: `/api/v1/alerts/${id}/transitions`, payload });
  const auditOf = (entityId: string) =>
    t.database.db.selectFrom('audit_events').select(['action', 'entity', 'before', 'after', 'actor_id']).where('entity_id', '=', entityId).orderBy('id').execute();

  it('creates an alert with a generated code, its MSA findings and an audit row', async () => {
    const response = await post(
      alertPayload(ids.mopti, {
        sourceOrganisationId: ids.ocha,
        msaFindings: [
          { sector: 'secal', need: true, householdsInNeed: 110, severity: 4, remarks: 'Stocks épuisés' },
          { sector: 'eha', need: false },
        ],
      }),
    );
    expect(response.statusCode).toBe(201);
    const alert = response.json();
    expect(alert.code).toMatch(/^ALR-2026-\d{4}$/);
    expect(alert).toMatchObject({
      status: 'reported',
      shockType: 'armed_conflict',
      households: 120,
      persons: 710,
      hostLocality: { name: 'Mopti', adm1Pcode: 'ML05', adm1Name: 'Mopti', adm2Pcode: 'ML0501' },
      origins: [{ pcode: 'ML0507', name: 'Koro' }],
      sourceOrganisation: { acronym: 'OCHA' },
      validatedAt: null,
      rrmResponseCount: 0,
      version: 1,
    });
    expect(alert.msaFindings).toEqual([
      { sector: 'secal', need: true, householdsInNeed: 110, severity: 4, remarks: 'Stocks épuisés' },
      { sector: 'eha', need: false, householdsInNeed: null, severity: null, remarks: null },
    ]);
    expect(alert.continuum).toMatchObject({ phase: expect.any(String), rrmEndsOn: '2026-06-01', postRrmFrom: '2026-06-02', resilienceFrom: '2027-03-02' });

    const fetched = await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts/${alert.id}?at=2026-03-10` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().continuum).toEqual({
      at: '2026-03-10',
      phase: 'alerte',
      month: 1,
      rrmEndsOn: '2026-06-01',
      postRrmFrom: '2026-06-02',
      resilienceFrom: '2027-03-02',
      rrmDaysLeft: 83,
      rrmLate: false,
    });

    const audit = await auditOf(alert.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', entity: 'alert', after: { code: alert.code, households: 120 } });
  });

  it('numbers alerts per year of the alert date, without gaps or duplicates under concurrency', async () => {
    const old = await createAlert(t, ids.gao, { shockDate: '2025-12-30', alertDate: '2025-12-31' });
    expect(old.code).toBe('ALR-2025-0001');
    const created = await Promise.all(Array.from({ length: 6 }, () => post(alertPayload(ids.gao))));
    const codes = created.map((r) => r.json().code as string).sort();
    expect(new Set(codes).size).toBe(6);
    const numbers = codes.map((c) => Number(c.slice(-4)));
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
    const next = await createAlert(t, ids.gao, { shockDate: '2025-01-02', alertDate: '2025-01-03' });
    expect(next.code).toBe('ALR-2025-0002');
  });

  it('refuses invalid alerts with clear messages', async () => {
    const shockAfter = await post(alertPayload(ids.mopti, { shockDate: '2026-03-06' }));
    expect(shockAfter.statusCode).toBe(400);
    expect(shockAfter.json()).toMatchObject({
      code: 'shock_after_alert',
      title: "La date du choc ne peut pas être postérieure à la date de l'alerte.",
      errors: [{ path: 'body.shockDate', message: "La date du choc ne peut pas être postérieure à la date de l'alerte." }],
    });
    const english = await post(alertPayload(ids.mopti, { shockDate: '2026-03-06' }), 'coordinator', { 'accept-language': 'en' });
    expect(english.json().title).toBe('The shock date cannot be after the alert date.');

    const negative = await post(alertPayload(ids.mopti, { households: -3 }));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().code).toBe('validation_failed');
    expect(negative.json().errors).toContainEqual({ path: 'body.households', message: 'Un nombre ne peut pas être négatif.' });

    const unknownLocality = await post(alertPayload('00000000-0000-4000-8000-000000000000'));
    expect(unknownLocality.statusCode).toBe(400);
    expect(unknownLocality.json()).toMatchObject({ code: 'unknown_locality', title: 'Localité inconnue.' });

    const fewerPersons = await post(alertPayload(ids.mopti, { households: 100, persons: 40 }));
    expect(fewerPersons.json().code).toBe('persons_below_households');

    const future = await post(alertPayload(ids.mopti, { alertDate: addDays(todayIso(), 2) }));
    expect(future.json()).toMatchObject({ code: 'date_in_future', errors: [{ path: 'body.alertDate' }] });

    const badOrigin = await post(alertPayload(ids.mopti, { originPcodes: ['ML9999'] }));
    expect(badOrigin.json()).toMatchObject({ code: 'unknown_admin_area', detail: 'ML9999' });

    const twice = await post(alertPayload(ids.mopti, { msaFindings: [{ sector: 'sante', need: true }, { sector: 'sante', need: false }] }));
    expect(twice.json().errors).toContainEqual({ path: 'body.msaFindings', message: 'Chaque secteur ne peut figurer qu’une fois.' });

    const badSeverity = await post(alertPayload(ids.mopti, { msaFindings: [{ sector: 'sante', need: true, severity: 6 }] }));
    expect(badSeverity.statusCode).toBe(400);
    expect(badSeverity.json().errors[0].path).toBe('body.msaFindings.0.severity');

    const count = await t.database.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).where('host_locality_id', '=', ids.mopti).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('edits an alert, replaces its findings, and answers a stale version with 409 and the current record', async () => {
    const created = await createAlert(t, ids.bandiagara, { msaFindings: [{ sector: 'abris_ame', need: true, householdsInNeed: 50 }] });
    const session = await t.login('coordinator');
    const patched = await t.request(session, {
      method: 'PATCH',
      url: `/api/v1/alerts/${created.id}`,
      payload: { version: 1, households: 150, persons: 900, msaFindings: [{ sector: 'protection', need: true, severity: 3 }] },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ households: 150, persons: 900, version: 2, code: created.code, originText: 'Villages au nord de Koro' });
    expect(patched.json().msaFindings.map((f: { sector: string }) => f.sector)).toEqual(['protection']);

    const stale = await t.request(session, { method: 'PATCH', url: `/api/v1/alerts/${created.id}`, payload: { version: 1, households: 10, persons: 10 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { version: 2, households: 150 } });

    const rule = await t.request(session, { method: 'PATCH', url: `/api/v1/alerts/${created.id}`, payload: { version: 2, persons: 20 } });
    expect(rule.json().code).toBe('persons_below_households');

    const audit = await auditOf(created.id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]).toMatchObject({ before: { households: 120, version: 1 }, after: { households: 150, version: 2 } });
  });

  it('moves an alert through its workflow and refuses illegal jumps', async () => {
    const created = await createAlert(t, ids.segou, { msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 90, severity: 3 }] });
    const jump = await transition(created.id, { to: 'validated' });
    expect(jump.statusCode).toBe(400);
    expect(jump.json()).toMatchObject({ code: 'illegal_status_transition', detail: 'Signalée → Validée' });

    const validated = await validateAlert(t, created.id, '2026-03-09');
    expect(validated).toMatchObject({ status: 'validated', verifiedAt: '2026-03-09T00:00:00.000Z', assessedAt: '2026-03-09T00:00:00.000Z', validatedAt: '2026-03-09T00:00:00.000Z', version: 4 });
    expect((await transition(created.id, { to: 'rejected', reason: 'Doublon' })).json().code).toBe('illegal_status_transition');

    const noResponse = await transition(created.id, { to: 'responded' });
    expect(noResponse.statusCode).toBe(400);
    expect(noResponse.json().code).toBe('alert_needs_rrm_response');

    const response = await t.request(await t.login('coordinator'), {
      method: 'POST',
      url: `/api/v1/alerts/${created.id}/rrm-responses`,
      payload: { organisationId: ids.acted, sector: 'abris_ame', startDate: '2026-03-15', endDate: '2026-03-20', householdsReached: 100, personsReached: 600, modality: 'in_kind' },
    });
    expect(response.statusCode).toBe(201);

    const stale = await transition(created.id, { to: 'responded', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.status).toBe('validated');

    const beforeValidation = await transition(created.id, { to: 'responded', date: '2026-03-08' });
    expect(beforeValidation.json().code).toBe('transition_date_invalid');

    const responded = await transition(created.id, { to: 'responded', date: '2026-03-16' });
    expect(responded.statusCode).toBe(200);
    expect(responded.json()).toMatchObject({ status: 'responded', respondedAt: '2026-03-16T00:00:00.000Z', rrmResponseCount: 1, firstRrmResponseOn: '2026-03-15' });
    const closed = await transition(created.id, { to: 'closed' });
    expect(closed.json().status).toBe('closed');
    expect(closed.json().closedAt).not.toBeNull();
    expect((await transition(created.id, { to: 'reported' })).json().code).toBe('illegal_status_transition');

    const audit = await auditOf(created.id);
    const statuses = audit.filter((a) => a.action === 'update').map((a) => (a.after as { status: string }).status);
    expect(statuses).toEqual(['verified', 'assessed', 'validated', 'responded', 'closed']);
  });

  it('refuses "assessed" and "validated" until the MSA is recorded, keeps it once there, and dates every step', async () => {
    const created = await createAlert(t, ids.gao, { shockDate: '2026-03-01', alertDate: '2026-03-03' });
    const verified = await transition(created.id, { to: 'verified', date: '2026-03-04' });
    expect(verified.json()).toMatchObject({ status: 'verified', verifiedAt: '2026-03-04T00:00:00.000Z', assessedAt: null });

    const noMsa = await transition(created.id, { to: 'assessed', date: '2026-03-06' });
    expect(noMsa.statusCode).toBe(400);
    expect(noMsa.json()).toMatchObject({ code: 'alert_needs_msa', title: expect.stringContaining("Enregistrez d'abord les résultats de l'évaluation multisectorielle") });
    const english = await t.request(await t.login('coordinator'), { method: 'POST', url: `/api/v1/alerts/${created.id}/transitions`, payload: { to: 'assessed' }, headers: { 'accept-language': 'en' } });
    expect(english.json().title).toContain('Record the multisector assessment (MSA) results first');
    expect((await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts/${created.id}` })).json()).toMatchObject({ status: 'verified', version: 2 });

    const session = await t.login('coordinator');
    // "No need" in every sector assessed is an MSA result too.
    const recorded = await t.request(session, { method: 'PATCH', url: `/api/v1/alerts/${created.id}`, payload: { version: 2, msaFindings: [{ sector: 'sante', need: false }] } });
    expect(recorded.statusCode).toBe(200);
    const assessed = await transition(created.id, { to: 'assessed', date: '2026-03-06' });
    expect(assessed.json()).toMatchObject({ status: 'assessed', verifiedAt: '2026-03-04T00:00:00.000Z', assessedAt: '2026-03-06T00:00:00.000Z' });
    const earlier = await transition(created.id, { to: 'validated', date: '2026-03-05' });
    expect(earlier.json().code).toBe('transition_date_invalid');

    const erased = await t.request(session, { method: 'PATCH', url: `/api/v1/alerts/${created.id}`, payload: { version: assessed.json().version, msaFindings: [] } });
    expect(erased.statusCode).toBe(400);
    expect(erased.json().code).toBe('alert_needs_msa');
    const validated = await transition(created.id, { to: 'validated', date: '2026-03-07' });
    expect(validated.json()).toMatchObject({ status: 'validated', validatedAt: '2026-03-07T00:00:00.000Z', msaFindings: [{ sector: 'sante', need: false }] });
  });

  it('requires a reason to reject, and a rejected alert leaves the continuum', async () => {
    const created = await createAlert(t, ids.segou);
    const noReason = await transition(created.id, { to: 'rejected' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ code: 'rejection_reason_required', errors: [{ path: 'body.reason', message: 'Indiquez le motif du rejet.' }] });
    const rejected = await transition(created.id, { to: 'rejected', reason: 'Mouvement pendulaire, pas de déplacement' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', rejectionReason: 'Mouvement pendulaire, pas de déplacement' });
    expect(rejected.json().continuum.phase).toBeNull();
    const future = await transition(created.id, { to: 'verified', date: addDays(todayIso(), 1) });
    expect(future.statusCode).toBe(400);
  });

  it('lets coordinators manage every alert, regional coordinators theirs, and everyone else read', async () => {
    const gaoAlert = await createAlert(t, ids.gao);
    const partner = await t.login('partner');
    expect((await post(alertPayload(ids.mopti), 'partner')).statusCode).toBe(403);
    expect((await t.request(partner, { method: 'PATCH', url: `/api/v1/alerts/${gaoAlert.id}`, payload: { version: 1, households: 1, persons: 1 } })).statusCode).toBe(403);
    expect((await transition(gaoAlert.id, { to: 'verified' }, 'partner')).statusCode).toBe(403);
    expect((await post(alertPayload(ids.mopti), 'viewer')).statusCode).toBe(403);
    for (const role of ['viewer', 'partner', 'list_custodian', 'regional_coordinator'] as const) {
      const list = await t.request(await t.login(role), { method: 'GET', url: '/api/v1/alerts' });
      expect(list.statusCode).toBe(200);
      expect(list.json().total).toBeGreaterThan(0);
    }
    expect((await t.request(null, { method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(401);

    const regional = await t.login('regional_coordinator');
    const inMopti = await post(alertPayload(ids.bandiagara), 'regional_coordinator');
    expect(inMopti.statusCode).toBe(201);
    expect((await post(alertPayload(ids.gao), 'regional_coordinator')).statusCode).toBe(403);
    expect((await transition(gaoAlert.id, { to: 'verified' }, 'regional_coordinator')).statusCode).toBe(403);
    expect((await transition(inMopti.json().id, { to: 'verified' }, 'regional_coordinator')).statusCode).toBe(200);
    const moveOut = await t.request(regional, { method: 'PATCH', url: `/api/v1/alerts/${inMopti.json().id}`, payload: { version: 2, hostLocalityId: ids.gao } });
    expect(moveOut.statusCode).toBe(403);
    const edit = await t.request(regional, { method: 'PATCH', url: `/api/v1/alerts/${inMopti.json().id}`, payload: { version: 2, description: 'Chiffres confirmés par la mairie' } });
    expect(edit.statusCode).toBe(200);
    expect((await auditOf(gaoAlert.id)).map((a) => a.action)).toEqual(['create']);
  });

  it('answers 404 for an unknown alert', async () => {
    const response = await t.request(await t.login('viewer'), { method: 'GET', url: '/api/v1/alerts/00000000-0000-4000-8000-000000000000' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('not_found');
  });
});
