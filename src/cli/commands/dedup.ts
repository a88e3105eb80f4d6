import fs from 'node:fs';
import path from 'node:path';
import { type LinkageResult, type LinkageStage, linkHouseholds } from '../../shared/linkage/engine.ts';
import { readHousehold } from '../../shared/linkage/household.ts';
import { HouseholdStore } from '../../shared/linkage/store.ts';
import { maliAdminAreas } from '../../server/lib/households/admin-areas-file.ts';
import { HouseholdFileError, openHouseholdFile } from '../../server/lib/households/household-file.ts';
import type { CliCommand } from '../command.ts';
import { bilingual, EncodedFileError, readEncodedFileAt } from './encode.ts';
import { EncodedStore, type EncodedLinkageStage, linkEncoded } from '../../shared/linkage/pprl/match.ts';

/**
 * The command line has no custodian to review uncertain pairs, so it draws the line lower than
 * the platform (0.7, with a review band from 0.5): a pair more likely one household than not is a
 * match. On the synthetic Malian lists this lifts recall by 2–3 points for a few tenths of a
 * point of precision; FEBRL does not move (bench/dedup-mali.ts, bench/dedup-febrl.ts).
 */
export const batchThresholds = { matchThreshold: 0.5, reviewThreshold: 0.3 };

export interface DedupOptions {
  inputs: string[];
  idColumn?: string;
  /** Date the lists' ages were true (ISO); today by default. */
  referenceDate?: string;
  matchThreshold?: number;
  reviewThreshold?: number;
  log?: (line: string) => void;
}

export interface DedupRun {
  store: HouseholdStore;
  /** Per record: its file's base name and its id (the id column's value or its data row number). */
  sources: string[];
  labels: string[];
  result: LinkageResult;
}

const stageNames: Record<LinkageStage, string> = {
  blocking: 'blocking',
  comparing: 'comparing candidate pairs',
  estimating: 'estimating m and u (EM)',
  clustering: 'clustering',
};

/** Reads the files and links their households (within and across files). */
export async function dedupFiles(options: DedupOptions): Promise<DedupRun> {
  const log = options.log ?? (() => {});
  const referenceDate = options.referenceDate ?? new Date().toISOString().slice(0, 10);
  const store = new HouseholdStore();
  const sources = options.inputs.map((input) => path.basename(input));
  const labels: string[] = [];
  const areas = maliAdminAreas();
  for (let s = 0; s < options.inputs.length; s++) {
    const input = options.inputs[s]!;
    const source = sources[s]!;
    const file = await openHouseholdFile(input, { idColumn: options.idColumn });
    log(
      `${source}: columns ${file.recognised.map((c) => `"${c.header ?? ''}" → ${c.key}`).join(', ')}` +
        (file.unrecognised.length > 0 ? `; not used: ${file.unrecognised.map((h) => `"${h}"`).join(', ')}` : ''),
    );
    if (options.idColumn !== undefined && !file.hasIdColumn) log(`${source}: no column "${options.idColumn}"; its records are identified by row number`);
    let rows = 0;
    for await (const row of file.rows) {
      const label = row.id ?? String(row.row);
      store.add(`${source}\u0000${label}`, s, readHousehold(areas.complete(row.fields), referenceDate).record);
      labels.push(label);
      if (++rows % 100_000 === 0) log(`${source}: ${rows} rows read`);
    }
    log(`${source}: ${rows} rows`);
  }
  store.seal();
  let lastStage = '';
  const result = linkHouseholds(store, {
    matchThreshold: options.matchThreshold ?? batchThresholds.matchThreshold,
    reviewThreshold: options.reviewThreshold ?? batchThresholds.reviewThreshold,
    onStage: (stage, share) => {
      const line = `${stageNames[stage]} ${Math.round(share * 100)} %`;
      if (share === 0 || share === 1 || line.slice(0, -4) !== lastStage) log(line);
      lastStage = line.slice(0, -4);
    },
  });
  return { store, sources: options.inputs.map((input) => path.basename(input)), labels, result };
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Encoded lists (`.clk.json` files of `relais encode`), all encoded with one key, linked within and across files. */
export function dedupEncodedFiles(options: {
  inputs: string[];
  oneToOne?: boolean;
  log?: (line: string) => void;
}): PairsRun & { store: EncodedStore; result: ReturnType<typeof linkEncoded> } {
  const log = options.log ?? (() => {});
  const store = new EncodedStore();
  const sources = options.inputs.map((input) => path.basename(input));
  const first = sources[0]!;
  const labels: string[] = [];
  let fingerprint: string | null = null;
  for (let s = 0; s < options.inputs.length; s++) {
    const file = readEncodedFileAt(options.inputs[s]!);
    const name = sources[s]!;
    if (fingerprint !== null && file.keyFingerprint !== fingerprint)
      throw new EncodedFileError(
        bilingual(
          `${name} a été encodé avec une autre clé que ${first} : des encodages de clés différentes ne se comparent pas.`,
          `${name} was encoded with another key than ${first}: encodings made with different keys cannot be compared.`,
        ),
      );
    fingerprint = file.keyFingerprint;
    for (const record of file.records) {
      store.add(`${name}\u0000${record.id}`, s, record.filter, record);
      labels.push(record.id);
    }
    log(`${name}: ${file.records.length} encoded households`);
  }
  const stageNames: Record<EncodedLinkageStage, string> = {
    blocking: 'blocking (LSH on the filters)',
    estimating: 'estimating m and u (EM)',
    clustering: 'clustering',
  };
  let last = '';
  const result = linkEncoded(store, {
    oneToOne: options.oneToOne,
    onStage: (stage, share) => {
      const line = `${stageNames[stage]} ${Math.round(share * 100)} %`;
      if (share === 0 || share === 1 || stage !== last) log(line);
      last = stage;
    },
  });
  return { store, sources, labels, result };
}

/** What the pairs file is written from: either kind of run. */
interface PairsRun {
  store: { source: { trimmed(): Int32Array } };
  sources: string[];
  labels: string[];
  result: { pairs: readonly { a: number; b: number; probability: number; decision: 'match' | 'review' }[] };
}

/** The pairs file: one line per pair judged the same household, or to review. */
export async function writePairs(run: PairsRun, out: string): Promise<{ match: number; review: number }> {
  const stream = fs.createWriteStream(out);
  const source = run.store.source.trimmed();
  const counts = { match: 0, review: 0 };
  const write = (line: string) => (stream.write(line) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
  await write('source_a,id_a,source_b,id_b,probability,decision\n');
  for (const pair of run.result.pairs) {
    const [a, b] = pair.a <= pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    counts[pair.decision]++;
    await write(
      `${csvField(run.sources[source[a]!]!)},${csvField(run.labels[a]!)},${csvField(run.sources[source[b]!]!)},${csvField(run.labels[b]!)},${pair.probability.toFixed(4)},${pair.decision}\n`,
    );
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return counts;
}

/** `--input` may be repeated, so the options are read here rather than by parseOptions. */
interface DedupArgs {
  inputs: string[];
  out?: string;
  idColumn?: string;
  referenceDate?: string;
  encoded?: boolean;
  oneToOne?: boolean;
  error?: string;
}

function parseDedupArgs(args: string[]): DedupArgs {
  const parsed: DedupArgs = { inputs: [] };
  for (let k = 0; k < args.length; k++) {
    const [flag, inline] = args[k]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? args[k + 1];
    const takes = () => {
      if (inline === undefined) k++;
      return value;
    };
    if (flag === '--input') {
      const v = takes();
      if (v === undefined || v.startsWith('--')) return { ...parsed, error: '--input needs a file.' };
      parsed.inputs.push(v);
    } else if (flag === '--encoded' && inline === undefined) parsed.encoded = true;
    else if (flag === '--one-to-one' && inline === undefined) parsed.oneToOne = true;
    else if (flag === '--out') parsed.out = takes();
    else if (flag === '--id-column') parsed.idColumn = takes();
    else if (flag === '--reference-date') parsed.referenceDate = takes();
    else return { ...parsed, error: `Unknown option: ${args[k] ?? ''}` };
  }
  if (parsed.inputs.length === 0) return { ...parsed, error: 'Give at least one --input file.' };
  if (!parsed.out) return { ...parsed, error: 'Give --out PAIRS.csv.' };
  if (parsed.referenceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(parsed.referenceDate)) return { ...parsed, error: '--reference-date is YYYY-MM-DD.' };
  if (parsed.encoded && (parsed.idColumn !== undefined || parsed.referenceDate !== undefined))
    return {
      ...parsed,
      error: bilingual(
        '--id-column et --reference-date se donnent à « relais encode », pas ici.',
        '--id-column and --reference-date belong to "relais encode", not here.',
      ),
    };
  if (parsed.oneToOne && !parsed.encoded) return { ...parsed, error: bilingual('--one-to-one va avec --encoded.', '--one-to-one goes with --encoded.') };
  return parsed;
}

export const dedup: CliCommand = {
  summary: 'Find the same household within and across beneficiary lists (CSV, XLSX; FEBRL files too), without a server',
  usage:
    'relais dedup --input FILE [--input FILE …] --out PAIRS.csv [--id-column NAME] [--reference-date YYYY-MM-DD] | ' +
    'relais dedup --encoded --input A.clk.json [--input B.clk.json …] --out PAIRS.csv [--one-to-one]',
  async run(args) {
    const options = parseDedupArgs(args);
    if (options.error) {
      console.error(`${options.error}\nUsage: ${this.usage}`);
      return 2;
    }
    for (const input of options.inputs) {
      if (!fs.existsSync(input)) {
        console.error(`File not found: ${input}`);
        return 2;
      }
    }
    const started = performance.now();
    const log = (line: string) => console.error(line);
    const timing = () => `${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`;
    if (options.encoded) {
      try {
        const run = dedupEncodedFiles({ inputs: options.inputs, oneToOne: options.oneToOne, log });
        const counts = await writePairs(run, options.out!);
        log(
          `${run.store.size} encoded records in ${options.inputs.length} file(s): ${new Set(run.result.clusterOf).size} distinct households; ` +
            `${run.result.candidatePairs} candidate pairs; ${counts.match} match pairs, ${counts.review} to review ` +
            `(EM: ${run.result.model.iterations} iterations, prior ${run.result.model.lambda.toFixed(4)}). Written to ${options.out!}. ${timing()}`,
        );
        return 0;
      } catch (error) {
        if (error instanceof EncodedFileError) {
          console.error(error.message);
          return 1;
        }
        throw error;
      }
    }
    try {
      const run = await dedupFiles({ inputs: options.inputs, idColumn: options.idColumn, referenceDate: options.referenceDate, log });
      const counts = await writePairs(run, options.out!);
      const clusters = new Set(run.result.clusterOf).size;
      const model = run.result.model;
      log(
        `${run.store.size} records in ${options.inputs.length} file(s): ${clusters} distinct households; ` +
          `${run.result.candidatePairs} candidate pairs compared; ${counts.match} match pairs, ${counts.review} to review ` +
          `(EM: ${model.iterations} iterations, prior ${model.lambda.toFixed(4)}). Written to ${options.out!}. ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof HouseholdFileError) {
        console.error(error.message);
        return 1;
      }
      throw error;
    }
  },
};
