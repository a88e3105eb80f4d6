import { clusterPairs, type Decision, type LinkedPair } from '../clustering.ts';
import { GrowableInt32, Interner } from '../store.ts';
import { popcount32 } from './bits.ts';
import { clkBits, clkBytes } from './encoder.ts';

/**
 * Linking households known only by their encodings (encoder.ts) and the few plain fields an
 * encoded upload carries (household size, P-code of the place):
 *   1. candidate pairs by locality-sensitive hashing of the filters (Hamming LSH, "λ-fold"):
 *      each table sorts the records by a fixed random sample of their bits and compares those
 *      sharing a prefix of it, the prefix growing until at most `bucket` records share it; plus
 *      every pair within a small P-code. Pairs less alike than `minDice` are dropped;
 *   2. the Dice coefficient of each candidate pair, each bit weighted by its rarity in the data
 *      (the bit-level version of the engine's term-frequency adjustment: a shared rare name or
 *      phone counts for more than a shared "Traoré" or the same sex);
 *   3. Fellegi–Sunter on what a pair shows — its Dice (in bands), whether the household sizes
 *      agree, whether the places agree — with m and u estimated by EM on the data itself from
 *      a reference model (no labels exist in the field): a household of 3 and one of 9 with the
 *      same name and village are namesakes, not one household;
 *   4. clusters from the strongest pairs down, a group joining another only when the pairs
 *      between them hold on average (the engine's rule: a weak link never chains two households);
 *      across two lists with `oneToOne`, a household is on each list at most once.
 * The output has the plain engine's shape (`LinkedPair`, stable cluster ids), so the pairs file,
 * distinct-household counts and the overlap matrix read either.
 */

const words = clkBits / 32;

/** Place P-codes are hierarchical (ML01 region, ML0101 cercle, ML010101 commune, ML010101001 locality). */
const communeCodeLength = 8;

export interface EncodedFields {
  householdSize?: number | null;
  /** The finest P-code known (locality, else commune). */
  pcode?: string | null;
}

export class EncodedStore {
  readonly keys: string[] = [];
  readonly source = new GrowableInt32();
  readonly householdSize = new GrowableInt32();
  /** Interned P-code of the locality (-1 unknown) and of its commune. */
  readonly place = new GrowableInt32();
  readonly commune = new GrowableInt32();
  readonly places = new Interner();
  private bits = new Uint32Array(words * 1024);

  get size(): number {
    return this.keys.length;
  }

  /** Filters as 32-bit words, `words` per record. */
  get filterWords(): Uint32Array {
    return this.bits.subarray(0, this.keys.length * words);
  }

  /** Adds one encoded household (`filter` of `clkBytes` bytes); returns its index. */
  add(key: string, source: number, filter: Uint8Array, fields: EncodedFields = {}): number {
    if (filter.length !== clkBytes) throw new RangeError(`a filter has ${clkBytes} bytes`);
    const index = this.keys.length;
    if ((index + 1) * words > this.bits.length) {
      const next = new Uint32Array(this.bits.length * 2);
      next.set(this.bits);
      this.bits = next;
    }
    for (let w = 0; w < words; w++) {
      const b = w * 4;
      this.bits[index * words + w] = (filter[b]! | (filter[b + 1]! << 8) | (filter[b + 2]! << 16) | (filter[b + 3]! << 24)) >>> 0;
    }
    this.keys.push(key);
    this.source.push(source);
    const size = fields.householdSize;
    this.householdSize.push(typeof size === 'number' && Number.isFinite(size) && size > 0 ? Math.round(size) : 0);
    const code = fields.pcode?.trim().toUpperCase() ?? '';
    this.place.push(code === '' ? -1 : this.places.id(code));
    this.commune.push(code.length >= communeCodeLength ? this.places.id(code.slice(0, communeCodeLength)) : -1);
    return index;
  }
}

export type EncodedLinkageStage = 'blocking' | 'estimating' | 'clustering';

export interface EncodedLinkageOptions {
  /** Probability from which a pair is a match (default 0.7) and from which it is sent for review (default 0.5). */
  matchThreshold?: number;
  reviewThreshold?: number;
  /** Pairs less similar than this are never candidates (default 0.5). */
  minDice?: number;
  /** Each household at most once per source (two lists without duplicates of their own, e.g. FEBRL4): no pairs within a source. */
  oneToOne?: boolean;
  decisions?: readonly Decision[];
  /** LSH: tables, and the most records compared all against all in one bucket. */
  tables?: number;
  bucket?: number;
  onStage?: (stage: EncodedLinkageStage, share: number) => void;
}

export interface EncodedFieldModel {
  key: 'dice' | 'size' | 'place';
  m: number[];
  u: number[];
}

export interface EncodedLinkageModel {
  lambda: number;
  /** Lower bound of each Dice band (band 0 holds everything below `minDice`). */
  diceBands: number[];
  fields: EncodedFieldModel[];
  iterations: number;
}

export interface EncodedLinkageResult {
  model: EncodedLinkageModel;
  candidatePairs: number;
  clusterOf: Int32Array;
  clusterId: (cluster: number) => string;
  /** Every pair inside a cluster of two or more (`match`), then review pairs across clusters; `dice` beside the probability. */
  pairs: (LinkedPair & { dice: number })[];
}

/** Deterministic pseudo-random numbers (the LSH tables must be the same from one run to the next). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Growable Float64Array of packed pairs (i·n + j, i < j). */
class PairBuffer {
  data = new Float64Array(1 << 16);
  length = 0;
  push(code: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = code;
  }
  compact(): Float64Array {
    const view = this.data.subarray(0, this.length);
    view.sort();
    let out = 0;
    for (let k = 0; k < view.length; k++) if (k === 0 || view[k] !== view[out - 1]) view[out++] = view[k]!;
    return view.subarray(0, out);
  }
}

const maxPlaceBlock = 400;
/** No level of a field weighs more than this many bits either way (rare levels make EM overconfident). */
const maxFieldWeight = 12;
const maxPlainWeight = 4;
/** Below this (weighted) Dice a pair is never a match, whatever its plain fields: the encoding must speak for it. */
const minMatchDice = 0.55;
const diceBandWidth = 0.025;

export function linkEncoded(store: EncodedStore, options: EncodedLinkageOptions = {}): EncodedLinkageResult {
  const n = store.size;
  const bits = store.filterWords;
  const source = store.source.trimmed();
  const sizes = store.householdSize.trimmed();
  const place = store.place.trimmed();
  const commune = store.commune.trimmed();
  const minDice = options.minDice ?? 0.5;
  const matchThreshold = options.matchThreshold ?? 0.3;
  const reviewThreshold = options.reviewThreshold ?? 0.15;
  const oneToOne = options.oneToOne ?? false;
  const stage = options.onStage ?? (() => {});

  const counts = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    let c = 0;
    for (let w = 0; w < words; w++) c += popcount32(bits[r * words + w]!);
    counts[r] = c;
  }
  const dice = (i: number, j: number): number => {
    const total = counts[i]! + counts[j]!;
    if (total === 0) return 0;
    let common = 0;
    const oi = i * words;
    const oj = j * words;
    for (let w = 0; w < words; w++) common += popcount32(bits[oi + w]! & bits[oj + w]!);
    return (2 * common) / total;
  };
  // Bits weighted by rarity (log of the inverse share of records setting them): a bit set by a
  // rare name or a phone says more than one set by "Traoré", the sex or a big village; the
  // weighted Dice is the term-frequency adjustment of the plain engine, bit by bit. Weights are
  // summed a byte at a time from a table (256 sums per byte position).
  const setIn = new Float64Array(clkBits);
  for (let r = 0; r < n; r++) {
    for (let w = 0; w < words; w++) {
      let v = bits[r * words + w]!;
      while (v !== 0) {
        const low = v & -v;
        setIn[w * 32 + 31 - Math.clz32(low)]!++;
        v ^= low;
      }
    }
  }
  const byteWeights = new Float64Array((clkBits / 8) * 256);
  for (let q = 0; q < clkBits / 8; q++) {
    for (let value = 1; value < 256; value++) {
      let sum = 0;
      for (let bit = 0; bit < 8; bit++) if ((value >>> bit) & 1) sum += Math.log((n + 1) / (setIn[q * 8 + bit]! + 1));
      byteWeights[q * 256 + value] = sum;
    }
  }
  const weightOfWords = (i: number, j: number): number => {
    let sum = 0;
    const oi = i * words;
    const oj = j * words;
    for (let w = 0; w < words; w++) {
      const v = bits[oi + w]! & bits[oj + w]!;
      if (v === 0) continue;
      const q = w * 1024;
      sum +=
        byteWeights[q + (v & 255)]! +
        byteWeights[q + 256 + ((v >>> 8) & 255)]! +
        byteWeights[q + 512 + ((v >>> 16) & 255)]! +
        byteWeights[q + 768 + (v >>> 24)]!;
    }
    return sum;
  };
  const weightOf = new Float64Array(n);
  for (let r = 0; r < n; r++) weightOf[r] = weightOfWords(r, r);
  const weightedDice = (i: number, j: number): number => {
    const total = weightOf[i]! + weightOf[j]!;
    return total === 0 ? 0 : (2 * weightOfWords(i, j)) / total;
  };
  const similarity = weightedDice;
  const comparable = (i: number, j: number) => !oneToOne || source[i] !== source[j];

  // 1. Candidates.
  stage('blocking', 0);
  const found = new PairBuffer();
  const consider = (i: number, j: number) => {
    if (i === j || !comparable(i, j)) return;
    if (dice(i, j) >= minDice) found.push(i < j ? i * n + j : j * n + i);
  };
  const recordBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const recordSpace = 2 ** recordBits;
  const bucket = options.bucket ?? 12;
  // As many tables as about 50 million comparisons allow, from 32 (large lists) to 100 (small ones).
  const tables = options.tables ?? Math.max(32, Math.min(100, Math.round(5e7 / Math.max(1, (n * bucket) / 2))));
  const keyBits = Math.min(32, 53 - recordBits);
  // Sample bits that split the records most evenly: a bit set in half of them says the most.
  const informative = Array.from({ length: clkBits }, (_, b) => b)
    .sort((a, b) => Math.abs(setIn[a]! / Math.max(1, n) - 0.5) - Math.abs(setIn[b]! / Math.max(1, n) - 0.5))
    .slice(0, clkBits / 2);
  const rand = random(20260101);
  const keys = new Float64Array(n);
  const keyOf = (x: number) => Math.floor(keys[x]! / recordSpace);
  const recordOf = (x: number) => keys[x]! - keyOf(x) * recordSpace;
  // Records sorted by their sampled bits; a run sharing the first `depth` bits is split on the
  // next bit until it holds at most `bucket` records, then compared all against all: dense
  // corners (a common name in a big village) use more bits than sparse ones, so every table
  // costs at most n·bucket/2 comparisons whatever the data.
  const visit = (start: number, end: number, depth: number): void => {
    if (end - start <= bucket) {
      for (let x = start; x < end; x++) {
        const i = recordOf(x);
        for (let y = x + 1; y < end; y++) consider(i, recordOf(y));
      }
      return;
    }
    if (depth === keyBits) return;
    const unit = 2 ** (keyBits - 1 - depth);
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (Math.floor(keyOf(mid) / unit) % 2 === 1) hi = mid;
      else lo = mid + 1;
    }
    visit(start, lo, depth + 1);
    visit(lo, end, depth + 1);
  };
  for (let t = 0; t < tables; t++) {
    const sample: number[] = [];
    while (sample.length < keyBits) {
      const b = informative[Math.floor(rand() * informative.length)]!;
      if (!sample.includes(b)) sample.push(b);
    }
    for (let r = 0; r < n; r++) {
      let key = 0;
      const o = r * words;
      for (const b of sample) key = key * 2 + ((bits[o + (b >>> 5)]! >>> (b & 31)) & 1);
      keys[r] = key * recordSpace + r;
    }
    keys.sort();
    visit(0, n, 0);
    stage('blocking', (t + 1) / (tables + 1));
  }
  // Every pair within a small place: pairs LSH may miss because a list left a field out.
  const byPlace = new Map<number, number[]>();
  for (let r = 0; r < n; r++) {
    const p = commune[r]! >= 0 ? commune[r]! : place[r]!;
    if (p < 0) continue;
    let list = byPlace.get(p);
    if (!list) byPlace.set(p, (list = []));
    list.push(r);
  }
  for (const members of byPlace.values()) {
    if (members.length > maxPlaceBlock) continue;
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) consider(members[x]!, members[y]!);
  }
  const codes = found.compact();
  const count = codes.length;
  stage('blocking', 1);

  // 2–3. Levels of each candidate pair and m, u by EM.
  stage('estimating', 0);
  const diceBands = [0];
  for (let lower = minDice; lower < 1 - 1e-9; lower += diceBandWidth) diceBands.push(Math.round(lower * 1000) / 1000);
  const bandOf = (d: number) => {
    if (d < minDice) return 0;
    return Math.min(diceBands.length - 1, 1 + Math.floor((d - minDice + 1e-9) / diceBandWidth));
  };
  const sizeLevel = (i: number, j: number) => {
    const a = sizes[i]!;
    const b = sizes[j]!;
    if (a === 0 || b === 0) return -1;
    const gap = Math.abs(a - b);
    return gap === 0 ? 2 : gap === 1 ? 1 : 0;
  };
  const placeLevel = (i: number, j: number) => {
    if (place[i]! < 0 || place[j]! < 0) return -1;
    if (place[i] === place[j]) return 2;
    return commune[i]! >= 0 && commune[i] === commune[j] ? 1 : 0;
  };
  const levelsCount = [diceBands.length, 3, 3];
  const radix = [1, diceBands.length + 1, (diceBands.length + 1) * 4];
  const patternOf = (band: number, size: number, placed: number) => band + 1 + (size + 1) * radix[1]! + (placed + 1) * radix[2]!;
  const levelOf = (pattern: number, f: number) => (Math.floor(pattern / radix[f]!) % (levelsCount[f]! + 1)) - 1;

  const diceOf = new Float32Array(count);
  const patternOfPair = new Uint32Array(count);
  const patterns = new Map<number, number>();
  for (let k = 0; k < count; k++) {
    const i = Math.floor(codes[k]! / n);
    const j = codes[k]! - i * n;
    const d = similarity(i, j);
    diceOf[k] = d;
    const pattern = patternOf(bandOf(d), sizeLevel(i, j), placeLevel(i, j));
    patternOfPair[k] = pattern;
    patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
  }
  // EM starts from the model fitted on the synthetic Malian lists (bench/pprl.ts) and keeps it
  // as a prior worth `priorPairs` pairs: a big list speaks for itself, a list of a few hundred
  // households gets a sensible model rather than one EM made up from too little.
  const reference = referenceModel(diceBands);
  const fitted = estimate(
    patterns,
    levelsCount,
    levelOf,
    reference,
    // A household is on a handful of lists: on average a record has at most about two others of
    // its household, so at most n of the candidate pairs are matches. Without this bound, EM on
    // a small list can take a crowd of namesakes (one family name, one village) for the matches.
    Math.min(0.999, n / Math.max(1, count)),
    diceBands.findIndex((lower) => lower >= 0.8),
  );
  // A higher Dice never speaks less for a match than a lower one (EM on few pairs can wobble).
  // The plain fields only support what the encoding says: a household size or a P-code shared by
  // chance is common, so their weight for a match is capped lower than the Dice's.
  const weights = fitted.m.map((row, f) =>
    row.map((m, l) => Math.max(-maxFieldWeight, Math.min(f === 0 ? maxFieldWeight : maxPlainWeight, Math.log2(m / fitted.u[f]![l]!)))),
  );
  for (let l = 1; l < weights[0]!.length; l++) weights[0]![l] = Math.max(weights[0]![l]!, weights[0]![l - 1]!);
  const logLambda = Math.log2(fitted.lambda / (1 - fitted.lambda));
  const model: EncodedLinkageModel = {
    lambda: fitted.lambda,
    diceBands,
    fields: (['dice', 'size', 'place'] as const).map((key, f) => ({ key, m: fitted.m[f]!, u: fitted.u[f]! })),
    iterations: fitted.iterations,
  };
  const probabilityOf = (band: number, size: number, placed: number) => {
    let total = logLambda + weights[0]![band]!;
    if (size >= 0) total += weights[1]![size]!;
    if (placed >= 0) total += weights[2]![placed]!;
    return 1 / (1 + 2 ** -total);
  };
  const score = (i: number, j: number) => probabilityOf(bandOf(similarity(i, j)), sizeLevel(i, j), placeLevel(i, j));
  const probability = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const pattern = patternOfPair[k]!;
    probability[k] = probabilityOf(levelOf(pattern, 0), levelOf(pattern, 1), levelOf(pattern, 2));
  }
  stage('estimating', 1);

  // 4. Clusters.
  stage('clustering', 0);
  const strong: number[] = [];
  for (let k = 0; k < count; k++) if (probability[k]! >= matchThreshold && diceOf[k]! >= minMatchDice) strong.push(k);
  strong.sort((x, y) => probability[y]! - probability[x]! || diceOf[y]! - diceOf[x]! || codes[x]! - codes[y]!);
  const { clusterOf, groups, clusterId } = clusterPairs(n, {
    keys: store.keys,
    decisions: options.decisions,
    strong: (function* () {
      for (const k of strong) {
        const i = Math.floor(codes[k]! / n);
        yield [i, codes[k]! - i * n] as const;
      }
    })(),
    // One-to-one: a household is on a list once, so two records of one list never join.
    refused: (_i, _j, groupI, groupJ) => {
      if (!oneToOne) return false;
      const seen = new Set(groupI.map((r) => source[r]));
      return groupJ.some((r) => seen.has(source[r]));
    },
    crossPair: (a, b) => {
      const similar = similarity(a, b);
      const p = probabilityOf(bandOf(similar), sizeLevel(a, b), placeLevel(a, b));
      return { probability: p, supports: p >= reviewThreshold && similar >= minMatchDice };
    },
  });

  const pairs: (LinkedPair & { dice: number })[] = [];
  for (const list of groups()) {
    const sorted = [...list].sort((a, b) => a - b);
    for (let x = 0; x < sorted.length; x++) {
      for (let y = x + 1; y < sorted.length; y++) {
        const a = sorted[x]!;
        const b = sorted[y]!;
        pairs.push({ a, b, probability: score(a, b), dice: dice(a, b), decision: 'match' });
      }
    }
  }
  for (let k = 0; k < count; k++) {
    if (probability[k]! < reviewThreshold) continue;
    const i = Math.floor(codes[k]! / n);
    const j = codes[k]! - i * n;
    if (clusterOf[i] === clusterOf[j]) continue;
    pairs.push({ a: i, b: j, probability: probability[k]!, dice: diceOf[k]!, decision: 'review' });
  }
  stage('clustering', 1);
  return { model, candidatePairs: count, clusterOf, clusterId, pairs };
}

/**
 * m and u fitted on 10,000 rows of the synthetic Malian lists, per weighted-Dice band from 0.5 by
 * 0.025 (the first entry is everything below), household size (differs by 2 or more, by 1, the
 * same) and place (other commune, same commune, same place); bands of another `minDice` take the
 * entry of their lower bound.
 */
const referenceDice = {
  m: [
    0.00587, 0.00363, 0.00197, 0.00213, 0.00674, 0.0146, 0.0239, 0.0248, 0.031, 0.0417, 0.0466, 0.0625, 0.0675, 0.0765, 0.079, 0.0849, 0.105, 0.0876, 0.0664,
    0.0553, 0.113,
  ],
  u: [
    0.489, 0.193, 0.138, 0.0853, 0.0445, 0.0228, 0.0118, 0.00657, 0.00381, 0.00221, 0.00136, 0.0008, 0.00024, 0.00022, 0.0001, 0.0001, 0.0001, 0.0001, 0.0001,
    0.0001, 0.0001,
  ],
};
const referenceSize = { m: [0.0424, 0.397, 0.561], u: [0.723, 0.179, 0.0981] };
const referencePlace = { m: [0.01, 0.01, 0.98], u: [0.85, 0.01, 0.14] };

function referenceModel(diceBands: number[]): { m: number[][]; u: number[][] } {
  const entry = (lower: number) => (lower < 0.5 ? 0 : Math.min(referenceDice.m.length - 1, 1 + Math.floor((lower - 0.5 + 1e-9) / diceBandWidth)));
  const band = (table: number[]) => normalise(diceBands.map((lower, l) => table[l === 0 ? 0 : entry(lower)]!));
  return { m: [band(referenceDice.m), referenceSize.m, referencePlace.m], u: [band(referenceDice.u), referenceSize.u, referencePlace.u] };
}

/** `row` normalised, except its entries from `from` on, which keep the values of `fixed`. */
function withFixedTail(row: number[], fixed: number[], from: number): number[] {
  if (from < 0) return normalise(row);
  const tail = fixed.slice(from).reduce((a, b) => a + b, 0);
  const head = normalise(row.slice(0, from)).map((v) => v * (1 - tail));
  return [...head, ...fixed.slice(from)];
}

function normalise(row: number[]): number[] {
  const total = row.reduce((a, b) => a + b, 0);
  return row.map((v) => v / total);
}

const priorPairs = 200;

/** EM over the distinct patterns of (Dice band, size level, place level), from the reference model. */
function estimate(
  patterns: Map<number, number>,
  levelsCount: number[],
  levelOf: (pattern: number, field: number) => number,
  start: { m: number[][]; u: number[][] },
  maxLambda: number,
  fixedTailFrom: number,
): { lambda: number; m: number[][]; u: number[][]; iterations: number } {
  const entries = [...patterns.entries()];
  const levels = entries.map(([pattern]) => levelsCount.map((_, f) => levelOf(pattern, f)));
  let m = start.m;
  let u = start.u;
  const mPrior = m.map((row) => row.map((v) => v * priorPairs));
  const uPrior = u.map((row) => row.map((v) => v * priorPairs));
  let lambda = Math.min(0.05, maxLambda);
  let iterations = 0;
  for (; iterations < 200; iterations++) {
    const mAcc = mPrior.map((row) => [...row]);
    const uAcc = uPrior.map((row) => [...row]);
    let matchTotal = 0;
    let total = 0;
    for (let e = 0; e < entries.length; e++) {
      const count = entries[e]![1];
      const level = levels[e]!;
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < level.length; f++) {
        if (level[f]! < 0) continue;
        pm *= m[f]![level[f]!]!;
        pu *= u[f]![level[f]!]!;
      }
      const w = pm / (pm + pu);
      matchTotal += w * count;
      total += count;
      for (let f = 0; f < level.length; f++) {
        if (level[f]! < 0) continue;
        mAcc[f]![level[f]!]! += w * count;
        uAcc[f]![level[f]!]! += (1 - w) * count;
      }
    }
    const nextLambda = total === 0 ? lambda : Math.min(maxLambda, Math.max(1e-6, matchTotal / total));
    const nextM = mAcc.map(normalise);
    // Non-matches whose encodings agree this much are rare in any list: u of the top Dice bands
    // stays the reference's, or EM on a small list may explain its few true pairs away as
    // non-matches that happen to look alike.
    const nextU = uAcc.map((row, f) => (f === 0 ? withFixedTail(row, start.u[0]!, fixedTailFrom) : normalise(row)));
    let change = Math.abs(nextLambda - lambda);
    for (let f = 0; f < m.length; f++) for (let l = 0; l < m[f]!.length; l++) change = Math.max(change, Math.abs(nextM[f]![l]! - m[f]![l]!));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < 1e-6) break;
  }
  return { lambda, m, u, iterations };
}
