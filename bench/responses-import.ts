/**
 * The 5W import of a 50,000-row workbook (2,000 localities, half the rows naming their place by
 * P-code, half by name): preview (dry run), its commit (the preview's checked and staged rows
 * written), then the same file again without a preview (read, checked, nothing changes), on the
 * embedded PGlite store and, when DATABASE_URL is set, on PostgreSQL (a throwaway database); and
 * on a second new database, the file committed without a preview (read, checked and written in
 * one request, as an API client may). Prints times, rows
 * per second, the process's peak RSS, and beside the commit the time COPY takes to write the same
 * rows into the same table (bench/copy-limit.ts): the limit. Targets (issue 18): commit under
 * 5 s on PostgreSQL and under 8 s on PGlite, memory bounded by streaming.
 * On a shared machine wall times are noisy, so each step also prints the CPU it took: this
 * process's (PGlite runs in it) and, on PostgreSQL, the server backends' of the bench database
 * (read from /proc, so only when the server runs on this machine), and the load average.
 *   npx tsx bench/responses-import.ts [postgres|pglite]   (default both; postgres needs DATABASE_URL)
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/responses-import.ts pglite
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { sectors } from '../src/shared/sectors.ts';
import { searchKey } from '../src/shared/text.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { seededRandom } from '../src/server/demo/random.ts';
import { demoCommunes } from '../src/server/demo/mali-reference.ts';
import type { ServiceContext } from '../src/server/lib/context.ts';
import { writeTable } from '../src/server/lib/tabular/index.ts';
import { periodGuard } from '../src/server/features/periods/periods.service.ts';
import { periodsRepository } from '../src/server/features/periods/periods.repository.ts';
import { ImportProgressBoard } from '../src/server/features/responses/import-progress.ts';
import { responseColumns, type ResponseRow } from '../src/server/features/responses/responses.columns.ts';
import { responsesImporter } from '../src/server/features/responses/responses.import.ts';
import { preparedImports } from '../src/server/lib/tabular/prepared.ts';
import { responsesRepository } from '../src/server/features/responses/responses.repository.ts';
import { copySeconds } from './copy-limit.ts';
import { onPglite, onPostgres } from './databases.ts';

const scale = { rows: 50_000, localities: 2000 };
const organisations = ['ACTED', 'NRC', 'IRC', 'SCI', 'PAM', 'UNICEF', 'HCR', 'OIM', 'CRM', 'AMSS', 'TASSAGHT'];
const activities = ['Distribution de vivres', 'Kits AME', "Réhabilitation de points d'eau", 'Clinique mobile', 'Gestion de cas', 'Kits scolaires'];

/** Wall seconds, this process's CPU seconds, and the database server's CPU seconds when known. */
interface Timing {
  wall: number;
  cpu: number;
  serverCpu: number | null;
}

interface Figures {
  database: string;
  preview: Timing;
  commit: Timing;
  again: Timing;
  copy: { seconds: number; rows: number };
  created: number;
  unchangedAgain: number;
  /** On a second new database: the file committed without a preview. */
  direct: { commit: Timing; created: number };
  peakRssMb: number;
}

const mb = (kilobytes: number) => Math.round(kilobytes / 1024);

/** The benchmark's extra localities (also bench/import-readers.ts). */
export function benchLocalities() {
  return Array.from({ length: scale.localities }, (_, i) => {
    const [pcode, , cercle] = demoCommunes[i % demoCommunes.length]!;
    const name = `Kanaga ${i + 1}`;
    return { name, name_key: searchKey(name), pcode: `ML98${String(i).padStart(5, '0')}`, kind: 'village', adm1_pcode: cercle.slice(0, 4), adm2_pcode: cercle, adm3_pcode: pcode };
  });
}

/** The workbook a big consolidated 5W would be: written once, streamed, the same for every database. */
export async function writeWorkbook(file: string): Promise<void> {
  const random = seededRandom(50_000);
  const places = benchLocalities();
  function* rows(): Generator<Partial<ResponseRow>> {
    for (let i = 0; i < scale.rows; i++) {
      const place = places[random.int(0, places.length - 1)]!;
      const month = 1 + (i % 12);
      const targeted = random.int(50, 900);
      const reached = Math.round(targeted * (0.5 + random.next() / 2));
      yield {
        period: `2025-${String(month).padStart(2, '0')}`,
        organisation: organisations[i % organisations.length]!,
        donor: random.pick(['ECHO', 'BHA (USAID)', 'CERF']),
        sector: sectors[random.int(0, sectors.length - 1)]!,
        activity: `${random.pick(activities)} — lot ${i + 1}`,
        localityName: i % 2 === 0 ? place.name : null,
        localityCode: i % 2 === 1 ? place.pcode : null,
        status: 'ongoing',
        startDate: `2025-${String(month).padStart(2, '0')}-0${1 + (i % 9)}`,
        endDate: null,
        populationGroup: 'idp',
        householdsTargeted: targeted,
        householdsReached: reached,
        personsReached: reached * 6,
        modality: 'in_kind',
        budget: targeted * 25_000 + 0.5,
        currency: 'XOF',
        comments: i % 10 === 0 ? 'Données consolidées par le cluster' : null,
      };
    }
  }
  await writeTable(fs.createWriteStream(file), { format: 'xlsx', columns: responseColumns, rows: rows(), language: 'fr' });
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [(performance.now() - started) / 1000, result];
}

const clockTicks = 100;

/** CPU seconds used so far by each backend of the current database (Linux /proc; empty when the server is elsewhere). */
async function backendCpu(database: Database): Promise<Map<number, number> | null> {
  if (database.pglite) return null;
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() ORDER BY pid`.execute(database.db);
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      // utime and stime are fields 14 and 15 of stat, 12 and 13 after "pid (comm) ".
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) / clockTicks);
    } catch {
      return null;
    }
  }
  return cpu;
}

async function timed<T>(database: Database, work: () => Promise<T>): Promise<[Timing, T]> {
  const serverBefore = await backendCpu(database);
  const cpuBefore = process.cpuUsage();
  const [wall, result] = await seconds(work);
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await backendCpu(database);
  let serverCpu: number | null = null;
  if (serverBefore && serverAfter) {
    serverCpu = 0;
    for (const [pid, used] of serverAfter) serverCpu += used - (serverBefore.get(pid) ?? 0);
  }
  return [{ wall, cpu: (cpu.user + cpu.system) / 1e6, serverCpu }, result];
}

function timing(t: Timing): string {
  return `${t.wall.toFixed(1)} s (CPU ${t.cpu.toFixed(1)} s${t.serverCpu === null ? '' : ` + server ${t.serverCpu.toFixed(1)} s`})`;
}

/**
 * `workbook` imported by the demo coordinator through an importer built as the server builds it
 * (responses.module.ts): on PostgreSQL records are written while the file is read, and a commit
 * right after its preview writes what the preview staged. Also bench/import-readers.ts.
 */
export function benchImport(database: Database, workbook: string, fileName: string) {
  const { db } = database;
  const importer = responsesImporter({
    db,
    responses: responsesRepository(db),
    guard: periodGuard(periodsRepository()),
    progress: new ImportProgressBoard(),
    prepared: preparedImports(60_000),
    writeWhileReading: database.kind === 'postgresql',
  });
  let ctx: ServiceContext | null = null;
  return async (dryRun: boolean) => {
    if (!ctx) {
      const user = await db.selectFrom('users').selectAll().where('role', '=', 'coordinator').executeTakeFirstOrThrow();
      ctx = {
        requestId: 'bench',
        user: { id: user.id, email: user.email, name: user.name, role: 'coordinator', organisationId: user.organisation_id, regions: [], language: 'fr', mustChangePassword: false, sessionId: 'bench', csrfToken: 'bench', apiToken: null },
      };
    }
    return importer.run(ctx, { path: workbook }, { dryRun, language: 'fr', fileName });
  };
}

/** A new database as the benchmark needs it, and the workbook's import there. */
async function prepare(database: Database, workbook: string) {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  const localities = benchLocalities();
  for (let i = 0; i < localities.length; i += 1000) await db.insertInto('localities').values(localities.slice(i, i + 1000)).execute();
  await sql`ANALYZE`.execute(db);

  const importFile = benchImport(database, workbook, 'bench.xlsx');
  return async (dryRun: boolean) => {
    const result = await importFile(dryRun);
    if (!result.canCommit) throw new Error(`bench workbook refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
    return result;
  };
}

async function measure(database: Database, name: string, workbook: string, url?: string): Promise<Omit<Figures, 'direct'>> {
  const run = await prepare(database, workbook);
  const [preview] = await timed(database, () => run(true));
  const [commit, committed] = await timed(database, () => run(false));
  const [again, againResult] = await timed(database, () => run(false));
  const copy = await copySeconds(database, 'response_records', url);
  return {
    copy,
    database: name,
    preview,
    commit,
    again,
    created: committed.plan?.create ?? 0,
    unchangedAgain: againResult.plan?.unchanged ?? 0,
    peakRssMb: mb(process.resourceUsage().maxRSS),
  };
}

/** The file committed on a new database without a preview: read, checked and written in one request. */
async function measureDirect(database: Database, workbook: string): Promise<Figures['direct']> {
  const run = await prepare(database, workbook);
  const [commit, committed] = await timed(database, () => run(false));
  return { commit, created: committed.plan?.create ?? 0 };
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-workbook-'));
  const workbook = path.join(dir, '5w-50000.xlsx');
  try {
    const [writeSeconds] = await seconds(() => writeWorkbook(workbook));
    const sizeMb = fs.statSync(workbook).size / 1024 / 1024;
    const results: Figures[] = [];
    const only = process.argv[2];
    // PostgreSQL first: PGlite's own memory would otherwise hide the import's in the peak RSS.
    if (only !== 'pglite') {
      const url = process.env.DATABASE_URL;
      if (url) {
        const figures = await onPostgres(url, (database, name, benchUrl) => measure(database, name, workbook, benchUrl));
        results.push({ ...figures, direct: await onPostgres(url, (database) => measureDirect(database, workbook)) });
      } else console.log('DATABASE_URL is not set: PostgreSQL skipped.');
    }
    if (only !== 'postgres') {
      const figures = await onPglite((database, name) => measure(database, name, workbook));
      results.push({ ...figures, direct: await onPglite((database) => measureDirect(database, workbook)) });
    }
    console.log(
      `5W import of a ${scale.rows.toLocaleString('en')}-row workbook (${sizeMb.toFixed(1)} MB, written in ${writeSeconds.toFixed(1)} s), ` +
        `${scale.localities.toLocaleString('en')} extra localities (${os.cpus().length} CPU, Node ${process.version}). ` +
        'Targets: commit < 5 s on PostgreSQL, < 8 s on PGlite. COPY: the same table\'s rows written again by COPY (indexes and triggers included, rolled back). ' +
        'Peak RSS is the whole process so far (PGlite runs in it). CPU: this process (+ PostgreSQL backends). ' +
        `Load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}.`,
    );
    console.table(
      results.map((r) => ({
        database: r.database,
        preview: timing(r.preview),
        'commit after preview': `${timing(r.commit)}, ${Math.round(scale.rows / r.commit.wall).toLocaleString('en')} rows/s`,
        'commit without preview': `${timing(r.direct.commit)}, ${Math.round(scale.rows / r.direct.commit.wall).toLocaleString('en')} rows/s`,
        'COPY (limit)': `${r.copy.seconds.toFixed(1)} s (${r.copy.rows.toLocaleString('en')} rows)`,
        created: `${r.created} / ${r.direct.created}`,
        'same file again': timing(r.again),
        unchanged: r.unchangedAgain,
        'peak RSS': `${r.peakRssMb} MB`,
      })),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
