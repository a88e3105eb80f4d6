import { z } from 'zod';
import { importMessageCodes } from '../import-messages.ts';

/**
 * The report of a spreadsheet import, the same for every feature (5W, alerts, capacities…):
 * the preview (dry run) and the commit both answer with it. A feature's response schema may
 * extend it (e.g. with `dryRun` and `committed`).
 */

export const importSeverities = ['error', 'warning'] as const;

export const importIssue = z.object({
  /** Row number as Excel shows it (1-based, title rows included); null for the file as a whole. */
  row: z.number().int().nullable(),
  /** Key of the declared column, when the issue is about one. */
  column: z.string().nullable(),
  /** The column's header as written in the file, or the expected header when the column is missing. */
  header: z.string().nullable(),
  /** The offending value as text (cut to 200 characters). */
  value: z.string().nullable(),
  code: z.enum(importMessageCodes),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  severity: z.enum(importSeverities),
  /** Rendered in the language asked for; `code` + `params` render it in another. */
  message: z.string(),
  /** "Did you mean" values, best first, for a one-click fix in the web. */
  suggestions: z.array(z.string()),
});
export type ImportIssue = z.infer<typeof importIssue>;

export const importColumnMatch = z.object({
  key: z.string(),
  /** 1-based position and its Excel letter, so the user finds it. */
  position: z.number().int(),
  letter: z.string(),
  header: z.string().nullable(),
  hxl: z.string().nullable(),
  matchedBy: z.enum(['hxl', 'header']),
});

export const importUnknownColumn = z.object({
  position: z.number().int(),
  letter: z.string(),
  header: z.string().nullable(),
  hxl: z.string().nullable(),
});

export const importMissingColumn = z.object({
  key: z.string(),
  header: z.string(),
  hxl: z.string().nullable(),
});

export const importRowActions = ['create', 'update', 'unchanged', 'refused'] as const;
export type ImportRowAction = (typeof importRowActions)[number];

export const importRowOutcome = z.object({
  row: z.number().int(),
  action: z.enum(importRowActions),
  /** The record created or updated (`#meta+id`), when known. */
  id: z.string().nullable(),
  /** A short human label of the row (e.g. "NRC — Santé — Sévaré"). */
  label: z.string().nullable(),
});
export type ImportRowOutcome = z.infer<typeof importRowOutcome>;

export const importPlan = z.object({
  create: z.number().int(),
  update: z.number().int(),
  unchanged: z.number().int(),
  refused: z.number().int(),
});
export type ImportPlan = z.infer<typeof importPlan>;

export const importReport = z.object({
  format: z.enum(['xlsx', 'csv']),
  /** Worksheet read (xlsx). */
  sheet: z.string().nullable(),
  /** Text encoding and delimiter detected (csv). */
  encoding: z.string().nullable(),
  delimiter: z.string().nullable(),
  headerRow: z.number().int().nullable(),
  hxlRow: z.number().int().nullable(),
  columns: z.array(importColumnMatch),
  unknownColumns: z.array(importUnknownColumn),
  missingRequiredColumns: z.array(importMissingColumn),
  /** Data rows read (blank rows are not counted), valid and refused ones. */
  rows: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
  /** The first issues (file-level ones first); counts above are exact. */
  issues: z.array(importIssue),
  issuesTruncated: z.boolean(),
  /** What committing would do, once the feature has compared valid rows with the database. */
  plan: importPlan.nullable(),
  /** Row by row, in file order, the first outcomes. */
  outcomes: z.array(importRowOutcome),
  outcomesTruncated: z.boolean(),
  /** True when the file was read and every row is valid: committing writes all of it. */
  canCommit: z.boolean(),
});
export type ImportReport = z.infer<typeof importReport>;

/** Progress of a long import, for a progress bar. `fraction` is null when the total is unknown. */
export const importProgress = z.object({
  rowsRead: z.number().int(),
  fraction: z.number().min(0).max(1).nullable(),
});
export type ImportProgress = z.infer<typeof importProgress>;
