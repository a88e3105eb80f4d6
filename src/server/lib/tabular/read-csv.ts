import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { RawRow } from '../../../shared/tabular/cells.ts';
import { type CsvDelimiter, sniffDelimiter } from '../../../shared/tabular/csv-delimiter.ts';
import { openSourceStream, TabularFileError, type TabularSource } from './source.ts';

/**
 * The text encoding: a byte order mark decides; otherwise UTF-8 if every byte of the file is
 * valid UTF-8, else Windows-1252 (the "Latin-1" French Excel saves "CSV (séparateur : point-virgule)"
 * in, with œ, € and ’ that ISO-8859-1 lacks). The whole file is checked because a file can be
 * ASCII for thousands of rows before its first "é".
 */
export async function detectCsvEncoding(source: TabularSource, head: Buffer): Promise<string> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of openSourceStream(source)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/**
 * Characters a row may hold (the message says "a million"): a full row of Excel's longest cells is far below. Without a bound
 * one 20-million-character field held the server for two minutes and 3 GB.
 */
export const maxCsvRowCharacters = 1_000_000;

/** How a CSV file's rows are split, told from its first bytes. */
export interface CsvDialect {
  encoding: string;
  delimiter: CsvDelimiter;
  /** Excel's "sep=;" first line, which is no row. */
  skipFirst: boolean;
}

export function csvDialect(encoding: string, head: Buffer): CsvDialect {
  const sample = new TextDecoder(encoding).decode(head);
  const { delimiter, separatorLine: skipFirst } = sniffDelimiter(sample);
  return { encoding, delimiter, skipFirst };
}

export async function* csvRows(
  source: TabularSource,
  { encoding, delimiter, skipFirst }: CsvDialect,
  onBytes: (bytes: number) => void,
): AsyncGenerator<RawRow> {
  const input = openSourceStream(source);
  const decoder = new TextDecoder(encoding);
  const decode = new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    from_line: skipFirst ? 2 : 1,
    max_record_size: maxCsvRowCharacters,
  });
  const piping = pipeline(input, decode, parser).catch((error: unknown) => error);
  let row = skipFirst ? 1 : 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map((cell) => (cell === '' ? null : cell)) };
    }
    const failure = await piping;
    if (failure) throw failure;
  } catch (error) {
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') throw new TabularFileError('csv_row_too_long', { row: row + 1 });
    throw error;
  } finally {
    input.destroy();
  }
}
