/**
 * The gap engine at national scale: 5,000 localities × 9 sectors, 200,000 responses (RRM and
 * monthly 5W records), 20,000 assessment results; times the full gap computation for one date
 * (SQL figures + status, days uncovered, upcoming gaps and priority for every pair), on the
 * embedded PGlite store and, when DATABASE_URL is set, on PostgreSQL (a throwaway database).
 * Targets: under 1 s on PostgreSQL, under 3 s on PGlite.
 *   npx tsx bench/gaps.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { searchKey } from '../src/shared/text.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { maliCercles } from '../src/server/demo/mali-reference.ts';
import { insertGapData } from '../src/server/test/gap-data.ts';
import { gapSettingsRepository, phaseSettingsRepository } from '../src/server/features/settings/settings.module.ts';
import { gapsRepository } from '../src/server/features/gaps/gaps.repository.ts';
import { gapsService } from '../src/server/features/gaps/gaps.service.ts';
import { handoversRepository } from '../src/server/features/handovers/handovers.repository.ts';
import { listsRepository } from '../src/server/features/lists/lists.repository.ts';
import { onPglite, onPostgres } from './databases.ts';

const scale = { localities: 5000, rrmResponses: 10_000, responses: 190_000, assessmentResults: 20_000, alerts: 8000, capacities: 2000 };
const at = '2026-03-15';
const horizonDays = 30;
const runs = 3;

interface Figures {
  database: string;
  loadSeconds: number;
  buildSeconds: number;
  refreshSeconds: number;
  pairs: number;
  engineSeconds: number[];
  fullSeconds: number[];
  fullCpuSeconds: number[];
  keptSeconds: number[];
  statuses: Record<string, number>;
  upcoming: number;
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

/**
 * CPU seconds used so far by this process and, for a PostgreSQL server on this machine, by the
 * server processes of the database: on a busy shared machine wall time mostly measures the
 * others, CPU time what the computation costs (single-threaded, ≈ its wall time on an idle one).
 */
async function cpuSeconds(database: Database): Promise<Map<string, number>> {
  const usage = process.cpuUsage();
  const times = new Map([['node', (usage.user + usage.system) / 1e6]]);
  if (database.kind !== 'postgresql') return times;
  const backends = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(database.db);
  for (const { pid } of backends.rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
      times.set(String(pid), (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // A server on another machine: its CPU time is not visible from here.
    }
  }
  return times;
}

export async function cpuOf(database: Database, work: () => Promise<unknown>): Promise<number> {
  const before = await cpuSeconds(database);
  await work();
  const after = await cpuSeconds(database);
  let total = 0;
  for (const [key, value] of after) total += value - (before.get(key) ?? 0);
  return total;
}

async function load(database: Database): Promise<number> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  const existing = await db.selectFrom('localities').select('id').execute();
  const extra = Array.from({ length: scale.localities - existing.length }, (_, i) => {
    const [adm2, , adm1] = maliCercles[i % maliCercles.length]!;
    const name = `Village ${i + 1}`;
    return { name, name_key: searchKey(name), kind: 'village', adm1_pcode: adm1, adm2_pcode: adm2 };
  });
  for (let i = 0; i < extra.length; i += 1000) await db.insertInto('localities').values(extra.slice(i, i + 1000)).execute();
  const localityIds = (await db.selectFrom('localities').select('id').execute()).map((l) => l.id);
  const organisationIds = (await db.selectFrom('organisations').select('id').execute()).map((o) => o.id);
  const counts = await insertGapData(db, {
    seed: 2026,
    localityIds,
    organisationIds,
    userId: null,
    alerts: scale.alerts,
    rrmResponses: scale.rrmResponses,
    responses: scale.responses,
    assessmentResults: scale.assessmentResults,
    capacities: scale.capacities,
    from: '2024-07-01',
    to: '2026-06-30',
  });
  await sql`ANALYZE`.execute(db);
  return localityIds.length + counts.rrmResponses + counts.responses;
}

async function measure(database: Database, name: string): Promise<Figures> {
  const [loadSeconds] = await seconds(() => load(database));
  const { db } = database;
  const gaps = gapsRepository(db);
  const phaseSettings = phaseSettingsRepository(db);
  const lists = listsRepository(db);
  const service = gapsService({ db, gaps, gapSettings: gapSettingsRepository(db), phaseSettings, handovers: handoversRepository(db), listCoverage: (localityId, sector) => lists.coverageByMonth(localityId, sector) });
  const { postRrmUntilMonth } = await phaseSettings.get();
  // The counted days of every 5W record, built once (then kept up to date change by change).
  const [buildSeconds] = await seconds(() => gaps.refreshCoverage());
  // One untimed run warms caches and plans, as a running server has.
  await service.computeFull({ at, horizonDays });
  const engineSeconds: number[] = [];
  const fullSeconds: number[] = [];
  const fullCpuSeconds: number[] = [];
  let last = await service.computeFull({ at, horizonDays });
  for (let i = 0; i < runs; i++) {
    engineSeconds.push((await seconds(() => gaps.computeAt(at, horizonDays, postRrmUntilMonth, {})))[0]);
    const [full, computation] = await seconds(() => service.computeFull({ at, horizonDays }));
    fullSeconds.push(full);
    last = computation;
    fullCpuSeconds.push(await cpuOf(database, () => service.computeFull({ at, horizonDays })));
  }
  // The kept rows (src/server/features/gaps/gap-state.ts): built once, then one 5W record changes
  // and only its locality is recomputed.
  await service.compute({ at, horizonDays });
  const keptSeconds: number[] = [];
  const someRecords = await db.selectFrom('responses').select('id').orderBy('id').limit(runs).execute();
  for (const record of someRecords) {
    await db.updateTable('responses').set({ households_targeted: 321 }).where('id', '=', record.id).execute();
    keptSeconds.push((await seconds(() => service.compute({ at, horizonDays })))[0]);
  }
  // A partner's monthly upload: 1,000 records change, the next computation refreshes their organisations' days.
  const changed = await db.selectFrom('responses').select('id').orderBy('id').limit(1000).execute();
  await db.updateTable('responses').set({ households_targeted: 123 }).where('id', 'in', changed.map((r) => r.id)).execute();
  const [refreshSeconds] = await seconds(() => gaps.refreshCoverage());
  const statuses: Record<string, number> = {};
  for (const row of last.rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
  return { database: name, loadSeconds, buildSeconds, refreshSeconds, pairs: last.rows.length, engineSeconds, fullSeconds, fullCpuSeconds, keptSeconds, statuses, upcoming: last.rows.filter((r) => r.upcoming).length };
}

export async function run(): Promise<void> {
  const results = [await onPglite(measure)];
  if (process.env.DATABASE_URL) results.push(await onPostgres(process.env.DATABASE_URL, measure));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const s = (v: number) => `${v.toFixed(3)} s`;
  console.log(
    `Gap engine at ${at}, horizon ${horizonDays} days: ${scale.localities.toLocaleString('en')} localities, ` +
      `${(scale.rrmResponses + scale.responses).toLocaleString('en')} responses (${scale.rrmResponses.toLocaleString('en')} RRM, ${scale.responses.toLocaleString('en')} 5W), ` +
      `${scale.assessmentResults.toLocaleString('en')} assessment results, ${scale.alerts.toLocaleString('en')} alerts (${os.cpus().length} CPU, Node ${process.version}); ` +
      `median of ${runs} runs; load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  const columns = (value: (r: Figures) => string | number) => Object.fromEntries(results.map((r) => [r.database, value(r)]));
  console.table({
    'data load': columns((r) => `${r.loadSeconds.toFixed(1)} s`),
    'counted days of 5W records, first build': columns((r) => s(r.buildSeconds)),
    'refresh after 1,000 changed 5W records': columns((r) => s(r.refreshSeconds)),
    'locality × sector pairs': columns((r) => r.pairs),
    'SQL figures': columns((r) => s(median(r.engineSeconds))),
    'full gap computation (wall)': columns((r) => s(median(r.fullSeconds))),
    'full gap computation (CPU, Node + database)': columns((r) => s(median(r.fullCpuSeconds))),
    target: columns((r) => (r.database.startsWith('PGlite') ? '< 3 s' : '< 1 s')),
    'kept rows after one changed 5W record': columns((r) => s(median(r.keptSeconds))),
    'kept / full': columns((r) => (median(r.keptSeconds) / median(r.fullSeconds)).toFixed(3)),
    'uncovered / partial / covered / unknown': columns((r) => ['uncovered', 'partial', 'covered', 'unknown'].map((k) => r.statuses[k] ?? 0).join(' / ')),
    'upcoming gaps': columns((r) => r.upcoming),
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
