import { importMessage } from '../../../shared/import-messages.ts';
import type { HouseholdFields } from '../../../shared/linkage/household.ts';
import { searchKey } from '../../../shared/text.ts';
import { cellText, isBlankCell, type RawRow } from '../../../shared/tabular/cells.ts';
import { compileColumn } from '../../../shared/tabular/columns.ts';
import { detectHeader, type HeaderLayout } from '../../../shared/tabular/header.ts';
import { openTable } from '../tabular/read.ts';
import { TabularFileError } from '../tabular/source.ts';
import { householdColumns } from '../../../shared/linkage/household-columns.ts';

/**
 * Reads a household list file (XLSX, CSV, HXL CSV) row by row for deduplication, leniently: the
 * columns are recognised as the list upload recognises them (household-columns.ts), every row is
 * kept, and a value that cannot be read is left out of the record by the shared reader rather
 * than refusing the row. Used where a million rows must stream through (the command line); the
 * upload's own validation is runImport.
 */
export interface HouseholdFileRow {
  /** 1-based number among the data rows (the first row under the header is 1). */
  row: number;
  /** The value of the chosen id column, when one was named. */
  id: string | null;
  fields: HouseholdFields;
}

export class HouseholdFileError extends Error {}

const nameKeys = new Set(['fullName', 'familyName', 'givenNames']);
const scanRows = 30;

function headersOf(row: RawRow | undefined): string[] {
  return (row?.cells ?? []).map((cell) => cellText(cell)).filter((text): text is string => text !== null);
}

export interface HouseholdFile {
  /** Headers as written, of the recognised columns (by household field) and of the others. */
  recognised: { key: string; header: string | null }[];
  /** Whether the id column asked for is in this file (else rows are numbered). */
  hasIdColumn: boolean;
  unrecognised: string[];
  rows: AsyncGenerator<HouseholdFileRow>;
}

export async function openHouseholdFile(path: string, options: { idColumn?: string } = {}): Promise<HouseholdFile> {
  const columns = householdColumns.map(compileColumn);
  let reading;
  try {
    reading = await openTable({ path });
  } catch (error) {
    // The command line speaks English, like its usage text; the code's message, not the code.
    if (error instanceof TabularFileError) throw new HouseholdFileError(`${path}: ${importMessage(error.code, error.params, 'en')}`);
    throw error;
  }
  let firstRows: RawRow[] = [];
  for await (const sheet of reading.sheets) {
    const iterator = sheet.rows[Symbol.asyncIterator]();
    const buffered: RawRow[] = [];
    while (buffered.length < scanRows) {
      const next = await iterator.next();
      if (next.done) break;
      if (!next.value.cells.every(isBlankCell)) buffered.push(next.value);
    }
    if (firstRows.length === 0) firstRows = buffered;
    const layout = buffered.length > 0 ? detectHeader(buffered, columns) : null;
    if (layout === null || !layout.bindings.some((b) => nameKeys.has(b.column.spec.key))) {
      await iterator.return?.(undefined);
      continue;
    }
    return fileOf(layout, buffered, iterator, options.idColumn);
  }
  const headers = headersOf(firstRows[0]);
  throw new HouseholdFileError(
    `${path}: no household columns recognised (a head of household's name is needed: "Nom", "Prénom", "Nom complet du chef de ménage", "given_name", "surname", or an HXL tag such as #beneficiary+name). ` +
      (headers.length > 0 ? `Columns found: ${headers.map((h) => `"${h}"`).join(', ')}.` : 'The file is empty.'),
  );
}

function fileOf(layout: HeaderLayout, buffered: RawRow[], iterator: AsyncIterator<RawRow>, idColumn: string | undefined): HouseholdFile {
  let idIndex = -1;
  if (idColumn !== undefined) {
    const wanted = searchKey(idColumn);
    const all = [...layout.bindings.map((b) => ({ index: b.index, header: b.header, hxl: b.hxl })), ...layout.unknown];
    const found = all.find((c) => (c.header !== null && searchKey(c.header) === wanted) || (c.hxl !== null && c.hxl === idColumn));
    if (found) idIndex = found.index;
  }
  const bindings = layout.bindings.filter((b) => b.index !== idIndex || b.column.spec.key !== 'id');
  const headerRow = buffered[layout.dataStart - 1]?.row ?? 0;
  const rows = async function* (): AsyncGenerator<HouseholdFileRow> {
    const head = buffered.slice(layout.dataStart);
    for (;;) {
      let raw = head.shift();
      if (raw === undefined) {
        const next = await iterator.next();
        if (next.done) return;
        raw = next.value;
      }
      if (raw.cells.every(isBlankCell)) continue;
      const fields: Record<string, string | number | null> = {};
      for (const binding of bindings) {
        const text = cellText(raw.cells[binding.index] ?? null);
        if (text === null) continue;
        fields[binding.column.spec.key] = binding.column.spec.key === 'householdSize' ? Number(text.replace(',', '.')) : text;
      }
      const id = idIndex >= 0 ? cellText(raw.cells[idIndex] ?? null) : null;
      yield { row: raw.row - headerRow, id, fields: fields };
    }
  };
  return {
    recognised: layout.bindings.map((b) => ({ key: b.column.spec.key, header: b.header ?? b.hxl })),
    hasIdColumn: idIndex >= 0,
    unrecognised: layout.unknown.filter((c) => c.index !== idIndex).map((c) => c.header ?? c.hxl ?? '').filter((h) => h !== ''),
    rows: rows(),
  };
}
