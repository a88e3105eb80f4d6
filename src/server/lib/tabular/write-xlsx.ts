import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Language } from '../../../shared/contracts/common.ts';
import { columnLetter } from '../../../shared/tabular/cells.ts';
import type { ColumnSpec } from '../../../shared/tabular/columns.ts';
import { booleanLabels, columnWidth, exportValue } from './export-values.ts';

export interface XlsxWriteOptions {
  columns: readonly ColumnSpec[];
  rows: Iterable<Record<string, unknown>> | AsyncIterable<Record<string, unknown>>;
  language: Language;
  sheetName: string;
  hxlRow: boolean;
  /** Drop-down values for columns that are not enumerations (e.g. organisation names). */
  lists: Readonly<Record<string, readonly string[] | undefined>>;
  /** Drop-downs offering, in each row, the values of the row's parent column (see write.ts). */
  dependentLists?: Readonly<Record<string, DependentList | undefined>>;
}

export interface DependentList {
  /** The key of the column whose value chooses the group. */
  on: string;
  /** The values offered for each value of that column (as stored, e.g. an enumeration's code). */
  groups: readonly { parent: string; values: readonly string[] }[];
}

interface DropDown {
  index: number;
  values: readonly string[];
  /** For a dependent drop-down: its parent column and, value by value, the parent they belong to. */
  parent?: { index: number; of: readonly string[] };
}

const listsSheet = 'listes';
const extraValidatedRows = 10_000;

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 31) || 'Feuille1';
}

/**
 * A workbook streamed with exceljs's `WorkbookWriter`: the header in the export's language, the
 * HXL row under it, both frozen; real numbers and real dates (shown dd/mm/yyyy in French);
 * drop-down lists from enumerations, booleans and `lists`, whose values sit on a hidden "listes"
 * sheet (an inline list would break on the commas of "EHA (eau, hygiène, assainissement)" and is
 * capped at 255 characters). Text columns are formatted as Text (`@`): a value starting with
 * "=" stays a string cell, never a formula, even when someone edits the cell and presses Enter;
 * no quote is added, so the value reads back unchanged.
 */
export async function writeXlsx(output: Writable, options: XlsxWriteOptions): Promise<void> {
  const { columns, language } = options;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const headerRows = options.hxlRow ? 2 : 1;
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRows }],
  });
  sheet.columns = columns.map((spec) => ({ key: spec.key, width: columnWidth(spec, language), style: { numFmt: numberFormat(spec, language) } }));

  const header = sheet.addRow(columns.map((c) => c.header[language]));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F0' } };
  });
  header.commit();
  if (options.hxlRow) {
    const tags = sheet.addRow(columns.map((c) => c.hxl ?? null));
    tags.font = { italic: true, color: { argb: 'FF6B7785' } };
    tags.commit();
  }

  let written = 0;
  for await (const row of options.rows) {
    sheet
      .addRow(
        columns.map((spec) => {
          const value = exportValue(spec, row[spec.key], language);
          return spec.type === 'date' && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
        }),
      )
      .commit();
    written++;
  }

  const lists = dropDownLists(columns, language, options.lists, options.dependentLists ?? {});
  // Room for the rows people add; not the whole column, which some readers expand cell by cell.
  const firstRow = headerRows + 1;
  const lastValidatedRow = headerRows + written + extraValidatedRows;
  // The streaming worksheet has data validations; exceljs's typings only declare them on cells.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  // Each list takes a column of the hidden sheet; a dependent one a second, its values' parents.
  let hiddenColumn = 0;
  const hiddenColumns: (readonly string[])[] = [];
  const hiddenHeaders: string[] = [];
  for (const { index, values, parent } of lists) {
    const letter = columnLetter(hiddenColumn++);
    hiddenColumns.push(values);
    hiddenHeaders.push(columns[index]!.header[language]);
    const range = `'${listsSheet}'!$${letter}$2:$${letter}$${values.length + 1}`;
    let source = range;
    if (parent) {
      const parentLetter = columnLetter(hiddenColumn++);
      hiddenColumns.push(parent.of);
      hiddenHeaders.push(`${columns[index]!.header[language]} — ${columns[parent.index]!.header[language]}`);
      const parents = `'${listsSheet}'!$${parentLetter}$2:$${parentLetter}$${values.length + 1}`;
      // The row's own parent cell (relative row): the values of that parent, listed contiguously.
      const cell = `$${columnLetter(parent.index)}${firstRow}`;
      source = `OFFSET('${listsSheet}'!$${letter}$1,MATCH(${cell},${parents},0),0,COUNTIF(${parents},${cell}),1)`;
    }
    validations.add(`${columnLetter(index)}${firstRow}:${columnLetter(index)}${lastValidatedRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [source],
      showErrorMessage: true,
      // Enumerations take nothing else; a names list (organisations…) only warns, the import decides.
      errorStyle: columns[index]!.type === 'enum' || columns[index]!.type === 'boolean' ? 'stop' : 'warning',
      errorTitle: language === 'fr' ? 'Valeur hors liste' : 'Value not in the list',
      error: language === 'fr' ? 'Choisissez une valeur dans la liste déroulante.' : 'Choose a value from the drop-down list.',
    });
  }

  sheet.commit();

  if (lists.length > 0) {
    const hidden = workbook.addWorksheet(listsSheet, { state: 'hidden' });
    hidden.addRow(hiddenHeaders).commit();
    const longest = Math.max(...hiddenColumns.map((values) => values.length));
    for (let i = 0; i < longest; i++) hidden.addRow(hiddenColumns.map((values) => values[i] ?? null)).commit();
    hidden.commit();
  }
  await workbook.commit();
}

function numberFormat(spec: ColumnSpec, language: Language): string | undefined {
  switch (spec.type) {
    case 'date':
      return language === 'fr' ? 'dd/mm/yyyy' : 'yyyy-mm-dd';
    case 'integer':
      return '#,##0';
    case 'text':
    case 'list':
    case 'enum':
      return '@';
    default:
      return undefined;
  }
}

function dropDownLists(
  columns: readonly ColumnSpec[],
  language: Language,
  extra: Readonly<Record<string, readonly string[] | undefined>>,
  dependent: Readonly<Record<string, DependentList | undefined>>,
): DropDown[] {
  return columns.flatMap((spec, index): DropDown[] => {
    const byParent = dependent[spec.key];
    const parentIndex = byParent ? columns.findIndex((c) => c.key === byParent.on) : -1;
    if (byParent && parentIndex >= 0) {
      // Each parent's values together (MATCH finds the first, COUNTIF counts them), as the parent cell reads.
      const parentSpec = columns[parentIndex]!;
      const grouped = new Map<string, string[]>();
      for (const group of byParent.groups) {
        const label = String(exportValue(parentSpec, group.parent, language) ?? group.parent);
        grouped.set(label, [...(grouped.get(label) ?? []), ...group.values]);
      }
      const entries = [...grouped].filter(([, values]) => values.length > 0);
      if (entries.length === 0) return [];
      return [
        {
          index,
          values: entries.flatMap(([, values]) => values),
          parent: { index: parentIndex, of: entries.flatMap(([label, values]) => values.map(() => label)) },
        },
      ];
    }
    const values =
      spec.type === 'enum' ? spec.options.map((o) => o.label[language]) : spec.type === 'boolean' ? booleanLabels(language) : extra[spec.key];
    return values && values.length > 0 ? [{ index, values }] : [];
  });
}
