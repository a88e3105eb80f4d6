import fs from 'node:fs';
import { Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { searchKey } from '../../../../shared/text.ts';
import { detectCsvEncoding } from '../../../lib/tabular/read-csv.ts';
import type { RowErrors } from './row-errors.ts';

/** A column a feature expects: the names it may carry in a header (English, French, OCHA, HXL), accents and case ignored. */
export interface ColumnSpec<F extends string> {
  field: F;
  names: readonly string[];
  required: boolean;
}

/** "ADM1_PCODE", "adm1 pcode", "Adm1-PCode" and the HXL tag "#adm1+pcode" all give "adm1pcode". */
export function headerKey(value: string): string {
  return searchKey(value).replaceAll(' ', '');
}

export interface CsvRow<F extends string> {
  /** The line number a spreadsheet shows (the header is line 1). */
  line: number;
  /** The trimmed cell of that column, '' when empty or when the file has no such column. */
  value(field: F): string;
}

const sniffBytes = 64 * 1024;

async function readHead(filePath: string): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(sniffBytes);
    const { bytesRead } = await handle.read(buffer, 0, sniffBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** French spreadsheets separate with ';', others with ',' or tabs: the header line tells which. */
function delimiterOf(headerLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, headerLine.split(d).length - 1] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

function decoding(encoding: string): Transform {
  const decoder = new TextDecoder(encoding);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
}

const zipSignature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A workbook (xlsx is a zip) or any binary file sent where a CSV was expected. */
export class NotCsvError extends Error {}

async function* records(filePath: string): AsyncGenerator<{ line: number; cells: string[] }> {
  const head = await readHead(filePath);
  if (head.subarray(0, 4).equals(zipSignature) || head.includes(0)) throw new NotCsvError();
  // The whole file decides (shared with the other imports): a Windows-1252 accent can come after the first 64 KB.
  const encoding = await detectCsvEncoding({ path: filePath }, head);
  const headerLine = new TextDecoder(encoding).decode(head).replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const parser = fs
    .createReadStream(filePath)
    .pipe(decoding(encoding))
    .pipe(parse({ bom: true, delimiter: delimiterOf(headerLine), relax_column_count: true, skip_empty_lines: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: info.lines, cells: record };
  }
}

const isHxlRow = (cells: string[]) => cells.some((c) => c.trim() !== '') && cells.every((c) => c.trim() === '' || c.trim().startsWith('#'));

/**
 * Reads a CSV file row by row (bounded memory) and finds each expected column by its header,
 * or by the HXL hashtag row under it when there is one. A missing required column is reported
 * on line 1 and no row is read.
 */
export async function openCsvTable<F extends string>(filePath: string, specs: readonly ColumnSpec<F>[], errors: RowErrors) {
  const source = records(filePath);
  let header: { line: number; cells: string[] } | undefined;
  let pending: { line: number; cells: string[] } | undefined;
  let hxl: string[] | undefined;
  try {
    header = (await source.next()).value ?? undefined;
    const second = (await source.next()).value ?? undefined;
    if (second && isHxlRow(second.cells)) hxl = second.cells;
    else pending = second;
  } catch (error) {
    if (error instanceof NotCsvError) errors.add(0, 'file_not_csv');
    else errors.add((error as { lines?: number }).lines ?? 1, 'csv_invalid', null, (error as Error).message);
    return undefined;
  }
  if (!header) {
    errors.add(0, 'file_empty');
    return undefined;
  }

  const headerKeys = header.cells.map(headerKey);
  const hxlKeys = hxl?.map(headerKey) ?? [];
  const index = new Map<F, number>();
  const mapping: Record<string, string> = {};
  for (const spec of specs) {
    const wanted = new Set(spec.names.map(headerKey));
    let at = headerKeys.findIndex((k) => wanted.has(k));
    if (at < 0) at = hxlKeys.findIndex((k) => wanted.has(k));
    if (at >= 0) {
      index.set(spec.field, at);
      mapping[spec.field] = header.cells[at]?.trim() || (hxl?.[at] ?? '');
    } else if (spec.required) {
      errors.add(1, 'column_missing', spec.field, spec.names.slice(0, 3).join(' / '));
    }
  }
  if (errors.any) return undefined;

  const rowOf = (line: number, cells: string[]): CsvRow<F> => ({
    line,
    value(field) {
      const at = index.get(field);
      return at === undefined ? '' : (cells[at] ?? '').trim();
    },
  });

  return {
    mapping,
    has: (field: F) => index.has(field),
    async *rows(): AsyncGenerator<CsvRow<F>> {
      let line = pending?.line ?? header.line;
      try {
        if (pending) yield rowOf(pending.line, pending.cells);
        for await (const record of source) {
          line = record.line;
          yield rowOf(record.line, record.cells);
        }
      } catch (error) {
        errors.add((error as { lines?: number }).lines ?? line + 1, 'csv_invalid', null, (error as Error).message);
      }
    },
  };
}
