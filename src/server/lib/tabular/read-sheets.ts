import { type CsvDialect, csvRows } from './read-csv.ts';
import type { TableSheet } from './read-xlsx.ts';
import { sourceSize, type TabularSource } from './source.ts';

/** What to read of a file whose format is known: a worksheet by name (xlsx), or how its rows are split (CSV). */
export type SheetsRequest = { format: 'xlsx'; sheet?: string } | ({ format: 'csv' } & CsvDialect);

/**
 * The file's sheets, read in this thread: by the reading worker (read-worker.ts), and by
 * openTable itself for files too small to be worth a thread. The XLSX reader (and exceljs with
 * it) is loaded only when a workbook is read, so a worker reading a CSV starts quicker.
 */
export async function* sheetsHere(source: TabularSource, request: SheetsRequest): AsyncGenerator<TableSheet> {
  if (request.format === 'xlsx') {
    const { xlsxSheets } = await import('./read-xlsx.ts');
    yield* xlsxSheets(source, request.sheet);
    return;
  }
  const size = await sourceSize(source);
  let read = 0;
  const rows = csvRows(source, request, (bytes) => {
    read += bytes;
  });
  yield { name: null, rows, progress: () => (size > 0 ? Math.min(1, read / size) : null) };
}
