/**
 * The dashboard API after each write, at national scale (bench/dashboard-api.ts times the first
 * call and the answers' sizes): the data of the gap benchmark (bench/gaps.ts, same
 * generator and scale: 5,000 localities, 200,000 responses, 20,000 assessment results, 8,000
 * alerts) in a throwaway database, then each view through the real app (routing, checks,
 * serialisation), on PGlite and, when DATABASE_URL is set, on PostgreSQL. Per view:
 * - "full": the first call on a fresh server, which computes everything from every record;
 * - "after a write": one 5W record saved through the API, then the view's next call (the gap
 *   engine recomputes only the changed locality, see src/server/features/gaps/gap-state.ts);
 *   a new record before each view, so each view pays its own write;
 * - "again": the median of the next calls (figures reused until the data changes);
 * - "CPU": the CPU time of a call after a write, Node and (PostgreSQL on this machine) the
 *   database's backends: on a shared machine wall time mostly measures the others.
 * Floors for "after a write": under 300 ms on PostgreSQL, under 1 s on PGlite.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/dashboard-writes.ts
 * BENCH_DATABASES=postgresql (or pglite) runs one of the two only.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { demoAccounts, demoPassword } from '../src/server/demo/demo-accounts.ts';
import { maliCercles } from '../src/server/demo/mali-reference.ts';
import { insertGapData } from '../src/server/test/gap-data.ts';
import { sectors } from '../src/shared/sectors.ts';
import { searchKey } from '../src/shared/text.ts';
import { onPglite, onPostgres } from './databases.ts';
import { cpuOf } from './gaps.ts';

const scale = { localities: 5000, rrmResponses: 10_000, responses: 190_000, assessmentResults: 20_000, alerts: 8000, capacities: 2000 };
const at = '2026-03-15';
const repeats = 5;

async function load(database: Database): Promise<void> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  const existing = await db.selectFrom('localities').select('id').execute();
  const extra = Array.from({ length: scale.localities - existing.length }, (_, i) => {
    const [adm2, , adm1] = maliCercles[i % maliCercles.length]!;
    const name = `Village ${i + 1}`;
    // Spread over Mali's extent so the map has points to place.
    return {
      name,
      name_key: searchKey(name),
      kind: 'village',
      adm1_pcode: adm1,
      adm2_pcode: adm2,
      lat: 11 + ((i * 7919) % 1300) / 100,
      lon: -11 + ((i * 104729) % 1500) / 100,
    };
  });
  for (let i = 0; i < extra.length; i += 1000)
    await db
      .insertInto('localities')
      .values(extra.slice(i, i + 1000))
      .execute();
  const localityIds = (await db.selectFrom('localities').select('id').execute()).map((l) => l.id);
  const organisationIds = (await db.selectFrom('organisations').select('id').execute()).map((o) => o.id);
  await insertGapData(db, { seed: 2026, localityIds, organisationIds, userId: null, ...scale, from: '2024-07-01', to: '2026-06-30' });
  await sql`ANALYZE`.execute(db);
}

async function milliseconds(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const views = {
  'national summary': `/api/v1/dashboard?at=${at}`,
  'national map': `/api/v1/dashboard/map?at=${at}`,
  'national trends': `/api/v1/dashboard/trends?at=${at}`,
  'gaps list': `/api/v1/gaps?at=${at}&pageSize=50`,
  'pivot sector × month': `/api/v1/responses/pivot?rows=sector&cols=month`,
  'region ML05 summary': `/api/v1/dashboard?at=${at}&region=ML05`,
  'region ML05 trends': `/api/v1/dashboard/trends?at=${at}&region=ML05`,
  'sector eha summary': `/api/v1/dashboard?at=${at}&sector=eha`,
  'sector eha trends': `/api/v1/dashboard/trends?at=${at}&sector=eha`,
};

async function measure(database: Database, server: string): Promise<{ server: string; loadMs: number; rows: Record<string, string | number>[] }> {
  const loadMs = await milliseconds(() => load(database));
  const localityIds = (await database.db.selectFrom('localities').select('id').orderBy('id').execute()).map((l) => l.id);
  const organisationId = (await database.db.selectFrom('organisations').select('id').orderBy('acronym').executeTakeFirstOrThrow()).id;
  let written = 0;
  /** A server started afresh (nothing computed yet), signed in as a coordinator. */
  const session = async () => {
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database });
    const account = demoAccounts.find((a) => a.role === 'coordinator')!;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password: demoPassword } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const call = async (path: string) => {
      const response = await app.inject({ method: 'GET', url: path, headers: { cookie } });
      if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return response.body.length;
    };
    /** One 5W record saved through the API, as a partner does, somewhere new each time. */
    const write = async () => {
      written++;
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/responses',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: {
          period: '2026-03',
          organisationId,
          sector: sectors[written % sectors.length],
          activity: `Distribution ${written}`,
          localityId: localityIds[(written * 997) % localityIds.length],
          status: 'ongoing',
          startDate: '2026-03-01',
          endDate: '2026-05-31',
          householdsTargeted: 100 + written,
        },
      });
      if (response.statusCode !== 201) throw new Error(`write: ${response.statusCode} ${response.body.slice(0, 200)}`);
    };
    return { app, call, write };
  };
  const rows: Record<string, string | number>[] = [];
  const floor = database.kind === 'postgresql' ? 300 : 1000;
  for (const [view, path] of Object.entries(views)) {
    const { app, call, write } = await session();
    let bytes = 0;
    const full = await milliseconds(async () => (bytes = await call(path)));
    const again: number[] = [];
    for (let i = 0; i < repeats; i++) again.push(await milliseconds(() => call(path)));
    again.sort((a, b) => a - b);
    const afterWrite: number[] = [];
    const afterWriteCpu: number[] = [];
    for (let i = 0; i < 3; i++) {
      await write();
      afterWrite.push(await milliseconds(() => call(path)));
      await write();
      afterWriteCpu.push((await cpuOf(database, () => call(path))) * 1000);
    }
    afterWrite.sort((a, b) => a - b);
    afterWriteCpu.sort((a, b) => a - b);
    const after = afterWrite[1]!;
    rows.push({
      view,
      'full (ms)': Math.round(full),
      'after a write, median of 3 (ms)': Math.round(after),
      'after / full': (after / full).toFixed(2),
      'after a write, CPU (ms)': Math.round(afterWriteCpu[1]!),
      'again (ms)': Math.round(again[Math.floor(repeats / 2)]!),
      'JSON (KB)': Math.round(bytes / 1024),
      floor: after < floor ? `< ${floor} ms: ok` : `< ${floor} ms: MISSED`,
    });
    await app.close();
  }
  return { server, loadMs, rows };
}

export async function run(): Promise<void> {
  const only = process.env.BENCH_DATABASES;
  const results = [];
  if (!only || only === 'pglite') results.push(await onPglite(measure));
  if (process.env.DATABASE_URL && (!only || only === 'postgresql')) results.push(await onPostgres(process.env.DATABASE_URL, measure));
  for (const { server, loadMs, rows } of results) {
    console.log(
      `Dashboard API on ${server}, ${scale.localities.toLocaleString('en')} localities, ` +
        `${(scale.rrmResponses + scale.responses).toLocaleString('en')} responses, ${scale.assessmentResults.toLocaleString('en')} assessment results, ` +
        `${scale.alerts.toLocaleString('en')} alerts (loaded in ${(loadMs / 1000).toFixed(1)} s; ${os.cpus().length} CPU, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}); at ${at}, trends over 12 months`,
    );
    console.table(rows);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
