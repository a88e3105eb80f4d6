import type { Kysely, Transaction } from 'kysely';
import type { ImportPlan, ImportReport, ImportRowAction, ImportRowOutcome } from '../../../shared/contracts/import.ts';
import { AppError } from '../../errors.ts';
import type { ImportResult, ParsedRow } from './import.ts';

export interface RowPlan {
  action: Exclude<ImportRowAction, 'refused'>;
  id?: string | null;
  label?: string | null;
}

/**
 * The preview: asks the feature what each valid row would do (create, update by `#meta+id`,
 * or nothing because the record already holds these values, which makes a second upload of the
 * same file a no-op) and fills the report's plan and row-by-row outcomes, refused rows included.
 * `classify` reads the database a batch at a time and answers one plan per row, in order.
 */
export async function planImport<R>(
  result: ImportResult<R>,
  classify: (batch: ParsedRow<R>[]) => Promise<RowPlan[]>,
  options: { batchSize?: number; maxOutcomes?: number } = {},
): Promise<ImportReport> {
  const { batchSize = 1000, maxOutcomes = 1000 } = options;
  const plan = { create: 0, update: 0, unchanged: 0 };
  const outcomes: ImportRowOutcome[] = [];
  for await (const batch of result.rows.batches(batchSize)) {
    const plans = await classify(batch);
    if (plans.length !== batch.length) throw new Error(`planImport: ${plans.length} plans for ${batch.length} rows`);
    batch.forEach((parsed, i) => {
      const rowPlan = plans[i]!;
      plan[rowPlan.action]++;
      if (outcomes.length < maxOutcomes) outcomes.push({ row: parsed.row, action: rowPlan.action, id: rowPlan.id ?? null, label: rowPlan.label ?? null });
    });
  }
  return reportOutcomes(result, plan, outcomes, maxOutcomes);
}

/**
 * Fills the report's plan and row-by-row outcomes from the plan of the valid rows and the
 * outcomes of the first of them (in file order, the first `maxOutcomes` at least), the refused
 * rows put in among them: for a feature that planned its rows as it checked them.
 */
export function reportOutcomes<R>(
  result: ImportResult<R>,
  plan: Omit<ImportPlan, 'refused'>,
  validOutcomes: readonly ImportRowOutcome[],
  maxOutcomes = 1000,
): ImportReport {
  const report = result.report;
  const refused = result.refusedRows;
  const outcomes: ImportRowOutcome[] = [];
  let r = 0;
  for (const outcome of validOutcomes) {
    while (r < refused.length && refused[r]! < outcome.row && outcomes.length < maxOutcomes)
      outcomes.push({ row: refused[r++]!, action: 'refused', id: null, label: null });
    if (outcomes.length >= maxOutcomes) break;
    outcomes.push(outcome);
  }
  while (r < refused.length && outcomes.length < maxOutcomes) outcomes.push({ row: refused[r++]!, action: 'refused', id: null, label: null });
  report.plan = { ...plan, refused: refused.length };
  report.outcomesTruncated = plan.create + plan.update + plan.unchanged + refused.length > maxOutcomes;
  report.outcomes = outcomes;
  return report;
}

/**
 * The commit: every valid row written in ONE transaction, batch by batch (1000 rows by default;
 * write each batch with one multi-row statement, as single-row inserts are 10–100× slower on
 * PGlite), or nothing at all: a file with any refused row is refused whole (`import_invalid`,
 * 422, with the report), and an error in any batch rolls every batch back.
 * `write` must use `trx`, never the outer `db`: PGlite has one connection and would wait forever.
 * `finish` runs last in the same transaction, e.g. to write the import's own audit row.
 * Returns the number of rows written.
 * The transaction holds the embedded store's only connection for the whole write: fine for
 * files of a few thousand rows; larger imports (the 5W) stage their rows instead (staging.ts).
 */
export async function commitInOneTransaction<DB, R>(
  db: Kysely<DB>,
  result: ImportResult<R>,
  write: (trx: Transaction<DB>, batch: ParsedRow<R>[]) => Promise<void>,
  options: { batchSize?: number; onProgress?: (rowsWritten: number) => void; finish?: (trx: Transaction<DB>, rowsWritten: number) => Promise<void> } = {},
): Promise<number> {
  if (!result.report.canCommit) throw new AppError('import_invalid', 422, { report: result.report });
  const { batchSize = 1000, onProgress, finish } = options;
  return db.transaction().execute(async (trx) => {
    let written = 0;
    for await (const batch of result.rows.batches(batchSize)) {
      await write(trx, batch);
      written += batch.length;
      onProgress?.(written);
    }
    await finish?.(trx, written);
    return written;
  });
}
