import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportProgress, ImportReport } from '../../../shared/contracts/import.ts';
import { quotedChoices } from '../../../shared/import-messages.ts';
import { columnLetter, isBlankCell, type RawRow } from '../../../shared/tabular/cells.ts';
import { type ColumnSpec, type CompiledColumn, compileColumn, type RowOf } from '../../../shared/tabular/columns.ts';
import { detectHeader, type HeaderLayout } from '../../../shared/tabular/header.ts';
import { IssueList } from './issues.ts';
import { openTable, type TableSheet } from './read.ts';
import { type BatchCheck, type ParsedRow, type RowCheck, RowValidator } from './rows.ts';
import { TabularFileError, type TabularSource } from './source.ts';
import { RowSpool } from './spool.ts';

type KeyOf<Cs extends readonly ColumnSpec[]> = Cs[number]['key'];

export interface ImportOptions<Cs extends readonly ColumnSpec[]> {
  source: TabularSource;
  columns: Cs;
  /** Language of the report's messages. */
  language: Language;
  /** Worksheet to read (xlsx); default the first visible one whose header is recognised. */
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
  /** Row issues kept in the report (default 500); the counts stay exact. */
  maxIssues?: number;
  /**
   * Columns holding personal data: their cell values never reach the report (issues give row and
   * column only), and valid rows spilled to a temporary file are encrypted with a key that lives
   * only in this process's memory for the import's duration.
   */
  personalColumns?: ReadonlySet<string>;
  /** Non-blank rows searched for the header (default 30). */
  headerScanRows?: number;
  /**
   * False when the feature takes what it needs of each valid row in `validateBatch` (a staged
   * commit that makes its own report with `reportOutcomes`): valid rows are counted, not kept,
   * and `rows.batches` must not be called. Default true.
   */
  keepRows?: boolean;
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

/** Errors while reading are the file's fault (bad zip, bad XML, bad quoting), not the server's. */
class FileIterator<T> {
  private readonly iterator: AsyncIterator<T>;
  constructor(items: AsyncIterable<T>) {
    this.iterator = items[Symbol.asyncIterator]();
  }
  async next(): Promise<T | null> {
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

function emptyReport(): ImportReport {
  return {
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
}

interface FoundHeader {
  sheet: TableSheet;
  rows: FileIterator<RawRow>;
  layout: HeaderLayout;
  /** Non-blank rows read while looking for the header; those after it are data. */
  buffered: RawRow[];
}

/** The first candidate sheet whose first non-blank rows hold a recognisable header. */
async function findHeader(
  sheets: FileIterator<TableSheet>,
  columns: readonly CompiledColumn[],
  scanRows: number,
  language: Language,
): Promise<FoundHeader> {
  let scanned = 0;
  for (let sheet = await sheets.next(); sheet; sheet = await sheets.next()) {
    const rows = new FileIterator(sheet.rows);
    const buffered: RawRow[] = [];
    while (buffered.length < scanRows) {
      const raw = await rows.next();
      if (!raw) break;
      if (!raw.cells.every(isBlankCell)) buffered.push(raw);
    }
    scanned = Math.max(scanned, buffered.length);
    const layout = buffered.length > 0 ? detectHeader(buffered, columns) : null;
    if (layout) return { sheet, rows, layout, buffered };
    await rows.close();
  }
  if (scanned === 0) throw new TabularFileError('file_empty');
  const required = columns.filter((c) => c.spec.required);
  const expected = (required.length > 0 ? required : columns.slice(0, 8)).map((c) => c.spec.header[language]);
  throw new TabularFileError('header_not_found', { scanned, expected: quotedChoices(expected, language) });
}

/** Puts the column mapping in the report: matched, unknown (warning), duplicate (warning), missing (error). */
function describeColumns(report: ImportReport, issues: IssueList, layout: HeaderLayout, columns: readonly CompiledColumn[], language: Language): void {
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
    const params = { header: duplicate.header ?? duplicate.hxl ?? '', first: columnLetter(binding.index), second: columnLetter(duplicate.index) };
    issues.file('column_duplicate', params, 'warning', { column: binding.column.spec.key });
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
}

/**
 * Reads, maps, parses and validates a file against a column declaration, and returns the report
 * (for the preview) and the valid rows (for the commit). Nothing is written anywhere: committing
 * is `commitInOneTransaction`, and only when `report.canCommit`.
 */
export async function runImport<const Cs extends readonly ColumnSpec[]>(options: ImportOptions<Cs>): Promise<ImportResult<RowOf<Cs>>> {
  type Row = RowOf<Cs>;
  const { language, maxIssues = 500, headerScanRows = 30 } = options;
  const columns = options.columns.map(compileColumn);
  const issues = new IssueList(language, maxIssues, options.personalColumns);
  const spool = new RowSpool<ParsedRow<Row>>(undefined, { sealed: (options.personalColumns?.size ?? 0) > 0, keep: options.keepRows });
  const report = emptyReport();
  let refused: number[] = [];
  let sheets: FileIterator<TableSheet> | null = null;
  let found: FoundHeader | null = null;
  const progress = () => options.onProgress?.({ rowsRead: report.rows, fraction: found?.sheet.progress() ?? null });

  try {
    const reading = await openTable(options.source, { sheet: options.sheet });
    Object.assign(report, { format: reading.format, encoding: reading.encoding, delimiter: reading.delimiter });
    sheets = new FileIterator(reading.sheets);
    found = await findHeader(sheets, columns, headerScanRows, language);
    const { layout, rows } = found;
    report.sheet = found.sheet.name;
    describeColumns(report, issues, layout, columns, language);

    if (report.missingRequiredColumns.length === 0) {
      const validator = new RowValidator<Row>(
        columns,
        layout.bindings,
        issues,
        language,
        {
          validateRow: options.validateRow,
          validateBatch: options.validateBatch,
          batchSize: options.batchSize ?? 500,
        },
        spool,
      );
      refused = validator.refused;
      const headRows = found.buffered.slice(layout.dataStart);
      for (let raw = headRows.shift() ?? (await rows.next()); raw; raw = headRows.shift() ?? (await rows.next())) {
        if (layout.bindings.every((b) => isBlankCell(raw.cells[b.index] ?? null))) continue;
        if (options.maxRows !== undefined && report.rows >= options.maxRows) {
          issues.file('too_many_rows', { max: options.maxRows });
          break;
        }
        report.rows++;
        if (report.rows % progressEvery === 0) progress();
        await validator.add(raw);
      }
      await validator.flush();
      if (report.rows === 0 && issues.errors === 0) issues.file('no_data_rows');
    }
  } catch (error) {
    if (!(error instanceof TabularFileError)) {
      await spool.dispose();
      throw error;
    }
    issues.file(error.code, error.params);
  } finally {
    await found?.rows.close();
    await sheets?.close();
  }

  await spool.close();
  refused.sort((a, b) => a - b);
  Object.assign(report, {
    valid: spool.count,
    invalid: refused.length,
    errors: issues.errors,
    warnings: issues.warnings,
    issues: issues.list(),
    issuesTruncated: issues.truncated,
    canCommit: issues.errors === 0 && report.rows > 0,
  });
  progress();

  return {
    report,
    refusedRows: refused,
    rows: {
      get count() {
        return spool.count;
      },
      batches: (size = 1000) => spool.batches(size),
      dispose: () => spool.dispose(),
    },
  };
}

export type { BatchCheck, ParsedRow, RowCheck } from './rows.ts';
