import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { CellError, type RawRow } from '../../../shared/tabular/cells.ts';
import { exceljsSheetRows } from '../../test/exceljs-sheet-reader.ts';
import { type GeneratedPart, workbookParts, writeZip } from '../../test/hostile-xlsx.ts';
import { xlsxSheets } from './read-xlsx.ts';
import type { TabularSource } from './source.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-read-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every row of the named sheet, as the import's reader gives them. */
async function leanRows(source: TabularSource, sheet: string): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const found of xlsxSheets(source, sheet)) for await (const row of found.rows) rows.push(row);
  return rows;
}

/** The reader's rows of every sheet next to exceljs's WorksheetReader's (the reader it replaced). */
async function bothReaders(file: string) {
  const reference = await exceljsSheetRows({ path: file });
  const sheets = [];
  for (const [name, rows] of reference) sheets.push({ name, lean: await leanRows({ path: file }, name), reference: rows });
  return sheets;
}

const sheetXml = (rows: string) => () => [
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
  ),
];

/** Styles: 0 general, 1 a custom date format, 2 built-in format 14 (a date), 3 a number with "[Red]" (not a date), 4 text. */
const styles: GeneratedPart = {
  name: 'xl/styles.xml',
  chunks: () => [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="[Red]#,##0.00"/></numFmts>' +
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
        '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
        '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    ),
  ],
};

async function handBuilt(name: string, rows: string, options: { date1904?: boolean } = {}): Promise<string> {
  const file = path.join(dir, `${name}.xlsx`);
  const parts = [...workbookParts({ sheet: sheetXml(rows) }), styles];
  if (options.date1904) {
    const workbook = parts.find((p) => p.name === 'xl/workbook.xml')!;
    const xml = Buffer.concat([...workbook.chunks()])
      .toString()
      .replace('<sheets>', '<workbookPr date1904="1"/><sheets>');
    workbook.chunks = () => [Buffer.from(xml)];
  }
  await writeZip(file, parts);
  return file;
}

describe('the XLSX sheet reader gives the rows exceljs gave', () => {
  it.each(['lib/tabular/fixtures/messy-5w.xlsx', 'lib/tabular/fixtures/messy-5w-reordered.xlsx', 'features/responses/fixtures/messy-5w-mopti.xlsx'])(
    'on the fixture %s, every sheet',
    async (fixture) => {
      const sheets = await bothReaders(path.join(here, '../..', fixture));
      expect(sheets.length).toBeGreaterThan(0);
      for (const sheet of sheets) {
        expect(sheet.reference.length).toBeGreaterThan(0);
        expect(sheet.lean, sheet.name).toEqual(sheet.reference);
      }
    },
  );

  it('on a workbook Excel-like (shared strings): dates, formulas and their cached results, errors, booleans, rich text, gaps, 1900 and 1904 dates', async () => {
    for (const date1904 of [false, true]) {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('Données');
      sheet.addRow(['Organisation', 'Début', 'Montant', 'Fait', 'Note']);
      sheet.addRow([
        'Œuvre Malienne d’Aide',
        new Date(Date.UTC(2026, 2, 1)),
        1234.5,
        true,
        { richText: [{ text: 'Mé' }, { text: 'nages', font: { bold: true } }] },
      ]);
      sheet.getCell('B2').numFmt = 'dd/mm/yyyy';
      sheet.addRow(['NRC', new Date(Date.UTC(2025, 11, 31, 12)), { formula: 'C2*2', result: 2469 }, false, { formula: 'A2&"!"', result: 'Œuvre!' }]);
      sheet.getCell('B3').numFmt = 'mm-dd-yy';
      sheet.addRow([{ error: '#N/A' }, { formula: 'C2/2', result: 617.25 }, { formula: 'TODAY()' }, 0, '']);
      sheet.getCell('F6').value = 'loin à droite';
      sheet.getCell('A8').value = 42;
      sheet.getCell('A8').numFmt = '[Red]0.00';
      sheet.getCell('B8').value = 45_000;
      sheet.getCell('B8').numFmt = 'd mmm yyyy';
      sheet.getCell('C8').value = { text: 'lien', hyperlink: 'https://example.org' };
      const file = path.join(dir, `excel-like-${date1904}.xlsx`);
      await workbook.xlsx.writeFile(file);

      const [only] = await bothReaders(file);
      expect(only!.lean).toEqual(only!.reference);
      const [, second, , fourth] = only!.lean;
      expect(second!.cells).toEqual(['Œuvre Malienne d’Aide', new Date(Date.UTC(2026, 2, 1)), 1234.5, true, 'Ménages']);
      expect(fourth!.cells[0]).toEqual(new CellError('#N/A'));
    }
  });

  it('on a 20,000-row export (inline strings, accents split across compressed chunks)', async () => {
    const file = path.join(dir, 'export.xlsx');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('5W');
    for (let i = 0; i < 20_000; i++) {
      const row = sheet.addRow([
        `Évaluation n° ${i} — ménages déplacés à Ségou`,
        i * 1.5,
        new Date(Date.UTC(2026, 0, 1 + (i % 365))),
        i % 7 === 0 ? null : 'Bandiagara',
      ]);
      row.getCell(3).numFmt = 'dd/mm/yyyy';
      row.commit();
    }
    sheet.commit();
    await workbook.commit();

    const [only] = await bothReaders(file);
    expect(only!.lean).toHaveLength(20_000);
    expect(only!.lean).toEqual(only!.reference);
    expect(only!.lean[19_999]!.cells[0]).toBe('Évaluation n° 19999 — ménages déplacés à Ségou');
  });

  it('on hand-written XML: row styles, unknown styles, explicit types, entities, formulas, empty values, 1904 dates', async () => {
    const rows =
      // A row whose style is a date: its cells without a style of their own are dates, those with one follow theirs.
      '<row r="1" s="1"><c r="A1"><v>46082</v></c><c r="B1" s="3"><v>46082</v></c><c r="C1" s="99"><v>46082</v></c><c r="D1" s="0"><v>46082</v></c></row>' +
      '<row r="2"><c r="A2" s="2"><v>46082.5</v></c><c r="B2" t="n" s="4"><v>7</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="b"><v>0</v></c><c r="E2" t="e"><v>#REF!</v></c></row>' +
      '<row r="3"><c r="B3" t="str"><v>R&amp;D &lt;Mopti&gt;</v></c><c r="C3" t="inlineStr"><is><t xml:space="preserve"> Sévaré </t></is></c><c r="E3" t="s"><v>1</v></c><c r="F3" t="s"><v>99</v></c></row>' +
      '<row r="4"><c r="A4" t="str"><f>A3</f><v>texte</v></c><c r="B4"><f>1/0</f><v>12.5</v></c><c r="D4"><f t="shared" si="0"/><v>3</v></c><c r="G4"><f>TODAY()</f></c></row>' +
      '<row r="5"/><row r="7"><c r="B7" t="str"><v></v></c><c r="C7"><v></v></c><c r="D7" t="s"/></row>';
    for (const date1904 of [false, true]) {
      const file = await handBuilt(`hand-${date1904}`, rows, { date1904 });
      const [only] = await bothReaders(file);
      expect(only!.lean).toEqual(only!.reference);
    }
    const [lean] = (await bothReaders(await handBuilt('hand-values', rows))).map((s) => s.lean);
    const march = new Date(Date.UTC(2026, 2, 1));
    expect(lean!.map((r) => r.row)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(lean![0]!.cells).toEqual([march, 46082, march, march]);
    expect(lean![1]!.cells).toEqual([new Date(Date.UTC(2026, 2, 1, 12)), 7, true, false, new CellError('#REF!')]);
    expect(lean![2]!.cells).toEqual([null, 'R&D <Mopti>', ' Sévaré ', null, 'Secteur']);
    expect(lean![3]!.cells).toEqual(['texte', 12.5, null, 3, null, null, null]);
    expect(lean![5]!.cells).toEqual([null, '', new CellError('#VALUE!')]);
  });

  it('reads what exceljs read wrong: cached formula results 0, "", TRUE, dates and errors; pretty-printed XML', async () => {
    const file = await handBuilt(
      'formula-results',
      '<row r="1">\n  <c r="A1"><f>B1-B1</f><v>0</v></c>\n  <c r="B1" t="str"><f>""</f><v></v></c>\n  <c r="C1" t="b"><f>TRUE()</f><v>1</v></c>\n' +
        '  <c r="D1" s="1"><f>TODAY()</f><v>46082</v></c>\n  <c r="E1" t="e"><f>1/0</f><v>#DIV/0!</v></c>\n  <c r="F1" t="str">\n    <f>A3</f>\n    <v>texte</v>\n  </c>\n</row>',
    );
    const [exceljs] = (await bothReaders(file)).map((s) => s.reference);
    expect(exceljs![0]!.cells).toEqual([null, null, 1, 46082, null, 'texte\n  ']);
    expect((await leanRows({ path: file }, 'Feuil1'))[0]!.cells).toEqual([0, '', true, new Date(Date.UTC(2026, 2, 1)), new CellError('#DIV/0!'), 'texte']);
  });

  it('reads, where exceljs failed, cells and rows without addresses and inline strings in several runs', async () => {
    const file = await handBuilt(
      'unaddressed',
      '<row r="1"><c t="inlineStr"><is><t>Organisation</t></is></c><c t="inlineStr"><is><r><t>Sec</t></r><r><rPr><b/></rPr><t>teur</t></r><rPh><t>セクター</t></rPh></is></c></row>' +
        '<row><c r="C2"><v>5</v></c><c><v>6</v></c></row>',
    );
    const rows = await leanRows({ path: file }, 'Feuil1');
    expect(rows).toEqual([
      { row: 1, cells: ['Organisation', 'Secteur'] },
      { row: 2, cells: [null, null, 5, 6] },
    ]);
  });

  it('refuses malformed XML and a cell whose address has no column', async () => {
    await expect(leanRows({ path: await handBuilt('malformed', '<row r="1"><c r="A1"><v>1</v></row>') }, 'Feuil1')).rejects.toThrow();
    await expect(leanRows({ path: await handBuilt('no-column', '<row r="1"><c r="12"><v>1</v></c></row>') }, 'Feuil1')).rejects.toMatchObject({
      code: 'file_unreadable',
    });
  });
});
