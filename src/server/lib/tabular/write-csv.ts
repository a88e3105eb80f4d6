import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Language } from '../../../shared/contracts/common.ts';
import { neutraliseFormula } from '../../../shared/tabular/cells.ts';
import type { ColumnSpec } from '../../../shared/tabular/columns.ts';
import { exportValue } from './export-values.ts';

export interface CsvWriteOptions {
  columns: readonly ColumnSpec[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
  language: Language;
  /** Adds the hashtag row under the header (HXL CSV). */
  hxlRow: boolean;
  delimiter: ',' | ';';
}

/**
 * CSV as Excel opens it right: UTF-8 with a byte order mark (without it Excel reads Windows-1252
 * and breaks every accent), CRLF line ends, RFC 4180 quoting. With `;` (the separator French
 * Excel expects) numbers take a decimal comma. Dates are ISO (2026-03-01), which Excel and every
 * tool read unambiguously. Text a spreadsheet would run as a formula gets a leading quote.
 */
export async function writeCsv(output: Writable, options: CsvWriteOptions): Promise<void> {
  const { columns, language, delimiter } = options;
  const quote = (text: string) => (/[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const field = (spec: ColumnSpec, value: unknown): string => {
    const cell = exportValue(spec, value, language);
    if (cell === null) return '';
    if (typeof cell === 'number') return delimiter === ';' ? String(cell).replace('.', ',') : String(cell);
    return quote(neutraliseFormula(cell));
  };
  const line = (fields: string[]) => `${fields.join(delimiter)}\r\n`;

  let buffer = `\ufeff${line(columns.map((c) => quote(neutraliseFormula(c.header[language]))))}`;
  if (options.hxlRow) buffer += line(columns.map((c) => quote(c.hxl ?? '')));
  for await (const row of options.rows) {
    buffer += line(columns.map((c) => field(c, row[c.key])));
    if (buffer.length >= 64 * 1024) {
      if (!output.write(buffer)) await once(output, 'drain');
      buffer = '';
    }
  }
  output.write(buffer);
}
