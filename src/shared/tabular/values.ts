import type { Language } from '../contracts/common.ts';
import type { ImportMessageCode, ImportMessageParams } from '../import-messages.ts';
import { hasForbiddenCharacters, searchKey } from '../text.ts';
import { CellError, type CellValue, cellText, isoDateOfUtc } from './cells.ts';
import { type CompiledColumn, listSeparators, optionLabel } from './columns.ts';

/** Why a cell was refused: a message code of src/shared/import-messages.ts and its parameters. */
export interface ValueProblem {
  code: ImportMessageCode;
  params?: ImportMessageParams;
  suggestions?: string[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: ValueProblem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const refuse = (code: ImportMessageCode, params: ImportMessageParams = {}, suggestions?: string[]): Parsed<never> => ({
  ok: false,
  problem: { code, params, ...(suggestions ? { suggestions } : {}) },
});

// ---------------------------------------------------------------------------------------- dates

const monthByName = new Map<string, number>(
  (
    [
      [1, 'janvier janv jan january'],
      [2, 'fevrier fevr fev feb february'],
      [3, 'mars mar march'],
      [4, 'avril avr apr april'],
      [5, 'mai may'],
      [6, 'juin jun june'],
      [7, 'juillet juil jul july'],
      [8, 'aout aou aug august'],
      [9, 'septembre sept sep september'],
      [10, 'octobre oct october'],
      [11, 'novembre nov november'],
      [12, 'decembre dec december'],
    ] as const
  ).flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)),
);

const isoLike = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/;
const withMonthName = /^(\d{1,2})(?: ?er)? ([a-z]+) (\d{4})$/;
const serialText = /^\d+(?:[.,]\d+)?$/;

/** Last Excel serial: 31/12/9999. */
const lastSerial = 2_958_465;
const dayMs = 86_400_000;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function calendarDate(year: number, month: number, day: number, written: string): Parsed<string> {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = year >= 1000 && year <= 9999 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real ? ok(isoDate(year, month, day)) : refuse('date_impossible', { value: written });
}

/**
 * Excel's 1900 date system: serial 1 is 1 January 1900 and, copying Lotus 1-2-3, serial 60 is
 * 29 February 1900, a day that never existed; later serials are one day ahead of a true count.
 * The time of day (fraction) is dropped. A whole number that reads as a year is refused:
 * 2026 is far likelier a year typed alone than a day in 1905.
 */
export function excelSerialToDate(serial: number, written: string = String(serial)): Parsed<string> {
  if (!Number.isFinite(serial)) return refuse('date_invalid', { value: written });
  const day = Math.floor(serial);
  if (Number.isInteger(serial) && day >= 1900 && day <= 2100) return refuse('date_year_only', { value: written });
  if (day < 1 || day > lastSerial) return refuse('date_invalid', { value: written });
  if (day === 60) return refuse('date_impossible', { value: '29/02/1900' });
  const daysSince1900 = day < 60 ? day - 1 : day - 2;
  return ok(isoDateOfUtc(new Date(Date.UTC(1900, 0, 1) + daysSince1900 * dayMs)));
}

/**
 * A calendar date as an ISO string. Text is read day first, the French way (`1/3/26` is
 * 1 March 2026); a text that can only be month first (`03/31/2026`) is refused rather than
 * guessed, since the other rows of the same file would silently mean something else.
 */
export function parseDate(cell: CellValue): Parsed<string | null> {
  if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime()) || cell.getUTCFullYear() < 1900 || cell.getUTCFullYear() > 9999) {
      return refuse('date_invalid', { value: String(cellText(cell)) });
    }
    return ok(isoDateOfUtc(cell));
  }
  if (typeof cell === 'number') return excelSerialToDate(cell);
  const text = cellText(cell);
  if (text === null) return ok(null);
  if (typeof cell === 'boolean') return refuse('date_invalid', { value: text });
  const compact = text.replace(/\s+/g, ' ');

  let match = isoLike.exec(compact);
  if (match) return calendarDate(Number(match[1]), Number(match[2]), Number(match[3]), text);

  match = dayFirst.exec(compact);
  if (match) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    let year = Number(match[3]);
    if (match[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    if (second > 12 && first <= 12) return refuse('date_month_first', { value: text });
    return calendarDate(year, second, first, text);
  }

  match = withMonthName.exec(searchKey(compact));
  if (match) {
    const month = monthByName.get(match[2]!);
    if (month !== undefined) return calendarDate(Number(match[3]), month, Number(match[1]), text);
  }

  if (serialText.test(compact)) return excelSerialToDate(Number(compact.replace(',', '.')), text);
  return refuse('date_invalid', { value: text });
}

// -------------------------------------------------------------------------------------- numbers

const groupSpaces = /[\u0020\u00a0\u202f\u2009\u2007]/;
const spacedGroups = /^[+-]?\d{1,3}(?:[\u0020\u00a0\u202f\u2009\u2007]\d{3})+(?:[.,]\d+)?$/;
const plain = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;
const commaGroups = /^[+-]?\d{1,3}(?:,\d{3})+$/;
const dotGroups = /^[+-]?\d{1,3}(?:\.\d{3})+$/;
const dotGroupsCommaDecimal = /^[+-]?\d{1,3}(?:\.\d{3})+,\d+$/;
const commaGroupsDotDecimal = /^[+-]?\d{1,3}(?:,\d{3})+\.\d+$/;
const oneSeparatorThreeDigits = /^[+-]?\d{1,3}[.,]\d{3}$/;

/**
 * Numbers as people type them in French and English files: `1 234,5` (spaces, no-break or narrow
 * no-break spaces between thousands, decimal comma), `1234.5`, `1,234.5`, `1.234,5`, `12,5 %`
 * (0.125, as Excel stores a percentage). One comma or one dot is a decimal separator, except in a
 * whole-number column: a count cannot have a decimal part, so `3,855` (an English-locale CSV) or
 * `3.855` there groups thousands.
 */
export function parseNumber(cell: CellValue, options: { integer?: boolean } = {}): Parsed<number | null> {
  if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : refuse('number_invalid', { value: String(cell) });
  const text = cellText(cell);
  if (text === null) return ok(null);
  if (typeof cell !== 'string') return refuse('number_invalid', { value: text });

  let body = text.replace(/\u2212/g, '-');
  let scale = 1;
  if (body.endsWith('%')) {
    body = body.slice(0, -1).trimEnd();
    scale = 100;
  }
  let normalised: string;
  if (groupSpaces.test(body)) {
    if (!spacedGroups.test(body)) return refuse('number_invalid', { value: text });
    normalised = body.replace(new RegExp(groupSpaces.source, 'g'), '').replace(',', '.');
  } else if (dotGroupsCommaDecimal.test(body)) {
    normalised = body.replace(/\./g, '').replace(',', '.');
  } else if (commaGroupsDotDecimal.test(body)) {
    normalised = body.replace(/,/g, '');
  } else if (options.integer && oneSeparatorThreeDigits.test(body)) {
    normalised = body.replace(/[.,]/, '');
  } else if (commaGroups.test(body) && body.split(',').length > 2) {
    normalised = body.replace(/,/g, '');
  } else if (dotGroups.test(body) && body.split('.').length > 2) {
    normalised = body.replace(/\./g, '');
  } else if (plain.test(body)) {
    normalised = body.replace(',', '.');
  } else {
    return refuse('number_invalid', { value: text });
  }
  const value = Number(normalised) / scale;
  return Number.isFinite(value) ? ok(value) : refuse('number_invalid', { value: text });
}

// ------------------------------------------------------------------------------------ booleans

const trueWords = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x']);
const falseWords = new Set(['non', 'n', 'no', 'faux', 'false', '0']);

export function parseBoolean(cell: CellValue): Parsed<boolean | null> {
  if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
  if (typeof cell === 'boolean') return ok(cell);
  const text = cellText(cell);
  if (text === null) return ok(null);
  const key = searchKey(text);
  if (trueWords.has(key)) return ok(true);
  if (falseWords.has(key)) return ok(false);
  return refuse('boolean_invalid', { value: text });
}

// ------------------------------------------------------------------------------ one column cell

const defaultMaxLength = 4000;
const listedValuesInMessage = 12;

function parseOption(column: CompiledColumn, text: string, language: Language): Parsed<string> {
  const value = column.optionByKey.get(searchKey(text));
  if (value !== undefined) return ok(value);
  const options = column.spec.type === 'enum' || column.spec.type === 'list' ? (column.spec.options ?? []) : [];
  const labels = options.map((o) => o.label[language]);
  const suggestions = column.optionIndex.suggest(text).map((o) => o.label[language]);
  if (suggestions.length > 0) return refuse('enum_did_you_mean', { value: text }, suggestions);
  const allowed = labels.slice(0, listedValuesInMessage).join(', ') + (labels.length > listedValuesInMessage ? ', …' : '');
  return refuse('enum_unknown', { value: text, allowed });
}

function checkText(text: string, max: number): Parsed<string> {
  if (text.length > max) return refuse('text_too_long', { length: text.length, max });
  return hasForbiddenCharacters(text) ? refuse('text_invalid_characters') : ok(text);
}

function checkRange(value: number, column: { min?: number; max?: number }): Parsed<number> {
  if (column.min !== undefined && value < column.min) return refuse('number_too_small', { value, min: column.min });
  if (column.max !== undefined && value > column.max) return refuse('number_too_large', { value, max: column.max });
  return ok(value);
}

/** Whole numbers only, allowing the float noise of a formula result (12.000000000001). */
function asInteger(value: number, written: string): Parsed<number> {
  const rounded = Math.round(value);
  return Math.abs(value - rounded) < 1e-9 && Number.isSafeInteger(rounded) ? ok(rounded) : refuse('integer_expected', { value: written });
}

function parsePresent(column: CompiledColumn, cell: CellValue, language: Language): Parsed<unknown> {
  const spec = column.spec;
  switch (spec.type) {
    case 'text': {
      if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
      return checkText(cellText(cell)!, spec.maxLength ?? defaultMaxLength);
    }
    case 'integer':
    case 'number': {
      const parsed = parseNumber(cell, { integer: spec.type === 'integer' });
      if (!parsed.ok) return parsed;
      const value = spec.type === 'integer' ? asInteger(parsed.value!, cellText(cell)!) : ok(parsed.value!);
      return value.ok ? checkRange(value.value, spec) : value;
    }
    case 'date': {
      const parsed = parseDate(cell);
      if (!parsed.ok) return parsed;
      const date = parsed.value!;
      if (spec.min !== undefined && date < spec.min) return refuse('date_too_early', { value: date, min: spec.min });
      if (spec.max !== undefined && date > spec.max) return refuse('date_too_late', { value: date, max: spec.max });
      return ok(date);
    }
    case 'boolean':
      return parseBoolean(cell);
    case 'enum': {
      if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
      const text = cellText(cell)!;
      const parsed = parseOption(column, text, language);
      const several = parsed.ok ? null : severalOptions(column, text);
      if (several?.length === 1) return ok(several[0]);
      if (several)
        return refuse('enum_several', { value: text, values: several.map((v) => optionLabel(spec, v, language)).join(', '), header: spec.header[language] });
      return parsed;
    }
    case 'list': {
      if (cell instanceof CellError) return refuse('cell_error', { value: cell.code });
      const values: string[] = [];
      for (const piece of cellText(cell)!.split(listSeparators)) {
        const item = piece.trim();
        if (item === '') continue;
        const parsed = spec.options ? parseOptions(column, item, language) : checkText(item, spec.maxLength ?? defaultMaxLength);
        if (!parsed.ok) return parsed;
        for (const value of [parsed.value].flat()) if (!values.includes(value)) values.push(value);
      }
      return ok(values.length > 0 ? values : null);
    }
  }
}

/**
 * The options in one list piece: a whole option name, or comma-separated ones. Commas split only
 * where every part names an option, so a label with commas inside stays whole.
 */
function parseOptions(column: CompiledColumn, piece: string, language: Language): Parsed<string[]> {
  const parts = piece.split(',');
  const found: (string[] | null)[] = [[]];
  for (let end = 1; end <= parts.length; end++) {
    found[end] = null;
    for (let start = end - 1; start >= 0 && found[end] === null; start--) {
      const value = found[start] ? column.optionByKey.get(searchKey(parts.slice(start, end).join(','))) : undefined;
      if (value !== undefined) found[end] = [...found[start]!, value];
    }
  }
  if (found[parts.length]) return ok(found[parts.length]!);
  const several = severalOptions(column, piece);
  if (several) return ok(several);
  // Name the first part no option matches: the whole piece when it has no comma.
  const unknown = parts.length === 1 ? piece : (parts.map((p) => p.trim()).find((p) => p !== '' && !column.optionByKey.has(searchKey(p))) ?? piece);
  const refused = parseOption(column, unknown, language);
  return refused.ok ? ok([refused.value]) : refused;
}

/**
 * Two options or more written in one cell: a KoBoToolbox "select multiple" answer (choice names
 * separated by spaces, "secal nutrition", per the XLSForm format) or an ActivityInfo multiple
 * selection (labels separated by commas, per activityinfo.org/support/docs/working-with-data/
 * preparing-the-records-for-import.html). Null unless every part names an option.
 */
function severalOptions(column: CompiledColumn, text: string): string[] | null {
  for (const separator of [/\s*[,;|\n]\s*/, /\s+/]) {
    const parts = text
      .trim()
      .split(separator)
      .filter((p) => p !== '');
    if (parts.length < 2) continue;
    const values = parts.flatMap((p) => column.optionByKey.get(searchKey(p)) ?? []);
    if (values.length === parts.length) return [...new Set(values)];
  }
  return null;
}

/** Parses one cell for its column: null for an empty cell, a problem when refused or required. */
export function parseCell(column: CompiledColumn, cell: CellValue, language: Language): Parsed<unknown> {
  const empty = cellText(cell) === null && !(cell instanceof CellError);
  const parsed = empty ? ok(null) : parsePresent(column, cell, language);
  if (parsed.ok && parsed.value === null && column.spec.required) return refuse('required');
  return parsed;
}
