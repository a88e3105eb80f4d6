import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('harmonised packages and methods on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let coordinator: Session;
  let regional: Session;
  let viewer: Session;
  let sevare: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, viewer] = await Promise.all([
      t.login('partner'),
      t.login('coordinator'),
      t.login('regional_coordinator'),
      t.login('viewer'),
    ]);
    sevare = (await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050109007').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const foodBasket = {
    sector: 'secal',
    name: 'Transfert monétaire mensuel (PMA)',
    phase: 'post_rrm',
    modality: 'cash',
    components: [{ item: 'Transfert monétaire', quantity: 1, unit: 'versement' }],
    transferValueXof: 75_000,
    recurring: true,
    durationMonths: 3,
    frequency: 'monthly',
    targeting: 'Ménages déplacés de moins de 12 mois, vulnérabilité HEA',
    references: 'Sphère — sécurité alimentaire, standard 1; note du cluster SécAl 2026',
  };
  const post = (s: Session, url: string, payload: Record<string, unknown>) => t.request(s, { method: 'POST', url, payload });

  it('runs the lifecycle: a focal point proposes, the coordinator endorses with a date, 409 on stale edits, audited', async () => {
    expect((await post(partner, '/api/v1/packages', foodBasket)).statusCode).toBe(403);
    // A regional coordinator proposes only in the sectors they follow as cluster focal point.
    const refused = await post(regional, '/api/v1/packages', foodBasket);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('package_not_focal_point');
    const regionalUser = await t.database.db.selectFrom('users').select('id').where('role', '=', 'regional_coordinator').executeTakeFirstOrThrow();
    await t.database.db.insertInto('sector_focal_points').values({ user_id: regionalUser.id, sector: 'secal' }).execute();

    const created = await post(regional, '/api/v1/packages', foodBasket);
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft).toMatchObject({ status: 'draft', revision: 1, version: 1, transferValueXof: 75_000, can: { edit: true, propose: true, endorse: false } });
    // Drafts are the proposers' work in progress: partners do not see them.
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/packages/${draft.id}` })).statusCode).toBe(404);

    const edited = await t.request(regional, {
      method: 'PUT',
      url: `/api/v1/packages/${draft.id}`,
      payload: { ...foodBasket, transferValueXof: 80_000, version: 1 },
    });
    expect(edited.json()).toMatchObject({ transferValueXof: 80_000, version: 2 });
    const stale = await t.request(coordinator, { method: 'PUT', url: `/api/v1/packages/${draft.id}`, payload: { ...foodBasket, version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { transferValueXof: 80_000 } });

    const proposed = (await post(regional, `/api/v1/packages/${draft.id}/propose`, { version: 2 })).json();
    expect(proposed).toMatchObject({ status: 'proposed', version: 3 });
    expect((await post(regional, `/api/v1/packages/${draft.id}/endorse`, { version: 3, endorsedBy: 'cluster', endorsedOn: '2026-03-10' })).statusCode).toBe(
      403,
    );
    const endorsed = await post(coordinator, `/api/v1/packages/${draft.id}/endorse`, { version: 3, endorsedBy: 'cluster', endorsedOn: '2026-03-10' });
    expect(endorsed.statusCode).toBe(200);
    expect(endorsed.json()).toMatchObject({
      status: 'endorsed',
      endorsement: { by: 'cluster', on: '2026-03-10', decision: null },
      can: { edit: false, revise: true },
    });
    expect((await t.request(coordinator, { method: 'PUT', url: `/api/v1/packages/${draft.id}`, payload: { ...foodBasket, version: 4 } })).json().code).toBe(
      'package_not_editable',
    );
    expect((await post(coordinator, `/api/v1/packages/${draft.id}/propose`, { version: 4 })).json().code).toBe('package_status_transition');

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('entity', '=', 'package')
      .where('entity_id', '=', draft.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update', 'update']);
  });

  it('keeps versions: a new version is a draft copy, its endorsement supersedes the old one, compared side by side', async () => {
    const v1 = (await t.request(partner, { method: 'GET', url: '/api/v1/packages?sector=secal&status=endorsed' })).json().items[0];
    const v2 = await post(coordinator, `/api/v1/packages/${v1.id}/revise`, { version: v1.version });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ seriesId: v1.id, revision: 2, status: 'draft', transferValueXof: 80_000 });
    expect((await post(coordinator, `/api/v1/packages/${v1.id}/revise`, { version: v1.version })).json().code).toBe('package_revision_open');
    await t.request(coordinator, {
      method: 'PUT',
      url: `/api/v1/packages/${v2.json().id}`,
      payload: { ...foodBasket, transferValueXof: 85_000, durationMonths: 6, version: 1 },
    });
    await post(coordinator, `/api/v1/packages/${v2.json().id}/propose`, { version: 2 });
    const endorsed = (await post(coordinator, `/api/v1/packages/${v2.json().id}/endorse`, { version: 3, endorsedBy: 'iccg', endorsedOn: '2026-06-02' })).json();
    expect(endorsed.status).toBe('endorsed');
    const versions = (await t.request(partner, { method: 'GET', url: `/api/v1/packages/${v1.id}/versions` })).json().items;
    expect(versions.map((v: { revision: number; status: string; transferValueXof: number }) => [v.revision, v.status, v.transferValueXof])).toEqual([
      [1, 'superseded', 80_000],
      [2, 'endorsed', 85_000],
    ]);
    const current = (await t.request(viewer, { method: 'GET', url: '/api/v1/packages?current=true' })).json();
    expect(current.items.map((p: { revision: number }) => p.revision)).toEqual([2]);
  });

  it('holds methods with the same lifecycle, listed per sector', async () => {
    const method = await post(coordinator, '/api/v1/methods', {
      sector: 'eha',
      name: 'Suivi post-distribution des kits d’hygiène',
      methodType: 'pdm',
      phase: 'post_rrm',
      description: '1. Échantillon de 10 % des ménages…',
      documentUrl: 'https://example.org/cluster-eha/pdm.pdf',
    });
    expect(method.statusCode).toBe(201);
    expect(
      (await post(coordinator, '/api/v1/methods', { sector: 'eha', name: 'x', methodType: 'pdm', phase: 'rrm', documentUrl: 'javascript:alert(1)' }))
        .statusCode,
    ).toBe(400);
    await post(coordinator, `/api/v1/methods/${method.json().id}/propose`, { version: 1 });
    await post(coordinator, `/api/v1/methods/${method.json().id}/endorse`, { version: 2, endorsedBy: 'cluster', endorsedOn: '2026-04-01' });
    const list = (await t.request(partner, { method: 'GET', url: '/api/v1/methods?sector=eha' })).json();
    expect(list.items.map((m: { name: string; status: string; methodType: string }) => [m.name, m.status, m.methodType])).toEqual([
      ['Suivi post-distribution des kits d’hygiène', 'endorsed', 'pdm'],
    ]);
    // Methods are not packages.
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/packages/${method.json().id}` })).statusCode).toBe(404);
  });

  it('exports packages as XLSX, CSV and HXL', async () => {
    const xlsx = await t.request(partner, { method: 'GET', url: '/api/v1/packages/export?format=xlsx&lang=fr' });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(3).value).toBe('Nom');
    expect(sheet.getRow(2).getCell(1).value).toBe('#meta+id');
    const hxl = await t.request(partner, { method: 'GET', url: '/api/v1/packages/export?format=hxl&lang=en' });
    const lines = hxl.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[1]).toContain('#value+transfer+xof');
    expect(lines.slice(2).map((l) => l.split(',')[4])).toEqual(['Superseded', 'Endorsed']);
    const csv = await t.request(partner, { method: 'GET', url: '/api/v1/methods/export?format=csv&lang=fr' });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Suivi post-distribution (PDM)');
  });

  it('lets a partner report a month of 5W against the package, by form and from the Excel template, and shows who falls short', async () => {
    const pkg = (await t.request(partner, { method: 'GET', url: '/api/v1/packages?sector=secal&status=endorsed' })).json().items[0];
    const response = (households: number, extra: Record<string, unknown> = {}) => ({
      period: '2026-06',
      sector: 'secal',
      activity: `Transfert monétaire ${households}`,
      localityId: sevare,
      status: 'ongoing',
      startDate: '2026-06-02',
      endDate: '2026-08-31',
      householdsReached: households,
      personsReached: households * 6,
      modality: 'cash',
      ...extra,
    });
    const byForm = await post(partner, '/api/v1/responses', response(300, { packageId: pkg.id }));
    expect(byForm.statusCode).toBe(201);
    expect(byForm.json()).toMatchObject({ packageRef: { id: pkg.id, revision: 2 }, deliveredValueXof: null, missingComponents: [] });
    // Another sector's package, or one not endorsed, is refused.
    expect((await post(partner, '/api/v1/responses', response(10, { sector: 'eha', packageId: pkg.id }))).json().code).toBe('package_sector_mismatch');
    const draft = (await post(coordinator, '/api/v1/packages', { ...foodBasket, name: 'Brouillon' })).json();
    expect((await post(partner, '/api/v1/responses', response(10, { packageId: draft.id }))).json().code).toBe('package_unknown');
    expect((await post(partner, '/api/v1/responses', response(100))).statusCode).toBe(201);

    // The template offers the endorsed packages in a drop-down; the partner picks one and records what was given.
    const template = await t.request(partner, { method: 'GET', url: '/api/v1/responses/template?period=2026-06&lang=fr' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const col = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, index) => col.set(cell.text, index));
    const lists = workbook.getWorksheet('listes')!;
    const offered: unknown[] = [];
    lists.eachRow((row) => row.eachCell((cell) => offered.push(cell.value)));
    expect(offered).toContain('Transfert monétaire mensuel (PMA) (v2)');
    expect(offered).not.toContain('Transfert monétaire mensuel (PMA) (v1)');
    const validations = (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations[`${sheet.getColumn(col.get('Paquet')!).letter}3`]).toMatchObject({ type: 'list' });
    const row = sheet.rowCount + 1;
    const fill = (values: Record<string, ExcelJS.CellValue>) => {
      for (const [header, value] of Object.entries(values)) sheet.getRow(row).getCell(col.get(header)!).value = value;
    };
    fill({
      Secteur: 'Sécurité alimentaire',
      Activité: 'Transfert monétaire Sévaré',
      Paquet: 'Transfert monétaire mensuel (PMA) (v2)',
      Localité: 'Sévaré',
      Statut: 'En cours',
      'Date de début': '2026-06-05',
      'Ménages atteints': 200,
      'Valeur remise par ménage (FCFA)': 60_000,
      'Composantes non remises': 'Transfert monétaire',
    });
    const form = multipartFile('5W.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    const imported = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses/import?dryRun=false&period=2026-06',
      payload: form.payload,
      headers: form.headers,
    });
    expect(imported.json()).toMatchObject({ committed: true, plan: { create: 1 } });

    expect((await t.request(partner, { method: 'GET', url: '/api/v1/packages/conformity' })).statusCode).toBe(403);
    const report = (await t.request(coordinator, { method: 'GET', url: '/api/v1/packages/conformity?from=2026-06&to=2026-06&sector=secal' })).json();
    expect(report.cells).toEqual([
      {
        sector: 'secal',
        regionPcode: 'ML05',
        regionName: 'Mopti',
        period: '2026-06',
        households: 600,
        withPackage: 500,
        following: 300,
        responses: 2,
        deviating: 1,
      },
    ]);
    expect(report.sectors).toEqual([{ sector: 'secal', households: 600, withPackage: 500, following: 300, deviating: 1 }]);
    expect(report.deviating).toHaveLength(1);
    expect(report.deviating[0]).toMatchObject({
      households: 200,
      deliveredValueXof: 60_000,
      deviation: { valueShortfall: 0.294, durationShortfallMonths: 0, missingComponents: ['Transfert monétaire'], follows: false },
    });
    // Donors read the per-sector share on the dashboard, nothing about organisations or records.
    const summary = (await t.request(viewer, { method: 'GET', url: '/api/v1/packages/conformity/summary?from=2026-06&to=2026-06' })).json();
    expect(summary).toEqual({
      from: '2026-06',
      to: '2026-06',
      sectors: expect.arrayContaining([{ sector: 'secal', households: 600, withPackage: 500, following: 300, deviating: 1 }]),
    });
    expect(summary.deviating).toBeUndefined();
    expect(report.usage).toEqual([
      { organisation: 'NRC', packageId: pkg.id, packageName: pkg.name, revision: 2, sector: 'secal', responses: 2, households: 500, deviating: 1 },
    ]);

    // The 5W export writes the package as the template does, so the file imports back unchanged.
    const exported = await t.request(coordinator, { method: 'GET', url: '/api/v1/responses/export?format=csv&period=2026-06&lang=fr' });
    expect(exported.body).toContain('Transfert monétaire mensuel (PMA) (v2)');
  });
});
