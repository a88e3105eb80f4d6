import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertImportResult } from '../../../shared/contracts/alerts.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';

/*
 * An RRM alert form in KoBoToolbox, exported as CSV with "XML values and headers": ";" between
 * fields and every value quoted (KoBo's CSV export; the API's default separator is ";"), group
 * paths joined by "/", the needs a "select multiple" exported as one space-separated column plus
 * one 0/1 column per choice, the form's meta questions first and the submission's columns last
 * (https://rdrr.io/cran/KoboconnectR/man/kobo_export_create.html, kobo_df_download).
 */
const needChoices = ['secal', 'eha', 'abris_ame', 'sante', 'protection'];
const koboHeader = [
  'start',
  'end',
  'today',
  'deviceid',
  'grp_alerte/date_alerte',
  'grp_alerte/org',
  'grp_choc/type_choc',
  'grp_choc/date_choc',
  'grp_lieu/admin1',
  'grp_lieu/admin2',
  'grp_lieu/village',
  'grp_lieu/village_pcode',
  'grp_pop/type_population',
  'grp_pop/nb_menages',
  'grp_pop/nb_personnes',
  'grp_pop/provenance',
  'grp_besoins/besoins',
  ...needChoices.map((c) => `grp_besoins/besoins/${c}`),
  'commentaires',
  '_id',
  '_uuid',
  '_submission_time',
  '_validation_status',
  '_notes',
  '_status',
  '_submitted_by',
  '__version__',
  '_tags',
  '_index',
];

function koboCsvRow(index: number, cells: Record<string, string>): string {
  const needs = (cells.needs ?? '').split(' ');
  const values = [
    `2026-05-0${index}T07:40:00.000+00:00`,
    `2026-05-0${index}T07:55:13.000+00:00`,
    `2026-05-0${index}`,
    `collect:Ra9${index}Kd1`,
    cells.alertDate!,
    cells.org!,
    cells.shock!,
    cells.shockDate!,
    cells.admin1!,
    cells.admin2!,
    cells.village!,
    cells.pcode ?? '',
    cells.group!,
    cells.households!,
    cells.persons!,
    cells.origin ?? '',
    cells.needs ?? '',
    ...needChoices.map((c) => (needs.includes(c) ? '1' : '0')),
    cells.comments ?? '',
    String(31_774_000 + index),
    `0f6e3c52-9d1b-4a7e-8f2c-${String(index).padStart(12, '0')}`,
    `2026-05-0${index}T08:02:40`,
    '',
    '[]',
    'submitted_via_web',
    'si_mopti',
    'aXq8fJ2vLk9mN3pRs7tUw4',
    '[]',
    String(index),
  ];
  return values.map((v) => `"${v.replace(/"/g, '""')}"`).join(';');
}

describe.each(databaseKinds)('alert import of KoBoToolbox and ActivityInfo exports on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    coordinator = await t.login('coordinator');
  });
  afterAll(() => t.close());

  const upload = async (fileName: string, content: Buffer | string, dryRun: boolean, language = 'fr') => {
    const body = multipartFile(fileName, content);
    return t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/alerts/import?dryRun=${dryRun}`,
      payload: body.payload,
      headers: { ...body.headers, 'accept-language': language },
    });
  };
  const alert = async (id: string) => (await t.request(coordinator, { method: 'GET', url: `/api/v1/alerts/${id}` })).json();
  const needsOf = (a: { msaFindings: { sector: string; need: boolean }[] }) => a.msaFindings.filter((f) => f.need).map((f) => f.sector);

  it('creates alerts from a KoBoToolbox CSV export: group paths, needs as a select multiple, meta and option columns ignored', async () => {
    const csv = [
      koboHeader.map((h) => `"${h}"`).join(';'),
      koboCsvRow(1, {
        alertDate: '2026-05-01',
        org: 'si',
        shock: 'conflit_arme',
        shockDate: '2026-04-29',
        admin1: 'ML05',
        admin2: 'ML0507',
        village: 'Koro',
        pcode: 'ML050711031',
        group: 'pdi',
        households: '212',
        persons: '1270',
        origin: 'Dinangourou; villages de la frontière',
        needs: 'secal abris_ame eha',
        comments: 'Ménages arrivés à pied, hébergés dans l’école',
      }),
      koboCsvRow(2, {
        alertDate: '2026-05-02',
        org: 'si',
        shock: 'inondation',
        shockDate: '2026-05-01',
        admin1: 'ML05',
        admin2: 'ML0505',
        village: 'Djenne',
        group: 'host_community',
        households: '45',
        persons: '260',
        needs: 'abris_ame',
      }),
    ].join('\r\n');

    const preview = await upload('SI_alertes_RRM_-_latest_version_-_False_-_2026-05-03-09-00-00.csv', csv, true);
    expect(preview.statusCode, preview.body).toBe(200);
    const report = preview.json<AlertImportResult>();
    expect(report).toMatchObject({
      format: 'csv',
      delimiter: ';',
      rows: 2,
      valid: 2,
      canCommit: true,
      plan: { create: 2, update: 0, unchanged: 0, refused: 0 },
    });
    expect(report.unknownColumns).toEqual([]);
    expect(report.issues).toEqual([]);
    expect(Object.fromEntries(report.columns.map((c) => [c.key, c.header]))).toEqual({
      alertDate: 'grp_alerte/date_alerte',
      source: 'grp_alerte/org',
      shockType: 'grp_choc/type_choc',
      shockDate: 'grp_choc/date_choc',
      adm1Name: 'grp_lieu/admin1',
      adm2Name: 'grp_lieu/admin2',
      localityName: 'grp_lieu/village',
      localityCode: 'grp_lieu/village_pcode',
      populationGroup: 'grp_pop/type_population',
      households: 'grp_pop/nb_menages',
      persons: 'grp_pop/nb_personnes',
      originText: 'grp_pop/provenance',
      needSectors: 'grp_besoins/besoins',
      description: 'commentaires',
    });

    const committed = await upload('kobo.csv', csv, false);
    expect(committed.statusCode, committed.body).toBe(200);
    const done = committed.json<AlertImportResult>();
    expect(done).toMatchObject({ committed: true, plan: { create: 2, update: 0, unchanged: 0, refused: 0 } });
    const [conflict, flood] = await Promise.all(done.outcomes.map((o) => alert(o.id!)));
    expect(conflict).toMatchObject({
      code: expect.stringMatching(/^ALR-2026-\d{4}$/),
      shockType: 'armed_conflict',
      shockDate: '2026-04-29',
      alertDate: '2026-05-01',
      hostLocality: { name: 'Koro' },
      households: 212,
      persons: 1270,
      populationGroup: 'idp',
      sourceOrganisation: { acronym: 'SI' },
      originText: 'Dinangourou; villages de la frontière',
      status: 'reported',
    });
    expect(needsOf(conflict).sort()).toEqual(['abris_ame', 'eha', 'secal']);
    expect(flood).toMatchObject({ shockType: 'flood', hostLocality: { name: 'Djenné' }, populationGroup: 'host', households: 45 });
    expect(needsOf(flood)).toEqual(['abris_ame']);
  });

  it('creates alerts from an ActivityInfo XLSX export: field labels as headers, needs as comma-separated labels', async () => {
    // ActivityInfo headers are the form's field labels; a multiple selection lists its labels separated by commas
    // (activityinfo.org/support/docs/working-with-data/preparing-the-records-for-import.html).
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('RRM Alerts');
    sheet.addRow([
      'Partner',
      'Shock type',
      'Shock Date',
      'Alert Date',
      'Admin 1',
      'Admin 2',
      'Location',
      'Population group',
      'Households',
      'Individuals',
      'Priority needs',
      'Comments',
    ]);
    sheet.addRow([
      'NRC',
      'Armed conflict',
      new Date(Date.UTC(2026, 4, 10)),
      new Date(Date.UTC(2026, 4, 11)),
      'Mopti',
      'Bankass',
      'Bankass',
      'IDP',
      130,
      780,
      'Food security, Health',
      null,
    ]);
    sheet.addRow(['NRC', 'Armed conflict', '2026-05-12', '2026-05-13', 'Mopti', 'Bandiagara', 'Bandiagra', 'IDP', 60, 350, 'Shelter / NFI', 'Second wave']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());

    const preview = (await upload('RRM_Alerts_export.xlsx', file, true, 'en')).json<AlertImportResult>();
    expect(preview).toMatchObject({ format: 'xlsx', rows: 2, valid: 1, invalid: 1, canCommit: false });
    expect(preview.unknownColumns).toEqual([]);
    // The row report points at the misspelt location, with the nearest place.
    expect(preview.issues.map((i) => [i.row, i.column, i.code, i.suggestions])).toEqual([[3, 'localityName', 'place_did_you_mean', ['Bandiagara']]]);

    sheet.getCell('G3').value = 'Bandiagara';
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    const committed = await upload('RRM_Alerts_export.xlsx', fixed, false, 'en');
    expect(committed.statusCode, committed.body).toBe(200);
    const done = committed.json<AlertImportResult>();
    expect(done.plan).toEqual({ create: 2, update: 0, unchanged: 0, refused: 0 });
    const [first, second] = await Promise.all(done.outcomes.map((o) => alert(o.id!)));
    expect(first).toMatchObject({
      shockDate: '2026-05-10',
      alertDate: '2026-05-11',
      hostLocality: { name: 'Bankass' },
      households: 130,
      persons: 780,
      sourceOrganisation: { acronym: 'NRC' },
    });
    expect(needsOf(first).sort()).toEqual(['sante', 'secal']);
    expect(second).toMatchObject({ hostLocality: { name: 'Bandiagara' }, description: 'Second wave' });
    expect(needsOf(second)).toEqual(['abris_ame']);
  });
});
