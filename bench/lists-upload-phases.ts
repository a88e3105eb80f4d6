/**
 * Where the time of a beneficiary list upload goes, phase by phase, on the file of
 * bench/lists-upload.ts (100,000 households in a partner's own layout): reading the workbook,
 * parsing the cells, normalising households, matching places in the gazetteer, keyed hashes,
 * encryption, and the database write (staged, then applied). Each phase runs alone and prints
 * its wall time and this process's CPU time (the database server's own CPU is not counted).
 *   DATABASE_URL=postgres://… npx tsx bench/lists-upload-phases.ts   (PGlite without it)
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { addDays } from '../src/shared/phases.ts';
import { columnsWithMappings, type ListRow } from '../src/shared/list-columns.ts';
import type { Database } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { baseDemoSteps, seedDemoData } from '../src/server/demo/demo.ts';
import { personalColumns } from '../src/server/features/lists/lists.columns.ts';
import { householdIndexes, sealedHouseholdOf } from '../src/server/features/lists/lists.records.ts';
import { checkHouseholdRow } from '../src/server/lib/households/household-columns.ts';
import { encryptValue, listKeyring } from '../src/server/lib/list-keys.ts';
import { runImport } from '../src/server/lib/tabular/index.ts';
import { placeIndex } from '../src/server/lib/tabular/places.ts';
import { openTable } from '../src/server/lib/tabular/read.ts';
import { placeCandidates } from '../src/server/lib/tabular/references.repository.ts';
import { writeWorkbook } from './lists-upload.ts';
import { onPglite, onPostgres } from './databases.ts';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const assistanceDate = addDays('2026-11-01', -30);

interface Phase {
  phase: string;
  wall: string;
  cpu: string;
}

async function timed(phases: Phase[], phase: string, work: () => Promise<void> | void): Promise<void> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  phases.push({ phase, wall: `${((performance.now() - wall) / 1000).toFixed(2)} s`, cpu: `${((used.user + used.system) / 1e6).toFixed(2)} s` });
}

async function measure(database: Database, workbook: string): Promise<Phase[]> {
  const { db } = database;
  await migrateToLatest(db);
  await seedDemoData(db, baseDemoSteps);
  await sql`ANALYZE`.execute(db);
  const phases: Phase[] = [];
  const keyring = listKeyring(randomBytes(32));
  const places = placeIndex(await placeCandidates(db));

  await timed(phases, 'read the workbook (cells only)', async () => {
    for await (const sheet of (await openTable({ path: workbook })).sheets) for await (const _ of sheet.rows) void _;
  });
  const columns = columnsWithMappings([]);
  await timed(phases, 'read + parse cells + spool', async () => {
    const result = await runImport({ source: { path: workbook }, columns, language: 'fr', personalColumns });
    await result.rows.dispose();
  });
  const read = await runImport({
    source: { path: workbook },
    columns,
    language: 'fr',
    personalColumns,
    validateRow: (row, check) => void checkHouseholdRow(row, check, assistanceDate),
  });
  const all: ListRow[] = [];
  await timed(phases, 'spool read back', async () => {
    for await (const batch of read.rows.batches(1000)) for (const r of batch) all.push(r.values);
  });
  await read.rows.dispose();
  const households = all.map(() => null as ReturnType<typeof sealedHouseholdOf> | null);
  await timed(phases, 'normalise households (names, ages, phones, NINA)', () => {
    all.forEach((row, i) => {
      households[i] = sealedHouseholdOf(row, assistanceDate);
    });
  });
  const localities: string[] = [];
  await timed(phases, 'match places in the gazetteer', () => {
    for (const row of all) {
      const match = places.resolve(row);
      localities.push(match.ok ? match.place.id : '');
    }
  });
  const indexes: ReturnType<typeof householdIndexes>[] = [];
  await timed(phases, 'keyed hashes (blind indexes)', () => {
    households.forEach((h, i) => indexes.push(householdIndexes(h!, localities[i]!, keyring)));
  });
  const { key } = keyring.newDataKey();
  const seal = (text: string, id: string) => encryptValue(key, text, id);
  const ids = all.map(() => crypto.randomUUID());
  const payloads: Buffer[] = [];
  await timed(phases, 'encrypt payloads (AES-256-GCM)', () => {
    households.forEach((h, i) => payloads.push(seal(JSON.stringify(h), ids[i]!)));
  });
  console.log(`phases measured on ${rows.toLocaleString('en')} rows; the write is bench/lists-upload.ts's commit`);
  return phases;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-phases-'));
try {
  const workbook = path.join(dir, 'liste.xlsx');
  await writeWorkbook(workbook, rows, assistanceDate);
  const phases = process.env.DATABASE_URL
    ? await onPostgres(process.env.DATABASE_URL, (d) => measure(d, workbook))
    : await onPglite((d) => measure(d, workbook));
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.table(phases);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
