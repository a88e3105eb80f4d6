import { ClkKeyError } from '../../../shared/linkage/pprl/encoder.ts';
import { CellError, type CellValue, type RawRow } from '../../../shared/tabular/cells.ts';
import { sniffDelimiter } from '../../../shared/tabular/csv-delimiter.ts';
import { encodeList, type EncodedList, type PlaceCells, type ReadList, readListSheets, type RecognisedColumn, type Sheet } from './encode-list.ts';

/**
 * The encoded-list page's worker: the list file is read and its households encoded here, off the
 * page's thread, and nothing of a row leaves it but its place cells (to find the P-code) and,
 * at the end, the encodings. The key arrives from the page and is kept for one encoding only.
 * exceljs and the CSV parser load here, on demand, never in the page's bundle.
 */

export type WorkerRequest =
  | { type: 'read'; file: File; mappings: { header: string; column: string }[] }
  | { type: 'encode'; keyText: string; pcodes: (string | null)[]; assistanceDate: string; today: string };

export type WorkerAnswer =
  | { type: 'read'; sheet: string | null; columns: RecognisedColumn[]; unknownColumns: string[]; rows: number; places: PlaceCells[] }
  | { type: 'progress'; done: number; total: number }
  | ({ type: 'encoded' } & EncodedList)
  | { type: 'failed'; code: 'file_unreadable' | 'no_name_column' | 'key_too_short' | 'nothing_read' | 'unexpected'; detail?: string };

let list: ReadList | null = null;

const post = (answer: WorkerAnswer) => self.postMessage(answer);

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
  void handle(event.data).catch((error: unknown) => {
    if (error instanceof ClkKeyError) post({ type: 'failed', code: 'key_too_short' });
    else post({ type: 'failed', code: 'unexpected', detail: error instanceof Error ? error.message : String(error) });
  });
});

async function handle(request: WorkerRequest): Promise<void> {
  if (request.type === 'read') {
    list = null;
    let sheets: Sheet[];
    try {
      sheets = await readSheets(request.file);
    } catch {
      post({ type: 'failed', code: 'file_unreadable' });
      return;
    }
    list = readListSheets(sheets, request.mappings);
    if (list === null) {
      post({ type: 'failed', code: 'no_name_column' });
      return;
    }
    const { sheet, columns, unknownColumns, rows, places } = list;
    post({ type: 'read', sheet, columns, unknownColumns, rows: rows.length, places });
    return;
  }
  if (list === null) {
    post({ type: 'failed', code: 'nothing_read' });
    return;
  }
  const encoded = await encodeList(list, {
    keyText: request.keyText,
    pcodes: request.pcodes,
    assistanceDate: request.assistanceDate,
    today: request.today,
    onProgress: (done, total) => post({ type: 'progress', done, total }),
  });
  post({ type: 'encoded', ...encoded });
}

async function readSheets(file: File): Promise<Sheet[]> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // A zip (PK\x03\x04): an Excel workbook. Anything else is read as CSV text.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readWorkbook(bytes);
  return [{ name: null, rows: await readCsv(bytes) }];
}

async function readWorkbook(bytes: Uint8Array): Promise<Sheet[]> {
  const module = await import('exceljs');
  const ExcelJS = (module as unknown as { default?: typeof module }).default ?? module;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer);
  return workbook.worksheets
    .filter((sheet) => sheet.state !== 'hidden' && sheet.state !== 'veryHidden')
    .map((sheet) => {
      const rows: RawRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: CellValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellValue(cell.value);
        });
        for (let i = 0; i < cells.length; i++) cells[i] ??= null;
        rows.push({ row: number, cells });
      });
      return { name: sheet.name, rows };
    });
}

/** An exceljs value as the shared readers take it (the server's reader does the same, src/server/lib/tabular/read-xlsx.ts). */
function cellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : new CellError('#VALUE!');
  if (value instanceof Date) return value;
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((run: { text: string }) => run.text).join('');
  if ('error' in value) return new CellError(String(value.error));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return new CellError(String(result.error));
    return cellValue(result);
  }
  if ('text' in value) return cellValue(value.text);
  return null;
}

/** The text's encoding as the server tells it: a byte order mark, else UTF-8 if valid, else Windows-1252. */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

async function readCsv(bytes: Uint8Array): Promise<RawRow[]> {
  const { parse } = await import('csv-parse/browser/esm/sync');
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const { delimiter, separatorLine } = sniffDelimiter(text.slice(0, 64 * 1024));
  const records = parse(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: separatorLine ? 2 : 1,
  });
  const first = separatorLine ? 2 : 1;
  return records.map((record, k) => ({ row: k + first, cells: record.map((cell) => (cell === '' ? null : cell)) }));
}
