/**
 * The upload of a 100,000-household beneficiary list in a partner's own layout (its French
 * headers, no HXL row, names "TRAORE Moussa", ages "35 ANS", phones with +223): preview (dry run:
 * every row checked, normalised, encrypted under the list's new data key, its keyed hashes
 * computed and staged, kept for the commit), commit (the staged rows applied in one transaction),
 * then the same file again (recognised, nothing written). On PostgreSQL when DATABASE_URL is set,
 * then on PGlite. Prints times, rows per second, this process's CPU time (PGlite runs in it), the
 * CPU time of the PostgreSQL backends (read from /proc: the server must run on this machine), the
 * load average, and the peak RSS.
 * Target: under 20 s for preview + commit on PostgreSQL, memory bounded by streaming.
 *   DATABASE_URL=postgres://… npx tsx bench/lists-upload.ts
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import type { ListUploadResult } from '../src/shared/contracts/lists.ts';
import { currentProtocol } from '../src/shared/list-protocol.ts';
import { addDays, todayIso } from '../src/shared/phases.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { demoLocalities } from '../src/server/demo/mali-reference.ts';
import { seededRandom } from '../src/server/demo/random.ts';
import { listsImporter } from '../src/server/features/lists/lists.import.ts';
import { generateHousehold, partnerLayout, partnerRow } from '../src/server/features/lists/demo-households.ts';
import { preparedUploads } from '../src/server/features/lists/lists.prepared.ts';
import { listsRepository } from '../src/server/features/lists/lists.repository.ts';
import { ImportProgressBoard } from '../src/server/features/responses/import-progress.ts';
import type { ServiceContext } from '../src/server/lib/context.ts';
import { listKeyring } from '../src/server/lib/list-keys.ts';
import { writeTable } from '../src/server/lib/tabular/index.ts';
import { onPglite, onPostgres } from './databases.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const assistanceDate = addDays(todayIso(), -30);

interface Figures {
  database: string;
  previewSeconds: number;
  previewCpu: number;
  previewServerCpu: number | null;
  commitSeconds: number;
  commitCpu: number;
  commitServerCpu: number | null;
  againSeconds: number;
  written: number;
  households: number;
  peakRssMb: number;
}

const mb = (kilobytes: number) => Math.round(kilobytes / 1024);
const serverText = (cpu: number | null) => (cpu === null ? '' : ` + server ${cpu.toFixed(1)} s`);

/** A partner's list of `count` generated households in its own layout (also bench/lists-upload-phases.ts). */
export async function writeWorkbook(file: string, count = rows, assisted = assistanceDate): Promise<void> {
  const random = seededRandom(100_000);
  const places = demoLocalities.map((l) => l.name);
  function* generated() {
    for (let i = 0; i < count; i++) yield partnerRow(generateHousehold(random, places, assisted).row);
  }
  await writeTable(fs.createWriteStream(file), {
    format: 'xlsx',
    columns: partnerLayout,
    rows: generated() as never,
    language: 'fr',
    hxlRow: false,
    sheetName: 'Bénéficiaires',
  });
}

async function seconds<T>(work: () => Promise<T>): Promise<[number, T, number]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return [(performance.now() - started) / 1000, result, (used.user + used.system) / 1e6];
}

/**
 * CPU seconds used so far by the PostgreSQL backends serving this database, read from /proc (the
 * server runs on this machine); null when they cannot be read. The bench pool keeps its
 * connections open (bench/databases.ts), so no backend's time is lost between two readings.
 */
async function serverCpu(database: Database): Promise<number | null> {
  if (database.kind !== 'postgresql') return null;
  const { rows: backends } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() ORDER BY pid`.execute(database.db);
  let ticks = 0;
  for (const { pid } of backends) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command name in parentheses: state is field 3, utime and stime fields 14 and 15 (clock ticks, 100 a second).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return null;
    }
  }
  return ticks / 100;
}

async function measure(database: Database, name: string, workbook: string): Promise<Figures> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  await sql`ANALYZE`.execute(db);
  const user = await db.selectFrom('users').selectAll().where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
  const lists = listsRepository(db);
  await lists.insertAcceptance(db, { organisationId: user.organisation_id!, version: currentProtocol.version, signatoryName: 'Bench', userId: user.id });
  const ctx: ServiceContext = {
    requestId: 'bench',
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: 'partner',
      organisationId: user.organisation_id,
      regions: [],
      language: 'fr',
      mustChangePassword: false,
      sessionId: 'bench',
      csrfToken: 'bench',
      apiToken: null,
    },
  };
  const importer = listsImporter({
    db,
    lists,
    keyring: listKeyring(randomBytes(32)),
    progress: new ImportProgressBoard(),
    prepared: preparedUploads(10 * 60_000),
  });
  const query = {
    title: 'Bench 100 000 ménages',
    purpose: 'coverage',
    legalBasis: 'consent',
    sensitivity: 'high',
    sector: 'abris_ame',
    assistanceDate,
  } as const;
  const upload = (dryRun: boolean) => importer.run(ctx, { path: workbook }, 'liste.xlsx', { ...query, dryRun }, 'fr');
  const check = (result: ListUploadResult) => {
    if (!result.canCommit) throw new Error(`bench list refused: ${JSON.stringify(result.issues.slice(0, 3))}`);
    return result;
  };
  const serverBefore = await serverCpu(database);
  const [previewSeconds, , previewCpu] = await seconds(async () => check(await upload(true)));
  const serverPreviewed = await serverCpu(database);
  const [commitSeconds, committed, commitCpu] = await seconds(async () => check(await upload(false)));
  const serverCommitted = await serverCpu(database);
  const used = (from: number | null, to: number | null) => (from === null || to === null ? null : to - from);
  const [againSeconds, again] = await seconds(async () => check(await upload(false)));
  if (!again.alreadyUploaded) throw new Error('the same file again was not recognised');
  return {
    database: name,
    previewSeconds,
    previewCpu,
    previewServerCpu: used(serverBefore, serverPreviewed),
    commitSeconds,
    commitCpu,
    commitServerCpu: used(serverPreviewed, serverCommitted),
    againSeconds,
    written: committed.plan?.create ?? 0,
    households: committed.list?.householdCount ?? 0,
    peakRssMb: mb(process.resourceUsage().maxRSS),
  };
}

export async function run(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-list-'));
  const workbook = path.join(dir, 'liste-100000.xlsx');
  try {
    const [writeSeconds] = await seconds(() => writeWorkbook(workbook));
    const sizeMb = fs.statSync(workbook).size / 1024 / 1024;
    const results: Figures[] = [];
    // PostgreSQL first: PGlite's own memory would otherwise hide the upload's in the peak RSS.
    if (process.env.DATABASE_URL) results.push(await onPostgres(process.env.DATABASE_URL, (database, name) => measure(database, name, workbook)));
    else console.log('DATABASE_URL is not set: PostgreSQL skipped.');
    if (!process.env.BENCH_SKIP_PGLITE) results.push(await onPglite((database, name) => measure(database, name, workbook)));
    console.log(
      `Beneficiary list upload of ${rows.toLocaleString('en')} households in a partner's own layout (${sizeMb.toFixed(1)} MB, written in ${writeSeconds.toFixed(1)} s) ` +
        `(${os.cpus().length} CPU, Node ${process.version}, load average ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}). ` +
        `Target: preview + commit < 20 s on PostgreSQL and PGlite. CPU is this process's (PGlite runs in it), then the PostgreSQL backends'. Peak RSS is the whole process so far.`,
    );
    console.table(
      results.map((r) => ({
        database: r.database,
        preview: `${r.previewSeconds.toFixed(1)} s (CPU ${r.previewCpu.toFixed(1)} s${serverText(r.previewServerCpu)})`,
        commit: `${r.commitSeconds.toFixed(1)} s (CPU ${r.commitCpu.toFixed(1)} s${serverText(r.commitServerCpu)}, ${Math.round(rows / r.commitSeconds).toLocaleString('en')} rows/s)`,
        'preview + commit': `${(r.previewSeconds + r.commitSeconds).toFixed(1)} s`,
        written: r.written,
        'distinct households': r.households,
        'same file again': `${r.againSeconds.toFixed(1)} s`,
        'peak RSS': `${r.peakRssMb} MB`,
      })),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
