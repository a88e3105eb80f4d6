import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';
import type { RawRow } from '../../../shared/tabular/cells.ts';
import type { CompiledColumn } from '../../../shared/tabular/columns.ts';
import type { ColumnBinding } from '../../../shared/tabular/header.ts';
import { type IssueList, valueText } from './issues.ts';
import type { RowSpool } from './spool.ts';
import { parseCell } from '../../../shared/tabular/values.ts';

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

// Functions rather than methods: a rule picks one of the two by severity and calls it alone.
export interface BatchCheck<K extends string> {
  error: (row: number, code: ImportMessageCode, options?: IssueOptions<K>) => void;
  warning: (row: number, code: ImportMessageCode, options?: IssueOptions<K>) => void;
}

/** A problem a feature's batch check found in a row, reported through `reportProblems` (errors by default). */
export interface RowProblem<K extends string> extends IssueOptions<K> {
  code: ImportMessageCode;
  severity?: 'error' | 'warning';
}

/** Reports a row's problems to the import's check, each as its severity says. */
export function reportProblems<K extends string>(check: BatchCheck<K>, row: number, problems: readonly RowProblem<K>[]): void {
  for (const { code, severity, column, value, params, suggestions } of problems) {
    (severity === 'warning' ? check.warning : check.error)(row, code, { column, value, params, suggestions });
  }
}

export interface RowRules<R> {
  validateRow?: (values: R, check: RowCheck<string>) => void | Promise<void>;
  validateBatch?: (rows: readonly ParsedRow<R>[], check: BatchCheck<string>) => void | Promise<void>;
  batchSize: number;
}

/**
 * Turns each data row into typed values and decides whether it is valid: every cell parsed,
 * unique columns unique in the file, then the feature's row rule, then (by batches) its
 * database rule. Valid rows go to the spool, refused row numbers are kept.
 */
export class RowValidator<R> {
  readonly refused: number[] = [];
  private pending: ParsedRow<R>[] = [];
  private readonly bindingOf: Map<string, ColumnBinding>;
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly columns: readonly CompiledColumn[],
    bindings: readonly ColumnBinding[],
    private readonly issues: IssueList,
    private readonly language: Language,
    private readonly rules: RowRules<R>,
    private readonly spool: RowSpool<ParsedRow<R>>,
  ) {
    this.bindingOf = new Map(bindings.map((b) => [b.column.spec.key, b]));
    for (const column of columns) if (column.spec.unique) this.seen.set(column.spec.key, new Map());
  }

  private issue(row: number, severity: 'error' | 'warning', code: ImportMessageCode, options: IssueOptions<string> = {}): void {
    const key = options.column;
    const spec = key === undefined ? undefined : this.columns.find((c) => c.spec.key === key)?.spec;
    this.issues.add({
      row,
      column: key ?? null,
      header: (key === undefined ? undefined : this.bindingOf.get(key)?.header) ?? spec?.header[this.language] ?? null,
      value: valueText(options.value),
      code,
      params: options.params,
      severity,
      suggestions: options.suggestions,
    });
  }

  async add(raw: RawRow): Promise<void> {
    let failed = false;
    const values: Record<string, unknown> = {};
    for (const column of this.columns) {
      const key = column.spec.key;
      const binding = this.bindingOf.get(key);
      const cell = binding ? (raw.cells[binding.index] ?? null) : null;
      const parsed = parseCell(column, cell, this.language);
      if (parsed.ok) values[key] = parsed.value;
      else {
        failed = true;
        this.issue(raw.row, 'error', parsed.problem.code, { column: key, value: cell, params: parsed.problem.params, suggestions: parsed.problem.suggestions });
      }
    }
    for (const [key, seen] of this.seen) {
      const value = values[key];
      if (value === null || value === undefined) continue;
      const valueKey = String(value).trim().toLowerCase();
      const firstRow = seen.get(valueKey);
      if (firstRow === undefined) seen.set(valueKey, raw.row);
      else {
        failed = true;
        this.issue(raw.row, 'error', 'duplicate_value', { column: key, value, params: { value: String(value), firstRow } });
      }
    }
    if (!failed && this.rules.validateRow) {
      await this.rules.validateRow(values as R, {
        row: raw.row,
        error: (code, options) => {
          failed = true;
          this.issue(raw.row, 'error', code, options);
        },
        warning: (code, options) => this.issue(raw.row, 'warning', code, options),
      });
    }
    if (failed) this.refused.push(raw.row);
    else {
      this.pending.push({ row: raw.row, values: values as R });
      if (this.pending.length >= this.rules.batchSize) await this.flush();
    }
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const failed = new Set<number>();
    await this.rules.validateBatch?.(batch, {
      error: (row, code, options) => {
        failed.add(row);
        this.issue(row, 'error', code, options);
      },
      warning: (row, code, options) => this.issue(row, 'warning', code, options),
    });
    for (const parsed of batch) {
      if (failed.has(parsed.row)) this.refused.push(parsed.row);
      else await this.spool.push(parsed);
    }
  }
}
