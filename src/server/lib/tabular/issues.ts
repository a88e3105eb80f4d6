import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportIssue } from '../../../shared/contracts/import.ts';
import { type ImportMessageCode, type ImportMessageParams, importMessage, quotedChoices } from '../../../shared/import-messages.ts';
import { CellError, type CellValue, cellText } from '../../../shared/tabular/cells.ts';

const valueTextLength = 200;

/** A value as the report shows it: text, cut to 200 characters. */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  let text: string | null;
  if (Array.isArray(value)) text = value.join('; ');
  else if (typeof value === 'object' && !(value instanceof Date) && !(value instanceof CellError)) text = JSON.stringify(value);
  else text = cellText(value as CellValue);
  return text === null ? null : text.length > valueTextLength ? `${text.slice(0, valueTextLength)}…` : text;
}

export type NewIssue = Omit<ImportIssue, 'message' | 'params' | 'suggestions'> & { params?: ImportMessageParams; suggestions?: string[] };

/** An issue about a personal column without the cell's content: no value, no suggestion, value parameters masked. */
function redact(issue: NewIssue): NewIssue {
  const params = Object.fromEntries(Object.entries(issue.params ?? {}).map(([name, value]) => [name, name === 'value' ? '…' : value]));
  return { ...issue, value: null, params, suggestions: [] };
}

/**
 * The issues of one import: file-level ones always kept and listed first, row ones up to `max`
 * (a refused file can have thousands of bad rows; counts stay exact). Messages are rendered in
 * the report's language; suggestions also become the `{suggestions}` parameter.
 */
export class IssueList {
  private readonly fileIssues: ImportIssue[] = [];
  private readonly rowIssues: ImportIssue[] = [];
  errors = 0;
  warnings = 0;
  truncated = false;

  constructor(
    private readonly language: Language,
    private readonly max: number,
    /** Columns whose values must never be shown (personal data): their issues say row and column only. */
    private readonly redacted: ReadonlySet<string> = new Set(),
  ) {}

  add(original: NewIssue): void {
    const issue = original.column !== null && this.redacted.has(original.column) ? redact(original) : original;
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

  file(code: ImportMessageCode, params: ImportMessageParams = {}, severity: 'error' | 'warning' = 'error', extra: Partial<NewIssue> = {}): void {
    this.add({ row: null, column: null, header: null, value: null, code, params, severity, ...extra });
  }

  /** File issues, then row issues in the file's order (rules checked by batch add theirs after the cells'). */
  list(): ImportIssue[] {
    return [...this.fileIssues, ...this.rowIssues.sort((a, b) => a.row! - b.row!)];
  }
}
