import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/contracts/common.ts';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { defineColumns, optionsFrom, type RowOf } from '../../../shared/tabular/columns.ts';
import { runImport } from './import.ts';
import { type TableFormat, writeTable } from './write.ts';
import { openZip } from './zip.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-tabular-write-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const columns = defineColumns([
  { key: 'id', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant', en: 'Record id' }, unique: true },
  { key: 'organisation', type: 'text', hxl: '#org+prog', header: { fr: 'Organisation', en: 'Organisation' }, required: true },
  { key: 'sector', type: 'enum', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' }, options: optionsFrom(sectors, sectorLabels), required: true },
  { key: 'sectors', type: 'list', hxl: '#sector+secondary', header: { fr: 'Autres secteurs', en: 'Other sectors' }, options: optionsFrom(sectors, sectorLabels) },
  { key: 'start', type: 'date', hxl: '#date+start', header: { fr: 'Date de début', en: 'Start date' } },
  { key: 'households', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages atteints', en: 'Households reached' } },
  { key: 'budget', type: 'number', hxl: '#value+budget', header: { fr: 'Budget', en: 'Budget' } },
  { key: 'cash', type: 'boolean', hxl: '#modality+cash', header: { fr: 'Transfert monétaire', en: 'Cash transfer' } },
  { key: 'donors', type: 'list', hxl: '#org+funding', header: { fr: 'Bailleurs', en: 'Donors' } },
  { key: 'comment', type: 'text', header: { fr: 'Commentaire', en: 'Comment' } },
]);
type Row = RowOf<typeof columns>;

const rows: Row[] = [
  {
    id: 'R-1',
    organisation: 'Œuvre Malienne d’Aide',
    sector: 'eha',
    sectors: ['sante', 'nutrition'],
    start: '2026-03-01',
    households: 1234,
    budget: 12_500_000.75,
    cash: true,
    donors: ['ECHO', 'USAID'],
    comment: 'Ségou, Mopti; "Ménaka"\nsuite à la ligne',
  },
  {
    id: 'R-2',
    organisation: '=HYPERLINK("http://exemple.org","clic")',
    sector: 'abris_ame',
    sectors: null,
    start: '1900-03-01',
    households: 0,
    budget: -5,
    cash: false,
    donors: null,
    comment: "+223 76 00 00 00; -2+3; @SUM(A1); '=déjà cité",
  },
  { id: 'R-3', organisation: '@acted', sector: 'sante', sectors: null, start: '2099-12-31', households: null, budget: 0.1 + 0.2, cash: null, donors: null, comment: null },
  { id: 'R-4', organisation: '-', sector: 'cash', sectors: ['cash'], start: null, households: 9_007_199, budget: 1e-7, cash: null, donors: ['DG ECHO'], comment: '-2+3 = 1, pas une formule' },
];

async function written(format: TableFormat, language: Language, options: { csvDelimiter?: ',' | ';'; lists?: Record<string, string[]> } = {}) {
  const file = path.join(dir, `${format}-${language}-${options.csvDelimiter === ';' ? 'semicolon' : 'comma'}.${format === 'xlsx' ? 'xlsx' : 'csv'}`);
  await writeTable(fs.createWriteStream(file), { format, columns, rows, language, ...options });
  return file;
}

async function readBack(file: string, language: Language) {
  const result = await runImport({ source: { path: file }, columns, language });
  const back: Row[] = [];
  for await (const batch of result.rows.batches()) back.push(...batch.map((r) => r.values));
  await result.rows.dispose();
  return { report: result.report, back };
}

describe('export then import gives the same values', () => {
  it.each([
    ['xlsx', 'fr', ','],
    ['xlsx', 'en', ','],
    ['csv', 'fr', ','],
    ['csv', 'fr', ';'],
    ['csv', 'en', ','],
    ['hxl', 'fr', ','],
    ['hxl', 'en', ';'],
  ] as const)('%s in %s with %s', async (format, language, delimiter) => {
    const file = await written(format, language, { csvDelimiter: delimiter });
    const { report, back } = await readBack(file, language === 'fr' ? 'en' : 'fr');
    expect(report).toMatchObject({ errors: 0, warnings: 0, rows: rows.length, canCommit: true });
    expect(report.hxlRow).toBe(format === 'csv' ? null : 2);
    expect(back).toEqual(rows);
  });
});

describe('CSV output', () => {
  it('starts with a byte order mark, ends lines with CRLF, and neutralises formulas but not numbers', async () => {
    const bytes = fs.readFileSync(await written('csv', 'fr'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Identifiant,Organisation,Secteur,Autres secteurs,Date de début,Ménages atteints,Budget,Transfert monétaire,Bailleurs,Commentaire');
    expect(lines[2]).toBe(`R-2,"'=HYPERLINK(""http://exemple.org"",""clic"")",Abris / AME,,1900-03-01,0,-5,non,,"'+223 76 00 00 00; -2+3; @SUM(A1); '=déjà cité"`);
    expect(lines[3]).toMatch(/^R-3,'@acted,Santé,,2099-12-31,,0\.30000000000000004,,,$/);
    expect(lines[4]).toBe(`R-4,'-,Cash multisectoriel,Cash multisectoriel,,9007199,1e-7,,DG ECHO,"'-2+3 = 1, pas une formule"`);
  });

  it('writes decimal commas with the French ; delimiter', async () => {
    const text = fs.readFileSync(await written('csv', 'fr', { csvDelimiter: ';' }), 'utf8');
    expect(text.split('\r\n')[1]).toContain(';1234;12500000,75;oui;');
  });

  it('puts the hashtag row under the header in HXL CSV', async () => {
    const lines = fs.readFileSync(await written('hxl', 'en'), 'utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Record id,Organisation,Sector,Other sectors,Start date,Households reached,Budget,Cash transfer,Donors,Comment');
    expect(lines[1]).toBe('#meta+id,#org+prog,#sector,#sector+secondary,#date+start,#reached+hh,#value+budget,#modality+cash,#org+funding,');
  });
});

describe('XLSX output', () => {
  it('is a template Excel opens right: frozen header and HXL rows, real dates and numbers, text kept as text', async () => {
    const file = await written('xlsx', 'fr', { lists: { organisation: ['Acted', 'IRC', 'NRC'] } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const [data, lists] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(data.name).toBe('Données');
    expect(data.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(data.getRow(1).getCell(5).value).toBe('Date de début');
    expect(data.getRow(2).getCell(5).value).toBe('#date+start');
    const start = data.getRow(3).getCell(5);
    expect(start.value).toEqual(new Date('2026-03-01T00:00:00Z'));
    expect(start.numFmt).toBe('dd/mm/yyyy');
    expect(data.getRow(3).getCell(6).value).toBe(1234);
    expect(data.getRow(3).getCell(7).value).toBe(12_500_000.75);
    expect(data.getRow(4).getCell(2).value).toBe('=HYPERLINK("http://exemple.org","clic")');
    expect(data.getRow(4).getCell(2).numFmt).toBe('@');
    expect(data.getColumn(2).width).toBeGreaterThanOrEqual(14);

    expect(lists.name).toBe('listes');
    expect(lists.state).toBe('hidden');
    expect(lists.getRow(1).values).toEqual([undefined, 'Organisation', 'Secteur', 'Transfert monétaire']);
    expect(lists.getColumn(2).values.slice(2)).toEqual(sectors.map((s) => sectorLabels[s].fr));
    expect(lists.getColumn(3).values.slice(2)).toEqual(['oui', 'non']);

    const validations = (data as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;
    expect(validations.B3).toMatchObject({ type: 'list', formulae: ["'listes'!$A$2:$A$4"], errorStyle: 'warning' });
    expect(validations.C10006).toMatchObject({ type: 'list', formulae: ["'listes'!$B$2:$B$10"], errorStyle: 'stop' });
    expect(validations.H3).toMatchObject({ type: 'list', formulae: ["'listes'!$C$2:$C$3"] });
    expect(validations.C10007).toBeUndefined();
    expect(validations.E3).toBeUndefined();
  });

  it('holds no formula anywhere, whatever the text', async () => {
    const zip = await openZip({ path: await written('xlsx', 'fr') });
    let sheet = '';
    for await (const chunk of zip.text('xl/worksheets/sheet1.xml', { maxBytes: 1e9, maxRatio: 1e9, ratioAfterBytes: 0, maxTextRun: 1e9 })) sheet += chunk;
    expect(sheet).toContain('=HYPERLINK(');
    expect(sheet).not.toMatch(/<f[ >]/);
  });
});
