import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ColumnSpec, RowOf } from '../../../shared/tabular/columns.ts';
import { writeCsv } from './write-csv.ts';
import { type DependentList, writeXlsx } from './write-xlsx.ts';

export type TableFormat = 'xlsx' | 'csv' | 'hxl';

export interface WriteTableOptions<Cs extends readonly ColumnSpec[]> {
  format: TableFormat;
  columns: Cs;
  /** Row objects as imports produce them; stream them from the database for big exports. */
  rows: Iterable<Partial<RowOf<Cs>>> | AsyncIterable<Partial<RowOf<Cs>>>;
  language: Language;
  /** Worksheet name (xlsx); default "Données" / "Data". */
  sheetName?: string;
  /** HXL row under the header in xlsx (default true); 'hxl' always has it, 'csv' never. */
  hxlRow?: boolean;
  /** xlsx drop-down values for non-enumeration columns, e.g. `{ organisation: ['NRC', 'Acted'] }`. */
  lists?: Partial<Record<Cs[number]['key'], readonly string[]>>;
  /**
   * xlsx drop-downs that depend on another column of the row: `{ package: { on: 'sector', groups:
   * [{ parent: 'secal', values: [...] }] } }` offers in each row only the values of the row's
   * parent (here its sector). The parent column is written as exported (an enumeration's label).
   */
  dependentLists?: Partial<Record<Cs[number]['key'], DependentList>>;
  /** CSV delimiter: ',' by default (HXL tools and most software); ';' for French Excel users. */
  csvDelimiter?: ',' | ';';
}

export const tableContentTypes: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  hxl: 'text/csv; charset=utf-8',
};

export const tableExtensions: Record<TableFormat, string> = { xlsx: '.xlsx', csv: '.csv', hxl: '.csv' };

/**
 * Writes a table to `output` and ends it; resolves once everything is written. For an HTTP
 * download, hand a PassThrough to the reply and do not await before sending it, or a big file
 * fills the PassThrough and waits for a reader that never comes.
 */
export async function writeTable<const Cs extends readonly ColumnSpec[]>(output: Writable, options: WriteTableOptions<Cs>): Promise<void> {
  const rows = options.rows as Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
  const finished = once(output, 'finish');
  if (options.format === 'xlsx') {
    await writeXlsx(output, {
      columns: options.columns,
      rows,
      language: options.language,
      sheetName: options.sheetName ?? (options.language === 'fr' ? 'Données' : 'Data'),
      hxlRow: options.hxlRow ?? true,
      lists: (options.lists ?? {}),
      dependentLists: options.dependentLists ?? {},
    });
  } else {
    await writeCsv(output, {
      columns: options.columns,
      rows,
      language: options.language,
      hxlRow: options.format === 'hxl',
      delimiter: options.csvDelimiter ?? ',',
    });
    output.end();
  }
  await finished;
}
