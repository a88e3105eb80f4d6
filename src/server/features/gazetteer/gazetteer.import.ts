import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { BoundaryProperties, GazetteerImportKind, GazetteerImportResult } from '../../../shared/contracts/gazetteer.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { GazetteerRepository, UpsertCounts } from './gazetteer.repository.ts';
import { type AreaRecord, checkBoundaryFeatures } from './import/boundary-features.ts';
import { communeColumns, CommuneRows } from './import/commune-rows.ts';
import { openCsvTable } from './import/csv-table.ts';
import { RowErrors } from './import/row-errors.ts';
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

interface Outcome {
  rows: number;
  counts: UpsertCounts;
  parentsCreated: number;
  located: number;
  mapping: Record<string, string>;
}

const addCounts = (a: UpsertCounts, b: UpsertCounts): UpsertCounts => ({ created: a.created + b.created, updated: a.updated + b.updated });
const noCounts: UpsertCounts = { created: 0, updated: 0 };

async function readJson(filePath: string, errors: RowErrors): Promise<unknown> {
  try {
    return JSON.parse((await fs.promises.readFile(filePath, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    errors.add(0, 'geojson_invalid', null, (error as Error).message);
    return undefined;
  }
}

/**
 * Imports gazetteer files in one transaction: every row of every file is checked, and if any
 * is wrong nothing is written and the report says which rows. Valid rows are written in
 * batches as the file streams; a refusal rolls them back. A dry run does the same and always
 * rolls back, so its counts are exactly those of the real import.
 */
export function gazetteerImporter(deps: { db: Kysely<DB>; gazetteer: GazetteerRepository }) {
  const { db, gazetteer } = deps;

  async function importBoundaries(trx: Kysely<DB>, job: ImportJob, errors: RowErrors): Promise<Outcome> {
    const data = await readJson(job.filePath, errors);
    const index = await gazetteer.areaIndex(trx);
    const { records, rows, mapping } =
      data === undefined ? { records: [] as AreaRecord[], rows: 0, mapping: {} } : checkBoundaryFeatures(data, { level: job.level ?? 1, ...job.properties }, index, errors);
    let counts = noCounts;
    let located = 0;
    if (!errors.any) {
      for (let i = 0; i < records.length; i += boundaryBatchSize) {
        counts = addCounts(counts, await gazetteer.upsertAreas(trx, records.slice(i, i + boundaryBatchSize), job.edition, true));
      }
      located = await placeUnplacedLocalities(trx, gazetteer);
    }
    return { rows, counts, parentsCreated: 0, located, mapping };
  }

  async function importCommunes(trx: Kysely<DB>, job: ImportJob, errors: RowErrors): Promise<Outcome> {
    const outcome: Outcome = { rows: 0, counts: noCounts, parentsCreated: 0, located: 0, mapping: {} };
    const table = await openCsvTable(job.filePath, communeColumns, errors);
    if (!table) return outcome;
    outcome.mapping = table.mapping;
    const checker = new CommuneRows(await gazetteer.areaIndex(trx), errors);
    let parents: AreaRecord[] = [];
    let communes: AreaRecord[] = [];
    const flush = async () => {
      // Regions before cercles before communes: each row's parents exist before it.
      parents.sort((a, b) => a.level - b.level);
      outcome.parentsCreated += await gazetteer.insertMissingAreas(trx, parents, job.edition);
      outcome.counts = addCounts(outcome.counts, await gazetteer.upsertAreas(trx, communes, job.edition, false));
      parents = [];
      communes = [];
    };
    for await (const row of table.rows()) {
      outcome.rows++;
      const checked = checker.check(row);
      if (!checked || errors.any) continue;
      parents.push(...checked.parents);
      communes.push(checked.commune);
      if (communes.length >= csvBatchSize) await flush();
    }
    if (!errors.any) await flush();
    return outcome;
  }

  async function importSettlements(trx: Kysely<DB>, job: ImportJob, errors: RowErrors): Promise<Outcome> {
    const outcome: Outcome = { rows: 0, counts: noCounts, parentsCreated: 0, located: 0, mapping: {} };
    const table = await openCsvTable(job.filePath, settlementColumns, errors);
    if (!table) return outcome;
    outcome.mapping = table.mapping;
    const checker = new SettlementRows(await gazetteer.areaIndex(trx), errors);
    const withKind = table.has('class');
    let batch: LocalityRecord[] = [];
    const flush = async () => {
      outcome.counts = addCounts(outcome.counts, await gazetteer.upsertLocalities(trx, batch, { withKind }));
      batch = [];
    };
    for await (const row of table.rows()) {
      outcome.rows++;
      const record = checker.check(row);
      if (!record || errors.any) continue;
      batch.push(record);
      if (batch.length >= csvBatchSize) await flush();
    }
    if (!errors.any) {
      await flush();
      outcome.located = await placeUnplacedLocalities(trx, gazetteer);
    }
    return outcome;
  }

  const importers = { boundaries: importBoundaries, communes: importCommunes, settlements: importSettlements };

  async function importOne(trx: Kysely<DB>, job: ImportJob, dryRun: boolean, language: Language): Promise<GazetteerImportResult> {
    const started = performance.now();
    const errors = new RowErrors();
    const outcome = await importers[job.kind](trx, job, errors);
    if (outcome.rows === 0 && !errors.any) errors.add(0, 'file_empty');
    const { created, updated } = errors.any ? noCounts : outcome.counts;
    return {
      kind: job.kind,
      level: job.kind === 'boundaries' ? (job.level ?? 1) : null,
      edition: job.edition,
      fileName: job.fileName,
      dryRun,
      rows: outcome.rows,
      created,
      updated,
      unchanged: errors.any ? 0 : outcome.rows - created - updated,
      parentsCreated: errors.any ? 0 : outcome.parentsCreated,
      located: errors.any ? 0 : outcome.located,
      mapping: outcome.mapping,
      errorCount: errors.count,
      errors: errors.report(language),
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
