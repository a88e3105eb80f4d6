import type { ImportRowError } from '../../../../shared/contracts/gazetteer.ts';
import { maxReportedErrors } from '../../../../shared/contracts/gazetteer.ts';
import type { Language } from '../../../../shared/contracts/common.ts';
import { type ErrorCode, errorMessage } from '../../../../shared/errors.ts';

export interface RowProblem {
  row: number;
  column: string | null;
  code: ErrorCode;
  value: string | null;
}

/**
 * Every problem of a file, row by row. A refused file can have thousands of bad rows: the count
 * is exact, only the first ones are kept for the report.
 */
export class RowErrors {
  readonly kept: RowProblem[] = [];
  count = 0;

  add(row: number, code: ErrorCode, column: string | null = null, value: string | null = null): void {
    this.count++;
    if (this.kept.length < maxReportedErrors) this.kept.push({ row, column, code, value: value === '' ? null : value });
  }

  get any(): boolean {
    return this.count > 0;
  }

  report(language: Language): ImportRowError[] {
    return this.kept.map((p) => ({ ...p, message: errorMessage(p.code, language) }));
  }
}
