import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapExplanation } from '../../../shared/contracts/gaps.ts';
import type { DevelopmentProgramme, Handover, HandoverDossier, HandoverOutlook, HandoverPage, ProgrammeImportResult } from '../../../shared/contracts/handovers.ts';
import { addDays, addMonths, todayIso } from '../../../shared/phases.ts';
import { multipartFile } from '../../test/multipart.ts';
import { readPdf } from '../../test/pdf.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

async function workbook(rows: (string | Date | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Programmes');
  sheet.addRow(['Organisation', 'Programme', 'Financement', 'Date de début', 'Date de fin', 'Secteurs', "Zones d'intervention"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe.each(databaseKinds)('handovers to development actors on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let coordinator: Session;
  let regional: Session;
  let partner: Session;
  let viewer: Session;
  let giz: string;
  const today = todayIso();
  /** Month 12 (post-RRM ends in about three weeks), month 6 (no to-do yet), month 15 (overdue). */
  const leavingShock = addDays(addMonths(today, -12), 20);
  const youngShock = addMonths(today, -5);
  const oldShock = addMonths(today, -14);
  let leavingAlert: string;
  let segouAlert: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    [coordinator, regional, partner, viewer] = await Promise.all([t.login('coordinator'), t.login('regional_coordinator'), t.login('partner'), t.login('viewer')]);
    giz = (await t.database.db.selectFrom('organisations').select('id').where('acronym', '=', 'GIZ').executeTakeFirstOrThrow()).id;
    const leaving = await createAlert(t, ids.mopti, { shockDate: leavingShock, alertDate: addDays(leavingShock, 2), households: 240, persons: 1400, msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 200, severity: 4 }] });
    await validateAlert(t, leaving.id, addDays(leavingShock, 5));
    leavingAlert = leaving.id;
    const rrm = await t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/alerts/${leaving.id}/rrm-responses`,
      payload: { organisationId: ids.acted, sector: 'secal', startDate: addDays(leavingShock, 10), endDate: addDays(leavingShock, 80), householdsReached: 180, personsReached: 1000, modality: 'in_kind' },
    });
    expect(rrm.statusCode, rrm.body).toBe(201);
    const young = await createAlert(t, ids.bandiagara, { shockDate: youngShock, alertDate: addDays(youngShock, 1) });
    await validateAlert(t, young.id, addDays(youngShock, 3));
    const old = await createAlert(t, ids.segou, { shockDate: oldShock, alertDate: addDays(oldShock, 1), originPcodes: ['ML0402'] });
    await validateAlert(t, old.id, addDays(oldShock, 4));
    segouAlert = old.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  async function list(session: Session, query = ''): Promise<HandoverPage> {
    const response = await t.request(session, { method: 'GET', url: `/api/v1/handovers${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<HandoverPage>();
  }
  const byAlert = (page: HandoverPage, alertId: string) => page.items.find((h) => h.shock.alertId === alertId);

  it('opens a to-do for each shock from month 10, and marks those past month 12 without a plan overdue', async () => {
    const page = await list(coordinator);
    expect(page.total).toBe(2);
    const leaving = byAlert(page, leavingAlert)!;
    expect(leaving).toMatchObject({ status: 'not_started', month: 12, overdue: false, resilienceFrom: addMonths(leavingShock, 12) });
    expect(leaving.locality).toMatchObject({ name: 'Mopti', adm1Name: 'Mopti' });
    expect(byAlert(page, segouAlert)).toMatchObject({ status: 'not_started', month: 15, overdue: true });
    // Idempotent: a second read opens nothing more, and each to-do was audited once.
    expect((await list(viewer)).total).toBe(2);
    const audits = await t.database.db.selectFrom('audit_events').select('entity_id').where('entity', '=', 'handover').where('action', '=', 'create').execute();
    expect(audits).toHaveLength(2);
  });

  it('filters by region, status, month reached and leaving window; the outlook counts what leaves in 60 days', async () => {
    expect((await list(coordinator, '?region=ML04')).items.map((h) => h.shock.alertId)).toEqual([segouAlert]);
    expect((await list(coordinator, '?leavingWithinDays=60')).items.map((h) => h.shock.alertId)).toEqual([leavingAlert]);
    expect((await list(coordinator, '?monthFrom=13')).items.map((h) => h.shock.alertId)).toEqual([segouAlert]);
    expect((await list(coordinator, '?monthTo=12&status=not_started')).items.map((h) => h.shock.alertId)).toEqual([leavingAlert]);
    expect((await list(coordinator, '?overdue=true')).total).toBe(1);
    const outlook = (await t.request(viewer, { method: 'GET', url: '/api/v1/handovers/outlook' })).json<HandoverOutlook>();
    expect(outlook).toMatchObject({ days: 60, leaving: 1, notStarted: 1, overdue: 1 });
  });

  let programme: DevelopmentProgramme;
  it('records development programmes by form: development actors only, areas known, regional coordinators in their regions', async () => {
    const body = { organisationId: giz, name: 'Programme de résilience du Centre', funding: 'Union européenne', startDate: addMonths(today, -6), endDate: addMonths(today, 30), sectors: ['secal', 'relevement'], areaPcodes: ['ML0501'] };
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/development-programmes', payload: body })).statusCode).toBe(403);
    const notDevelopment = await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes', payload: { ...body, organisationId: ids.nrc } });
    expect(notDevelopment.json()).toMatchObject({ status: 400, code: 'not_development_actor' });
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes', payload: { ...body, areaPcodes: ['ML9999'] } })).json()).toMatchObject({ code: 'unknown_admin_area' });
    expect((await t.request(regional, { method: 'POST', url: '/api/v1/development-programmes', payload: { ...body, areaPcodes: ['ML0402'] } })).statusCode).toBe(403);
    const created = await t.request(regional, { method: 'POST', url: '/api/v1/development-programmes', payload: body });
    expect(created.statusCode, created.body).toBe(201);
    programme = created.json<DevelopmentProgramme>();
    expect(programme.areas).toEqual([{ pcode: 'ML0501', name: 'Mopti', level: 2 }]);
    expect((await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes', payload: { ...body, name: 'programme de resilience du centre' } })).statusCode).toBe(409);
    const stale = await t.request(coordinator, { method: 'PUT', url: `/api/v1/development-programmes/${programme.id}`, payload: { ...body, version: programme.version + 1 } });
    expect(stale.statusCode).toBe(409);
    const covering = (await t.request(viewer, { method: 'GET', url: '/api/v1/development-programmes?pcode=ML050109' })).json<{ items: DevelopmentProgramme[] }>();
    expect(covering.items.map((p) => p.id)).toEqual([programme.id]);
    expect(((await t.request(viewer, { method: 'GET', url: '/api/v1/development-programmes?pcode=ML04' })).json<{ total: number }>()).total).toBe(0);
  });

  it('imports programmes from XLSX through the tabular import: row-by-row report, nothing half-written, a second upload unchanged', async () => {
    const start = new Date(`${addMonths(today, -3)}T00:00:00Z`);
    const bad = await workbook([
      ['GIZ', 'Filets sociaux adaptatifs', 'Banque mondiale', start, null, 'Sécurité alimentaire; Cash', 'Ségou; Konna'],
      ['NRC', 'Projet humanitaire', null, start, null, 'Santé', 'Mopti Commune'],
      ['GIZ', 'Eau pour tous', null, start, null, 'EHA', 'Atlantide'],
    ]);
    const refused = await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes/import?dryRun=false', ...multipartFile('programmes.xlsx', bad) });
    expect(refused.statusCode).toBe(422);
    const report = refused.json().report as ProgrammeImportResult;
    // "Ségou" names a region, a cercle and a commune: the P-code is asked for.
    expect(report.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, 'areas', 'place_ambiguous'],
      [3, 'organisation', 'organisation_not_development_actor'],
      [4, 'areas', 'place_unknown'],
    ]);
    expect(await t.database.db.selectFrom('development_programmes').select('id').execute()).toHaveLength(1);

    const good = await workbook([
      ['GIZ', 'Filets sociaux adaptatifs', 'Banque mondiale', start, null, 'Sécurité alimentaire; Cash', 'ML04; Konna'],
      ['Coopération allemande (GIZ)', 'Programme de résilience du Centre', 'Union européenne', start, null, 'Relèvement précoce', 'ML0501'],
    ]);
    const preview = (await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes/import', ...multipartFile('programmes.xlsx', good) })).json<ProgrammeImportResult>();
    expect(preview.plan).toEqual({ create: 1, update: 1, unchanged: 0, refused: 0 });
    const committed = await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes/import?dryRun=false', ...multipartFile('programmes.xlsx', good) });
    expect(committed.statusCode, committed.body).toBe(200);
    expect((committed.json<ProgrammeImportResult>()).plan).toEqual({ create: 1, update: 1, unchanged: 0, refused: 0 });
    const again = (await t.request(coordinator, { method: 'POST', url: '/api/v1/development-programmes/import', ...multipartFile('programmes.xlsx', good) })).json<ProgrammeImportResult>();
    expect(again.plan).toEqual({ create: 0, update: 0, unchanged: 2, refused: 0 });
    const segou = (await t.request(viewer, { method: 'GET', url: '/api/v1/development-programmes?pcode=ML040224' })).json<{ items: DevelopmentProgramme[] }>();
    expect(segou.items.map((p) => [p.name, p.sectors, p.areas.map((a) => a.pcode)])).toEqual([['Filets sociaux adaptatifs', ['secal', 'cash'], ['ML04', 'ML050105']]]);
    const audit = await t.database.db.selectFrom('audit_events').select('after').where('entity', '=', 'development_programme_import').execute();
    expect(audit).toHaveLength(1);
  });

  it('records the dialogue and then the handover: permissions, 409 on stale versions and illegal moves, reasons, audit', async () => {
    const leaving = byAlert(await list(coordinator), leavingAlert)!;
    const url = `/api/v1/handovers/${leaving.id}`;
    expect((await t.request(partner, { method: 'PUT', url, payload: { version: leaving.version, status: 'dialogue_opened' } })).statusCode).toBe(403);
    const segou = byAlert(await list(coordinator), segouAlert)!;
    expect((await t.request(regional, { method: 'PUT', url: `/api/v1/handovers/${segou.id}`, payload: { version: segou.version, status: 'dialogue_opened' } })).statusCode).toBe(403);
    expect((await t.request(coordinator, { method: 'PUT', url, payload: { version: leaving.version, status: 'dialogue_opened', actorIds: [ids.nrc] } })).json()).toMatchObject({ code: 'not_development_actor' });

    const opened = await t.request(regional, { method: 'PUT', url, payload: { version: leaving.version, status: 'dialogue_opened', on: addDays(today, -3), actorIds: [giz], notes: 'Premier échange avec la GIZ à Sévaré.' } });
    expect(opened.statusCode, opened.body).toBe(200);
    const dialogue = opened.json<Handover>();
    expect(dialogue).toMatchObject({ status: 'dialogue_opened', dialogueOpenedOn: addDays(today, -3), actors: [{ id: giz, acronym: 'GIZ' }] });
    const stale = await t.request(coordinator, { method: 'PUT', url, payload: { version: leaving.version, status: 'plan_agreed' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { status: 'dialogue_opened' } });
    const noReason = await t.request(coordinator, { method: 'PUT', url, payload: { version: dialogue.version, status: 'not_taken_up' } });
    expect(noReason.statusCode).toBe(400);

    const handed = await t.request(coordinator, {
      method: 'PUT',
      url,
      payload: { version: dialogue.version, status: 'handed_over', actorIds: [giz], notes: dialogue.notes, recommendedActions: '- Reprendre les **500 ménages** en sécurité alimentaire\n- Réhabiliter deux forages' },
    });
    expect(handed.statusCode, handed.body).toBe(200);
    const done = handed.json<Handover>();
    expect(done).toMatchObject({ status: 'handed_over', handedOverOn: today, dialogueOpenedOn: addDays(today, -3), overdue: false });
    const illegal = await t.request(coordinator, { method: 'PUT', url, payload: { version: done.version, status: 'plan_agreed' } });
    expect(illegal.json()).toMatchObject({ status: 409, code: 'illegal_handover_transition' });
    const audits = await t.database.db.selectFrom('audit_events').select(['before', 'after']).where('entity', '=', 'handover').where('entity_id', '=', leaving.id).where('action', '=', 'update').orderBy('id').execute();
    expect(audits.map((a) => (a.after as Handover).status)).toEqual(['dialogue_opened', 'handed_over']);
    expect((await list(coordinator, '?status=handed_over')).items.map((h) => h.id)).toEqual([leaving.id]);
  });

  it('builds the dossier from the data at a date, and its PDF in French and English', async () => {
    const leaving = byAlert(await list(coordinator), leavingAlert)!;
    const dossier = (await t.request(viewer, { method: 'GET', url: `/api/v1/handovers/${leaving.id}/dossier` })).json<HandoverDossier>();
    expect(dossier.timeline).toMatchObject({ shockDate: leavingShock, resilienceFrom: addMonths(leavingShock, 12) });
    expect(dossier.sectors).toEqual([{ sector: 'secal', rrmHouseholds: 180, postRrmHouseholds: 0, organisations: [] }]);
    expect(dossier.programmes.map((p) => p.name)).toEqual(['Programme de résilience du Centre']);
    const detailed = (await t.request(coordinator, { method: 'GET', url: `/api/v1/handovers/${leaving.id}/dossier` })).json<HandoverDossier>();
    expect(detailed.sectors[0]!.organisations).toEqual(['ACTED']);
    // Before the programme started, the dossier did not list it.
    const earlier = (await t.request(coordinator, { method: 'GET', url: `/api/v1/handovers/${leaving.id}/dossier?at=${addMonths(today, -7)}` })).json<HandoverDossier>();
    expect(earlier.programmes).toEqual([]);

    const fr = await t.request(coordinator, { method: 'GET', url: `/api/v1/handovers/${leaving.id}/dossier.pdf?lang=fr` });
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toBe('application/pdf');
    const frText = readPdf(fr.rawPayload).text;
    expect(frText).toContain('Dossier de passation — Mopti');
    expect(frText).toContain('Transférée');
    expect(frText).toContain('Programme de résilience du Centre');
    expect(frText).toContain('Sécurité alimentaire');
    expect(frText).toContain('Réhabiliter deux forages');
    const en = await t.request(viewer, { method: 'GET', url: `/api/v1/handovers/${leaving.id}/dossier.pdf?lang=en` });
    const enText = readPdf(en.rawPayload).text;
    expect(enText).toContain('Handover dossier — Mopti');
    expect(enText).toContain('Handed over');
    expect(enText).toContain('Food security');
  });

  it('exports the handover list with its filters', async () => {
    const response = await t.request(viewer, { method: 'GET', url: '/api/v1/handovers/export?format=xlsx&lang=fr&region=ML05' });
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).getCell(4).value).toBe('Localité');
    const values = sheet.getRow(3).values as unknown[];
    expect(values).toContain('Mopti');
    expect(values).toContain('Transférée');
    expect(values).toContain('GIZ');
    expect(sheet.rowCount).toBe(3);
  });

  it("explains a resilience-phase gap with the handover's state, steps and actors; notes only for readers of organisation detail", async () => {
    const segou = byAlert(await list(coordinator), segouAlert)!;
    const opened = await t.request(coordinator, {
      method: 'PUT',
      url: `/api/v1/handovers/${segou.id}`,
      payload: { version: segou.version, status: 'dialogue_opened', on: addDays(today, -10), actorIds: [giz], notes: 'Note interne sur Ségou' },
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const explained = await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.segou}/secal` });
    expect(explained.statusCode, explained.body).toBe(200);
    const explanation = explained.json<GapExplanation>();
    expect(explanation.row.phase).toBe('resilience');
    expect(explanation.handover).toEqual({
      shock: { alertId: segouAlert, code: segou.shock.code, shockDate: oldShock },
      resilienceFrom: addMonths(oldShock, 12),
      state: {
        id: segou.id,
        status: 'dialogue_opened',
        overdue: true,
        dialogueOpenedOn: addDays(today, -10),
        planAgreedOn: null,
        handedOverOn: null,
        notTakenUpOn: null,
        actors: [{ id: giz, acronym: 'GIZ', name: expect.any(String) }],
        notes: 'Note interne sur Ségou',
      },
    });
    const sentence = explanation.sentences.find((s) => s.startsWith('Phase de résilience'));
    expect(sentence).toMatch(new RegExp(`^Phase de résilience depuis le .+ \\(choc ${segou.shock.code}\\) : passation aux acteurs de développement dialogue ouvert, en retard \\(aucun plan convenu\\) \\(dialogue ouvert le .+\\) ; acteurs : GIZ\\.$`));

    // A donor sees the same state and actors, never the notes.
    const aggregated = await t.request(viewer, { method: 'GET', url: `/api/v1/gaps/${ids.segou}/secal` });
    const donorView = aggregated.json<GapExplanation>();
    expect(donorView.organisationDetail).toBe(false);
    expect(donorView.handover).toEqual({ ...explanation.handover, state: { ...explanation.handover!.state, notes: null } });
    expect(aggregated.body).not.toContain('Note interne');

    // Outside resilience (Mopti's shock is still in post-RRM), no handover in the explanation.
    expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/gaps/${ids.mopti}/secal` })).json<GapExplanation>()).toMatchObject({ handover: null });
  });

  it('opens the to-do on the first day of month 10, not the day before; overdue from the first day of month 13 without a plan', async () => {
    const month10 = addMonths(today, -9);
    const month9 = addDays(month10, 1);
    const month13 = addMonths(today, -12);
    const created: Record<string, string> = {};
    for (const [name, shockDate] of Object.entries({ month10, month9, month13 })) {
      const alert = await createAlert(t, ids.bandiagara, { shockDate, alertDate: shockDate });
      await validateAlert(t, alert.id, shockDate);
      created[name] = alert.id;
    }
    const page = await list(coordinator, '?pageSize=100');
    expect(byAlert(page, created.month10!)).toMatchObject({ status: 'not_started', month: 10, overdue: false });
    expect(byAlert(page, created.month9!)).toBeUndefined();
    expect(byAlert(page, created.month13!)).toMatchObject({ status: 'not_started', month: 13, overdue: true, resilienceFrom: today });
    // Before month 10, a coordinator opens it by hand.
    const early = await t.request(coordinator, { method: 'POST', url: '/api/v1/handovers', payload: { alertId: created.month9 } });
    expect(early.statusCode, early.body).toBe(201);
    expect(early.json<Handover>()).toMatchObject({ status: 'not_started', month: 9, overdue: false });
  });
});
