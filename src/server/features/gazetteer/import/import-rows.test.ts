import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AreaIndex } from '../area-index.ts';
import { checkBoundaryFeatures } from './boundary-features.ts';
import { communeColumns, CommuneRows } from './commune-rows.ts';
import { type ColumnSpec, openCsvTable } from './csv-table.ts';
import { RowErrors } from './row-errors.ts';
import { parseCoordinate, settlementColumns, SettlementRows } from './settlement-rows.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-gazetteer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let fileCount = 0;
function file(content: string | Buffer): string {
  const filePath = path.join(dir, `f${fileCount++}.csv`);
  fs.writeFileSync(filePath, content);
  return filePath;
}

async function readAll<F extends string>(content: string | Buffer, specs: readonly ColumnSpec<F>[]) {
  const errors = new RowErrors();
  const table = await openCsvTable(file(content), specs, errors);
  const rows: { line: number; values: Record<string, string> }[] = [];
  if (table) {
    for await (const row of table.rows()) rows.push({ line: row.line, values: Object.fromEntries(specs.map((s) => [s.field, row.value(s.field)])) });
  }
  return { table, rows, errors };
}

const index = (): AreaIndex =>
  new Map([
    ['ML05', { level: 1, parent: null }],
    ['ML0501', { level: 2, parent: 'ML05' }],
    ['ML050109', { level: 3, parent: 'ML0501' }],
    ['ML07', { level: 1, parent: null }],
    ['ML0701', { level: 2, parent: 'ML07' }],
  ]);

describe('CSV tables', () => {
  it('reads a French Excel export: BOM, semicolons, accented headers, Windows-1252', async () => {
    const content = Buffer.concat([Buffer.from('Nom;Code P;Longitude;Latitude\r\nSévaré;ML050109007;-4,09469;14,52457\r\n', 'latin1')]);
    const { rows, errors, table } = await readAll(content, settlementColumns);
    expect(errors.count).toBe(0);
    expect(table!.mapping).toEqual({ name: 'Nom', pcode: 'Code P', lon: 'Longitude', lat: 'Latitude' });
    expect(rows).toEqual([{ line: 2, values: expect.objectContaining({ name: 'Sévaré', pcode: 'ML050109007', lon: '-4,09469', lat: '14,52457', adm3_pcode: '' }) }]);
    const utf8 = await readAll(`\uFEFFname,pcode\nSévaré,ML050109007\n`, settlementColumns);
    expect(utf8.rows[0]!.values.name).toBe('Sévaré');
  });

  it('finds columns by their HXL hashtags and skips the hashtag row', async () => {
    const { rows, table } = await readAll('Localité,Code,Région\n#loc+name,#loc+code,#adm1+code\nKonna,ML050105013,ML05\n', settlementColumns);
    expect(table!.mapping).toMatchObject({ name: 'Localité', pcode: 'Code', adm1_pcode: 'Région' });
    expect(rows).toEqual([{ line: 3, values: expect.objectContaining({ name: 'Konna', adm1_pcode: 'ML05' }) }]);
  });

  it('refuses a file without a required column, naming it', async () => {
    const { table, errors } = await readAll('adm1_pcode,adm2_pcode,adm3_name\nML05,ML0501,Konna\n', communeColumns);
    expect(table).toBeUndefined();
    expect(errors.kept).toEqual([{ row: 1, column: 'adm3_pcode', code: 'column_missing', value: expect.stringContaining('adm3_pcode') }]);
  });

  it('refuses an Excel workbook sent as a CSV, saying what to do', async () => {
    const { table, errors } = await readAll(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), settlementColumns);
    expect(table).toBeUndefined();
    expect(errors.kept).toEqual([{ row: 0, column: null, code: 'file_not_csv', value: null }]);
  });

  it('reports a broken quote on its line', async () => {
    const { rows, errors } = await readAll('name,pcode\nKonna,ML050105013\n"Sofara,ML050504052\n', settlementColumns);
    expect(rows).toHaveLength(1);
    expect(errors.kept).toMatchObject([{ code: 'csv_invalid' }]);
  });
});

describe('settlement rows', () => {
  const check = async (csv: string, areas = index()) => {
    const errors = new RowErrors();
    const table = await openCsvTable(file(csv), settlementColumns, errors);
    const checker = new SettlementRows(areas, errors);
    const records = [];
    for await (const row of table!.rows()) records.push(checker.check(row));
    return { records, errors: errors.kept };
  };

  it('completes the cercle and region from the commune, and reads the class as town or village', async () => {
    const { records, errors } = await check('name,pcode,class,adm3_pcode,lon,lat\nMopti,ML050000000,2,ML050109,-4.19,14.48\nSévaré,ML050109007,5,ml050109,"-4,09",14.52\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { pcode: 'ML050000000', name: 'Mopti', kind: 'town', adm1: 'ML05', adm2: 'ML0501', adm3: 'ML050109', lon: -4.19, lat: 14.48 },
      { pcode: 'ML050109007', name: 'Sévaré', kind: 'village', adm1: 'ML05', adm2: 'ML0501', adm3: 'ML050109', lon: -4.09, lat: 14.52 },
    ]);
  });

  it('refuses areas that do not nest, unknown areas, duplicates and half coordinates', async () => {
    const { records, errors } = await check(
      [
        'name,pcode,adm1_pcode,adm2_pcode,adm3_pcode,lon,lat',
        'A,ML050109001,ML07,,ML050109,,',
        'B,ML050109002,,ML0502,,,',
        'C,ML050109003,ML05,,,-4.1,',
        'D,ML050109003,,,,,',
        ',ML050109004,,,,,',
      ].join('\n'),
    );
    expect(records).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expect(errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'admin_chain_mismatch', 'adm1_pcode'],
      [3, 'admin_unknown', 'adm2_pcode'],
      [4, 'coordinates_invalid', 'lat'],
      [5, 'pcode_duplicate', 'pcode'],
      [6, 'name_missing', 'name'],
    ]);
  });

  it('parses coordinates with a decimal point or comma, nothing else', () => {
    expect([parseCoordinate('-4.09469'), parseCoordinate('14,5'), parseCoordinate('+3'), parseCoordinate('.5')]).toEqual([-4.09469, 14.5, 3, 0.5]);
    for (const bad of ['14°30', '1,234.5', 'abc', '1e3', '']) expect(parseCoordinate(bad)).toBeNaN();
  });
});

describe('commune rows', () => {
  it('creates a missing region and cercle once, from the first row naming them', async () => {
    const errors = new RowErrors();
    const areas = index();
    const table = await openCsvTable(
      file('adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name\nML10,Ménaka,ML1001,Ménaka,ML100101,Ménaka\nML10,Ménaka,ML1001,Ménaka,ML100102,Alata\n'),
      communeColumns,
      errors,
    );
    const checker = new CommuneRows(areas, errors);
    const results = [];
    for await (const row of table!.rows()) results.push(checker.check(row));
    expect(errors.kept).toEqual([]);
    expect(results.map((r) => r!.parents.map((p) => [p.pcode, p.level, p.parentPcode]))).toEqual([
      [
        ['ML10', 1, null],
        ['ML1001', 2, 'ML10'],
      ],
      [],
    ]);
    expect(results[1]!.commune).toEqual({ pcode: 'ML100102', name: 'Alata', level: 3, parentPcode: 'ML1001' });
  });

  it('refuses a commune filed under a cercle of another region, and P-codes at the wrong level', async () => {
    const errors = new RowErrors();
    const table = await openCsvTable(
      file('adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name\nML07,Gao,ML0501,Mopti,ML050120,X\nML05,Mopti,ML0501,Mopti,ML0701,Y\n'),
      communeColumns,
      errors,
    );
    const checker = new CommuneRows(index(), errors);
    for await (const row of table!.rows()) checker.check(row);
    expect(errors.kept.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'pcode_parent_mismatch', 'adm2_pcode'],
      [2, 'admin_chain_mismatch', 'adm1_pcode'],
      [3, 'level_conflict', 'adm3_pcode'],
    ]);
  });
});

describe('boundary features', () => {
  const square = (x: number, y: number) => ({ type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y]]] });
  const collection = (features: { properties: Record<string, unknown>; geometry: unknown }[]) => ({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', ...f })),
  });

  it('detects the ADMn_PCODE / ADMn_FR convention and checks parents one level up', () => {
    const errors = new RowErrors();
    const { records, mapping } = checkBoundaryFeatures(
      collection([
        { properties: { ADM2_PCODE: 'ML0502', ADM2_FR: 'Bandiagara', ADM1_PCODE: 'ML05', ADM2_EN: 'x' }, geometry: square(-4, 14) },
        { properties: { ADM2_PCODE: 'ML0503', ADM2_FR: 'Bankass', ADM1_PCODE: 'ML0501', ADM2_EN: 'x' }, geometry: square(-4, 13) },
        { properties: { ADM2_PCODE: 'ML0703', ADM2_FR: 'Bourem', ADM1_PCODE: 'ML05', ADM2_EN: 'x' }, geometry: square(-1, 16) },
        { properties: { ADM2_PCODE: 'ML0504', ADM2_FR: 'Youwarou', ADM1_PCODE: 'ML09', ADM2_EN: 'x' }, geometry: square(-4, 15) },
      ]),
      { level: 2 },
      index(),
      errors,
    );
    expect(mapping).toEqual({ pcode: 'ADM2_PCODE', name: 'ADM2_FR', parent: 'ADM1_PCODE' });
    expect(records.map((r) => [r.pcode, r.parentPcode, r.bbox])).toEqual([['ML0502', 'ML05', [-4, 14, -3, 15]]]);
    expect(errors.kept.map((e) => [e.row, e.code])).toEqual([
      [2, 'parent_level'],
      [3, 'pcode_parent_mismatch'],
      [4, 'parent_unknown'],
    ]);
  });

  it('refuses open rings and positions outside the globe', () => {
    const errors = new RowErrors();
    checkBoundaryFeatures(
      collection([
        { properties: { admin1Pcod: 'ML01', admin1Name: 'Kayes' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } },
        { properties: { admin1Pcod: 'ML02', admin1Name: 'Koulikoro' }, geometry: { type: 'MultiPolygon', coordinates: [[[[200, 0], [1, 0], [1, 1], [200, 0]]]] } },
      ]),
      { level: 1 },
      new Map(),
      errors,
    );
    expect(errors.kept.map((e) => [e.row, e.code, e.value])).toEqual([
      [1, 'geometry_invalid', 'Polygon'],
      [2, 'geometry_invalid', 'MultiPolygon'],
    ]);
  });
});
