import { csvDialect, detectCsvEncoding } from './read-csv.ts';
import { type ReadWorkerOptions, sheetsInWorker } from './read-remote.ts';
import { type SheetsRequest, sheetsHere } from './read-sheets.ts';
import type { TableSheet } from './read-xlsx.ts';
import { detectFormat, readHead, sourceSize, type TabularFormat, type TabularSource } from './source.ts';

export type { TableSheet };

export interface TableReading {
  format: TabularFormat;
  encoding: string | null;
  delimiter: string | null;
  /** One sheet for CSV; the candidate worksheets for XLSX. */
  sheets: AsyncGenerator<TableSheet>;
}

const headBytes = 64 * 1024;

/**
 * Files up to this size are read in this thread: their reading takes milliseconds, less than a
 * thread takes to start, and the unpack limits bound them tightly (no part of a 64 KiB workbook
 * unpacks past 16 MB, zip.ts).
 */
const workerFrom = headBytes;

export interface OpenTableOptions {
  /** Worksheet to read (xlsx). */
  sheet?: string;
  /** Read in a worker thread: default for files over 64 KiB. */
  worker?: boolean | ReadWorkerOptions;
}

/** Opens any supported file, its format told by its first bytes. */
export async function openTable(source: TabularSource, options: OpenTableOptions = {}): Promise<TableReading> {
  const head = await readHead(source, headBytes);
  const format = detectFormat(head);
  const request: SheetsRequest = format === 'xlsx' ? { format, sheet: options.sheet } : { format, ...csvDialect(await detectCsvEncoding(source, head), head) };
  const worker = options.worker ?? (await sourceSize(source)) > workerFrom;
  return {
    format,
    encoding: request.format === 'csv' ? request.encoding : null,
    delimiter: request.format === 'csv' ? request.delimiter : null,
    sheets: worker ? sheetsInWorker(source, request, worker === true ? {} : worker) : sheetsHere(source, request),
  };
}
