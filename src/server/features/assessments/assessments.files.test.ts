import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/permissions.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { referenceIds } from '../../test/alerts.fixtures.ts';

const header = [
  "Type d'évaluation;Statut;Organisation;Début de collecte;Fin de collecte;Code P localité;Localité;Code P commune;Secteur;Sévérité (1-5);Ménages dans le besoin;Personnes dans le besoin;Constats clés",
  '#meta+type;#status;#org+name;#date+start;#date+end;#loc+code;#loc+name;#adm3+code;#sector;#severity;#inneed+hh;#inneed;#description',
];
const csv = (...rows: string[]) => [...header, ...rows].join('\r\n');

const goodFile = csv(
  'ESM;Réalisée;ACTED;01/04/2026;10/04/2026;ML050000000;Mopti;;Sécurité alimentaire;4;300;1 800;Stocks épuisés, marchés perturbés',
  'ESM;Réalisée;ACTED;01/04/2026;10/04/2026;ML050000000;Mopti;;WASH;3;120;700;',
  // A commune code alone is enough when the commune has one locality.
  'Territoriale;Planifiée;REACH;15/12/2026;;;;ML050201;;;;;',
);

describe.each(databaseKinds)('assessment files on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
  });
  afterAll(() => t.close());

  const upload = async (role: Role, fileName: string, content: Buffer | string, dryRun: boolean, headers: Record<string, string> = {}) => {
    const form = multipartFile(fileName, content);
    return t.request(await t.login(role), { method: 'POST', url: `/api/v1/assessments/import?dryRun=${dryRun}`, payload: form.payload, headers: { ...form.headers, ...headers } });
  };
  const listAt = async (localityId: string) => (await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/assessments?localityId=${localityId}` })).json();

  it('previews, then commits a file of results in one go; the same file again changes nothing', async () => {
    const preview = await upload('coordinator', 'evaluations.csv', goodFile, true);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, committed: false, canCommit: true, rows: 3, plan: { create: 3, update: 0, unchanged: 0, refused: 0 } });
    expect(preview.json().columns.map((c: { matchedBy: string }) => c.matchedBy)).toEqual(Array(13).fill('hxl'));
    expect((await listAt(ids.mopti)).total).toBe(0);

    const committed = await upload('coordinator', 'evaluations.csv', goodFile, false);
    expect(committed.json()).toMatchObject({ committed: true, plan: { create: 3 } });
    const mopti = (await listAt(ids.mopti)).items;
    expect(mopti).toHaveLength(1);
    expect(mopti[0]).toMatchObject({ kind: 'multisector', status: 'done', startDate: '2026-04-01', endDate: '2026-04-10', organisation: { acronym: 'ACTED' } });
    expect(mopti[0].results.map((r: { sector: string; householdsInNeed: number; personsInNeed: number }) => [r.sector, r.householdsInNeed, r.personsInNeed]).sort()).toEqual([
      ['eha', 120, 700],
      ['secal', 300, 1800],
    ]);
    expect((await listAt(ids.bandiagara)).items[0]).toMatchObject({ kind: 'territorial', status: 'planned', organisation: { acronym: 'REACH' }, results: [] });

    const again = await upload('coordinator', 'evaluations.csv', goodFile, false);
    expect(again.json().plan).toEqual({ create: 0, update: 0, unchanged: 3, refused: 0 });
    expect((await listAt(ids.mopti)).items[0].version).toBe(mopti[0].version);

    const corrected = csv('ESM;Réalisée;ACTED;01/04/2026;10/04/2026;ML050000000;Mopti;;WASH;4;150;800;Points d’eau détruits');
    const update = await upload('coordinator', 'correction.csv', corrected, false);
    expect(update.json().plan).toMatchObject({ update: 1, create: 0 });
    const after = (await listAt(ids.mopti)).items[0];
    expect(after.results.find((r: { sector: string }) => r.sector === 'eha')).toMatchObject({ severity: 4, householdsInNeed: 150, findings: 'Points d’eau détruits' });
    expect(after.results.find((r: { sector: string }) => r.sector === 'secal')).toMatchObject({ householdsInNeed: 300 });
    const admin = await t.login('admin');
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=assessment&id=${after.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
  });

  it('refuses a file row by row with clear reasons, and writes nothing', async () => {
    const file = csv(
      'ESM;Réalisée;ACTED;01/05/2026;12/05/2026;;Mopty;;Nutrition;3;50;250;',
      'Impact;Réalisée;ACTED;01/05/2026;12/05/2026;ML040000000;Ségou;;Santé;3;50;250;',
      'Impact;Réalisée;ACTED;01/05/2026;20/05/2026;ML040000000;Ségou;;Protection;2;10;40;',
      'Impact;Réalisée;ACTED;01/05/2026;12/05/2026;ML040000000;Ségou;;Santé;2;10;40;',
      'Territoriale;Planifiée;ACTED;01/12/2026;;ML070000000;Gao;;Éducation;2;;;',
      'Territoriale;Réalisée;ACTED;01/05/2026;;ML070000000;Gao;;Éducation;2;;;',
      'Territoriale;Réalisée;ACTED;01/05/2026;05/05/2026;;;ML0701;;;;;',
    );
    const refused = await upload('coordinator', 'erreurs.csv', file, false);
    expect(refused.statusCode).toBe(422);
    const report = refused.json().report;
    const byRow = (row: number) => report.issues.filter((i: { row: number }) => i.row === row).map((i: { code: string }) => i.code);
    expect(byRow(3)).toEqual(['place_did_you_mean']);
    expect(report.issues.find((i: { row: number }) => i.row === 3).suggestions).toContain('Mopti');
    expect(byRow(4)).toEqual([]);
    expect(byRow(5)).toEqual(['assessment_rows_disagree']);
    expect(byRow(6)).toEqual(['assessment_sector_twice']);
    expect(byRow(7)).toEqual(['assessment_results_too_early']);
    expect(byRow(8)).toEqual(['assessment_end_required']);
    expect(byRow(9)).toEqual(['place_unknown']);
    expect(report.issues.find((i: { row: number }) => i.row === 5).message).toBe(
      "Cette ligne décrit la même évaluation que la ligne 4, mais avec une autre valeur dans « Fin de collecte » : une évaluation a un seul statut, une seule date de fin et un seul titre.",
    );
    expect((await listAt(ids.segou)).total).toBe(0);
    expect((await listAt(ids.gao)).total).toBe(0);
  });

  it("keeps partners to their organisation's assessments", async () => {
    const file = csv('Territoriale;Réalisée;ACTED;01/05/2026;05/05/2026;ML060000000;Tombouctou;;Santé;3;40;200;', 'Territoriale;Réalisée;;01/05/2026;05/05/2026;ML060000000;Tombouctou;;Santé;3;40;200;');
    const preview = (await upload('partner', 'partenaire.csv', file, true)).json();
    expect(preview.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([[3, 'organisation_not_allowed']]);
    expect(preview.plan).toMatchObject({ create: 1, refused: 1 });
    expect((await upload('viewer', 'x.csv', file, true)).statusCode).toBe(403);
  });

  it('keeps regional coordinators to their regions, and says so (not "organisation not allowed")', async () => {
    // The regional coordinator works in Mopti (ML05): a row in Tombouctou is out of region, whatever the organisation.
    const file = csv('Territoriale;Réalisée;ACTED;01/05/2026;05/05/2026;ML060000000;Tombouctou;;Santé;3;40;200;', 'Territoriale;Réalisée;ACTED;01/05/2026;05/05/2026;ML050000000;Mopti;;Santé;3;40;200;');
    const preview = (await upload('regional_coordinator', 'region.csv', file, true)).json();
    expect(preview.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([[3, 'region_not_allowed']]);
    expect(preview.plan).toMatchObject({ create: 1, refused: 1 });
  });

  it('exports assessments as a file that imports back unchanged, in CSV, HXL and XLSX', async () => {
    const viewer = await t.login('viewer');
    const exported = await t.request(viewer, { method: 'GET', url: `/api/v1/assessments/export?format=csv&region=ML05` });
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/^attachment; filename="evaluations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(exported.body).toContain("Type d'évaluation");
    expect(exported.body).toContain('Évaluation multisectorielle');
    const back = (await upload('coordinator', 'export.csv', exported.rawPayload, true)).json();
    expect(back.plan).toMatchObject({ create: 0, update: 0, refused: 0 });
    expect(back.plan.unchanged).toBeGreaterThanOrEqual(3);

    const hxl = await t.request(viewer, { method: 'GET', url: `/api/v1/assessments/export?format=hxl&region=ML05` });
    expect(hxl.body.split('\r\n')[1]).toMatch(/^#meta\+id,#meta\+type,#status,#org\+name/);
    expect((await upload('coordinator', 'export-hxl.csv', hxl.rawPayload, true)).json().plan).toMatchObject({ create: 0, update: 0, refused: 0 });

    const xlsx = await t.request(viewer, { method: 'GET', url: '/api/v1/assessments/export?format=xlsx&region=ML05', headers: { 'accept-language': 'en' } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Assessment type');
    expect(sheet.getRow(2).getCell(2).value).toBe('#meta+type');
    expect((await upload('coordinator', 'export.xlsx', xlsx.rawPayload, true)).json().plan).toMatchObject({ create: 0, update: 0, refused: 0 });
  });
});
