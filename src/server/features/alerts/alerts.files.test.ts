import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertImportResult } from '../../../shared/contracts/alerts.ts';
import type { Role } from '../../../shared/permissions.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

function multipart(fileName: string, content: Buffer | string) {
  const boundary = `relais-${crypto.randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const csvRows = (body: string): string[][] => parse(body.replace(/^\uFEFF/, ''), { relax_column_count: true });

describe.each(databaseKinds)('alert matrix export and import on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    const mopti = await createAlert(t, ids.mopti, { sourceOrganisationId: ids.ocha, msaFindings: [{ sector: 'eha', need: true, householdsInNeed: 100, severity: 4 }, { sector: 'education', need: false }] });
    await validateAlert(t, mopti.id, '2026-03-07');
    await createAlert(t, ids.bandiagara, { shockType: 'flood', shockDate: '2026-08-30', alertDate: '2026-08-31', originPcodes: [], originText: null, households: 45, persons: 260 });
    await createAlert(t, ids.gao, { shockDate: '2025-10-01', alertDate: '2025-10-02' });
  });
  afterAll(() => t.close());

  const upload = async (role: Role, fileName: string, content: Buffer | string, dryRun: boolean, headers: Record<string, string> = {}) => {
    const form = multipart(fileName, content);
    return t.request(await t.login(role), { method: 'POST', url: `/api/v1/alerts/import?dryRun=${dryRun}`, payload: form.payload, headers: { ...form.headers, ...headers } });
  };
  const alertCount = async () => Number((await t.database.db.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('exports the filtered list as CSV with French headers and values', async () => {
    const response = await t.request(await t.login('viewer'), { method: 'GET', url: '/api/v1/alerts/export?format=csv&region=ML05&sort=alertDate&at=2026-09-01' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toBe('attachment; filename="alertes-2026-09-01.csv"');
    const [header, ...rows] = csvRows(response.body);
    expect(header!.slice(0, 4)).toEqual(['Code alerte', 'Type de choc', 'Date du choc', "Date de l'alerte"]);
    expect(rows).toHaveLength(2);
    const at = (row: string[], name: string) => row[header!.indexOf(name)];
    expect(at(rows[0]!, 'Type de choc')).toBe('Conflit armé');
    expect(at(rows[0]!, "Localité d'accueil")).toBe('Mopti');
    expect(at(rows[0]!, 'Statut')).toBe('Validée');
    expect(at(rows[0]!, 'Date de validation')).toBe('2026-03-07');
    expect(at(rows[0]!, 'Besoins ESM (secteurs)')).toBe('EHA');
    expect(at(rows[0]!, "Source de l'alerte")).toBe('OCHA');
    expect(at(rows[0]!, 'Phase (export)')).toBe('Post-RRM');
    expect(at(rows[1]!, 'Type de choc')).toBe('Inondation');
    expect(at(rows[1]!, 'Phase (export)')).toBe('Alerte');

    const english = await t.request(await t.login('viewer'), { method: 'GET', url: '/api/v1/alerts/export?format=hxl&region=ML07', headers: { 'accept-language': 'en' } });
    const [enHeader, tags, ...enRows] = csvRows(english.body);
    expect(enHeader!.slice(0, 2)).toEqual(['Alert code', 'Shock type']);
    expect(tags!.slice(0, 4)).toEqual(['#event+code', '#event+type', '#date+shock', '#date+alert']);
    expect(enRows).toHaveLength(1);
    expect(enRows[0]![1]).toBe('Armed conflict');
    expect((await t.request(null, { method: 'GET', url: '/api/v1/alerts/export' })).statusCode).toBe(401);
  });

  it('reads its own XLSX export back as a file that changes nothing', async () => {
    const exported = await t.request(await t.login('coordinator'), { method: 'GET', url: '/api/v1/alerts/export?format=xlsx' });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const file = exported.rawPayload;
    expect(file.subarray(0, 2).toString()).toBe('PK');
    const preview = await upload('coordinator', 'alertes.xlsx', file, true);
    expect(preview.statusCode, preview.body).toBe(200);
    const report: AlertImportResult = preview.json();
    expect(report).toMatchObject({ format: 'xlsx', rows: 3, valid: 3, invalid: 0, canCommit: true, dryRun: true, committed: false, plan: { create: 0, update: 0, unchanged: 3, refused: 0 } });
    expect(report.unknownColumns).toEqual([]);
  });

  it('previews, then creates the alerts of a French CSV matrix in one go, with audit rows', async () => {
    const csv = [
      "Type de choc;Date du choc;Date de l'alerte;Localité d'accueil;Cercle;Ménages déplacés;Personnes déplacées;Source;Statut;Date de validation;Besoins ESM (secteurs);Zones d'origine (codes P)",
      'Conflit armé;02/05/2026;04/05/2026;SEVARE;Mopti;1 250;7 100;nrc;Validée;06/05/2026;EHA, Abris / AME;ML0507',
      'inondations;15/08/2026;16/08/2026;Ségou;;80;460;;;;;',
    ].join('\r\n');
    const before = await alertCount();
    const preview = await upload('coordinator', 'matrice.csv', csv, true);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ delimiter: ';', rows: 2, canCommit: true, plan: { create: 2, update: 0 }, committed: false });
    expect(preview.json().outcomes.map((o: { label: string }) => o.label)).toEqual(['Nouvelle alerte — Conflit armé — Sévaré', 'Nouvelle alerte — Inondation — Ségou']);
    expect(await alertCount()).toBe(before);

    const committed = await upload('coordinator', 'matrice.csv', csv, false);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ committed: true, dryRun: false, plan: { create: 2, update: 0, unchanged: 0, refused: 0 } });
    expect(await alertCount()).toBe(before + 2);
    const createdId = committed.json().outcomes[0].id as string;
    const created = (await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts/${createdId}` })).json();
    expect(created).toMatchObject({
      code: expect.stringMatching(/^ALR-2026-\d{4}$/),
      shockDate: '2026-05-02',
      households: 1250,
      persons: 7100,
      status: 'validated',
      validatedAt: '2026-05-06T00:00:00.000Z',
      hostLocality: { name: 'Sévaré' },
      sourceOrganisation: { acronym: 'NRC' },
      origins: [{ pcode: 'ML0507', name: 'Koro' }],
    });
    expect(created.msaFindings.map((f: { sector: string; need: boolean }) => [f.sector, f.need])).toEqual([
      ['eha', true],
      ['abris_ame', true],
    ]);
    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'after']).where('entity', '=', 'alert').where('entity_id', '=', createdId).execute();
    expect(audit).toEqual([{ action: 'create', after: expect.objectContaining({ imported: true, households: 1250 }) }]);
  });

  it('refuses a whole file with a bad row, row by row, and writes nothing', async () => {
    const existing = (await t.request(await t.login('viewer'), { method: 'GET', url: '/api/v1/alerts?region=ML07' })).json().items[0];
    const tomorrow = addDays(todayIso(), 1);
    const csv = [
      "Code alerte,Type de choc,Date du choc,Date de l'alerte,Localité d'accueil,Ménages déplacés,Personnes déplacées,Source,Statut,Date de validation",
      ',Conflit armé,10/03/2026,08/03/2026,Mopti,10,50,,,',
      ',Conflit armé,01/03/2026,02/03/2026,Mopt,10,50,,,',
      `,Incendie,${tomorrow},${tomorrow},Gao,10,50,,,`,
      ',Sécheresse,01/03/2026,02/03/2026,Gao,100,50,ACTD,,',
      ',Épidémie,01/03/2026,02/03/2026,Gao,10,50,,Validée,',
      `${existing.code},Conflit armé,01/10/2025,02/10/2025,Gao,120,710,,Clôturée,`,
      'ALR-1999-0001,Conflit armé,01/10/2025,02/10/2025,Gao,120,710,,,',
      ',Conflit armé,01/03/2026,02/03/2026,Gao,10,50,,,',
      ',Conflit armé,01/03/2026,02/03/2026,Gao,10,50,,Évaluée,',
    ].join('\n');
    const before = await alertCount();
    const refused = await upload('coordinator', 'erreurs.csv', csv, false);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('import_invalid');
    const report = refused.json().report as AlertImportResult;
    expect(report).toMatchObject({ rows: 9, valid: 1, invalid: 8, canCommit: false, committed: false });
    const byRow = new Map<number, string[]>();
    for (const issue of report.issues) byRow.set(issue.row!, [...(byRow.get(issue.row!) ?? []), issue.code]);
    expect(Object.fromEntries(byRow)).toEqual({
      2: ['shock_after_alert'],
      3: ['place_did_you_mean'],
      4: ['date_in_future'],
      5: ['organisation_did_you_mean', 'persons_below_households'],
      6: ['validation_date_required'],
      7: ['status_change_not_allowed'],
      8: ['alert_unknown'],
      10: ['status_needs_msa'],
    });
    const typo = report.issues.find((i) => i.row === 3)!;
    expect(typo).toMatchObject({ column: 'localityName', suggestions: ['Mopti'], message: 'Lieu inconnu : « Mopt ». Vouliez-vous dire « Mopti » ?' });
    expect(report.issues.find((i) => i.row === 7)!.message).toContain('Passage de « Signalée » à « Clôturée » impossible');
    expect(report.issues.find((i) => i.row === 10)!.message).toBe(
      "L'alerte n'a aucun résultat d'évaluation multisectorielle : remplissez la colonne « Besoins ESM (secteurs) » pour la passer au statut « Évaluée (ESM) ».",
    );
    expect(await alertCount()).toBe(before);
  });

  it('updates alerts by code, with legal status steps, from an HXL-tagged file', async () => {
    const target = await createAlert(t, ids.tombouctou, { shockDate: '2026-06-01', alertDate: '2026-06-03' });
    const csv = [
      'code,hazard,date shock,date alert,place,households,people,state,notes',
      '#event+code,#event+type,#date+shock,#date+alert,#loc+code,#affected+hh,#affected+ind,#status,#description+notes',
      `${target.code.toLowerCase()},armed_conflict,2026-06-01,2026-06-03,ML060000000,130,760,verified,Chiffres revus après vérification`,
    ].join('\n');
    const committed = await upload('coordinator', 'hxl.csv', csv, false, { 'accept-language': 'en' });
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ hxlRow: 2, plan: { create: 0, update: 1 } });
    const updated = (await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/alerts/${target.id}` })).json();
    expect(updated).toMatchObject({ status: 'verified', households: 130, persons: 760, description: 'Chiffres revus après vérification', version: 2 });
    const again = await upload('coordinator', 'hxl.csv', csv, true);
    expect(again.json().plan).toMatchObject({ update: 0, unchanged: 1 });
  });

  it('lets only alert managers import, regional coordinators in their regions only', async () => {
    const csv = "Type de choc,Date du choc,Date de l'alerte,Localité d'accueil,Ménages déplacés,Personnes déplacées\nConflit armé,01/03/2026,02/03/2026,Gao,10,50\nConflit armé,01/03/2026,02/03/2026,Koro,10,50";
    expect((await upload('partner', 'a.csv', csv, true)).statusCode).toBe(403);
    expect((await upload('viewer', 'a.csv', csv, true)).statusCode).toBe(403);
    const regional = await upload('regional_coordinator', 'a.csv', csv, true);
    expect(regional.statusCode).toBe(200);
    expect(regional.json().issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([[2, 'region_not_allowed']]);
    expect(regional.json().plan).toMatchObject({ create: 1, refused: 1 });
    const missing = await t.request(await t.login('coordinator'), { method: 'POST', url: '/api/v1/alerts/import', ...multipart('vide.csv', '') });
    expect(missing.statusCode).toBe(200);
    expect(missing.json().issues[0].code).toBe('file_empty');
  });
});
