/**
 * Times the gazetteer import of Mali's COD files (18,769 settlements) on the embedded PGlite
 * store and, when DATABASE_URL is set, on PostgreSQL (in a throwaway database).
 *   npx tsx bench/gazetteer-import.ts [path/to/cod-folder]   (default: reference-data/mali-cod-2015)
 */
import os from 'node:os';
import path from 'node:path';
import { codFolderJobs } from '../src/cli/commands/import-gazetteer.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { gazetteerImporter } from '../src/server/features/gazetteer/gazetteer.import.ts';
import { gazetteerRepository } from '../src/server/features/gazetteer/gazetteer.repository.ts';
import { onPglite, onPostgres } from './databases.ts';

const codDir = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../reference-data/mali-cod-2015'));
const actor = { user: null, requestId: 'bench' };

interface Figures {
  database: string;
  setupSeconds: number;
  firstSeconds: number;
  /** CPU time of this process (for PGlite, the database runs in it too). */
  firstCpuSeconds: number;
  /** The import itself; the rest is merging the search indexes and ANALYZE after the commit. */
  transactionSeconds: number;
  dryRunSeconds: number;
  againSeconds: number;
  rows: number;
}

async function timeSettlements(database: Database, name: string): Promise<Figures> {
  await migrateToLatest(database.db);
  const importer = gazetteerImporter({ db: database.db, gazetteer: gazetteerRepository(database.db) });
  const jobs = codFolderJobs(codDir, 'COD 2015');
  const settlements = jobs.filter((j) => j.kind === 'settlements');
  let lastCpuSeconds = 0;
  // The machine may be shared: this process's CPU time says how much work it was, whatever the load.
  const seconds = async (work: () => Promise<unknown>) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    await work();
    const used = process.cpuUsage(cpu);
    lastCpuSeconds = (used.user + used.system) / 1e6;
    return (performance.now() - started) / 1000;
  };
  const setupSeconds = await seconds(() => importer.run(actor, jobs.filter((j) => j.kind !== 'settlements'), { dryRun: false, language: 'fr' }));
  const dryRunSeconds = await seconds(() => importer.run(actor, settlements, { dryRun: true, language: 'fr' }));
  let rows = 0;
  let transactionSeconds = 0;
  const firstSeconds = await seconds(async () => {
    const [report] = await importer.run(actor, settlements, { dryRun: false, language: 'fr' });
    if (report!.created !== report!.rows) throw new Error(`expected a first import, got ${JSON.stringify(report)}`);
    rows = report!.rows;
    transactionSeconds = report!.durationMs / 1000;
  });
  const firstCpuSeconds = lastCpuSeconds;
  const againSeconds = await seconds(async () => {
    const [report] = await importer.run(actor, settlements, { dryRun: false, language: 'fr' });
    if (report!.unchanged !== report!.rows) throw new Error(`expected an unchanged re-import, got ${JSON.stringify(report)}`);
  });
  return { database: name, setupSeconds, firstSeconds, firstCpuSeconds, transactionSeconds, dryRunSeconds, againSeconds, rows };
}

const results = [await onPglite(timeSettlements)];
if (process.env.DATABASE_URL) results.push(await onPostgres(process.env.DATABASE_URL, timeSettlements));

const s = (v: number) => `${v.toFixed(2)} s`;
console.log(`Gazetteer import, ${results[0]!.rows.toLocaleString('en')} settlements from ${codDir} (${os.cpus().length} CPU, load ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version})`);
console.table(
  results.map((r) => ({
    database: r.database,
    'regions+cercles+communes': s(r.setupSeconds),
    'settlements dry run': s(r.dryRunSeconds),
    'settlements, first import': s(r.firstSeconds),
    'of which in the transaction': s(r.transactionSeconds),
    'its CPU time (this process)': s(r.firstCpuSeconds),
    'rows/s': Math.round(r.rows / r.firstSeconds),
    're-import (unchanged)': s(r.againSeconds),
  })),
);
