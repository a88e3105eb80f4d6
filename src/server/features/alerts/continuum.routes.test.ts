import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import type { Handover } from '../../../shared/contracts/handovers.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

describe.each(databaseKinds)('locality continuum on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  const codes: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    const coordinator = await t.login('coordinator');
    // Three shocks at Tombouctou a year apart, one rejected alert, and one shock elsewhere.
    const old = await createAlert(t, ids.tombouctou, { shockDate: '2025-01-31', alertDate: '2025-02-02', households: 300, persons: 1700 });
    await validateAlert(t, old.id, '2025-02-04');
    const recent = await createAlert(t, ids.tombouctou, { shockType: 'flood', shockDate: '2025-11-30', alertDate: '2025-12-01', households: 90, persons: 500 });
    await validateAlert(t, recent.id, '2025-12-03');
    const pending = await createAlert(t, ids.tombouctou, { shockDate: '2026-02-10', alertDate: '2026-02-11', households: 40, persons: 210 });
    const rejected = await createAlert(t, ids.tombouctou, { shockDate: '2026-02-01', alertDate: '2026-02-02' });
    await t.request(coordinator, { method: 'POST', url: `/api/v1/alerts/${rejected.id}/transitions`, payload: { to: 'rejected', reason: 'Doublon de ALR' } });
    await createAlert(t, ids.gao, { shockDate: '2026-01-05', alertDate: '2026-01-06' });
    Object.assign(codes, { old: old.code, recent: recent.code, pending: pending.code });

    const respond = (alertId: string, payload: Record<string, unknown>) =>
      t.request(coordinator, { method: 'POST', url: `/api/v1/alerts/${alertId}/rrm-responses`, payload: { modality: 'in_kind', ...payload } });
    await respond(old.id, { organisationId: ids.acted, sector: 'abris_ame', startDate: '2025-02-10', endDate: '2025-02-14', householdsReached: 280, personsReached: 1600 });
    await respond(recent.id, { organisationId: ids.nrc, sector: 'abris_ame', startDate: '2025-12-10', endDate: '2025-12-12', householdsReached: 85, personsReached: 480 });
    await respond(recent.id, { organisationId: ids.irc, sector: 'secal', startDate: '2025-12-15', endDate: '2026-01-15', householdsReached: 90, personsReached: 500, modality: 'cash' });
  });
  afterAll(() => t.close());

  async function continuum(at: string): Promise<LocalityContinuum> {
    const response = await t.request(await t.login('coordinator'), { method: 'GET', url: `/api/v1/localities/${ids.tombouctou}/continuum?at=${at}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  it('shows each shock of the locality in its own phase, with the RRM end and days left', async () => {
    const view = await continuum('2026-02-27');
    expect(view.locality).toMatchObject({ name: 'Tombouctou', adm1Pcode: 'ML06', adm1Name: 'Tombouctou' });
    expect(view.at).toBe('2026-02-27');
    expect(view.settings).toMatchObject({ rrmMonths: 3, postRrmUntilMonth: 12, rrmLateAfterDays: 15 });
    expect(view.shocks.map((s) => [s.alert.code, s.phase, s.month, s.rrmEndsOn, s.rrmDaysLeft])).toEqual([
      [codes.old, 'resilience', 13, '2025-04-29', null],
      [codes.recent, 'rrm', 3, '2026-02-27', 0],
      [codes.pending, 'alerte', 1, '2026-05-09', 71],
    ]);
    const recent = view.shocks[1]!;
    expect(recent.alert).toMatchObject({ shockType: 'flood', validatedOn: '2025-12-03', status: 'validated', households: 90 });
    expect(recent.segments).toEqual([
      { phase: 'alerte', from: '2025-11-30', to: '2025-12-02' },
      { phase: 'rrm', from: '2025-12-03', to: '2026-02-27' },
      { phase: 'post_rrm', from: '2026-02-28', to: '2026-11-29' },
      { phase: 'resilience', from: '2026-11-30', to: null },
    ]);
    expect((await continuum('2026-02-28')).shocks[1]).toMatchObject({ phase: 'post_rrm', rrmDaysLeft: null });
  });

  it('lists the responses at the locality and the figures beside the timeline', async () => {
    const view = await continuum('2025-12-20');
    expect(view.responses.map((r) => [r.kind, r.organisation?.acronym, r.sector, r.start, r.end])).toEqual([
      ['rrm', 'ACTED', 'abris_ame', '2025-02-10', '2025-02-14'],
      ['rrm', 'NRC', 'abris_ame', '2025-12-10', '2025-12-12'],
      ['rrm', 'IRC', 'secal', '2025-12-15', '2026-01-15'],
    ]);
    expect(view.milestones).toEqual([]);
    expect(view.shocks.map((s) => s.phase)).toEqual(['post_rrm', 'rrm', null]);
    expect(view.figures).toEqual({
      displacedHouseholds: 390,
      displacedPersons: 2200,
      reachedHouseholdsBySector: [
        { sector: 'abris_ame', households: 365, postRrmHouseholds: 0 },
        { sector: 'secal', households: 90, postRrmHouseholds: 0 },
      ],
    });
    const before = await continuum('2025-12-12');
    expect(before.figures.reachedHouseholdsBySector).toEqual([{ sector: 'abris_ame', households: 365, postRrmHouseholds: 0 }]);
  });

  it('flags the RRM as late when no response started 15 days after validation', async () => {
    const coordinator = await t.login('coordinator');
    const list = await t.request(coordinator, { method: 'GET', url: `/api/v1/alerts?localityId=${ids.tombouctou}&status=reported` });
    const pendingId = list.json().items[0].id as string;
    await validateAlert(t, pendingId, '2026-02-12');
    expect((await continuum('2026-02-27')).shocks[2]).toMatchObject({ phase: 'rrm', rrmLate: false });
    expect((await continuum('2026-02-28')).shocks[2]).toMatchObject({ phase: 'rrm', rrmLate: true });
  });

  it('answers 404 for an unknown locality and 400 for a bad date', async () => {
    const viewer = await t.login('viewer');
    expect((await t.request(viewer, { method: 'GET', url: '/api/v1/localities/00000000-0000-4000-8000-000000000000/continuum' })).statusCode).toBe(404);
    const bad = await t.request(viewer, { method: 'GET', url: `/api/v1/localities/${ids.tombouctou}/continuum?at=2026-02-30` });
    expect(bad.statusCode).toBe(400);
    expect((await t.request(null, { method: 'GET', url: `/api/v1/localities/${ids.tombouctou}/continuum` })).statusCode).toBe(401);
  });

  it('draws each post-RRM activity once and the assessments as milestones, keeping the RRM figures', async () => {
    const { db } = t.database;
    const base = { sector: 'secal', locality_id: ids.tombouctou, status: 'ongoing', population_group: 'idp', start_date: '2026-01-05', end_date: '2026-06-30' };
    const rows = await db
      .insertInto('responses')
      .values([
        // ACTED reports its food distribution in January and again in February: one activity, two reports.
        { ...base, period: '2026-01-01', organisation_id: ids.acted, activity: 'Distribution alimentaire', households_reached: 60 },
        { ...base, period: '2026-02-01', organisation_id: ids.acted, activity: 'Distribution alimentaire', households_reached: 70 },
        { ...base, period: '2026-02-01', organisation_id: ids.irc, activity: 'Cash alimentaire', households_reached: 40, start_date: '2026-02-01' },
        // Reported after the date asked: not part of the picture at that date.
        { ...base, period: '2026-03-01', organisation_id: ids.acted, activity: 'Distribution alimentaire', households_reached: 200 },
      ])
      .returning(['id', 'period'])
      .execute();
    await db.insertInto('response_alerts').values({ response_id: rows[1]!.id, alert_id: (await alertIdOf(codes.recent!))! }).execute();
    await db
      .insertInto('assessments')
      .values([
        { locality_id: ids.tombouctou, kind: 'territorial', status: 'done', organisation_id: ids.acted, start_date: '2026-01-10', end_date: '2026-01-20' },
        { locality_id: ids.tombouctou, kind: 'impact', status: 'cancelled', organisation_id: ids.acted, start_date: '2026-02-10' },
      ])
      .execute();

    const view = await continuum('2026-02-27');
    const postRrm = view.responses.filter((r) => r.kind === 'post_rrm');
    expect(postRrm.map((r) => [r.organisation?.acronym, r.householdsReached, r.start])).toEqual([
      ['ACTED', 70, '2026-01-05'],
      ['IRC', 40, '2026-02-01'],
    ]);
    expect(postRrm[0]!.alertId).not.toBeNull();
    expect(view.milestones).toEqual([{ kind: 'territorial_assessment', id: expect.any(String), date: '2026-01-20', label: 'ACTED' }]);
    // Beside the timeline: the RRM's households, and those of the post-RRM activities running that day (latest reports).
    expect(view.figures.reachedHouseholdsBySector.find((f) => f.sector === 'secal')).toEqual({ sector: 'secal', households: 90, postRrmHouseholds: 110 });

    // A donor sees one bar per kind, shock and sector: no organisation, no record, same figures.
    const viewer = await t.login('viewer');
    const aggregated: LocalityContinuum = (await t.request(viewer, { method: 'GET', url: `/api/v1/localities/${ids.tombouctou}/continuum?at=2026-02-27` })).json();
    expect(aggregated.responses.every((r) => r.organisation === null && r.id === null && r.package === null && r.modality === null)).toBe(true);
    expect(aggregated.responses.filter((r) => r.kind === 'post_rrm').map((r) => [r.householdsReached, r.start, r.alertId === null])).toEqual([
      [70, '2026-01-05', false],
      [40, '2026-02-01', true],
    ]);
    expect(JSON.stringify(aggregated.responses)).not.toMatch(/ACTED|IRC|NRC/);
    expect(aggregated.figures).toEqual(view.figures);
  });

  it("shows each shock's handover to development actors on the timeline; a coordinator opens one before its to-do", async () => {
    const { db } = t.database;
    const [coordinator, regional, partner] = await Promise.all([t.login('coordinator'), t.login('regional_coordinator'), t.login('partner')]);
    const giz = (await db.selectFrom('organisations').select('id').where('acronym', '=', 'GIZ').executeTakeFirstOrThrow()).id;
    const oldId = (await alertIdOf(codes.old!))!;
    const pendingId = (await alertIdOf(codes.pending!))!;
    const rejected = await db.selectFrom('alerts').select('id').where('host_locality_id', '=', ids.tombouctou).where('status', '=', 'rejected').executeTakeFirstOrThrow();
    const unvalidated = await db.selectFrom('alerts').select('id').where('host_locality_id', '=', ids.gao).executeTakeFirstOrThrow();
    const open = (session: typeof coordinator, alertId: string) => t.request(session, { method: 'POST', url: '/api/v1/handovers', payload: { alertId } });

    // Nobody opened any yet: no handover on the timeline.
    expect((await continuum('2026-02-27')).shocks.map((s) => s.handover)).toEqual([null, null, null]);
    expect((await open(partner, oldId)).statusCode).toBe(403);
    // Tombouctou is outside the regional coordinator's regions.
    expect((await open(regional, oldId)).statusCode).toBe(403);
    expect((await open(coordinator, rejected.id)).json()).toMatchObject({ status: 400, code: 'handover_alert_not_validated' });
    expect((await open(coordinator, unvalidated.id)).json()).toMatchObject({ status: 400, code: 'handover_alert_not_validated' });
    expect((await open(coordinator, '00000000-0000-4000-8000-000000000000')).json()).toMatchObject({ status: 400, code: 'unknown_alert' });

    const created = await open(coordinator, oldId);
    expect(created.statusCode, created.body).toBe(201);
    const handover = created.json<Handover>();
    expect(handover).toMatchObject({ status: 'not_started', shock: { alertId: oldId }, locality: { id: ids.tombouctou } });
    const again = await open(coordinator, oldId);
    expect(again.json()).toMatchObject({ status: 409, code: 'handover_exists', current: { id: handover.id } });
    // The pending shock (validated on 2026-02-12): a coordinator need not wait for the to-do at month 10.
    expect((await open(coordinator, pendingId)).statusCode).toBe(201);
    const audits = await db.selectFrom('audit_events').select('entity_id').where('entity', '=', 'handover').where('action', '=', 'create').execute();
    expect(audits).toHaveLength(2);

    const dialogue = await t.request(coordinator, { method: 'PUT', url: `/api/v1/handovers/${handover.id}`, payload: { version: handover.version, status: 'dialogue_opened', on: '2026-01-10', actorIds: [giz], notes: 'Note interne' } });
    expect(dialogue.statusCode, dialogue.body).toBe(200);
    let view = await continuum('2026-02-27');
    // The old shock reached resilience on 2026-01-31 with a dialogue but no plan: overdue.
    expect(view.shocks[0]!.handover).toEqual({
      id: handover.id,
      status: 'dialogue_opened',
      overdue: true,
      dialogueOpenedOn: '2026-01-10',
      planAgreedOn: null,
      handedOverOn: null,
      notTakenUpOn: null,
      actors: [{ id: giz, acronym: 'GIZ', name: expect.any(String) }],
    });
    expect(view.shocks[1]!.handover).toBeNull();
    expect(view.shocks[2]!.handover).toMatchObject({ status: 'not_started', overdue: false });
    // Before resilience, the same dialogue is not late.
    expect((await continuum('2026-01-15')).shocks[0]!.handover).toMatchObject({ status: 'dialogue_opened', overdue: false });

    await t.request(coordinator, { method: 'PUT', url: `/api/v1/handovers/${handover.id}`, payload: { version: dialogue.json<Handover>().version, status: 'plan_agreed', on: '2026-02-20', actorIds: [giz] } });
    view = await continuum('2026-02-27');
    expect(view.shocks[0]!.handover).toMatchObject({ status: 'plan_agreed', overdue: false, dialogueOpenedOn: '2026-01-10', planAgreedOn: '2026-02-20' });
    // Readers of aggregated figures see the same state, and never the handover's notes.
    const aggregated = await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/localities/${ids.tombouctou}/continuum?at=2026-02-27` });
    expect(aggregated.json<LocalityContinuum>().shocks[0]!.handover).toEqual(view.shocks[0]!.handover);
    expect(aggregated.body).not.toContain('Note interne');
  });

  async function alertIdOf(code: string) {
    const row = await t.database.db.selectFrom('alerts').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id;
  }
});
