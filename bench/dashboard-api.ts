/**
 * The dashboard API at national scale, on PostgreSQL: the data of the gap benchmark (bench/gaps.ts,
 * same generator and scale: 5,000 localities, 200,000 responses, 20,000 assessment results, 8,000
 * alerts) in a throwaway database, then each dashboard call through the real app (routing, checks,
 * serialisation). "first" is the first call for a scope, which computes its figures (as the first
 * call after a change does); "again" the median of the next calls (figures reused until the data
 * changes). Target: under 300 ms; the national map's answer under 200 KB compressed (sizes raw, and
 * as @fastify/compress sends them to a browser asking for brotli or gzip).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/dashboard-api.ts
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
import { searchKey } from '../src/shared/text.ts';
import { onPostgres } from './databases.ts';

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
    return { name, name_key: searchKey(name), kind: 'village', adm1_pcode: adm1, adm2_pcode: adm2, lat: 11 + ((i * 7919) % 1300) / 100, lon: -11 + ((i * 104729) % 1500) / 100 };
  });
  for (let i = 0; i < extra.length; i += 1000) await db.insertInto('localities').values(extra.slice(i, i + 1000)).execute();
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

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('DATABASE_URL is not set: the dashboard API benchmark runs on PostgreSQL only.');
    return;
  }
  await onPostgres(url, async (database, server) => {
    const loadMs = await milliseconds(() => load(database));
    const app = await buildApp({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database });
    const account = demoAccounts.find((a) => a.role === 'coordinator')!;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: account.email, password: demoPassword } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    /** Bytes of the answer as sent: raw, then as @fastify/compress sends it to a browser asking for brotli or gzip. */
    const call = async (path: string, encoding = 'identity') => {
      const response = await app.inject({ method: 'GET', url: path, headers: { cookie, 'accept-encoding': encoding } });
      if (response.statusCode !== 200) throw new Error(`${path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      return response.rawPayload.length;
    };
    const scopes = { national: '', 'region ML05': '&region=ML05', 'sector eha': '&sector=eha' };
    const endpoints = { summary: '/api/v1/dashboard', map: '/api/v1/dashboard/map', trends: '/api/v1/dashboard/trends' };
    const rows: Record<string, string | number>[] = [];
    for (const [scopeName, scope] of Object.entries(scopes)) {
      for (const [endpoint, path] of Object.entries(endpoints)) {
        const target = `${path}?at=${at}${scope}`;
        let bytes = 0;
        const first = await milliseconds(async () => (bytes = await call(target)));
        const again: number[] = [];
        for (let i = 0; i < repeats; i++) again.push(await milliseconds(() => call(target)));
        again.sort((a, b) => a - b);
        const [brotli, gzip] = [await call(target, 'br'), await call(target, 'gzip')];
        rows.push({
          scope: scopeName,
          call: endpoint,
          'first, computed (ms)': Math.round(first),
          'again, median (ms)': Math.round(again[Math.floor(repeats / 2)]!),
          'raw (KB)': Math.round(bytes / 1024),
          'br (KB)': Math.round(brotli / 1024),
          'gzip (KB)': Math.round(gzip / 1024),
          target: '< 300 ms',
        });
      }
    }
    // A national map's names and ids come region by region as the map zooms in: one region's answer.
    const places = `/api/v1/dashboard/map/places?at=${at}&region=ML05`;
    let placesBytes = 0;
    const placesMs = await milliseconds(async () => (placesBytes = await call(places)));
    rows.push({
      scope: 'national',
      call: 'map places ML05',
      'first, computed (ms)': Math.round(placesMs),
      'again, median (ms)': Math.round(await milliseconds(() => call(places))),
      'raw (KB)': Math.round(placesBytes / 1024),
      'br (KB)': Math.round((await call(places, 'br')) / 1024),
      'gzip (KB)': Math.round((await call(places, 'gzip')) / 1024),
      target: '< 300 ms',
    });
    console.log(
      `Dashboard API on ${server}, ${scale.localities.toLocaleString('en')} localities, ` +
        `${(scale.rrmResponses + scale.responses).toLocaleString('en')} responses, ${scale.assessmentResults.toLocaleString('en')} assessment results, ` +
        `${scale.alerts.toLocaleString('en')} alerts (loaded in ${(loadMs / 1000).toFixed(1)} s; ${os.cpus().length} CPU, Node ${process.version}); at ${at}, trends over 12 months`,
    );
    console.table(rows);
    await app.close();
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
