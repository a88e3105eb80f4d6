import { detectCsvEncoding, readCsv } from './read-csv.ts';
import { type TableSheet, xlsxSheets } from './read-xlsx.ts';
import { detectFormat, readHead, sourceSize, type TabularFormat, type TabularSource } from './source.ts';

export type { TableSheet };

export interface TableReading {
  format: TabularFormat;
  encoding: string | null;
  delimiter: string | null;
  /** One sheet for CSV; the candidate worksheets for XLSX. */
  sheets: AsyncGenerator<TableSheet>;
}

/** Opens any supported file, its format told by its first bytes. */
export async function openTable(source: TabularSource, options: { sheet?: string } = {}): Promise<TableReading> {
  const head = await readHead(source, 64 * 1024);
  const format = detectFormat(head);
  if (format === 'xlsx') return { format, encoding: null, delimiter: null, sheets: xlsxSheets(source, options.sheet) };

  const size = await sourceSize(source);
  let read = 0;
  const csv = readCsv(source, await detectCsvEncoding(source, head), head, (bytes) => {
    read += bytes;
  });
  const sheet: TableSheet = { name: null, rows: csv.rows, progress: () => (size > 0 ? Math.min(1, read / size) : null) };
  return {
    format,
    encoding: csv.encoding,
    delimiter: csv.delimiter,
    sheets: (async function* () {
      yield sheet;
    })(),
  };
}
