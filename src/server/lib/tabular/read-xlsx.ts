import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CellError, type CellValue, type RawRow } from '../../../shared/tabular/cells.ts';
import { TabularFileError, type TabularSource } from './source.ts';
import { openZip, type UnpackLimits, UnpackLimitError, type ZipArchive } from './zip.ts';

export interface TableSheet {
  name: string | null;
  rows: AsyncGenerator<RawRow>;
  /** Share of the sheet read so far, or null when unknown. */
  progress(): number | null;
}

/**
 * exceljs 4.4.0's streaming reader, used part by part. Its own `WorkbookReader.parse()` reads the
 * zip in one pass and (a) fails when a producer stores xl/workbook.xml after the sheets and
 * (b) decodes each compressed chunk separately, so an "é" split across two chunks becomes "��"
 * (measured: 3 corrupted cells in 20,000). Here the parts are opened through the central directory
 * in dependency order and fed as text decoded across chunk boundaries. The methods below are
 * exceljs internals, which is why exceljs is pinned to an exact version; the fixture tests would
 * catch a change.
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

const readerOptions = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;

const mebibyte = 1024 * 1024;
const textRun = 1_000_000;
/** Small parts (workbook, relationships, styles). */
const partLimits: UnpackLimits = { maxBytes: 32 * mebibyte, maxRatio: 200, ratioAfterBytes: 16 * mebibyte, maxTextRun: textRun };
/** Shared strings are all kept in memory while the sheet is read, so their part is held tighter. */
const sharedStringLimits: UnpackLimits = { ...partLimits, maxBytes: 128 * mebibyte };
export const maxSharedStrings = 2_000_000;
/** A sheet is streamed row by row; its bound keeps a bomb from holding a core for minutes. */
const sheetLimits: UnpackLimits = { ...partLimits, maxBytes: 1024 * mebibyte };

function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
}

/**
 * The worksheets to try, in tab order: the named one only, or every visible one (the caller
 * takes the first whose header it recognises, so an "Instructions" tab in front is passed over).
 * Shared strings and styles (which numbers are dates) are read before any sheet; a sheet is
 * streamed row by row and never held whole.
 */
export async function* xlsxSheets(source: TabularSource, sheet: string | undefined): AsyncGenerator<TableSheet> {
  const zip = await openZip(source);
  if (!zip.has('xl/workbook.xml')) throw new TabularFileError('file_unreadable');
  const parts = new ExcelJS.stream.xlsx.WorkbookReader(undefined as never, readerOptions) as unknown as WorkbookParts;
  if (zip.has('xl/_rels/workbook.xml.rels')) await parts._parseRels(zip.text('xl/_rels/workbook.xml.rels', partLimits));
  await parts._parseWorkbook(zip.text('xl/workbook.xml', partLimits));
  if (zip.has('xl/sharedStrings.xml')) await readSharedStrings(zip, parts);
  if (zip.has('xl/styles.xml')) await parts._parseStyles(zip.text('xl/styles.xml', partLimits));

  const sheets = parts.model?.sheets ?? [];
  const wanted = sheet?.trim().toLowerCase();
  const candidates = sheets.filter((s) => (wanted === undefined ? s.state !== 'hidden' && s.state !== 'veryHidden' : s.name.trim().toLowerCase() === wanted));
  if (wanted !== undefined && candidates.length === 0) {
    throw new TabularFileError('sheet_not_found', { sheet: sheet!, sheets: sheets.map((s) => s.name).join(', ') });
  }
  for (const candidate of candidates) {
    const target = parts.workbookRels?.find((rel) => rel.Id === candidate.rId)?.Target;
    const path = target === undefined ? undefined : partPath(target);
    const entry = path === undefined ? undefined : zip.entry(path);
    if (!path || !entry) throw new TabularFileError('file_unreadable');
    let read = 0;
    const rows = sheetRows(zip, parts, path, String(candidate.id), (bytes) => {
      read += bytes;
    });
    yield { name: candidate.name, rows, progress: () => (entry.compressedSize > 0 ? Math.min(1, read / entry.compressedSize) : null) };
  }
}

/** Shared strings one by one ('emit'), so their number is bounded as they arrive; the sheets then read them from the cache. */
async function readSharedStrings(zip: ZipArchive, parts: WorkbookParts): Promise<void> {
  const strings: unknown[] = [];
  parts.options.sharedStrings = 'emit';
  try {
    for await (const item of parts._parseSharedStrings(zip.text('xl/sharedStrings.xml', sharedStringLimits))) {
      if (strings.length >= maxSharedStrings) throw new UnpackLimitError();
      strings.push((item as { text: unknown }).text);
    }
  } finally {
    parts.options.sharedStrings = 'cache';
  }
  parts.sharedStrings = strings;
}

/** Opens the sheet on the first row asked for, so a sheet nobody reads holds no file open. */
async function* sheetRows(zip: ZipArchive, parts: WorkbookParts, path: string, sheetId: string, onBytes: (bytes: number) => void): AsyncGenerator<RawRow> {
  const text = zip.text(path, sheetLimits, onBytes);
  try {
    const worksheet = parts._parseWorksheet(text, sheetId).next().value!.value;
    for await (const row of worksheet) yield { row: row.number, cells: rowCells(row) };
  } finally {
    text.destroy();
  }
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = toCellValue(cell.value);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= null;
  return cells;
}

function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  // A formula whose result is an Excel error arrives as NaN.
  if (typeof value === 'number') return Number.isFinite(value) ? value : new CellError('#VALUE!');
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return new CellError(String(value.error));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return new CellError(String(result.error));
    return toCellValue(result as ExcelJS.CellValue | undefined);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : toCellValue(value.text);
  return null;
}
