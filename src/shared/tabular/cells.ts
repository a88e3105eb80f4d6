import { zeroWidthCharacters } from '../text.ts';
/** An Excel error value (#N/A, #REF!…) read from a cell or a formula result. */
export class CellError {
  constructor(readonly code: string) {}
}

/**
 * A cell as the readers give it: CSV cells are strings; XLSX cells keep their type, and date
 * cells arrive as JS Dates whose UTC fields are the date Excel shows.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export interface RawRow {
  /** Row number as the spreadsheet shows it (1-based). */
  row: number;
  /** Index 0 is column A. */
  cells: CellValue[];
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const formulaStart = /^'*[=+\-@\t\r]/;
const neutralisedFormula = /^'+[=+\-@\t\r]/;

/**
 * Prefixes a quote to text a spreadsheet would run as a formula. Text already starting with
 * quotes before such a character gets one more, so `restoreNeutralised` gives the value back.
 */
export function neutraliseFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

export function restoreNeutralised(text: string): string {
  return neutralisedFormula.test(text) ? text.slice(1) : text;
}

export function isBlankCell(value: CellValue): boolean {
  return value === null || (typeof value === 'string' && value.trim() === '');
}

export function isoDateOfUtc(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The cell as text, for headers, text columns and messages. */
export function cellText(value: CellValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') {
    // Zero-width characters go as they do from forms: a cell of them alone is empty.
    const text = restoreNeutralised(value.replace(zeroWidthCharacters, '').trim()).trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : isoDateOfUtc(value);
  return value.code;
}

/** Column letters as Excel shows them: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
