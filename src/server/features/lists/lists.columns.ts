import { searchKey } from '../../../shared/text.ts';
import { type ListColumnKey, listColumns } from '../../../shared/list-columns.ts';
import type { ColumnSpec } from '../../lib/tabular/index.ts';

/**
 * Columns whose values identify a person: their values never appear in an import report, an
 * error or a log (the report says which row and column, never what the cell held).
 */
export const personalColumns: ReadonlySet<string> = new Set<ListColumnKey>([
  'id',
  'fullName',
  'familyName',
  'givenNames',
  'age',
  'birthDate',
  'phone',
  'phone2',
  'nina',
  'spouseName',
  'spouseGivenNames',
  'spouse2Name',
]);

/** Columns an uploader may map an unrecognised header to. */
export const mappableColumns: readonly ColumnSpec[] = listColumns;

/** How a header is remembered: accents, case and punctuation ignored, like the recognition itself. */
export const headerKey = (header: string) => searchKey(header);
