import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { CellError, type CellValue, type RawRow } from './cells.ts';
import { openSourceStream, TabularFileError, type TabularSource } from './source.ts';

/**
 * Rows of one worksheet, streamed with exceljs's `WorkbookReader` so a 50,000-row workbook never
 * sits in memory: the named sheet, else the first visible one in file order. Shared strings and
 * styles are cached (styles tell which numbers are dates). Reading stops at the end of the sheet,
 * without unpacking the rest of the workbook.
 */
export interface XlsxReading {
  /** Known once the first row arrives (or the sheet is found empty). */
  sheetName(): string | null;
  rows: AsyncGenerator<RawRow>;
}

export function readXlsx(source: TabularSource, sheet: string | undefined, onBytes: (bytes: number) => void): XlsxReading {
  let chosen: string | null = null;
  async function* rows(): AsyncGenerator<RawRow> {
    const input = openSourceStream(source);
    const counted = new PassThrough();
    counted.on('data', (chunk: Buffer) => onBytes(chunk.length));
    input.on('error', (error) => counted.destroy(error));
    input.pipe(counted);
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counted, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const seen: string[] = [];
    const wanted = sheet?.trim().toLowerCase();
    try {
      for await (const worksheet of workbook) {
        const { name, state } = worksheet as unknown as { name: string; state?: string };
        seen.push(name);
        const match = wanted === undefined ? state !== 'hidden' && state !== 'veryHidden' : name.trim().toLowerCase() === wanted;
        if (!match) continue;
        chosen = name;
        for await (const row of worksheet) yield { row: row.number, cells: rowCells(row) };
        return;
      }
      if (wanted !== undefined) throw new TabularFileError('sheet_not_found', { sheet: sheet!, sheets: seen.join(', ') });
      throw new TabularFileError('file_empty');
    } finally {
      input.destroy();
      counted.destroy();
    }
  }
  return { sheetName: () => chosen, rows: rows() };
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
  // A formula result that is an Excel error arrives as NaN.
  if (typeof value === 'number') return Number.isFinite(value) ? value : new CellError('#VALUE!');
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return new CellError(String(value.error));
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result !== null && typeof result === 'object' && 'error' in result) return new CellError(String(result.error));
    return toCellValue(result as ExcelJS.CellValue | undefined);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text : toCellValue(value.text as ExcelJS.CellValue);
  return null;
}
