import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CellValue, RawRow } from '../../shared/tabular/cells.ts';
import type { TabularSource } from '../lib/tabular/source.ts';
import { toCellValue } from '../lib/tabular/read-xlsx.ts';
import { openZip, type UnpackLimits } from '../lib/tabular/zip.ts';

/**
 * The reader the XLSX import used before its own sheet parser (src/server/lib/tabular/read-xlsx.ts):
 * exceljs 4.4.0's WorksheetReader driven part by part. Kept for tests only, as the reference the
 * new parser's rows are compared with, cell for cell.
 */
interface WorkbookParts {
  options: { sharedStrings: string };
  sharedStrings?: unknown[];
  model?: { sheets?: { id: number; name: string; state?: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: Readable, sheetNo: string): Generator<{ value: ExcelJS.stream.xlsx.WorksheetReader }, undefined>;
}

const limits: UnpackLimits = { maxBytes: 1024 * 1024 * 1024, maxRatio: 1000, ratioAfterBytes: 1024 * 1024 * 1024, maxTextRun: 10_000_000 };

/** Every row of every sheet (by name), as the previous reader gave them. */
export async function exceljsSheetRows(source: TabularSource): Promise<Map<string, RawRow[]>> {
  const zip = await openZip(source);
  const parts = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts;
  if (zip.has('xl/_rels/workbook.xml.rels')) await parts._parseRels(zip.text('xl/_rels/workbook.xml.rels', limits));
  await parts._parseWorkbook(zip.text('xl/workbook.xml', limits));
  if (zip.has('xl/sharedStrings.xml')) {
    const strings: unknown[] = [];
    parts.options.sharedStrings = 'emit';
    for await (const item of parts._parseSharedStrings(zip.text('xl/sharedStrings.xml', limits))) strings.push((item as { text: unknown }).text);
    parts.options.sharedStrings = 'cache';
    parts.sharedStrings = strings;
  }
  if (zip.has('xl/styles.xml')) await parts._parseStyles(zip.text('xl/styles.xml', limits));
  const sheets = new Map<string, RawRow[]>();
  for (const sheet of parts.model?.sheets ?? []) {
    const target = parts.workbookRels!.find((rel) => rel.Id === sheet.rId)!.Target;
    const text = zip.text(target.startsWith('/') ? target.slice(1) : `xl/${target}`, limits);
    const rows: RawRow[] = [];
    const worksheet = parts._parseWorksheet(text, String(sheet.id)).next().value!.value;
    for await (const row of worksheet) rows.push({ row: row.number, cells: rowCells(row) });
    sheets.set(sheet.name, rows);
  }
  return sheets;
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = toCellValue(cell.value);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= null;
  return cells;
}
