/**
 * The 5W pivot (2,000 localities, 16 organisations, 9 sectors, 12 months) at 50,000 records (a
 * busy year of Mali's post-RRM 5W) and at 500,000: times `GET /api/v1/responses/pivot`'s SQL
 * (cells, row and column totals and the grand total, with the no-double-counting rule) for
 * several pairs of dimensions, the upkeep of the monthly totals it reads (summing newly loaded
 * records, then a partner's 1,000 changed ones), and a repeated view, which the app serves from its figures cache
 * until a 5W record changes (the data version read on every view here: the worst case). On the
 * embedded PGlite store and, when DATABASE_URL is set, on PostgreSQL (a throwaway database).
 * Target: under 500 ms on PostgreSQL at 500,000 records.
 *   npx tsx bench/pivot.ts
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { PivotDimension, ResponseFilters } from '../src/shared/contracts/responses.ts';
import { sectors } from '../src/shared/sectors.ts';
import { searchKey } from '../src/shared/text.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { demoCommunes } from '../src/server/demo/mali-reference.ts';
import { pivotRepository } from '../src/server/features/responses/pivot.repository.ts';
import { figuresCache } from '../src/server/lib/figures-cache.ts';
import { onPglite, onPostgres } from './databases.ts';

const scale = { records: [50_000, 500_000], localities: 2000 };
const runs = 5;
const queries: { rows: PivotDimension; cols: PivotDimension; filters: ResponseFilters; label: string }[] = [
  { rows: 'sector', cols: 'adm1', filters: {}, label: 'sector × region, 12 months' },
  { rows: 'organisation', cols: 'month', filters: {}, label: 'organisation × month' },
  { rows: 'adm2', cols: 'sector', filters: { period: '2026-06' }, label: 'cercle × sector, one month' },
  { rows: 'adm3', cols: 'organisation', filters: { region: 'ML05' }, label: 'commune × organisation, Mopti' },
];

interface Measure {
  records: number;
  /** Summing the new records into the monthly totals the pivot reads, once after loading them. */
  totalsSeconds: number;
  /** Summing them again after 1,000 records changed (a partner's month). */
  refreshSeconds: number;
  /** Per query: the computation's times, then the repeated (cached) view's. */
  milliseconds: number[][];
  cachedMilliseconds: number[][];
  cells: number[];
}

interface Figures {
  database: string;
  measures: Measure[];
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

/** The reference data and the places records are drawn from. */
async function prepare(database: Database): Promise<void> {
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
}

/** Records [from, to), generated in SQL 100,000 rows a statement: the pivot is timed, not the loading. */
async function load(database: Database, fromRecord: number, toRecord: number): Promise<void> {
  const { db } = database;
  const places = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_places`.execute(db)).rows[0]!.n);
  const orgs = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM bench_orgs`.execute(db)).rows[0]!.n);
  const sectorList = sql.raw(`ARRAY[${sectors.map((s) => `'${s}'`).join(',')}]`);
  // Record g is month g % 12 of programme g / 12: an organisation, a sector, and a place among the
  // 320 of the organisation's zone (actors work in a few cercles, not everywhere), drawn by hashing.
  const pick = (salt: number, modulo: number) => sql.raw(`(abs(hashint8((g / 12) * 7 + ${salt})) % ${modulo})`);
  for (let from = fromRecord; from < toRecord; from += 100_000) {
    const to = Math.min(toRecord, from + 100_000) - 1;
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
  await sql`ANALYZE`.execute(db);
}

async function measureAt(database: Database, records: number): Promise<Measure> {
  const pivot = pivotRepository(database.db);
  const cache = figuresCache({ dataVersion: pivot.dataVersion, recheckAfterMs: 0 });
  const milliseconds: number[][] = [];
  const cachedMilliseconds: number[][] = [];
  const cells: number[] = [];
  const [totalsSeconds] = await seconds(() => pivot.refreshTotals());
  for (const query of queries) {
    // One untimed run warms caches and plans, as a running server has.
    const figures = await pivot.figures(query.rows, query.cols, query.filters);
    cells.push(figures.filter((f) => f.level === 0).length);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await seconds(() => pivot.figures(query.rows, query.cols, query.filters)))[0] * 1000);
    milliseconds.push(times);
    // As pivot.service.ts reads it: the data version, then the figures computed once for it.
    const cachedView = async () => {
      await cache.refresh();
      return cache.get(JSON.stringify(query), () => pivot.figures(query.rows, query.cols, query.filters));
    };
    await cachedView();
    const cachedTimes: number[] = [];
    for (let i = 0; i < runs; i++) cachedTimes.push((await seconds(cachedView))[0] * 1000);
    cachedMilliseconds.push(cachedTimes);
  }
  const changed = await database.db.selectFrom('responses').select('id').orderBy('id').limit(1000).execute();
  await database.db.updateTable('responses').set({ households_reached: 77 }).where('id', 'in', changed.map((r) => r.id)).execute();
  const [refreshSeconds] = await seconds(() => pivot.refreshTotals());
  return { records, totalsSeconds, refreshSeconds, milliseconds, cachedMilliseconds, cells };
}

async function measure(database: Database, name: string): Promise<Figures> {
  await prepare(database);
  const measures: Measure[] = [];
  let loaded = 0;
  for (const records of scale.records) {
    await load(database, loaded, records);
    loaded = records;
    measures.push(await measureAt(database, records));
  }
  return { database: name, measures };
}

export async function run(): Promise<void> {
  const results = [await onPglite(measure)];
  if (process.env.DATABASE_URL) results.push(await onPostgres(process.env.DATABASE_URL, measure));
  else console.log('DATABASE_URL is not set: PostgreSQL skipped.');
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  console.log(
    `5W pivot, ${scale.localities.toLocaleString('en')} localities, 16 organisations, 12 months (${os.cpus().length} CPU, Node ${process.version}, ` +
      `load average ${os.loadavg()[0]!.toFixed(1)}); median of ${runs} runs; target < 500 ms on PostgreSQL at 500,000 records`,
  );
  console.table(
    results.flatMap((r) =>
      r.measures.flatMap((m) =>
        queries.map((q, i) => ({
          database: r.database,
          records: m.records.toLocaleString('en'),
          pivot: q.label,
          cells: m.cells[i],
          computed: ms(m.milliseconds[i]!),
          slowest: `${Math.max(...m.milliseconds[i]!).toFixed(0)} ms`,
          'repeated view': ms(m.cachedMilliseconds[i]!),
          'monthly totals: build / after 1,000 changes': i === 0 ? `${m.totalsSeconds.toFixed(2)} s / ${m.refreshSeconds.toFixed(2)} s` : '',
        })),
      ),
    ),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
