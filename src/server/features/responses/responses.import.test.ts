import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';

interface Issue {
  row: number | null;
  column: string | null;
  code: string;
  severity: string;
  message: string;
  suggestions: string[];
}
interface Report {
  canCommit: boolean;
  committed: boolean;
  dryRun: boolean;
  rows: number;
  valid: number;
  invalid: number;
  plan: { create: number; update: number; unchanged: number; refused: number };
  issues: Issue[];
  outcomes: { row: number; action: string; id: string | null; label: string | null }[];
}

const messyFixture = path.join(import.meta.dirname, 'fixtures', 'messy-5w-mopti.xlsx');

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

async function bufferOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The data sheet's header names, for filling a template the way a person would: by column title. */
function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
  const columns = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, index) => columns.set(cell.text, index));
  return columns;
}

describe.each(databaseKinds)('5W import and export on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let coordinator: Session;
  let regional: Session;
  let admin: Session;
  let viewer: Session;
  const org: Record<string, string> = {};
  const place: Record<string, string> = {};
  let alertId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, admin, viewer] = await Promise.all([
      t.login('partner'),
      t.login('coordinator'),
      t.login('regional_coordinator'),
      t.login('admin'),
      t.login('viewer'),
    ]);
    for (const o of await t.database.db.selectFrom('organisations').select(['id', 'acronym']).execute()) org[o.acronym] = o.id;
    for (const l of await t.database.db.selectFrom('localities').select(['id', 'name']).execute()) place[l.name] = l.id;
    const alert = await t.database.db
      .insertInto('alerts')
      .values({
        code: 'ALR-2025-0042',
        shock_type: 'armed_conflict',
        shock_date: '2025-11-20',
        alert_date: '2025-11-22',
        host_locality_id: place['Sévaré']!,
        households: 600,
        persons: 3600,
        population_group: 'idp',
        status: 'validated',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    alertId = alert.id;
  });
  afterAll(() => t.close());

  const upload = async (session: Session, query: string, fileName: string, content: Buffer | string, language = 'fr') => {
    const body = multipartFile(fileName, content);
    return t.request(session, { method: 'POST', url: `/api/v1/responses/import?${query}`, payload: body.payload, headers: { ...body.headers, 'accept-language': language } });
  };
  const countOf = async (organisation: string) =>
    Number((await t.database.db.selectFrom('responses').select((eb) => eb.fn.countAll().as('n')).where('organisation_id', '=', org[organisation]!).executeTakeFirstOrThrow()).n);

  it('takes a partner from the template to a committed month: mistakes reported row by row, fixed, committed, idempotent', async () => {
    const february = { period: '2026-02', sector: 'secal', activity: 'Distribution de vivres', localityId: place['Sévaré'], status: 'ongoing', startDate: '2026-02-01', householdsTargeted: 500, householdsReached: 420, alertIds: [alertId] };
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: february })).statusCode).toBe(201);
    const finished = { ...february, sector: 'abris_ame', activity: 'Kits AME', status: 'completed', endDate: '2026-02-20', alertIds: [] };
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload: finished })).statusCode).toBe(201);

    const download = await t.request(partner, { method: 'GET', url: '/api/v1/responses/template?period=2026-03' });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('spreadsheetml');
    expect(download.headers['content-disposition']).toContain('5W-NRC-2026-03.xlsx');
    const workbook = await workbookOf(download.rawPayload);
    const sheet = workbook.worksheets[0]!;
    const col = columnsOf(sheet);
    expect([...col.keys()].slice(0, 7)).toEqual(['Identifiant', 'Mois de rapportage', 'Organisation', 'Partenaire de mise en œuvre', 'Bailleur', 'Secteur', 'Activité']);
    expect(sheet.getRow(2).getCell(col.get('Identifiant')!).value).toBe('#meta+id');
    expect(sheet.getRow(2).getCell(col.get('Ménages atteints')!).value).toBe('#reached+hh');
    // Only February's activity still running is carried over, as a new March record (no id).
    expect(sheet.rowCount).toBe(3);
    const carried = sheet.getRow(3);
    expect(carried.getCell(col.get('Identifiant')!).value).toBeNull();
    expect(carried.getCell(col.get('Mois de rapportage')!).value).toBe('2026-03');
    expect(carried.getCell(col.get('Secteur')!).value).toBe('Sécurité alimentaire');
    expect(carried.getCell(col.get('Localité')!).value).toBe('Sévaré');
    expect(carried.getCell(col.get('Alertes liées')!).value).toBe('ALR-2025-0042');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    const letter = (header: string) => sheet.getColumn(col.get(header)!).letter;
    expect(validations[`${letter('Secteur')}3`]).toMatchObject({ type: 'list', errorStyle: 'stop' });
    expect(validations[`${letter('Statut')}3`]).toMatchObject({ type: 'list' });
    expect(validations[`${letter('Localité')}3`]).toMatchObject({ type: 'list', errorStyle: 'warning' });
    expect(workbook.getWorksheet('listes')!.state).toBe('hidden');

    // The partner fills it in Excel: updates the carried row, adds three, with mistakes.
    carried.getCell(col.get('Ménages atteints')!).value = 480;
    const fill = (row: number, values: Record<string, ExcelJS.CellValue>) => {
      for (const [header, value] of Object.entries(values)) sheet.getRow(row).getCell(col.get(header)!).value = value;
    };
    fill(4, { Secteur: 'Santee', Activité: 'Clinique mobile', Localité: 'Sevarre', Statut: 'En cours', 'Date de début': '05/03/2026', 'Ménages ciblés': 200 });
    fill(5, { Organisation: 'IRC', Secteur: 'EHA', Activité: 'Forages', Localité: 'Bankass', Statut: 'Planifiée', 'Date de début': '10/03/2026', 'Date de fin': '01/03/2026' });
    fill(6, { Secteur: 'Protection', Activité: 'Gestion de cas', Localité: 'Koro', Statut: 'En cours', 'Date de début': '31/02/2026' });
    const withMistakes = await bufferOf(workbook);

    // The upload form sends the month the template was made for; rows the partner added leave it blank.
    const month = 'period=2026-03';
    const preview = await upload(partner, `dryRun=true&${month}`, '5W-NRC-2026-03.xlsx', withMistakes);
    expect(preview.statusCode).toBe(200);
    const report = preview.json<Report>();
    expect(report).toMatchObject({ dryRun: true, committed: false, canCommit: false, rows: 4, valid: 1, invalid: 3 });
    expect(report.plan).toEqual({ create: 1, update: 0, unchanged: 0, refused: 3 });
    const errors = report.issues.filter((i) => i.severity === 'error').map((i) => `${String(i.row)} ${String(i.column)} ${i.code}`);
    // A row whose cells do not parse is not checked further: the place of row 4 is checked once its sector is fixed.
    expect(errors.sort()).toEqual(['4 sector enum_did_you_mean', '5 endDate end_before_start', '5 organisation organisation_not_allowed', '6 startDate date_impossible']);
    const sectorIssue = report.issues.find((i) => i.row === 4)!;
    expect(sectorIssue.suggestions).toContain('Santé');
    expect(sectorIssue.message).toContain('Vouliez-vous dire « Santé »');
    expect(report.issues.find((i) => i.row === 5 && i.code === 'organisation_not_allowed')!.message).toBe(
      'Vous ne pouvez déclarer que les activités de votre organisation, pas celles de IRC.',
    );

    const refused = await upload(partner, `dryRun=false&${month}`, '5W-NRC-2026-03.xlsx', withMistakes);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('import_invalid');
    expect(refused.json().report.invalid).toBe(3);
    expect(await countOf('NRC')).toBe(2);

    fill(4, { Secteur: 'Santé' });
    const secondTry = (await upload(partner, `dryRun=true&${month}`, 'x.xlsx', await bufferOf(workbook))).json<Report>();
    const place4 = secondTry.issues.find((i) => i.row === 4)!;
    expect([place4.column, place4.code, place4.suggestions[0]]).toEqual(['localityName', 'place_did_you_mean', 'Sévaré']);

    fill(4, { Localité: 'Sévaré' });
    fill(5, { Organisation: null, 'Date de fin': '30/06/2026' });
    fill(6, { 'Date de début': '28/02/2026' });
    const fixed = await bufferOf(workbook);
    const clean = (await upload(partner, `dryRun=true&${month}`, 'x.xlsx', fixed)).json<Report>();
    expect(clean.canCommit).toBe(true);
    expect(clean.plan).toEqual({ create: 4, update: 0, unchanged: 0, refused: 0 });
    // Row 6 started before March and has no end: saved, with a warning only if it does not cover March (it does).
    expect(clean.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const committed = await upload(partner, `dryRun=false&${month}`, 'x.xlsx', fixed);
    expect(committed.statusCode).toBe(200);
    expect(committed.json()).toMatchObject({ committed: true, plan: { create: 4, update: 0, unchanged: 0, refused: 0 } });
    expect(await countOf('NRC')).toBe(6);
    const march = (await t.request(partner, { method: 'GET', url: '/api/v1/responses?period=2026-03&sort=locality' })).json();
    expect(march.items.map((r: { locality: { name: string }; sector: string }) => `${r.locality.name} ${r.sector}`)).toEqual([
      'Bankass eha',
      'Koro protection',
      'Sévaré sante',
      'Sévaré secal',
    ]);
    const food = march.items.find((r: { sector: string }) => r.sector === 'secal');
    expect(food).toMatchObject({ householdsReached: 480, householdsTargeted: 500, alerts: [{ id: alertId, code: 'ALR-2025-0042' }], organisation: { acronym: 'NRC' } });

    const again = (await upload(partner, `dryRun=false&${month}`, 'x.xlsx', fixed)).json<Report>();
    expect(again.plan).toEqual({ create: 0, update: 0, unchanged: 4, refused: 0 });
    expect(await countOf('NRC')).toBe(6);

    const audit = (await t.request(admin, { method: 'GET', url: '/api/v1/audit?entity=response_import' })).json();
    expect(audit.items.map((e: { after: { create: number; unchanged: number } }) => [e.after.create, e.after.unchanged])).toEqual([
      [0, 4],
      [4, 0],
    ]);
    const recordAudit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=response&id=${food.id}` })).json();
    expect(recordAudit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('reports in English when the user works in English', async () => {
    const csv = 'Sector,Activity,Locality,Status,Start date\nHealth,Mobile clinic,Sevare,Ongoing,2026-03-99\n';
    const report = (await upload(partner, 'dryRun=true&period=2026-03', 'en.csv', csv, 'en')).json<Report>();
    expect(report.issues.map((i) => i.message)).toEqual(['The date "2026-03-99" does not exist.']);
  });

  it('reads the messy hand-kept workbook: merged headers, blank rows, accents, mixed dates, spaces in numbers', async () => {
    const report = (await upload(coordinator, 'dryRun=true', 'messy.xlsx', fs.readFileSync(messyFixture))).json<Report>();
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(report).toMatchObject({ rows: 4, valid: 4, canCommit: true, plan: { create: 4, update: 0, unchanged: 0, refused: 0 } });
    const committed = await upload(coordinator, 'dryRun=false', 'messy.xlsx', fs.readFileSync(messyFixture));
    expect(committed.statusCode).toBe(200);
    const ids = (committed.json<Report>()).outcomes.map((o) => o.id!);
    const records = await Promise.all(ids.map(async (id) => (await t.request(coordinator, { method: 'GET', url: `/api/v1/responses/${id}` })).json()));
    const [food, water, shelter, protection] = records;
    expect(food).toMatchObject({
      period: '2026-03',
      organisation: { acronym: 'NRC' },
      sector: 'secal',
      locality: { name: 'Sévaré', adm1Pcode: 'ML05' },
      status: 'ongoing',
      startDate: '2026-03-02',
      endDate: '2026-05-31',
      householdsTargeted: 1200,
      householdsReached: 950,
      personsReached: 5000,
      reachedBySexAge: { girls: 1500, boys: 1400, women: 1200, men: 900, olderWomen: null, olderMen: null },
      budget: 12_500_000,
    });
    expect(water).toMatchObject({ organisation: { acronym: 'NRC' }, sector: 'eha', locality: { name: 'Djenné' }, status: 'planned', startDate: '2026-03-15', endDate: '2026-06-30', budget: 2_500_000.5 });
    expect(shelter).toMatchObject({ organisation: { acronym: 'ACTED' }, sector: 'abris_ame', locality: { name: 'Ségou', adm1Pcode: 'ML04' }, status: 'completed', endDate: '2026-03-31', personsReached: 420 });
    expect(protection).toMatchObject({ sector: 'protection', locality: { name: 'Tombouctou' }, startDate: '2026-03-01', endDate: null, householdsReached: 45 });
  });

  it('exports any filtered view as XLSX, CSV and HXL that import back unchanged', async () => {
    const view = 'period=2026-03&organisationId=' + org.NRC;
    const listed = (await t.request(coordinator, { method: 'GET', url: `/api/v1/responses?${view}` })).json();
    expect(listed.total).toBeGreaterThanOrEqual(5);
    for (const format of ['xlsx', 'csv', 'hxl'] as const) {
      const exported = await t.request(coordinator, { method: 'GET', url: `/api/v1/responses/export?format=${format}&${view}`, headers: { 'accept-language': format === 'csv' ? 'fr' : 'en' } });
      expect(exported.statusCode).toBe(200);
      if (format === 'hxl') expect(exported.body.split('\r\n')[1]).toMatch(/^#meta\+id,#date\+reported,#org\+prog/);
      const report = (await upload(coordinator, 'dryRun=true', `export.${format === 'xlsx' ? 'xlsx' : 'csv'}`, exported.rawPayload)).json<Report>();
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.plan).toEqual({ create: 0, update: 0, unchanged: listed.total, refused: 0 });
    }
    expect((await t.request(viewer, { method: 'GET', url: `/api/v1/responses/export?${view}` })).statusCode).toBe(403);
  });

  it('updates by record id, refuses unknown ids, locked months and places outside a regional coordinator’s regions', async () => {
    const view = `period=2026-03&organisationId=${org.NRC!}&q=${encodeURIComponent('Distribution de vivres')}`;
    const [one] = (await t.request(coordinator, { method: 'GET', url: `/api/v1/responses?${view}` })).json().items;
    const exported = await t.request(coordinator, { method: 'GET', url: `/api/v1/responses/export?format=csv&${view}` });
    const csv = exported.body.replace(/;480;/, ';490;');
    const update = (await upload(coordinator, 'dryRun=false', 'update.csv', csv)).json<Report>();
    expect(update.plan).toMatchObject({ update: 1, create: 0 });
    expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/responses/${one.id}` })).json()).toMatchObject({ householdsReached: 490, version: one.version + 1 });

    const unknownId = (await upload(coordinator, 'dryRun=true', 'u.csv', csv.replace(one.id, '00000000-0000-4000-8000-000000000000'))).json<Report>();
    expect(unknownId.issues.map((i) => i.code)).toEqual(['record_unknown']);

    expect((await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-03', payload: { locked: true, version: 0 } })).statusCode).toBe(200);
    const changed = csv.replace(';490;', ';495;');
    const locked = (await upload(coordinator, 'dryRun=true', 'locked.csv', changed)).json<Report>();
    expect(locked.issues.map((i) => [i.code, i.message])).toEqual([['period_locked', 'Le mois 2026-03 est verrouillé par la coordination : cette ligne ne peut pas être enregistrée.']]);
    expect((await upload(coordinator, 'dryRun=false', 'locked.csv', changed)).statusCode).toBe(422);
    const byAdmin = (await upload(admin, 'dryRun=false', 'locked.csv', changed)).json<Report>();
    expect(byAdmin.plan).toMatchObject({ update: 1 });
    expect((await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-03', payload: { locked: false, version: 1 } })).statusCode).toBe(200);

    const elsewhere = 'Mois,Organisation,Secteur,Activité,Localité,Statut,Date de début\n2026-03,IRC,Santé,Clinique,Gao,En cours,01/03/2026\n2026-03,IRC,Santé,Clinique,Mopti,En cours,01/03/2026\n';
    const regionalReport = (await upload(regional, 'dryRun=true', 'r.csv', elsewhere)).json<Report>();
    expect(regionalReport.issues.map((i) => [i.row, i.code])).toEqual([[2, 'region_not_allowed']]);
    expect(regionalReport.plan).toMatchObject({ create: 1, refused: 1 });
    expect((await upload(viewer, 'dryRun=true', 'r.csv', elsewhere)).statusCode).toBe(403);
  });

  it('reads counts an English-locale spreadsheet wrote as 3,855 and warns of a commune the locality is not in', async () => {
    const csv = [
      'Reporting month,Sector,Activity,Commune,Locality,Status,Start date,Households targeted,Persons targeted',
      '2026-04,Health,Mobile clinic,Korro,Koro,Ongoing,2026-04-01,"3,855","21,002"',
      '2026-04,Protection,Case management,Koro,Koro,Ongoing,2026-04-01,120,640',
    ].join('\n');
    const report = (await upload(partner, 'dryRun=true', 'en.csv', csv, 'en')).json<Report>();
    expect(report.canCommit).toBe(true);
    expect(report.issues.map((i) => [i.row, i.column, i.code, i.severity, i.suggestions])).toEqual([[2, 'adm3Name', 'place_area_mismatch', 'warning', ['Koro']]]);
    expect(report.issues[0]!.message).toBe('Locality "Koro" is recorded in "Koro", not in "Korro": check this name; the locality is kept.');
    const committed = (await upload(partner, 'dryRun=false', 'en.csv', csv, 'en')).json<Report>();
    const health = (await t.request(partner, { method: 'GET', url: `/api/v1/responses/${committed.outcomes[0]!.id!}` })).json();
    expect(health).toMatchObject({ householdsTargeted: 3855, personsTargeted: 21002 });
  });

  it('takes back a locked month’s own export unchanged (a lock forbids changes, not unchanged rows) and lists problems in row order', async () => {
    const view = `period=2026-04&organisationId=${org.NRC!}`;
    const listed = (await t.request(partner, { method: 'GET', url: `/api/v1/responses?${view}` })).json();
    expect(listed.total).toBe(2);
    const exported = (await t.request(partner, { method: 'GET', url: `/api/v1/responses/export?format=csv&${view}`, headers: { 'accept-language': 'fr' } })).body;
    expect((await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-04', payload: { locked: true, version: 0 } })).statusCode).toBe(200);

    const again = (await upload(partner, 'dryRun=false', 'export.csv', exported)).json<Report>();
    expect(again).toMatchObject({ committed: true, plan: { create: 0, update: 0, unchanged: 2, refused: 0 }, issues: [] });

    // One changed row and one added row of the locked month are refused, each at its row, in file order.
    const [header, ...lines] = exported.trim().split('\r\n');
    const health = lines.find((l) => l.includes('Mobile clinic'))!;
    const protection = lines.find((l) => l.includes(';640;'))!;
    const changed = [header, health, protection.replace(';640;', ';650;'), health.replace(/^[^;]*;/, ';').replace('Mobile clinic', 'Fixed clinic')].join('\n');
    const locked = (await upload(partner, 'dryRun=true', 'export.csv', changed)).json<Report>();
    expect(locked.issues.map((i) => [i.row, i.code])).toEqual([
      [3, 'period_locked'],
      [4, 'period_locked'],
    ]);
    expect(locked.plan).toMatchObject({ unchanged: 1, refused: 2 });
    expect((await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-04', payload: { locked: false, version: 1 } })).statusCode).toBe(200);
  });

  it('takes back its own template unchanged without a warning: planned activities ahead, activities that ended are not carried', async () => {
    const base = { sector: 'eha', localityId: place['Bankass'], startDate: '2026-05-01', householdsTargeted: 100 };
    const records = [
      { ...base, period: '2026-05', activity: 'Forages planifiés', status: 'planned', startDate: '2026-07-01' },
      { ...base, period: '2026-05', activity: 'Latrines', status: 'ongoing', endDate: '2026-05-20' },
      { ...base, period: '2026-05', activity: 'Kits hygiène', status: 'ongoing' },
    ];
    for (const payload of records) expect((await t.request(partner, { method: 'POST', url: '/api/v1/responses', payload })).statusCode).toBe(201);
    for (const period of ['2026-05', '2026-06']) {
      const template = await t.request(partner, { method: 'GET', url: `/api/v1/responses/template?period=${period}` });
      const report = (await upload(partner, `dryRun=true&period=${period}`, 'template.xlsx', template.rawPayload)).json<Report>();
      expect(report.issues).toEqual([]);
      // May: its three records and April's two still running; June: May's two still running.
      expect(report.rows).toBe(period === '2026-05' ? 5 : 2);
    }
  });

  it('shows the progress of an import to the user who runs it', async () => {
    const key = 'progress-test-key-1';
    await upload(coordinator, `dryRun=true&progressKey=${key}`, 'messy.xlsx', fs.readFileSync(messyFixture));
    const progress = await t.request(coordinator, { method: 'GET', url: `/api/v1/import-progress/${key}` });
    expect(progress.json()).toMatchObject({ stage: 'done', rowsRead: 4 });
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/import-progress/${key}` })).statusCode).toBe(404);
  });
});
