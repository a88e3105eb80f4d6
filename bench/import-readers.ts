/**
 * Readers during a large import: 20 signed-in readers call typical views (gaps list, dashboard
 * summary, 5W list, health) through the real app, each pausing as a person does between two
 * pages (0.5–1.5 s, as bench/load.ts; READER_PAUSE_MS=0 calls back to back, a saturation test), first alone, then while the
 * 50,000-row 5W workbook of bench/responses-import.ts is committed. Prints, before and during,
 * the readers' p50 / p95 / max, the requests answered, errors and 30 s timeouts, and the
 * import's own time, alone (no reader, measured first) and under the readers. On the embedded store (one connection) a reader must not wait for the
 * import; on PostgreSQL (when DATABASE_URL is set) too.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/import-readers.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { demoAccounts, demoPassword } from '../src/server/demo/demo-accounts.ts';
import { importHolds } from '../src/server/db/turns.ts';
import { onPglite, onPostgres } from './databases.ts';
import { benchImport, benchLocalities, writeWorkbook } from './responses-import.ts';

const readers = 20;
const timeoutMs = 30_000;
const aloneMs = 10_000;
const pauseMs = Number(process.env.READER_PAUSE_MS ?? 1000);
const views = ['/api/v1/gaps?pageSize=50', '/api/v1/dashboard', '/api/v1/responses?pageSize=50', '/api/health'];

interface Phase {
  answered: number;
  errors: number;
  timeouts: number;
  p50: number;
  p95: number;
  max: number;
  /** Per view: answers and the longest wait (a timeout counts as 30 s). */
  views: Record<string, { answered: number; max: number }>;
  /** The process's event loop delay, p99 and max: what a request arriving at any moment waits before it even starts (readers pause, so their latencies alone would not show it). */
  loop: { p99: number; max: number };
}

interface Figures {
  database: string;
  alone: Phase;
  during: Phase;
  importAloneSeconds: number;
  importSeconds: number;
  /** Embedded store: the import's turns on the connection under the readers, the longest (what a reader waited for it at most) and their total. */
  holds: { turns: number; longestMs: number; totalMs: number } | null;
}

function summarise(latencies: number[], errors: number, timeouts: number, loop: Phase['loop'], views: Phase['views']): Phase {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { answered: sorted.length, errors, timeouts, p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? 0), loop, views };
}

async function measure(database: Database, name: string, workbook: string): Promise<Figures> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  const localities = benchLocalities();
  for (let i = 0; i < localities.length; i += 1000)
    await db
      .insertInto('localities')
      .values(localities.slice(i, i + 1000))
      .execute();
  await sql`ANALYZE`.execute(db);

  const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database });
  try {
    const account = demoAccounts.find((a) => a.role === 'coordinator')!;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password: demoPassword } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

    /** Readers call views back to back until `until` resolves; latencies of the answers, errors and timeouts. */
    async function read(until: Promise<unknown>): Promise<Phase> {
      let done = false;
      void until.finally(() => (done = true));
      const loopDelay = monitorEventLoopDelay({ resolution: 10 });
      loopDelay.enable();
      const latencies: number[] = [];
      const byView: Phase['views'] = Object.fromEntries(views.map((v) => [v, { answered: 0, max: 0 }]));
      let errors = 0;
      let timeouts = 0;
      await Promise.all(
        Array.from({ length: readers }, async (_, reader) => {
          for (let i = reader; !done; i++) {
            const started = performance.now();
            let timer: NodeJS.Timeout | undefined;
            const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
            const view = views[i % views.length]!;
            const answer = await Promise.race([app.inject({ method: 'GET', url: view, headers: { cookie } }), timeout]);
            clearTimeout(timer);
            const waited = performance.now() - started;
            byView[view]!.max = Math.round(Math.max(byView[view]!.max, answer === 'timeout' ? timeoutMs : waited));
            if (answer !== 'timeout') byView[view]!.answered++;
            if (answer === 'timeout') timeouts++;
            else if (answer.statusCode !== 200) errors++;
            else latencies.push(performance.now() - started);
            if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs * (0.5 + Math.random())));
          }
        }),
      );
      loopDelay.disable();
      return summarise(latencies, errors, timeouts, { p99: Math.round(loopDelay.percentile(99) / 1e6), max: Math.round(loopDelay.max / 1e6) }, byView);
    }

    const importFile = benchImport(database, workbook, 'bench.xlsx');
    const importSeconds = async () => {
      const started = performance.now();
      const result = await importFile(false);
      if (!result.committed || result.plan?.create !== 50_000) throw new Error('bench workbook not committed');
      return (performance.now() - started) / 1000;
    };
    // The import alone, then its records removed so that the import under readers creates them again.
    const since = new Date();
    const importAloneSeconds = await importSeconds();
    await db.deleteFrom('responses').where('created_at', '>=', since).execute();
    await sql`ANALYZE`.execute(db);

    const alone = await read(new Promise((resolve) => setTimeout(resolve, aloneMs)));
    importHolds.reset();
    const importing = importSeconds();
    const [during, importDuringSeconds] = await Promise.all([read(importing), importing]);
    const holds =
      database.kind === 'pglite' ? { turns: importHolds.turns, longestMs: Math.round(importHolds.longestMs), totalMs: Math.round(importHolds.totalMs) } : null;
    return { database: name, alone, during, importAloneSeconds, importSeconds: importDuringSeconds, holds };
  } finally {
    await app.close();
  }
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-readers-'));
  const workbook = path.join(dir, '5w-50000.xlsx');
  try {
    await writeWorkbook(workbook);
    const results: Figures[] = [];
    // Each database's figures as soon as they are measured: an old build's import can take long.
    const measured = (figures: Figures) => {
      console.log(JSON.stringify(figures));
      results.push(figures);
    };
    if (process.env.DATABASE_URL) measured(await onPostgres(process.env.DATABASE_URL, (database, name) => measure(database, name, workbook)));
    else console.log('DATABASE_URL is not set: PostgreSQL skipped.');
    measured(await onPglite((database, name) => measure(database, name, workbook)));
    console.log(
      `${readers} readers (${views.join(', ')}) ${pauseMs > 0 ? `pausing ${pauseMs / 2}–${(pauseMs * 3) / 2} ms between calls` : 'back to back'}, ${aloneMs / 1000} s alone, then during a 50,000-row 5W import; ` +
        `timeout ${timeoutMs / 1000} s (${os.cpus().length} CPU, load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}, Node ${process.version}; the readers, the import and PGlite share the process). ` +
        'Import: alone (no reader), then under the readers.',
    );
    const row = (phase: string, r: Figures, p: Phase) => ({
      database: r.database,
      phase,
      answered: p.answered,
      'p50 (ms)': p.p50,
      'p95 (ms)': p.p95,
      'max (ms)': p.max,
      errors: p.errors,
      timeouts: p.timeouts,
      'event loop p99 / max (ms)': `${p.loop.p99} / ${p.loop.max}`,
      import: `${(phase === 'alone' ? r.importAloneSeconds : r.importSeconds).toFixed(1)} s`,
      'import held the connection':
        phase === 'alone' || !r.holds ? '' : `${r.holds.turns} turns, longest ${r.holds.longestMs} ms, ${(r.holds.totalMs / 1000).toFixed(1)} s in all`,
    });
    console.table(results.flatMap((r) => [row('alone', r, r.alone), row('during import', r, r.during)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
