import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('capacities on %s', (kind) => {
  let t: TestApp;
  let partner: Session;
  let coordinator: Session;
  let regional: Session;
  let viewer: Session;
  const org: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(kind);
    [partner, coordinator, regional, viewer] = await Promise.all([t.login('partner'), t.login('coordinator'), t.login('regional_coordinator'), t.login('viewer')]);
    for (const o of await t.database.db.selectFrom('organisations').select(['id', 'acronym']).execute()) org[o.acronym] = o.id;
  });
  afterAll(() => t.close());

  const upload = (session: Session, query: string, content: Buffer | string) => {
    const body = multipartFile('capacites.csv', content);
    return t.request(session, { method: 'POST', url: `/api/v1/capacities/import?${query}`, payload: body.payload, headers: body.headers });
  };
  const declare = (session: Session, payload: Record<string, unknown>) => t.request(session, { method: 'POST', url: '/api/v1/capacities', payload });

  it('lets each actor declare its own capacity, once per sector, region and month, audited and versioned', async () => {
    const created = await declare(partner, { period: '2026-03', sector: 'abris_ame', regionPcode: 'ml05', households: 300, fundingStatus: 'partially_funded', stock: '250 kits AME à Sévaré', staff: 12, contactName: 'Awa Touré', contactEmail: 'awa.toure@nrc.example' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ organisation: { acronym: 'NRC' }, region: { pcode: 'ML05', name: 'Mopti' }, households: 300, version: 1 });
    expect((await declare(partner, { period: '2026-03', sector: 'abris_ame', regionPcode: 'ML05', households: 10, fundingStatus: 'funded' })).statusCode).toBe(409);
    expect((await declare(partner, { organisationId: org.IRC, period: '2026-03', sector: 'eha', regionPcode: 'ML05', households: 10, fundingStatus: 'funded' })).statusCode).toBe(403);
    expect((await declare(regional, { organisationId: org.IRC, period: '2026-03', sector: 'eha', regionPcode: 'ML07', households: 10, fundingStatus: 'funded' })).statusCode).toBe(403);
    expect((await declare(regional, { organisationId: org.IRC, period: '2026-03', sector: 'eha', regionPcode: 'ML05', households: 200, fundingStatus: 'funded' })).statusCode).toBe(201);
    const id = created.json().id;
    const edited = await t.request(partner, { method: 'PATCH', url: `/api/v1/capacities/${id}`, payload: { households: 280, version: 1 } });
    expect(edited.json()).toMatchObject({ households: 280, version: 2 });
    expect((await t.request(coordinator, { method: 'PATCH', url: `/api/v1/capacities/${id}`, payload: { households: 1, version: 1 } })).statusCode).toBe(409);
    expect((await t.request(viewer, { method: 'GET', url: '/api/v1/capacities' })).statusCode).toBe(403);
    const list = (await t.request(coordinator, { method: 'GET', url: '/api/v1/capacities?period=2026-03&region=ML05&sort=organisation' })).json();
    expect(list.items.map((c: { organisation: { acronym: string }; sector: string }) => `${c.organisation.acronym} ${c.sector}`)).toEqual(['IRC eha', 'NRC abris_ame']);
  });

  it('sums organisations within a sector per region, sectors side by side', async () => {
    await declare(coordinator, { organisationId: org.PAM, period: '2026-03', sector: 'abris_ame', regionPcode: 'ML05', households: 500, fundingStatus: 'funded' });
    await declare(coordinator, { organisationId: org.CRM, period: '2026-03', sector: 'abris_ame', regionPcode: 'ML07', households: 40, fundingStatus: 'unfunded' });
    const summary = (await t.request(viewer, { method: 'GET', url: '/api/v1/capacities/summary?period=2026-03' })).json();
    expect(summary.regions.map((r: { pcode: string }) => r.pcode)).toEqual(['ML05', 'ML07']);
    const mopti = summary.regions[0];
    expect(mopti.sectors.map((s: { sector: string; organisations: number; households: number }) => [s.sector, s.organisations, s.households])).toEqual([
      ['eha', 1, 200],
      ['abris_ame', 2, 780],
    ]);
    expect(mopti.sectors[1].byFunding).toEqual({ funded: 500, partially_funded: 280, pipeline: 0, unfunded: 0 });
  });

  it('imports from the template: idempotent, region names with suggestions, locked months refused', async () => {
    const template = await t.request(partner, { method: 'GET', url: '/api/v1/capacities/template?period=2026-04' });
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe('#meta+id');
    // March's capacity is carried into April, without an id: a new April capacity.
    expect(sheet.getRow(3).getCell(1).value).toBeNull();
    expect(sheet.getRow(3).getCell(2).value).toBe('2026-04');
    const added = sheet.getRow(4);
    for (const [column, value] of [[2, '2026-04'], [4, 'Santé'], [5, 'Tombouktou'], [7, 150], [8, 'Financé']] as const) added.getCell(column).value = value;
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = (q: string, b: Buffer) => {
      const form = multipartFile('capacites.xlsx', b);
      return t.request(partner, { method: 'POST', url: `/api/v1/capacities/import?${q}`, payload: form.payload, headers: form.headers });
    };
    const preview = (await body('dryRun=true', buffer)).json();
    expect(preview.issues.map((i: { row: number; code: string; suggestions: string[] }) => [i.row, i.code, i.suggestions])).toEqual([[4, 'place_did_you_mean', ['Tombouctou']]]);
    sheet.getRow(4).getCell(5).value = 'Tombouctou';
    const fixed = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await body('dryRun=false', fixed)).json()).toMatchObject({ committed: true, plan: { create: 2, update: 0, unchanged: 0 } });
    expect((await body('dryRun=false', fixed)).json()).toMatchObject({ committed: true, plan: { create: 0, update: 0, unchanged: 2 } });

    expect((await t.request(coordinator, { method: 'PATCH', url: '/api/v1/periods/2026-04', payload: { locked: true, version: 0 } })).statusCode).toBe(200);
    const csv = 'Mois,Secteur,Région,Ménages pouvant encore être couverts,Financement\n2026-04,Protection,Mopti,90,Non financé\n';
    const locked = (await upload(partner, 'dryRun=true', csv)).json();
    expect(locked.issues.map((i: { code: string }) => i.code)).toEqual(['period_locked']);
    expect((await upload(partner, 'dryRun=false', csv)).statusCode).toBe(422);
  });

  it('exports capacities that import back unchanged', async () => {
    const exported = await t.request(coordinator, { method: 'GET', url: '/api/v1/capacities/export?format=hxl' });
    expect(exported.statusCode).toBe(200);
    const total = (await t.request(coordinator, { method: 'GET', url: '/api/v1/capacities?pageSize=500' })).json().total;
    const report = (await upload(coordinator, 'dryRun=true', exported.body)).json();
    expect(report.issues.filter((i: { code: string }) => i.code !== 'period_locked')).toEqual([]);
    expect(report.plan.unchanged + report.plan.refused).toBe(total);
  });
});
