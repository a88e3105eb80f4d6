/**
 * The 5W pivot over 500,000 records (2,000 localities, 16 organisations, 9 sectors, 12 months):
 * times `GET /api/v1/responses/pivot`'s SQL (cells, row and column totals and the grand total,
 * with the no-double-counting rule) for several pairs of dimensions, on the embedded PGlite
 * store and, when DATABASE_URL is set, on PostgreSQL (a throwaway database).
 * Target: under 500 ms on PostgreSQL.
 *   npx tsx bench/pivot.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import type { PivotDimension, ResponseFilters } from '../src/shared/contracts/responses.ts';
import { sectors } from '../src/shared/sectors.ts';
import { searchKey } from '../src/shared/text.ts';
import { type Database, fromPglite, openPglite } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/db/seed/demo.ts';
import { demoCommunes } from '../src/server/db/seed/mali-reference.ts';
import { pivotRepository } from '../src/server/features/responses/pivot.repository.ts';
import { benchPostgres } from './postgres-database.ts';

const scale = { records: 500_000, localities: 2000 };
const runs = 5;
const queries: { rows: PivotDimension; cols: PivotDimension; filters: ResponseFilters; label: string }[] = [
  { rows: 'sector', cols: 'adm1', filters: {}, label: 'sector × region, 12 months' },
  { rows: 'organisation', cols: 'month', filters: {}, label: 'organisation × month' },
  { rows: 'adm2', cols: 'sector', filters: { period: '2026-06' }, label: 'cercle × sector, one month' },
  { rows: 'adm3', cols: 'organisation', filters: { region: 'ML05' }, label: 'commune × organisation, Mopti' },
];

interface Figures {
  database: string;
  loadSeconds: number;
  milliseconds: number[][];
  cells: number[];
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

/** Generated in SQL, 100,000 rows a statement: the pivot is timed, not the loading. */
async function load(database: Database): Promise<void> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  const communes = demoCommunes.map(([pcode, , cercle]) => ({ pcode, cercle }));
  const extra = Array.from({ length: scale.localities }, (_, i) => {
    const commune = communes[i % communes.length]!;
    const name = `Village ${i + 1}`;
    return { name, name_key: searchKey(name), kind: 'village', adm1_pcode: commune.cercle.slice(0, 4), adm2_pcode: commune.cercle, adm3_pcode: commune.pcode };
  });
  for (let i = 0; i < extra.length; i += 1000) await db.insertInto('localities').values(extra.slice(i, i + 1000)).execute();
  await sql`CREATE TABLE bench_places AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, adm1_pcode, adm2_pcode, adm3_pcode FROM localities`.execute(db);
  await sql`CREATE TABLE bench_orgs AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM organisations`.execute(db);
  const places = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_places`.execute(db)).rows[0]!.n);
  const orgs = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_orgs`.execute(db)).rows[0]!.n);
  const sectorList = sql.raw(`ARRAY[${sectors.map((s) => `'${s}'`).join(',')}]`);
  // Record g is month g % 12 of programme g / 12: an organisation, a sector, and a place among the
  // 320 of the organisation's zone (actors work in a few cercles, not everywhere), drawn by hashing.
  const pick = (salt: number, modulo: number) => sql.raw(`(abs(hashint8((g / 12) * 7 + ${salt})) % ${modulo})`);
  for (let from = 0; from < scale.records; from += 100_000) {
    const to = Math.min(scale.records, from + 100_000) - 1;
    await sql`
      INSERT INTO responses (period, organisation_id, sector, activity, locality_id, adm1_pcode, adm2_pcode, adm3_pcode,
        status, start_date, population_group, households_targeted, households_reached, persons_reached)
      SELECT (date '2025-07-01' + make_interval(months => (g % 12)::int))::date, o.id, (${sectorList})[(1 + ${pick(1, 9)})::int],
        'Activité ' || ${pick(2, 5)}, p.id, p.adm1_pcode, p.adm2_pcode, p.adm3_pcode,
        'ongoing', date '2025-07-01', 'idp', 100 + ${pick(3, 500)}, 50 + (abs(hashint8(g)) % 450), 300 + (abs(hashint8(g + 1)) % 2700)
      FROM generate_series(${from}::bigint, ${to}::bigint) AS g
      JOIN bench_orgs o ON o.n = ${pick(5, orgs)}
      JOIN bench_places p ON p.n = (o.n * 131 + ${pick(4, 320)}) % ${places}`.execute(db);
  }
  await sql`DROP TABLE bench_places, bench_orgs`.execute(db);
  await sql`ANALYZE`.execute(db);
}

async function measure(database: Database, name: string): Promise<Figures> {
  const [loadSeconds] = await seconds(() => load(database));
  const pivot = pivotRepository(database.db);
  const milliseconds: number[][] = [];
  const cells: number[] = [];
  for (const query of queries) {
    // One untimed run warms caches and plans, as a running server has.
    const figures = await pivot.figures(query.rows, query.cols, query.filters);
    cells.push(figures.filter((f) => f.level === 0).length);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await seconds(() => pivot.figures(query.rows, query.cols, query.filters)))[0] * 1000);
    milliseconds.push(times);
  }
  return { database: name, loadSeconds, milliseconds, cells };
}

async function onPglite(): Promise<Figures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-pivot-'));
  const database = fromPglite(await openPglite(dataDir));
  try {
    return await measure(database, 'PGlite (data dir)');
  } finally {
    await database.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function onPostgres(url: string): Promise<Figures> {
  const name = `relais_bench_pivot_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${name}`;
  const database = benchPostgres(benchUrl.toString());
  try {
    const version = await sql<{ server_version: string }>`SHOW server_version`.execute(database.db);
    return await measure(database, `PostgreSQL ${version.rows[0]?.server_version ?? ''}`.trim());
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function run(): Promise<void> {
  const results = [await onPglite()];
  if (process.env.DATABASE_URL) results.push(await onPostgres(process.env.DATABASE_URL));
  else console.log('DATABASE_URL is not set: PostgreSQL skipped.');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(
    `5W pivot over ${scale.records.toLocaleString('en')} records, ${scale.localities.toLocaleString('en')} localities, 12 months ` +
      `(${os.cpus().length} CPU, Node ${process.version}); median of ${runs} runs, target < 500 ms on PostgreSQL`,
  );
  console.table(
    results.flatMap((r) =>
      queries.map((q, i) => ({
        database: r.database,
        'data load': `${r.loadSeconds.toFixed(1)} s`,
        pivot: q.label,
        cells: r.cells[i],
        median: `${median(r.milliseconds[i]!).toFixed(0)} ms`,
        slowest: `${Math.max(...r.milliseconds[i]!).toFixed(0)} ms`,
      })),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
