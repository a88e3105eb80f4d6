/**
 * Writes a 50,000-row 5W workbook (and the same as CSV) with the export writer, then imports it,
 * printing time and peak memory of each step. The product target is under 60 s with memory
 * bounded by streaming.  `npm run bench -- tabular` or `npx tsx bench/tabular-read.ts [rows]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FiveWRow, fiveWColumns } from '../src/server/lib/tabular/fixtures/five-w-columns.ts';
import { runImport, writeTable } from '../src/server/lib/tabular/index.ts';
import { sectors } from '../src/shared/sectors.ts';

const places = ['Sévaré', 'Bandiagara', 'Ténenkou', 'Djenné', 'Douentza', 'Ménaka', 'Tombouctou', 'Ségou'];
const organisations = ['NRC', 'Acted', 'IRC', 'Save the Children', 'Œuvre Malienne d’Aide', 'CICR'];
const statuses = ['planned', 'ongoing', 'completed', 'suspended'] as const;

function* rows(count: number): Generator<FiveWRow> {
  for (let i = 0; i < count; i++) {
    const start = new Date(Date.UTC(2025, 0, 1) + (i % 500) * 86_400_000).toISOString().slice(0, 10);
    yield {
      id: `5W-${String(i + 1).padStart(6, '0')}`,
      organisation: organisations[i % organisations.length]!,
      sector: sectors[i % sectors.length]!,
      place: places[i % places.length]!,
      start,
      end: i % 3 === 0 ? null : start.replace('2025', '2026'),
      targeted: 100 + (i % 900),
      reached: i % 4 === 0 ? null : 50 + (i % 400),
      budget: (i % 1000) * 1250.5,
      status: statuses[i % statuses.length]!,
      comment: i % 10 === 0 ? `Évaluation multisectorielle n° ${i} — ménages déplacés` : null,
    };
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function measure<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    return await step();
  } finally {
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const used = process.cpuUsage(cpu);
    const cpuSeconds = ((used.user + used.system) / 1e6).toFixed(1).padStart(5);
    console.log(`${label.padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s   CPU ${cpuSeconds} s   peak RSS ${mb(peak)}   heap ${mb(process.memoryUsage().heapUsed)}`);
  }
}

export async function run(count = 50_000): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  try {
    console.log(`${count} rows, Node ${process.version}, start RSS ${mb(process.memoryUsage().rss)}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    for (const format of ['xlsx', 'csv'] as const) {
      const file = path.join(dir, `5w.${format}`);
      await measure(`write ${format}`, () => writeTable(fs.createWriteStream(file), { format, columns: fiveWColumns, rows: rows(count), language: 'fr' }));
      const result = await measure(`import ${format} (${mb(fs.statSync(file).size)})`, () => runImport({ source: { path: file }, columns: fiveWColumns, language: 'fr' }));
      let read = 0;
      await measure(`  read back valid rows`, async () => {
        for await (const batch of result.rows.batches(1000)) read += batch.length;
      });
      await result.rows.dispose();
      if (result.report.valid !== count || read !== count) throw new Error(`expected ${count} valid rows, got ${result.report.valid} (${read} read back)`);
    }
    console.log(`process peak RSS (maxRSS) ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run(Number(process.argv[2] ?? 50_000));
