import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { ImportIssue } from '../../../shared/contracts/import.ts';
import {
  type BoundaryProperties,
  type GazetteerImportKind,
  type GazetteerImportResult,
  type ImportRowError,
  maxReportedErrors,
} from '../../../shared/contracts/gazetteer.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../lib/audit.ts';
import { IssueList } from '../../lib/tabular/issues.ts';
import { type ImportResult, type RowCheck, runImport } from '../../lib/tabular/index.ts';
import type { GazetteerRepository, UpsertCounts } from './gazetteer.repository.ts';
import { addFeatureIssue, type AreaRecord, checkBoundaryFeatures } from './import/boundary-features.ts';
import { communeColumns, CommuneRows } from './import/commune-rows.ts';
import { type LocalityRecord, settlementColumns, SettlementRows } from './import/settlement-rows.ts';
import { placeUnplacedLocalities } from './placement.ts';

/** One file to import. */
export interface ImportJob {
  kind: GazetteerImportKind;
  filePath: string;
  /** As the user named it: shown in the report and the audit trail. */
  fileName: string;
  edition: string;
  /** Boundaries only. */
  level?: number;
  properties?: BoundaryProperties;
}

export interface ImportActor {
  user: { id: string } | null;
  requestId: string;
}

/** The import was refused: nothing was written. `reports` ends with the refused file's report. */
export class ImportRefused extends Error {
  constructor(readonly reports: GazetteerImportResult[]) {
    super('import_invalid');
  }
}

class DryRunComplete extends Error {
  constructor(readonly reports: GazetteerImportResult[]) {
    super('dry run');
  }
}

/** Rows per INSERT: PGlite is ~100× faster with multi-row statements than row by row. */
const csvBatchSize = 1000;
const boundaryBatchSize = 500;
/** The largest national settlement lists have tens of thousands of rows (Mali's: 18,769). */
const maxRows = 200_000;

interface Outcome {
  rows: number;
  counts: UpsertCounts;
  parentsCreated: number;
  located: number;
  mapping: Record<string, string>;
  errorCount: number;
  issues: ImportIssue[];
}

const addCounts = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({ created: a.created + b.created, updated: a.updated + b.updated });
const noCounts: UpsertCounts = { created: 0, updated: 0 };

/** The import's errors as the gazetteer's report lists them (warnings, like unknown columns, are left out); 0 is the whole file. */
function rowErrors(issues: readonly ImportIssue[]): ImportRowError[] {
  return issues.filter((i) => i.severity === 'error').map((i) => ({ row: i.row ?? 0, column: i.column, code: i.code, message: i.message, value: i.value }));
}

/** A row checked valid while the file was read is checked again, with the same areas, to be written: it cannot fail then. */
const replay: RowCheck<string> = {
  row: 0,
  error(code) {
    throw new Error(`gazetteer import: a valid row became invalid (${code})`);
  },
  warning() {},
};

/** What the platform's importer read of a list: rows, column mapping and issues. */
function listOutcome(result: ImportResult<unknown>): Outcome {
  const { report } = result;
  return {
    rows: report.rows,
    counts: noCounts,
    parentsCreated: 0,
    located: 0,
    mapping: Object.fromEntries(report.columns.map((c) => [c.key, c.header ?? c.hxl ?? ''])),
    errorCount: report.errors,
    issues: report.issues,
  };
}

/** Lists (CSV or XLSX) are read by the platform's importer; their rows are checked in file order by the kind's rules. */
const listOptions = (job: ImportJob, language: Language) => ({ source: { path: job.filePath }, language, maxRows, maxIssues: maxReportedErrors });

async function readJson(filePath: string, issues: IssueList): Promise<unknown> {
  try {
    return JSON.parse((await fs.promises.readFile(filePath, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    addFeatureIssue(issues, null, 'geojson_invalid', null, error instanceof Error ? error.message : null);
    return undefined;
  }
}

/**
 * Imports gazetteer files in one transaction: every row of every file is checked, and if any
 * is wrong nothing is written and the report says which rows. Lists (CSV or XLSX) are read by
 * the platform's importer (src/server/lib/tabular), which keeps the valid rows for the write;
 * boundary files are GeoJSON and reported through the same import issues. A dry run writes and
 * always rolls back, so its counts are exactly those of the real import.
 */
export function gazetteerImporter(deps: { db: Kysely<DB>; gazetteer: GazetteerRepository }) {
  const { db, gazetteer } = deps;

  async function importBoundaries(trx: Kysely<DB>, job: ImportJob, language: Language): Promise<Outcome> {
    const issues = new IssueList(language, maxReportedErrors);
    const data = await readJson(job.filePath, issues);
    const index = await gazetteer.areaIndex(trx);
    const { records, rows, mapping } =
      data === undefined ? { records: [] as AreaRecord[], rows: 0, mapping: {} } : checkBoundaryFeatures(data, { level: job.level ?? 1, ...job.properties }, index, issues);
    let counts = noCounts;
    let located = 0;
    if (issues.errors === 0) {
      for (let i = 0; i < records.length; i += boundaryBatchSize) {
        counts = addCounts(counts, await gazetteer.upsertAreas(trx, records.slice(i, i + boundaryBatchSize), job.edition, true));
      }
      located = await placeUnplacedLocalities(trx, gazetteer);
    }
    return { rows, counts, parentsCreated: 0, located, mapping, errorCount: issues.errors, issues: issues.list() };
  }

  async function importCommunes(trx: Kysely<DB>, job: ImportJob, language: Language): Promise<Outcome> {
    const checker = new CommuneRows(await gazetteer.areaIndex(trx));
    const result = await runImport({ ...listOptions(job, language), columns: communeColumns, validateRow: (row, check) => void checker.check(row, check) });
    try {
      const outcome = listOutcome(result);
      if (!result.report.canCommit) return outcome;
      const writer = new CommuneRows(await gazetteer.areaIndex(trx));
      for await (const batch of result.rows.batches(csvBatchSize)) {
        const checked = batch.map(({ values }) => writer.check(values, replay)!);
        // Regions before cercles before communes: each row's parents exist before it.
        const parents = checked.flatMap((c) => c.parents).sort((a, b) => a.level - b.level);
        outcome.parentsCreated += await gazetteer.insertMissingAreas(trx, parents, job.edition);
        outcome.counts = addCounts(outcome.counts, await gazetteer.upsertAreas(trx, checked.map((c) => c.commune), job.edition, false));
      }
      return outcome;
    } finally {
      await result.rows.dispose();
    }
  }

  async function importSettlements(trx: Kysely<DB>, job: ImportJob, language: Language): Promise<Outcome> {
    const checker = new SettlementRows(await gazetteer.areaIndex(trx));
    const result = await runImport({ ...listOptions(job, language), columns: settlementColumns, validateRow: (row, check) => void checker.check(row, check) });
    try {
      const outcome = listOutcome(result);
      if (!result.report.canCommit) return outcome;
      const writer = new SettlementRows(await gazetteer.areaIndex(trx));
      const withKind = result.report.columns.some((c) => c.key === 'class');
      for await (const batch of result.rows.batches(csvBatchSize)) {
        const records: LocalityRecord[] = batch.map(({ values }) => writer.check(values, replay)!);
        outcome.counts = addCounts(outcome.counts, await gazetteer.upsertLocalities(trx, records, { withKind }));
      }
      outcome.located = await placeUnplacedLocalities(trx, gazetteer);
      return outcome;
    } finally {
      await result.rows.dispose();
    }
  }

  const importers = { boundaries: importBoundaries, communes: importCommunes, settlements: importSettlements };

  async function importOne(trx: Kysely<DB>, job: ImportJob, dryRun: boolean, language: Language): Promise<GazetteerImportResult> {
    const started = performance.now();
    const outcome = await importers[job.kind](trx, job, language);
    const failed = outcome.errorCount > 0;
    const { created, updated } = failed ? noCounts : outcome.counts;
    return {
      kind: job.kind,
      level: job.kind === 'boundaries' ? (job.level ?? 1) : null,
      edition: job.edition,
      fileName: job.fileName,
      dryRun,
      rows: outcome.rows,
      created,
      updated,
      unchanged: failed ? 0 : outcome.rows - created - updated,
      parentsCreated: failed ? 0 : outcome.parentsCreated,
      located: failed ? 0 : outcome.located,
      mapping: outcome.mapping,
      errorCount: outcome.errorCount,
      errors: rowErrors(outcome.issues),
      durationMs: Math.round(performance.now() - started),
    };
  }

  return {
    /**
     * Imports the files in order (a later file may rely on an earlier one: cercles on regions),
     * all or nothing. Throws `ImportRefused` at the first file with errors.
     */
    async run(actor: ImportActor, jobs: ImportJob[], options: { dryRun: boolean; language: Language }): Promise<GazetteerImportResult[]> {
      try {
        const reports = await db.transaction().execute(async (trx) => {
          const reports: GazetteerImportResult[] = [];
          for (const job of jobs) {
            const report = await importOne(trx, job, options.dryRun, options.language);
            reports.push(report);
            if (report.errorCount > 0) throw new ImportRefused(reports);
            const { errors: _none, dryRun: _dry, mapping: _mapping, ...summary } = report;
            if (!options.dryRun) await recordAudit(trx, actor, { action: 'import', entity: 'gazetteer', entityId: job.kind, after: summary });
          }
          if (options.dryRun) throw new DryRunComplete(reports);
          return reports;
        });
        await gazetteer.refreshSearchIndexes();
        return reports;
      } catch (error) {
        if (error instanceof DryRunComplete) return error.reports;
        throw error;
      }
    },
  };
}
export type GazetteerImporter = ReturnType<typeof gazetteerImporter>;
