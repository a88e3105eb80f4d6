/**
 * Privacy-preserving deduplication (src/shared/linkage/pprl/): households encoded with a shared
 * key into Bloom filters, then linked from the encodings alone. Prints precision, recall and F1
 * of the `match` pairs, time and peak memory:
 *   - FEBRL4 (4a against 4b) without soc_sec_id, through the command line's own path
 *     (`relais encode` then `relais dedup --encoded --one-to-one`);
 *   - the synthetic Malian lists (bench/mali-lists.ts), 10,000 rows;
 *   - two encoded lists of 100,000 households each (synthetic Malian lists), linked within and
 *     across: the time to match them is the figure (encoding is timed apart).
 *   `npm run bench -- pprl`  or  `npx tsx bench/pprl.ts [febrl] [mali] [large]`
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { dedupEncodedFiles } from '../src/cli/commands/dedup.ts';
import { encodeFile, plainFieldsOf } from '../src/cli/commands/encode.ts';
import { readHousehold } from '../src/shared/linkage/household.ts';
import { ClkEncoder, newKeyText } from '../src/shared/linkage/pprl/encoder.ts';
import { EncodedStore, linkEncoded } from '../src/shared/linkage/pprl/match.ts';
import { type PairScore, scorePairs } from './dedup-score.ts';
import { malianLists } from './mali-lists.ts';
import { maliAdminAreas } from '../src/server/lib/households/admin-areas-file.ts';

const febrlDir = path.join(import.meta.dirname, '..', 'reference-data', 'febrl');
const entityOf = (recId: string) => /^rec-(\d+)-/.exec(recId)?.[1] ?? recId;

function peakSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  return () => {
    clearInterval(timer);
    return Math.max(peak, process.memoryUsage().rss);
  };
}

async function febrl4(keyText: string, out: string): Promise<PairScore> {
  const inputs = ['dataset4a', 'dataset4b'].map((name) => {
    const text = zlib.gunzipSync(fs.readFileSync(path.join(febrlDir, `${name}.csv.gz`))).toString('utf8');
    const file = path.join(out, `${name}-no-ssn.csv`);
    fs.writeFileSync(
      file,
      text
        .split('\n')
        .map((line) => line.replace(/, [^,]*$/, ''))
        .join('\n'),
    );
    return file;
  });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const peak = peakSampler();
  const encoded: string[] = [];
  for (const input of inputs) {
    const clk = input.replace(/\.csv$/, '.clk.json');
    await encodeFile({ keyText, input, out: clk, idColumn: 'rec_id', referenceDate: '2026-01-01' });
    encoded.push(clk);
  }
  const encodeSeconds = (performance.now() - started) / 1000;
  const run = dedupEncodedFiles({ inputs: encoded, oneToOne: true });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const score = scorePairs('FEBRL4 encoded, without soc_sec_id', run.labels.map(entityOf), run.result.pairs, seconds, peak(), (cpu.user + cpu.system) / 1e6);
  console.log(
    `  encoding ${encodeSeconds.toFixed(1)} s, matching ${(seconds - encodeSeconds).toFixed(1)} s; ${run.result.candidatePairs.toLocaleString('en')} candidate pairs`,
  );
  return score;
}

async function encodeMalian(keyText: string, size: number, listOf: (list: number) => number) {
  const encoder = await ClkEncoder.create(keyText);
  const store = new EncodedStore();
  const entities: string[] = [];
  let batch: { list: number; entity: number; record: ReturnType<typeof readHousehold>['record'] }[] = [];
  const flush = async () => {
    const filters = await encoder.encode(batch.map((b) => b.record));
    batch.forEach((b, k) => {
      store.add(`${b.list}:${entities.length}`, b.list, filters[k]!, plainFieldsOf(b.record));
      entities.push(String(b.entity));
    });
    batch = [];
  };
  // As `relais encode` reads lists: communes completed from the gazetteer.
  const areas = maliAdminAreas();
  for (const row of malianLists(size)) {
    batch.push({ list: listOf(row.list), entity: row.entity, record: readHousehold(areas.complete(row.fields), row.referenceDate).record });
    if (batch.length === 5000) await flush();
  }
  await flush();
  return { store, entities };
}

async function malian(keyText: string, size: number): Promise<PairScore> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const peak = peakSampler();
  const { store, entities } = await encodeMalian(keyText, size, (list) => list);
  const encodeSeconds = (performance.now() - started) / 1000;
  const result = linkEncoded(store);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const score = scorePairs(`Malian lists ${size.toLocaleString('en')} encoded`, entities, result.pairs, seconds, peak(), (cpu.user + cpu.system) / 1e6);
  console.log(
    `  encoding ${encodeSeconds.toFixed(1)} s, matching ${(seconds - encodeSeconds).toFixed(1)} s; ${result.candidatePairs.toLocaleString('en')} candidate pairs`,
  );
  return score;
}

/** Two lists of `each` households: the synthetic organisations' lists gathered into two. */
async function twoLargeLists(keyText: string, each: number): Promise<PairScore> {
  const peak = peakSampler();
  const encodeStart = performance.now();
  const { store, entities } = await encodeMalian(keyText, each * 2, (list) => list % 2);
  const encodeSeconds = (performance.now() - encodeStart) / 1000;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const stages: string[] = [];
  let stageStart = performance.now();
  const result = linkEncoded(store, {
    onStage: (stage, share) => {
      if (share !== 1) return;
      stages.push(`${stage} ${((performance.now() - stageStart) / 1000).toFixed(1)} s`);
      stageStart = performance.now();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const sizes = [0, 0];
  for (const s of store.source.trimmed()) sizes[s]!++;
  const score = scorePairs(
    `Two encoded lists ${sizes.map((s) => s.toLocaleString('en')).join(' + ')}`,
    entities,
    result.pairs,
    seconds,
    peak(),
    (cpu.user + cpu.system) / 1e6,
  );
  console.log(
    `  matching ${seconds.toFixed(1)} s (${stages.join('; ')}); encoding apart ${encodeSeconds.toFixed(1)} s; ${result.candidatePairs.toLocaleString('en')} candidate pairs`,
  );
  return score;
}

export async function run(wanted: string[] = []): Promise<PairScore[]> {
  const want = (name: string) => wanted.length === 0 || wanted.includes(name);
  const keyText = newKeyText();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-pprl-'));
  const scores: PairScore[] = [];
  try {
    if (want('febrl')) scores.push(await febrl4(keyText, out));
    if (want('mali')) scores.push(await malian(keyText, 10_000));
    if (want('large')) scores.push(await twoLargeLists(keyText, 100_000));
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
  return scores;
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) await run(process.argv.slice(2));
