import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportIssue, ImportProgress, ImportReport } from '../../../shared/contracts/import.ts';
import { type ImportMessageCode, type ImportMessageParams, importMessage, quotedChoices } from '../../../shared/import-messages.ts';
import { CellError, type CellValue, cellText, columnLetter, isBlankCell, type RawRow } from './cells.ts';
import { type ColumnSpec, compileColumn, type RowOf } from './columns.ts';
import { type ColumnBinding, detectHeader } from './header.ts';
import { detectCsvEncoding, readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import { detectFormat, readHead, sourceSize, TabularFileError, type TabularSource } from './source.ts';
import { RowSpool } from './spool.ts';
import { parseCell, type ValueProblem } from './values.ts';

export interface ParsedRow<R> {
  /** Row number as the spreadsheet shows it. */
  row: number;
  values: R;
}

export interface IssueOptions<K extends string> {
  column?: K;
  value?: unknown;
  params?: ImportMessageParams;
  suggestions?: string[];
}

/** Lets a row rule refuse the row (error) or flag it (warning) with a catalogue message. */
export interface RowCheck<K extends string> {
  readonly row: number;
  error(code: ImportMessageCode, options?: IssueOptions<K>): void;
  warning(code: ImportMessageCode, options?: IssueOptions<K>): void;
}

export interface BatchCheck<K extends string> {
  error(row: number, code: ImportMessageCode, options?: IssueOptions<K>): void;
  warning(row: number, code: ImportMessageCode, options?: IssueOptions<K>): void;
}

type KeyOf<Cs extends readonly ColumnSpec[]> = Cs[number]['key'];

export interface ImportOptions<Cs extends readonly ColumnSpec[]> {
  source: TabularSource;
  columns: Cs;
  /** Language of the report's messages. */
  language: Language;
  /** Worksheet to read (xlsx); default the first visible one. */
  sheet?: string;
  /** Rules across the cells of one row, run once every cell parsed (e.g. end date ≥ start date). */
  validateRow?: (values: RowOf<Cs>, check: RowCheck<KeyOf<Cs>>) => void | Promise<void>;
  /** Rules needing the database, run on batches of rows that passed `validateRow` (e.g. places by name). */
  validateBatch?: (rows: readonly ParsedRow<RowOf<Cs>>[], check: BatchCheck<KeyOf<Cs>>) => void | Promise<void>;
  /** Rows per `validateBatch` call (default 500). */
  batchSize?: number;
  /** Called every 1000 rows and at the end. */
  onProgress?: (progress: ImportProgress) => void;
  /** Refuse files with more data rows than this. */
  maxRows?: number;
  /** Issues kept in the report (default 500); the counts stay exact. */
  maxIssues?: number;
  /** Non-blank rows searched for the header (default 30). */
  headerScanRows?: number;
}

/** The valid rows of an import, in file order, to classify (preview) and write (commit). */
export interface ValidRows<R> {
  readonly count: number;
  batches(size?: number): AsyncIterable<ParsedRow<R>[]>;
  /** Deletes the temporary file holding them; call it in a `finally`. */
  dispose(): Promise<void>;
}

export interface ImportResult<R> {
  report: ImportReport;
  rows: ValidRows<R>;
  /** Refused row numbers, ascending. */
  refusedRows: readonly number[];
}

const progressEvery = 1000;
const valueTextLength = 200;

function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = Array.isArray(value) ? value.join('; ') : typeof value === 'object' && !(value instanceof Date) && !(value instanceof CellError) ? JSON.stringify(value) : cellText(value as CellValue);
  return text === null ? null : text.length > valueTextLength ? `${text.slice(0, valueTextLength)}…` : text;
}

class IssueList {
  private readonly fileIssues: ImportIssue[] = [];
  private readonly rowIssues: ImportIssue[] = [];
  errors = 0;
  warnings = 0;
  truncated = false;

  constructor(
    private readonly language: Language,
    private readonly max: number,
  ) {}

  add(issue: Omit<ImportIssue, 'message' | 'params' | 'suggestions'> & { params?: ImportMessageParams; suggestions?: string[] }): void {
    if (issue.severity === 'error') this.errors++;
    else this.warnings++;
    const suggestions = issue.suggestions ?? [];
    const params = { ...issue.params };
    if (suggestions.length > 0 && !('suggestions' in params)) params.suggestions = quotedChoices(suggestions, this.language);
    const full: ImportIssue = { ...issue, params, suggestions, message: importMessage(issue.code, params, this.language) };
    if (issue.row === null) this.fileIssues.push(full);
    else if (this.rowIssues.length < this.max) this.rowIssues.push(full);
    else this.truncated = true;
  }

  file(code: ImportMessageCode, params: ImportMessageParams = {}, severity: 'error' | 'warning' = 'error', extra: Partial<ImportIssue> = {}): void {
    this.add({ row: null, column: null, header: null, value: null, code, params, severity, ...extra });
  }

  list(): ImportIssue[] {
    return [...this.fileIssues, ...this.rowIssues];
  }
}

/** Errors while reading rows are the file's fault (bad zip, bad XML, bad quoting), not the server's. */
class RowReader {
  private readonly iterator: AsyncIterator<RawRow>;
  constructor(rows: AsyncIterable<RawRow>) {
    this.iterator = rows[Symbol.asyncIterator]();
  }
  async next(): Promise<RawRow | null> {
    try {
      const step = await this.iterator.next();
      return step.done ? null : step.value;
    } catch (error) {
      if (error instanceof TabularFileError) throw error;
      throw new TabularFileError('file_unreadable', {}, { cause: error });
    }
  }
  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

/**
 * Reads, maps, parses and validates a file against a column declaration, and returns the report
 * (for the preview) and the valid rows (for the commit). Nothing is written anywhere: committing
 * is `commitInOneTransaction`, and only when `report.canCommit`.
 */
export async function runImport<const Cs extends readonly ColumnSpec[]>(options: ImportOptions<Cs>): Promise<ImportResult<RowOf<Cs>>> {
  type Row = RowOf<Cs>;
  const { source, language, batchSize = 500, maxIssues = 500, headerScanRows = 30 } = options;
  const columns = options.columns.map(compileColumn);
  const issues = new IssueList(language, maxIssues);
  const spool = new RowSpool<ParsedRow<Row>>();
  const refusedRows: number[] = [];
  const report: ImportReport = {
    format: 'csv',
    sheet: null,
    encoding: null,
    delimiter: null,
    headerRow: null,
    hxlRow: null,
    columns: [],
    unknownColumns: [],
    missingRequiredColumns: [],
    rows: 0,
    valid: 0,
    invalid: 0,
    errors: 0,
    warnings: 0,
    issues: [],
    issuesTruncated: false,
    plan: null,
    outcomes: [],
    outcomesTruncated: false,
    canCommit: false,
  };

  let bytesRead = 0;
  const onBytes = (n: number) => {
    bytesRead += n;
  };
  const totalBytes = await sourceSize(source);
  let reader: RowReader | null = null;
  const progress = () =>
    options.onProgress?.({ rowsRead: report.rows, fraction: report.format === 'csv' && totalBytes > 0 ? Math.min(1, bytesRead / totalBytes) : null });

  try {
    const head = await readHead(source, 64 * 1024);
    report.format = detectFormat(head);
    let sheetName = () => null as string | null;
    if (report.format === 'xlsx') {
      const reading = readXlsx(source, options.sheet, onBytes);
      sheetName = reading.sheetName;
      reader = new RowReader(reading.rows);
    } else {
      const reading = readCsv(source, await detectCsvEncoding(source, head), head, onBytes);
      report.encoding = reading.encoding;
      report.delimiter = reading.delimiter;
      reader = new RowReader(reading.rows);
    }

    const buffered: RawRow[] = [];
    while (buffered.length < headerScanRows) {
      const raw = await reader.next();
      if (!raw) break;
      if (!raw.cells.every(isBlankCell)) buffered.push(raw);
    }
    report.sheet = sheetName();
    if (buffered.length === 0) throw new TabularFileError('file_empty');

    const layout = detectHeader(buffered, columns);
    if (!layout) {
      const expected = columns.filter((c) => c.spec.required).map((c) => c.spec.header[language]);
      throw new TabularFileError('header_not_found', {
        scanned: buffered.length,
        expected: quotedChoices(expected.length > 0 ? expected : columns.slice(0, 8).map((c) => c.spec.header[language]), language),
      });
    }
    report.headerRow = layout.headerRow;
    report.hxlRow = layout.hxlRow;
    report.columns = layout.bindings.map((b) => ({
      key: b.column.spec.key,
      position: b.index + 1,
      letter: columnLetter(b.index),
      header: b.header,
      hxl: b.hxl,
      matchedBy: b.matchedBy,
    }));
    for (const { binding, duplicate } of layout.duplicates) {
      issues.file('column_duplicate', { header: duplicate.header ?? duplicate.hxl ?? '', first: columnLetter(binding.index), second: columnLetter(duplicate.index) }, 'warning', {
        column: binding.column.spec.key,
      });
    }
    for (const file of layout.unknown) {
      report.unknownColumns.push({ position: file.index + 1, letter: columnLetter(file.index), header: file.header, hxl: file.hxl });
      issues.file('column_unknown', { letter: columnLetter(file.index), header: file.header ?? file.hxl ?? '' }, 'warning');
    }
    const bound = new Set(layout.bindings.map((b) => b.column.spec.key));
    for (const column of columns) {
      if (!column.spec.required || bound.has(column.spec.key)) continue;
      const header = column.spec.header[language];
      report.missingRequiredColumns.push({ key: column.spec.key, header, hxl: column.spec.hxl ?? null });
      issues.file('column_missing', { header, hxl: column.spec.hxl ?? '—' }, 'error', { column: column.spec.key, header });
    }

    if (report.missingRequiredColumns.length === 0) {
      const rowIssue = (row: number, severity: 'error' | 'warning', code: ImportMessageCode, o: IssueOptions<string> = {}) => {
        const binding = o.column === undefined ? undefined : layout.bindings.find((b) => b.column.spec.key === o.column);
        const spec = o.column === undefined ? undefined : columns.find((c) => c.spec.key === o.column)?.spec;
        issues.add({
          row,
          column: o.column ?? null,
          header: binding?.header ?? spec?.header[language] ?? null,
          value: valueText(o.value),
          code,
          params: o.params,
          severity,
          suggestions: o.suggestions,
        });
      };
      const validateBatch = options.validateBatch;
      let pending: ParsedRow<Row>[] = [];
      const flush = async () => {
        const failed = new Set<number>();
        if (validateBatch && pending.length > 0) {
          await validateBatch(pending, {
            error: (row, code, o) => {
              failed.add(row);
              rowIssue(row, 'error', code, o);
            },
            warning: (row, code, o) => rowIssue(row, 'warning', code, o),
          });
        }
        for (const parsed of pending) {
          if (failed.has(parsed.row)) refusedRows.push(parsed.row);
          else await spool.push(parsed);
        }
        pending = [];
      };

      const unique = new Map<string, Map<string, number>>(columns.filter((c) => c.spec.unique).map((c) => [c.spec.key, new Map()]));
      const unbound = columns.filter((c) => !bound.has(c.spec.key));
      const rest = buffered.slice(layout.dataStart);
      for (;;) {
        const raw = rest.length > 0 ? rest.shift()! : await reader.next();
        if (!raw) break;
        if (layout.bindings.every((b) => isBlankCell(raw.cells[b.index] ?? null))) continue;
        report.rows++;
        if (options.maxRows !== undefined && report.rows > options.maxRows) {
          report.rows--;
          issues.file('too_many_rows', { max: options.maxRows });
          break;
        }
        if (report.rows % progressEvery === 0) progress();

        let failed = false;
        const values: Record<string, unknown> = {};
        for (const column of unbound) values[column.spec.key] = null;
        for (const binding of layout.bindings) {
          const cell = raw.cells[binding.index] ?? null;
          const parsed = parseCell(binding.column, cell, language);
          if (parsed.ok) {
            values[binding.column.spec.key] = parsed.value;
          } else {
            failed = true;
            addCellIssue(issues, raw.row, binding, cell, parsed.problem, language);
          }
        }
        for (const [key, seen] of unique) {
          const value = values[key];
          if (value === null || value === undefined) continue;
          const valueKey = String(value).trim().toLowerCase();
          const firstRow = seen.get(valueKey);
          if (firstRow === undefined) seen.set(valueKey, raw.row);
          else {
            failed = true;
            rowIssue(raw.row, 'error', 'duplicate_value', { column: key, value, params: { value: String(value), firstRow } });
          }
        }
        if (!failed && options.validateRow) {
          await options.validateRow(values as Row, {
            row: raw.row,
            error: (code, o) => {
              failed = true;
              rowIssue(raw.row, 'error', code, o);
            },
            warning: (code, o) => rowIssue(raw.row, 'warning', code, o),
          });
        }
        if (failed) refusedRows.push(raw.row);
        else {
          pending.push({ row: raw.row, values: values as Row });
          if (pending.length >= batchSize) await flush();
        }
      }
      await flush();
      if (report.rows === 0 && issues.errors === 0) issues.file('no_data_rows');
    }
  } catch (error) {
    if (!(error instanceof TabularFileError)) {
      await spool.dispose();
      throw error;
    }
    issues.file(error.code, error.params);
  } finally {
    await reader?.close();
  }

  await spool.close();
  refusedRows.sort((a, b) => a - b);
  report.valid = spool.count;
  report.invalid = refusedRows.length;
  report.errors = issues.errors;
  report.warnings = issues.warnings;
  report.issues = issues.list();
  report.issuesTruncated = issues.truncated;
  report.canCommit = issues.errors === 0 && report.rows > 0;
  progress();

  return {
    report,
    refusedRows,
    rows: {
      get count() {
        return spool.count;
      },
      batches: (size = 1000) => spool.batches(size),
      dispose: () => spool.dispose(),
    },
  };
}

function addCellIssue(issues: IssueList, row: number, binding: ColumnBinding, cell: CellValue, problem: ValueProblem, language: Language): void {
  issues.add({
    row,
    column: binding.column.spec.key,
    header: binding.header ?? binding.column.spec.header[language],
    value: valueText(cell),
    code: problem.code,
    params: problem.params,
    severity: 'error',
    suggestions: problem.suggestions,
  });
}
