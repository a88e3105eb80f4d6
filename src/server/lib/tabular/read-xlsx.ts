import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SaxesParser } from 'saxes';
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
  properties?: { model?: { date1904?: boolean } };
  styles?: { getStyleModel(id: number): { numFmt?: string } | null };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
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
    const rows = sheetRows(zip, parts, path, (bytes) => {
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
async function* sheetRows(zip: ZipArchive, parts: WorkbookParts, path: string, onBytes: (bytes: number) => void): AsyncGenerator<RawRow> {
  const text = zip.text(path, sheetLimits, onBytes);
  try {
    const sheet = new SheetParser(parts);
    for await (const chunk of text) {
      sheet.write(chunk as string);
      const rows = sheet.take();
      for (const row of rows) yield row;
    }
    sheet.end();
    for (const row of sheet.take()) yield row;
  } finally {
    text.destroy();
  }
}

/**
 * Whether a style shows a number as a date (exceljs's rule: its number format has date letters),
 * or null when the workbook has no such style.
 */
function dateStyles(parts: WorkbookParts): (styleId: number) => boolean | null {
  const known = new Map<number, boolean | null>();
  return (styleId) => {
    let isDate = known.get(styleId);
    if (isDate === undefined) {
      const style = parts.styles?.getStyleModel(styleId);
      isDate = style ? isDateFormat(style.numFmt) : null;
      known.set(styleId, isDate);
    }
    return isDate;
  };
}

/** exceljs's `utils.isDateFmt`: date or time letters outside quotes and brackets ("[Red]", "[$-40C]"). */
function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs's `utils.xmlDecode`, applied to text cells once more after the XML parser's own decoding (kept for the same values as before). */
function xmlDecodeAgain(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([a-z]*);/g, (entity) => xmlEntities[entity] ?? entity);
}
const xmlEntities: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };

/** Column index (0 = A) of a cell reference such as "AB12", or -1 without letters. */
function columnOfRef(ref: string): number {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return i === 0 ? -1 : column - 1;
}

/**
 * A worksheet's rows straight from the XML events. exceljs's WorksheetReader built a Row, Cells,
 * styles and addresses for every cell only for us to take their values back (a 50,000-row 5W:
 * about a third of the import's CPU with the garbage it left); this keeps only what a RawRow
 * needs and gives the same values: shared strings by index, inline and formula strings, numbers
 * (dates when the cell's style, or else its row's, has a date format), booleans, errors, the
 * cached result of formulas. Where exceljs was wrong it is not followed (read-xlsx.test.ts): a
 * cell or row without an address takes the next one (exceljs stopped), an inline string in
 * rich-text runs is read whole (exceljs kept its last run), a formula's cached 0, "", TRUE, date or
 * error is read as such (exceljs: blank, blank, 1, a number, #VALUE!), and the line breaks and indentation
 * of a pretty-printed sheet stay out of the values.
 */
class SheetParser {
  private readonly parser = new SaxesParser({ position: false });
  private readonly isDateStyle: (styleId: number) => boolean | null;
  private readonly date1904: boolean;
  private readonly sharedStrings: readonly unknown[] | undefined;
  private rows: RawRow[] = [];
  private inSheetData = false;
  private row: RawRow | null = null;
  private lastRow = 0;
  private rowIsDate = false;
  private column = -1;
  // The cell being read: its type, style, and the text of its value and formula (null: absent).
  private inCell = false;
  private type: string | undefined;
  private style = 0;
  private value: string | null = null;
  private formula: string | null = null;
  private inlineString = false;
  private phonetic = false;
  private target: 'value' | 'formula' | null = null;

  constructor(parts: WorkbookParts) {
    this.isDateStyle = dateStyles(parts);
    this.date1904 = parts.properties?.model?.date1904 === true;
    this.sharedStrings = parts.sharedStrings;
    this.parser.on('opentag', (tag) => this.openTag(tag.name, tag.attributes as Record<string, string>));
    this.parser.on('closetag', (tag) => this.closeTag(tag.name));
    this.parser.on('text', (text) => {
      if (this.target === 'value') this.value += text;
      else if (this.target === 'formula') this.formula += text;
    });
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  end(): void {
    this.parser.close();
  }

  /** The rows completed since the last call. */
  take(): RawRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }

  private openTag(name: string, attributes: Record<string, string>): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = true;
        break;
      case 'row': {
        if (!this.inSheetData) break;
        this.row = { row: attributes.r === undefined ? this.lastRow + 1 : parseInt(attributes.r, 10), cells: [] };
        this.column = -1;
        // A cell without a style of its own takes its row's (exceljs gave row styles to cells; column styles never reached them).
        this.rowIsDate = attributes.s ? this.isDateStyle(parseInt(attributes.s, 10)) === true : false;
        break;
      }
      case 'c':
        if (!this.row) break;
        this.inCell = true;
        this.column = attributes.r === undefined ? this.column + 1 : columnOfRef(attributes.r);
        this.type = attributes.t;
        this.style = attributes.s === undefined ? 0 : parseInt(attributes.s, 10);
        this.value = null;
        this.formula = null;
        break;
      case 'f':
        if (!this.inCell) break;
        this.formula = '';
        this.target = 'formula';
        break;
      case 'v':
        if (!this.inCell) break;
        this.value = '';
        this.target = 'value';
        break;
      case 'is':
        if (!this.inCell) break;
        this.value = '';
        this.inlineString = true;
        break;
      case 't':
        // Inside <is>, the text runs (<t>, or <r><t>) make the string; phonetic runs (<rPh>) do not.
        if (this.inCell && this.inlineString && !this.phonetic) this.target = 'value';
        break;
      case 'rPh':
        this.phonetic = true;
        break;
      default:
        break;
    }
  }

  private closeTag(name: string): void {
    switch (name) {
      case 'sheetData':
        this.inSheetData = false;
        break;
      case 'row':
        if (!this.row) break;
        this.lastRow = this.row.row;
        this.rows.push(this.row);
        this.row = null;
        break;
      case 'c':
        if (!this.inCell) break;
        this.inCell = false;
        this.target = null;
        this.setCell();
        break;
      case 'f':
      case 'v':
      case 't':
        this.target = null;
        break;
      case 'is':
        this.inlineString = false;
        break;
      case 'rPh':
        this.phonetic = false;
        break;
      default:
        break;
    }
  }

  private setCell(): void {
    const row = this.row!;
    if (this.column < 0) throw new TabularFileError('file_unreadable');
    const value = this.cellValue();
    // A formula without a cached result still counted as a cell for exceljs: the row reaches its column.
    if (value === null && this.formula === null) return;
    const cells = row.cells;
    while (cells.length < this.column) cells.push(null);
    if (value !== null || cells.length === this.column) cells[this.column] = value;
  }

  /** The cell's value as exceljs read it (WorksheetReader, then our toCellValue), but for the cached results of formulas. */
  private cellValue(): CellValue {
    const text = this.value;
    if (text === null) return null;
    // exceljs dropped a formula's cached result of 0 or "" (read as blank), kept a date's as a
    // number and turned an error into #VALUE!: here the result is read as the same value typed in
    // (a formula has no shared-string result).
    switch (this.formula !== null && this.type === 's' ? 'n' : this.type) {
      case 's':
        return toCellValue(this.sharedStrings?.[parseInt(text, 10)] as ExcelJS.CellValue | undefined);
      case 'inlineStr':
      case 'str':
        return xmlDecodeAgain(text);
      case 'e':
        return new CellError(text);
      case 'b':
        return parseInt(text, 10) !== 0;
      default: {
        const number = parseFloat(text);
        const isDate = (this.style ? this.isDateStyle(this.style) : null) ?? this.rowIsDate;
        if (!isDate) return toCellValue(number);
        return new Date(Math.round((number - 25569 + (this.date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
      }
    }
  }
}

/** A value as exceljs holds it, as a cell of the tables: shared strings here, every cell in the tests' exceljs reference reader. */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
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
