/**
 * Household deduplication on the FEBRL test files (reference-data/febrl/): FEBRL1 and FEBRL2
 * within one file, FEBRL4 as 4a against 4b, each without the soc_sec_id column and with it.
 * Prints precision, recall and F1 of the `match` pairs, time and peak memory. Goes through the
 * command line's own path (file reading, column recognition, engine).
 *   `npm run bench -- dedup-febrl`  or  `npx tsx bench/dedup-febrl.ts [1|2|4 …]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { dedupFiles } from '../src/cli/commands/dedup.ts';
import { type PairScore, scorePairs } from './dedup-score.ts';

const dir = path.join(import.meta.dirname, '..', 'reference-data', 'febrl');

/** The file unzipped to `out`, without the soc_sec_id column when asked. */
function prepare(name: string, out: string, withId: boolean): string {
  const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, `${name}.csv.gz`))).toString('utf8');
  const file = path.join(out, `${name}${withId ? '' : '-no-ssn'}.csv`);
  if (withId) fs.writeFileSync(file, text);
  else fs.writeFileSync(file, text.split('\n').map((line) => line.replace(/, [^,]*$/, '')).join('\n'));
  return file;
}

/** FEBRL's truth: rec-N-org and rec-N-dup-K are person N. */
const entityOf = (recId: string) => /^rec-(\d+)-/.exec(recId)?.[1] ?? recId;

const cases = [
  { name: 'FEBRL1', files: ['dataset1'] },
  { name: 'FEBRL2', files: ['dataset2'] },
  { name: 'FEBRL4', files: ['dataset4a', 'dataset4b'] },
];

export async function run(wanted: string[] = []): Promise<PairScore[]> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-febrl-'));
  const scores: PairScore[] = [];
  try {
    for (const entry of cases.filter((c) => wanted.length === 0 || wanted.some((w) => c.name.endsWith(w)))) {
      for (const withId of [false, true]) {
        const inputs = entry.files.map((name) => prepare(name, out, withId));
        const started = performance.now();
    const cpuBefore = process.cpuUsage();
        const before = process.memoryUsage().rss;
        let peak = before;
        const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
        const dedup = await dedupFiles({ inputs, idColumn: 'rec_id', referenceDate: '2026-01-01' });
        clearInterval(sampler);
        peak = Math.max(peak, process.memoryUsage().rss);
        const seconds = (performance.now() - started) / 1000;
        const entities = dedup.labels.map(entityOf);
        const cpu = process.cpuUsage(cpuBefore);
        const score = scorePairs(`${entry.name} ${withId ? 'with' : 'without'} soc_sec_id`, entities, dedup.result.pairs, seconds, peak, (cpu.user + cpu.system) / 1e6);
        scores.push(score);
      }
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return scores;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run(process.argv.slice(2));
