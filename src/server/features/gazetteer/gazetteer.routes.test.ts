import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GazetteerImportResult, Locality } from '../../../shared/contracts/gazetteer.ts';
import { maliCodDir as codDir } from '../../test/reference-data.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

const codFiles = {
  adm1: 'mli_adm1_ocha_cod2015_pcoded.geojson',
  adm2: 'mli_adm2_ocha_cod2015_pcoded.geojson',
  communes: 'mli_cod2015_pcodes_adm3_gazetteer.csv',
  settlements: 'mli_settlements_ocha_cod_pcoded.csv',
};
const codImports = [
  { file: codFiles.adm1, query: 'kind=boundaries&level=1' },
  { file: codFiles.adm2, query: 'kind=boundaries&level=2' },
  { file: codFiles.communes, query: 'kind=communes' },
  { file: codFiles.settlements, query: 'kind=settlements' },
];

/** The settlements file as plain rows, to derive expectations from the data rather than type them in. */
function settlementRows(): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(codDir, codFiles.settlements), 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i], v])));
}

function multipart(fileName: string, content: string | Buffer) {
  const boundary = `relais-${crypto.randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(databaseKinds)('gazetteer on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  const firstImport: GazetteerImportResult[] = [];

  const upload = (session: Session, query: string, fileName: string, content: string | Buffer, headers: Record<string, string> = {}) => {
    const body = multipart(fileName, content);
    return t.request(session, { method: 'POST', url: `/api/v1/gazetteer/import?${query}`, payload: body.payload, headers: { ...body.headers, ...headers } });
  };
  const importCodFiles = async () => {
    const reports: GazetteerImportResult[] = [];
    for (const { file, query } of codImports) {
      const response = await upload(admin, `${query}&edition=COD%202015`, file, fs.readFileSync(path.join(codDir, file)));
      expect(response.statusCode, response.body).toBe(200);
      reports.push(response.json());
    }
    return reports;
  };
  const counts = async () => {
    const levels = await t.database.db.selectFrom('admin_areas').select(['level']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('level').execute();
    const localities = await t.database.db.selectFrom('localities').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const byLevel = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
    return { regions: byLevel[1] ?? 0, cercles: byLevel[2] ?? 0, communes: byLevel[3] ?? 0, localities: Number(localities.n) };
  };
  const get = async (url: string, role: Parameters<TestApp['login']>[0] = 'viewer') => t.request(await t.login(role), { method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(kind);
    admin = await t.login('admin');
    firstImport.push(...(await importCodFiles()));
  });
  afterAll(() => t.close());

  it('imports the COD files into 9 regions, 50 cercles, 701 communes and 18,769 settlements', async () => {
    expect(await counts()).toEqual({ regions: 9, cercles: 50, communes: 701, localities: 18769 });
    expect(firstImport.map((r) => r.rows)).toEqual([9, 50, 701, 18769]);
    for (const report of firstImport) expect(report.created + report.updated + report.unchanged).toBe(report.rows);
    // The test database holds the demo's 40 settlements: they are updated, the 18,729 others created.
    expect(firstImport[3]!.created).toBe(18769 - 40);
    expect(firstImport[0]!.mapping).toEqual({ pcode: 'admin1Pcod', name: 'admin1Name' });
    expect(firstImport[1]!.mapping).toMatchObject({ pcode: 'admin2Pcod', name: 'admin2Name', parent: 'admin1Pcod' });
    const withGeometry = await t.database.db.selectFrom('admin_areas').select('pcode').where('geometry', 'is not', null).execute();
    expect(withGeometry).toHaveLength(59);
  });

  it('files every settlement under the commune, cercle and region the file gives', async () => {
    const rows = settlementRows();
    const expected = rows.filter((r) => r.adm2_pcode === 'ML0501').length;
    const inMopti = await t.database.db.selectFrom('localities').select((eb) => eb.fn.countAll<number>().as('n')).where('adm2_pcode', '=', 'ML0501').executeTakeFirstOrThrow();
    expect(Number(inMopti.n)).toBe(expected);
    const sample = rows[1234]!;
    const stored = await t.database.db.selectFrom('localities').selectAll().where('pcode', '=', sample.pcode!).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: sample.name, adm1_pcode: sample.adm1_pcode, adm2_pcode: sample.adm2_pcode, adm3_pcode: sample.adm3_pcode, lat: Number(sample.lat), lon: Number(sample.lon) });
  });

  it('keeps the accents of names the files spell without them', async () => {
    const names = await t.database.db.selectFrom('admin_areas').select(['pcode', 'name']).where('pcode', 'in', ['ML04', 'ML0704', 'ML070403', 'ML0102']).orderBy('pcode').execute();
    // Seeded as "Ségou", "Ménaka"; the COD writes "Segou", "Menaka", and "Bafoulabe" was never accented.
    expect(names).toEqual([
      { pcode: 'ML0102', name: 'Bafoulabe' },
      { pcode: 'ML04', name: 'Ségou' },
      { pcode: 'ML0704', name: 'Ménaka' },
      { pcode: 'ML070403', name: 'Ménaka' },
    ]);
  });

  it('records one audit event per imported file, with counts but not the data', async () => {
    const events = await t.database.db.selectFrom('audit_events').selectAll().where('entity', '=', 'gazetteer').orderBy('id').execute();
    expect(events.map((e) => e.action)).toEqual(['import', 'import', 'import', 'import']);
    const settlements = events[3]!.after as Record<string, unknown>;
    expect(settlements).toMatchObject({ kind: 'settlements', fileName: codFiles.settlements, rows: 18769, edition: 'COD 2015' });
    expect(JSON.stringify(settlements).length).toBeLessThan(1000);
    expect(events[0]!.actor_id).toBe(admin.userId);
  });

  it('re-importing the same files creates nothing and changes nothing', async () => {
    const before = await counts();
    const reports = await importCodFiles();
    expect(reports.map((r) => [r.created, r.updated])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(reports.map((r) => r.unchanged)).toEqual([9, 50, 701, 18769]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a settlements file with a broken P-code and an unknown commune, row by row, writing nothing', async () => {
    const before = await counts();
    const auditBefore = await t.database.db.selectFrom('audit_events').select('id').execute();
    const csv = [
      'name,pcode,class,adm1_name,adm1_pcode,adm2_name,adm2_pcode,adm3_name,adm3_pcode,lon,lat',
      'Nouveau village,ML050109901,5,Mopti,ML05,Mopti,ML0501,Mopti Commune,ML050109,-4.1,14.5',
      'Code cassé,ML05O109902,5,Mopti,ML05,Mopti,ML0501,Mopti Commune,ML050109,-4.1,14.5',
      'Commune inconnue,ML050199903,5,Mopti,ML05,Mopti,ML0501,Nulle part,ML050199,-4.1,14.5',
      'Trop au nord,ML050109904,5,Mopti,ML05,Mopti,ML0501,Mopti Commune,ML050109,-4.1,94.5',
    ].join('\n');
    const response = await upload(admin, 'kind=settlements', 'villages.csv', csv, { 'accept-language': 'en' });
    expect(response.statusCode).toBe(422);
    const body = response.json();
    expect(body.code).toBe('import_invalid');
    expect(body.title).toContain('Nothing was saved');
    expect(body.report.errorCount).toBe(3);
    expect(body.report.errors.map((e: { row: number; code: string; column: string }) => [e.row, e.code, e.column])).toEqual([
      [3, 'pcode_invalid', 'pcode'],
      [4, 'admin_unknown', 'adm3_pcode'],
      [5, 'coordinates_invalid', 'lat'],
    ]);
    expect(body.report.errors[0].value).toBe('ML05O109902');
    expect(body.report.errors[0].message).toMatch(/Invalid P-code/);
    expect(await counts()).toEqual(before);
    expect(await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050109901').execute()).toEqual([]);
    expect(await t.database.db.selectFrom('audit_events').select('id').execute()).toHaveLength(auditBefore.length);
  });

  it('refuses a commune list with a duplicate, a P-code outside its cercle and an unnamed unknown cercle', async () => {
    const before = await counts();
    const csv = [
      'adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name',
      'ML05,Mopti,ML0501,Mopti,ML050190,Commune nouvelle',
      'ML05,Mopti,ML0501,Mopti,ML050190,Commune en double',
      'ML05,Mopti,ML0501,Mopti,ML050290,Mauvais cercle',
      'ML05,,ML0599,,ML059901,Cercle inconnu',
    ].join('\r\n');
    const response = await upload(admin, 'kind=communes', 'communes.csv', csv);
    expect(response.statusCode).toBe(422);
    expect(response.json().title).toContain("Rien n'a été enregistré");
    expect(response.json().report.errors.map((e: { row: number; code: string }) => [e.row, e.code])).toEqual([
      [3, 'pcode_duplicate'],
      [4, 'pcode_parent_mismatch'],
      [5, 'parent_unknown'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file that is not GeoJSON, and features without a polygon', async () => {
    const notJson = await upload(admin, 'kind=boundaries&level=1', 'regions.geojson', 'adm1_pcode,adm1_name\nML01,Kayes\n');
    expect(notJson.statusCode).toBe(422);
    expect(notJson.json().report.errors).toMatchObject([{ row: 0, code: 'geojson_invalid' }]);

    const point = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { admin1Pcod: 'ML01', admin1Name: 'Kayes' }, geometry: { type: 'Polygon', coordinates: [[[-11, 14], [-10, 14], [-10, 15], [-11, 14]]] } },
        { type: 'Feature', properties: { admin1Pcod: 'ML02', admin1Name: 'Koulikoro' }, geometry: { type: 'Point', coordinates: [-7, 13] } },
      ],
    });
    const response = await upload(admin, 'kind=boundaries&level=1', 'regions.geojson', point);
    expect(response.statusCode).toBe(422);
    expect(response.json().report.errors).toMatchObject([{ row: 2, code: 'geometry_invalid', value: 'Point' }]);
    const kayes = await t.database.db.selectFrom('admin_areas').select('max_lat').where('pcode', '=', 'ML01').executeTakeFirstOrThrow();
    expect(kayes.max_lat).toBeGreaterThan(15.5);
  });

  it('says which properties a boundary file has when the P-code property cannot be found', async () => {
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { CODE: 'ML01', LIBELLE: 'Kayes' }, geometry: null }] });
    const response = await upload(admin, 'kind=boundaries&level=1', 'custom.geojson', file);
    expect(response.statusCode).toBe(422);
    const errors = response.json().report.errors;
    expect(errors.map((e: { code: string; column: string }) => [e.code, e.column])).toEqual([
      ['property_missing', 'pcode'],
      ['property_missing', 'name'],
    ]);
    expect(errors[0].value).toContain('CODE, LIBELLE');
  });

  it('reads geoBoundaries and custom property names, and a dry run writes nothing', async () => {
    const square = { type: 'Polygon', coordinates: [[[1, 1], [2, 1], [2, 2], [1, 1]]] };
    const geoBoundaries = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { shapeName: 'Région test', shapeISO: 'ML-99', shapeID: 'x' }, geometry: square }],
    });
    const detected = await upload(admin, 'kind=boundaries&level=1&dryRun=true&edition=geoBoundaries', 'gb.geojson', geoBoundaries);
    expect(detected.statusCode, detected.body).toBe(200);
    expect(detected.json()).toMatchObject({ dryRun: true, rows: 1, created: 1, mapping: { pcode: 'shapeISO', name: 'shapeName' } });

    const custom = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { CODE: 'ML0599', LIBELLE: 'Cercle test', REGION: 'ML05' }, geometry: square }],
    });
    const named = await upload(admin, 'kind=boundaries&level=2&dryRun=true&pcodeProperty=CODE&nameProperty=LIBELLE&parentProperty=REGION', 'c.geojson', custom);
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ created: 1, mapping: { pcode: 'CODE', name: 'LIBELLE', parent: 'REGION' } });
    expect(await t.database.db.selectFrom('admin_areas').select('pcode').where('pcode', 'in', ['ML-99', 'ML0599']).execute()).toEqual([]);
  });

  it('places a settlement without admin P-codes from its coordinates (cercle boundaries only)', async () => {
    const [sevare] = settlementRows().filter((r) => r.name === 'Sevare');
    const csv = `Nom;Code;Longitude;Latitude\nSite de Sévaré;ML050109950;${sevare!.lon!.replace('.', ',')};${sevare!.lat!.replace('.', ',')}\n`;
    const response = await upload(admin, 'kind=settlements', 'site.csv', Buffer.from(csv, 'latin1'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ created: 1, located: 1 });
    const site = await t.database.db.selectFrom('localities').selectAll().where('pcode', '=', 'ML050109950').executeTakeFirstOrThrow();
    // Windows-1252 and decimal commas, as a French Excel saves them.
    expect(site).toMatchObject({ name: 'Site de Sévaré', adm1_pcode: sevare!.adm1_pcode, adm2_pcode: sevare!.adm2_pcode, adm3_pcode: null, lat: Number(sevare!.lat) });
  });

  it('reads a Windows-1252 file whose first accent comes after 70,000 bytes of plain ASCII', async () => {
    const [sevare] = settlementRows().filter((r) => r.name === 'Sevare');
    const at = `${sevare!.lon!.replace('.', ',')};${sevare!.lat!.replace('.', ',')}`;
    // Plain-ASCII rows first (same site, other codes), then the accented one: the encoding is decided on the whole file.
    const plain = Array.from({ length: 2000 }, (_, i) => `Site numero ${i} sans accent;ML0501${String(80000 + i)};${at}`).join('\n');
    const csv = `Nom;Code;Longitude;Latitude\n${plain}\nSite de Sévaré tardif;ML050199999;${at}\n`;
    expect(Buffer.byteLength(csv.slice(0, csv.indexOf('é')), 'latin1')).toBeGreaterThan(70_000);
    const response = await upload(admin, 'kind=settlements', 'tardif.csv', Buffer.from(csv, 'latin1'));
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    const site = await t.database.db.selectFrom('localities').select('name').where('pcode', '=', 'ML050199999').executeTakeFirstOrThrow();
    expect(site.name).toBe('Site de Sévaré tardif');
  });

  it('refuses the import to a partner (403) and without a file (400)', async () => {
    const partner = await t.login('partner');
    const refused = await upload(partner, 'kind=communes', 'communes.csv', 'adm1_pcode\n');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('forbidden');
    const noFile = await t.request(admin, { method: 'POST', url: '/api/v1/gazetteer/import?kind=communes', headers: { 'content-type': 'multipart/form-data; boundary=x' }, payload: '--x--\r\n' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().code).toBe('file_missing');
    const noLevel = await upload(admin, 'kind=boundaries', 'a.geojson', '{}');
    expect(noLevel.statusCode).toBe(400);
  });

  describe('search', () => {
    it('finds admin areas whatever the accents and case, with small typos', async () => {
      const segou = await get('/api/v1/admin-areas?q=segou');
      expect(segou.statusCode).toBe(200);
      expect(segou.json().items.slice(0, 2).map((a: { pcode: string; name: string }) => [a.pcode, a.name])).toEqual([
        ['ML04', 'Ségou'],
        ['ML0402', 'Ségou'],
      ]);
      const typo = await get('/api/v1/admin-areas?q=Tombuctou');
      expect(typo.json().items[0]).toMatchObject({ name: 'Tombouctou', level: 1 });
      const menaka = await get('/api/v1/admin-areas?q=MENAKA&level=2');
      expect(menaka.json().items).toMatchObject([{ pcode: 'ML0704', name: 'Ménaka', parentPcode: 'ML07', parentName: 'Gao', hasGeometry: true }]);
      const communes = await get('/api/v1/admin-areas?level=3&parent=ML0501&pageSize=100');
      expect(communes.json().total).toBe(new Set(settlementRows().filter((r) => r.adm2_pcode === 'ML0501').map((r) => r.adm3_pcode)).size);
    });

    it('ranks exact and prefix matches before close spellings', async () => {
      const response = await get('/api/v1/localities?q=mopti&pageSize=100');
      const keys: string[] = response.json().items.map((l: Locality) => l.name.toLowerCase());
      const rank = (name: string) => (name === 'mopti' ? 0 : name.startsWith('mopti') ? 1 : name.includes('mopti') ? 2 : 3);
      const ranks = keys.map(rank);
      expect(ranks[0]).toBe(0);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      // Close spellings come too ("Mobti", "Moptï"…), after every name that contains the text.
      expect(ranks).toContain(3);
    });

    it('finds localities by name within an admin area, and by P-code', async () => {
      const inCercle = await get('/api/v1/localities?q=sevare&adm=ML0501');
      expect(inCercle.json().items[0]).toMatchObject({ name: 'Sévaré', adm2Pcode: 'ML0501', adm2Name: 'Mopti', adm3Name: 'Mopti Commune' });
      const elsewhere = await get('/api/v1/localities?q=sevare&adm=ML07');
      expect(elsewhere.json().items.map((l: Locality) => l.name)).not.toContain('Sévaré');
      const byCode = await get('/api/v1/localities?q=ml050109&pageSize=500');
      const expected = settlementRows().filter((r) => r.pcode!.startsWith('ML050109')).length;
      expect(byCode.json().total).toBeGreaterThanOrEqual(expected);
      expect(byCode.json().items.every((l: Locality) => l.pcode?.startsWith('ML050109'))).toBe(true);
      const typo = await get('/api/v1/localities?q=Tombuctou');
      expect(typo.json().items[0]).toMatchObject({ name: 'Tombouctou', pcode: 'ML060000000' });
    });

    it('serves boundaries as GeoJSON, compressed, with an ETag', async () => {
      const viewer = await t.login('viewer');
      const response = await t.request(viewer, { method: 'GET', url: '/api/v1/admin-areas/geojson?level=2', headers: { 'accept-encoding': 'gzip' } });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBe('gzip');
      const collection = JSON.parse(gunzipSync(response.rawPayload).toString('utf8'));
      expect(collection.features).toHaveLength(50);
      expect(collection.features[0]).toMatchObject({ type: 'Feature', properties: { level: 2 }, geometry: { type: 'Polygon' } });
      const again = await t.request(viewer, { method: 'GET', url: '/api/v1/admin-areas/geojson?level=2', headers: { 'if-none-match': String(response.headers.etag) } });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
    });

    it('returns one area by P-code, and 404 for an unknown one', async () => {
      expect((await get('/api/v1/admin-areas/ml0501')).json()).toMatchObject({ pcode: 'ML0501', name: 'Mopti', level: 2, parentName: 'Mopti' });
      expect((await get('/api/v1/admin-areas/ML9999')).statusCode).toBe(404);
    });
  });

  describe('localities', () => {
    const post = async (payload: Record<string, unknown>, role: Parameters<TestApp['login']>[0] = 'coordinator') =>
      t.request(await t.login(role), { method: 'POST', url: '/api/v1/localities', payload });

    it('creates a locality with coordinates and no commune, placed in its cercle and region, and audits it', async () => {
      const response = await post({ name: 'Site PDI Wailirde', kind: 'idp_site', lat: 14.4912, lon: -4.1852 });
      expect(response.statusCode, response.body).toBe(201);
      const created: Locality = response.json();
      expect(created).toMatchObject({ adm1Pcode: 'ML05', adm1Name: 'Mopti', adm2Pcode: 'ML0501', adm3Pcode: null, version: 1 });
      const audit = await t.database.db.selectFrom('audit_events').selectAll().where('entity', '=', 'locality').where('entity_id', '=', created.id).execute();
      expect(audit.map((a) => a.action)).toEqual(['create']);
    });

    it('keeps the commune it is given and checks P-codes', async () => {
      const filed = await post({ name: 'Quartier test', kind: 'neighbourhood', adminPcode: 'ml050109', lat: 14.49, lon: -4.19 });
      expect(filed.json()).toMatchObject({ adm1Pcode: 'ML05', adm2Pcode: 'ML0501', adm3Pcode: 'ML050109', adm3Name: 'Mopti Commune' });
      expect((await post({ name: 'Inconnue', adminPcode: 'ML0599' })).json().code).toBe('unknown_admin_area');
      const taken = await post({ name: 'Doublon', pcode: 'ML050000000' });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('pcode_taken');
    });

    it('updates with the version, refiles from new coordinates, and answers 409 to a stale version', async () => {
      const created: Locality = (await post({ name: 'Site mobile', kind: 'idp_site', lat: 14.4912, lon: -4.1852 })).json();
      const coordinator = await t.login('coordinator');
      // Moved to Gao town: sending adminPcode null asks for the areas to be found again.
      const moved = await t.request(coordinator, { method: 'PATCH', url: `/api/v1/localities/${created.id}`, payload: { version: 1, lat: 16.2717, lon: -0.0447, adminPcode: null } });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json()).toMatchObject({ adm1Pcode: 'ML07', adm2Pcode: 'ML0701', version: 2, name: 'Site mobile' });
      const stale = await t.request(coordinator, { method: 'PATCH', url: `/api/v1/localities/${created.id}`, payload: { version: 1, name: 'Trop tard' } });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current).toMatchObject({ version: 2 });
      const audit = await t.database.db.selectFrom('audit_events').select('action').where('entity_id', '=', created.id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    });

    it('lets a viewer read but not write', async () => {
      const list = await get('/api/v1/localities?q=gao', 'viewer');
      expect(list.statusCode).toBe(200);
      const one = list.json().items[0] as Locality;
      expect((await get(`/api/v1/localities/${one.id}`, 'viewer')).json()).toMatchObject({ id: one.id, name: one.name });
      expect((await post({ name: 'Non' }, 'viewer')).statusCode).toBe(403);
      const partner = await t.login('partner');
      expect((await t.request(partner, { method: 'PATCH', url: `/api/v1/localities/${one.id}`, payload: { version: one.version, name: 'Non' } })).statusCode).toBe(403);
    });
  });
});
