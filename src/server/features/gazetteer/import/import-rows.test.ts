import { describe, expect, it } from 'vitest';
import type { ColumnSpec, RowOf } from '../../../../shared/tabular/columns.ts';
import { IssueList } from '../../../lib/tabular/issues.ts';
import { type RowCheck, runImport } from '../../../lib/tabular/index.ts';
import type { AreaIndex } from '../area-index.ts';
import { checkBoundaryFeatures } from './boundary-features.ts';
import { communeColumns, CommuneRows } from './commune-rows.ts';
import { parseCoordinate, settlementColumns, SettlementRows } from './settlement-rows.ts';

/** Reads a list with the platform's importer and the gazetteer's columns, as the gazetteer import does. */
async function read<const Cs extends readonly ColumnSpec[]>(content: string | Buffer, columns: Cs, validateRow?: (values: RowOf<Cs>, check: RowCheck<string>) => void) {
  const result = await runImport({ source: { buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) }, columns, language: 'en', validateRow });
  const rows: { line: number; values: RowOf<Cs> }[] = [];
  for await (const batch of result.rows.batches()) rows.push(...batch.map((r) => ({ line: r.row, values: r.values })));
  await result.rows.dispose();
  const { report } = result;
  const errors = report.issues.filter((i) => i.severity === 'error');
  return { report, rows, errors, mapping: Object.fromEntries(report.columns.map((c) => [c.key, c.header])) };
}

const index = (): AreaIndex =>
  new Map([
    ['ML05', { level: 1, parent: null }],
    ['ML0501', { level: 2, parent: 'ML05' }],
    ['ML050109', { level: 3, parent: 'ML0501' }],
    ['ML07', { level: 1, parent: null }],
    ['ML0701', { level: 2, parent: 'ML07' }],
  ]);

describe('lists read by the platform importer', () => {
  it('reads a French Excel export: BOM, semicolons, accented headers, Windows-1252', async () => {
    const content = Buffer.from('Nom;Code P;Longitude;Latitude\r\nSévaré;ML050109007;-4,09469;14,52457\r\n', 'latin1');
    const { rows, errors, mapping } = await read(content, settlementColumns);
    expect(errors).toEqual([]);
    expect(mapping).toEqual({ name: 'Nom', pcode: 'Code P', lon: 'Longitude', lat: 'Latitude' });
    expect(rows).toEqual([{ line: 2, values: expect.objectContaining({ name: 'Sévaré', pcode: 'ML050109007', lon: '-4,09469', lat: '14,52457', adm3_pcode: null }) }]);
    const utf8 = await read(`\uFEFFname,pcode\nSévaré,ML050109007\n`, settlementColumns);
    expect(utf8.rows[0]!.values.name).toBe('Sévaré');
  });

  it('finds columns by their HXL hashtags and skips the hashtag row', async () => {
    const { rows, mapping } = await read('Localité,Code,Région\n#loc+name,#loc+code,#adm1+code\nKonna,ML050105013,ML05\n', settlementColumns);
    expect(mapping).toMatchObject({ name: 'Localité', pcode: 'Code', adm1_pcode: 'Région' });
    expect(rows).toEqual([{ line: 3, values: expect.objectContaining({ name: 'Konna', adm1_pcode: 'ML05' }) }]);
  });

  it('refuses a file without a required column, naming it', async () => {
    const { rows, errors } = await read('adm1_pcode,adm2_pcode,adm3_name\nML05,ML0501,Konna\n', communeColumns);
    expect(rows).toEqual([]);
    expect(errors).toMatchObject([{ row: null, column: 'adm3_pcode', code: 'column_missing', message: expect.stringContaining('adm3_pcode') }]);
  });

  it('refuses a damaged workbook, saying so', async () => {
    const { errors } = await read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), settlementColumns);
    expect(errors).toMatchObject([{ row: null, code: 'file_unreadable' }]);
  });

  it('refuses a file with a broken quote', async () => {
    const { report, errors } = await read('name,pcode\nKonna,ML050105013\n"Sofara,ML050504052\n', settlementColumns);
    expect(report.canCommit).toBe(false);
    expect(errors).toMatchObject([{ row: null, code: 'file_unreadable' }]);
  });
});

describe('settlement rows', () => {
  const check = async (csv: string, areas = index()) => {
    const checker = new SettlementRows(areas);
    const records: unknown[] = [];
    const { errors } = await read(csv, settlementColumns, (values, rowCheck) => void records.push(checker.check(values, rowCheck)));
    return { records, errors };
  };

  it('completes the cercle and region from the commune, and reads the class as town or village', async () => {
    const { records, errors } = await check('name,pcode,class,adm3_pcode,lon,lat\nMopti,ML050000000,2,ML050109,-4.19,14.48\nSévaré,ML050109007,5,ml050109,"-4,09",14.52\n');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { pcode: 'ML050000000', name: 'Mopti', kind: 'town', adm1: 'ML05', adm2: 'ML0501', adm3: 'ML050109', lon: -4.19, lat: 14.48 },
      { pcode: 'ML050109007', name: 'Sévaré', kind: 'village', adm1: 'ML05', adm2: 'ML0501', adm3: 'ML050109', lon: -4.09, lat: 14.52 },
    ]);
  });

  it('refuses areas that do not nest, unknown areas, duplicates, half coordinates and a missing name', async () => {
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
    // The row without a name is refused by the platform before the gazetteer's rules see it.
    expect(records).toEqual([undefined, undefined, undefined, undefined]);
    expect(errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'admin_chain_mismatch', 'adm1_pcode'],
      [3, 'admin_unknown', 'adm2_pcode'],
      [4, 'coordinates_invalid', 'lat'],
      [5, 'pcode_duplicate', 'pcode'],
      [6, 'required', 'name'],
    ]);
  });

  it('parses coordinates with a decimal point or comma, nothing else', () => {
    expect([parseCoordinate('-4.09469'), parseCoordinate('14,5'), parseCoordinate('+3'), parseCoordinate('.5')]).toEqual([-4.09469, 14.5, 3, 0.5]);
    for (const bad of ['14°30', '1,234.5', 'abc', '1e3', '']) expect(parseCoordinate(bad)).toBeNaN();
  });
});

describe('commune rows', () => {
  const check = async (csv: string, areas = index()) => {
    const checker = new CommuneRows(areas);
    const results: ReturnType<CommuneRows['check']>[] = [];
    const { errors } = await read(csv, communeColumns, (values, rowCheck) => void results.push(checker.check(values, rowCheck)));
    return { results, errors };
  };

  it('creates a missing region and cercle once, from the first row naming them', async () => {
    const { results, errors } = await check(
      'adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name\nML10,Ménaka,ML1001,Ménaka,ML100101,Ménaka\nML10,Ménaka,ML1001,Ménaka,ML100102,Alata\n',
    );
    expect(errors).toEqual([]);
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
    const { errors } = await check('adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name\nML07,Gao,ML0501,Mopti,ML050120,X\nML05,Mopti,ML0501,Mopti,ML0701,Y\n');
    expect(errors.map((e) => [e.row, e.code, e.column])).toEqual([
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
    const issues = new IssueList('en', 100);
    const { records, mapping } = checkBoundaryFeatures(
      collection([
        { properties: { ADM2_PCODE: 'ML0502', ADM2_FR: 'Bandiagara', ADM1_PCODE: 'ML05', ADM2_EN: 'x' }, geometry: square(-4, 14) },
        { properties: { ADM2_PCODE: 'ML0503', ADM2_FR: 'Bankass', ADM1_PCODE: 'ML0501', ADM2_EN: 'x' }, geometry: square(-4, 13) },
        { properties: { ADM2_PCODE: 'ML0703', ADM2_FR: 'Bourem', ADM1_PCODE: 'ML05', ADM2_EN: 'x' }, geometry: square(-1, 16) },
        { properties: { ADM2_PCODE: 'ML0504', ADM2_FR: 'Youwarou', ADM1_PCODE: 'ML09', ADM2_EN: 'x' }, geometry: square(-4, 15) },
      ]),
      { level: 2 },
      index(),
      issues,
    );
    expect(mapping).toEqual({ pcode: 'ADM2_PCODE', name: 'ADM2_FR', parent: 'ADM1_PCODE' });
    expect(records.map((r) => [r.pcode, r.parentPcode, r.bbox])).toEqual([['ML0502', 'ML05', [-4, 14, -3, 15]]]);
    expect(issues.list().map((e) => [e.row, e.code])).toEqual([
      [2, 'parent_level'],
      [3, 'pcode_parent_mismatch'],
      [4, 'parent_unknown'],
    ]);
  });

  it('refuses open rings and positions outside the globe', () => {
    const issues = new IssueList('en', 100);
    checkBoundaryFeatures(
      collection([
        { properties: { admin1Pcod: 'ML01', admin1Name: 'Kayes' }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] } },
        { properties: { admin1Pcod: 'ML02', admin1Name: 'Koulikoro' }, geometry: { type: 'MultiPolygon', coordinates: [[[[200, 0], [1, 0], [1, 1], [200, 0]]]] } },
      ]),
      { level: 1 },
      new Map(),
      issues,
    );
    expect(issues.list().map((e) => [e.row, e.code, e.value])).toEqual([
      [1, 'geometry_invalid', 'Polygon'],
      [2, 'geometry_invalid', 'MultiPolygon'],
    ]);
  });
});
