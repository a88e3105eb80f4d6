import { type BlockingOptions, candidatePairs, unpackPair } from './blocking.ts';
import {
  Comparator,
  type ComparisonDetail,
  F_NAME,
  F_PHONE,
  fieldCount,
  type FieldKey,
  fields,
  levelOf,
  mayMatch,
  newDetail,
  patternOf,
} from './comparison.ts';
import { clusterPairs, type Decision, type LinkedPair } from './clustering.ts';
import type { HouseholdStore } from './store.ts';

/**
 * Household deduplication, Fellegi–Sunter style:
 *   1. candidate pairs by blocking (blocking.ts);
 *   2. each pair compared field by field into graded levels (comparison.ts);
 *   3. m (level frequencies among true matches) and u (among non-matches) estimated by
 *      expectation–maximisation on the comparison patterns of the data itself: no labels;
 *   4. each pair's match weight: the log-likelihood ratios summed, with a term-frequency
 *      adjustment (a shared Traoré or Coulibaly counts for less than a shared rare name; a phone
 *      that many households give counts for less), and its probability;
 *   5. households grouped into clusters from the strongest pairs down, a group joining another
 *      only when the pairs between them hold on average, so one weak or shared-key link never
 *      chains two households together; custodians' decisions (same / different) applied first.
 */

export type { Decision, LinkedPair } from './clustering.ts';

export interface LinkageOptions extends BlockingOptions {
  /** Probability from which a pair is a match (default 0.7) and from which it is sent for review (default 0.5). */
  matchThreshold?: number;
  reviewThreshold?: number;
  decisions?: readonly Decision[];
  /** Stage and share done, for progress reports. */
  onStage?: (stage: LinkageStage, share: number) => void;
}

export type LinkageStage = 'blocking' | 'comparing' | 'estimating' | 'clustering';

export interface FieldParameters {
  key: FieldKey;
  /** Per level (0 = disagree … highest = agree fully). */
  m: number[];
  u: number[];
}

export interface LinkageModel {
  /** Prior share of matches among candidate pairs. */
  lambda: number;
  fields: FieldParameters[];
  /** Mean frequency log of the names agreeing at each name level (the term-frequency baseline). */
  nameFrequencyBaseline: number[];
  phoneFrequencyBaseline: number;
  iterations: number;
}

export interface LinkageResult {
  model: LinkageModel;
  candidatePairs: number;
  /** Cluster (household) index of each record; records alone are clusters of one. */
  clusterOf: Int32Array;
  /** Stable id of each cluster index used in `clusterOf` (derived from its members' keys). */
  clusterId: (cluster: number) => string;
  /** Every pair inside a cluster of two or more (`match`), then the review pairs across clusters. */
  pairs: LinkedPair[];
}

export interface Contribution {
  field: FieldKey;
  level: number;
  /** Weight in bits (log2 m/u, with the term-frequency adjustment for names and phones). */
  weight: number;
}

const maxTermAdjustment = 6;
const priorPairs = 20;
const maxFieldWeight = 12;

interface Estimate {
  lambda: number;
  m: number[][];
  u: number[][];
  iterations: number;
}

/**
 * EM over the distinct comparison patterns and their counts. Fields not `included` are left out
 * of the model; `fixed` fields keep the m and u given.
 */
export function estimate(
  patterns: Map<number, number>,
  start: { m?: number[][]; u?: number[][] } = {},
  options: { included?: boolean[]; fixed?: boolean[]; maxIterations?: number } = {},
): Estimate {
  const maxIterations = options.maxIterations ?? 100;
  const included = options.included ?? fields.map(() => true);
  const fixed = options.fixed ?? fields.map(() => false);
  const entries = [...patterns.entries()];
  const levelsOf = entries.map(([pattern]) => fields.map((_, f) => (included[f] ? levelOf(pattern, f) : -1)));
  const normalise = (rows: number[][]) => rows.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0)));
  // Start: matches agree on the top levels, non-matches mostly disagree.
  let m = normalise(start.m ?? fields.map((field) => Array.from({ length: field.levels }, (_, l) => 2 ** (3 * l))));
  let u = normalise(start.u ?? fields.map((field) => Array.from({ length: field.levels }, (_, l) => 2 ** (field.levels - l))));
  // Priors worth a few dozen pairs: with a handful of candidate pairs (a small list) EM has too
  // little to learn from and the starting values hold; with thousands the data decide.
  const mPrior = m.map((row) => row.map((v) => v * priorPairs));
  const uPrior = u.map((row) => row.map((v) => v * priorPairs));
  let lambda = 0.05;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const mAcc = mPrior.map((row) => [...row]);
    const uAcc = uPrior.map((row) => [...row]);
    let matchTotal = 0;
    let total = 0;
    for (let e = 0; e < entries.length; e++) {
      const count = entries[e]![1];
      const levels = levelsOf[e]!;
      let pm = lambda;
      let pu = 1 - lambda;
      for (let f = 0; f < fieldCount; f++) {
        const l = levels[f]!;
        if (l < 0) continue;
        pm *= m[f]![l]!;
        pu *= u[f]![l]!;
      }
      const w = pm / (pm + pu);
      matchTotal += w * count;
      total += count;
      for (let f = 0; f < fieldCount; f++) {
        const l = levels[f]!;
        if (l < 0) continue;
        mAcc[f]![l]! += w * count;
        uAcc[f]![l]! += (1 - w) * count;
      }
    }
    const nextLambda = total === 0 ? lambda : Math.min(0.999, Math.max(1e-6, matchTotal / total));
    const nextM = normalise(mAcc).map((row, f) => (fixed[f] || !included[f] ? m[f]! : row));
    const nextU = normalise(uAcc).map((row, f) => (fixed[f] || !included[f] ? u[f]! : row));
    let change = Math.abs(nextLambda - lambda);
    for (let f = 0; f < fieldCount; f++) for (let l = 0; l < m[f]!.length; l++) change = Math.max(change, Math.abs(nextM[f]![l]! - m[f]![l]!));
    m = nextM;
    u = nextU;
    lambda = nextLambda;
    if (change < 1e-5) break;
  }
  return { lambda, m, u, iterations };
}

/**
 * Two EM sessions, as blocking requires: candidate pairs share a name word by construction, so
 * among them namesakes abound and the name alone cannot be the class. First, among pairs whose
 * names agree, the other fields (birth, phone, spouse, place…) learn how true matches differ
 * from namesakes; then, over all candidate pairs with those fields held, the name's own m and u
 * and the share of matches.
 */
function estimateInTwoSessions(patterns: Map<number, number>, randomU: number[][]): Estimate {
  const named = new Map<number, number>();
  for (const [pattern, count] of patterns) if (levelOf(pattern, F_NAME) >= 4) named.set(pattern, count);
  const others = fields.map((_, f) => f !== F_NAME);
  const first = estimate(named, { u: randomU }, { included: others });
  const second = estimate(patterns, { m: first.m, u: first.u }, { fixed: others });
  return { ...second, iterations: first.iterations + second.iterations };
}

/** u from random pairs (almost all non-matches): where EM starts from, and its prior. */
function randomPairsU(comparator: Comparator, n: number, samples: number): number[][] {
  const counts = fields.map((field) => new Array<number>(field.levels).fill(0.5));
  const detail = newDetail();
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed;
  };
  for (let s = 0; s < samples && n > 1; s++) {
    const i = next() % n;
    const j = next() % n;
    if (i === j) continue;
    comparator.compare(i, j, detail);
    for (let f = 0; f < fieldCount; f++) if (detail.levels[f]! >= 0) counts[f]![detail.levels[f]!]!++;
  }
  return counts.map((row) => row.map((v) => v / row.reduce((a, b) => a + b, 0)));
}

export class Scorer {
  readonly logLambda: number;
  readonly weights: number[][];
  constructor(
    readonly comparator: Comparator,
    readonly model: LinkageModel,
  ) {
    this.logLambda = Math.log2(model.lambda / (1 - model.lambda));
    // A field weighs at most ±maxFieldWeight bits: a phone or identity number shared by chance
    // is rare across the country but not among neighbours, so none decides alone.
    this.weights = model.fields.map((field) => field.m.map((m, l) => Math.max(-maxFieldWeight, Math.min(maxFieldWeight, Math.log2(m / field.u[l]!)))));
  }

  private readonly detail = newDetail();

  /** The per-field contributions of one pair, for the custodian's "why". */
  explain(i: number, j: number): { probability: number; contributions: Contribution[]; crossed: boolean } {
    const detail = this.detail;
    this.comparator.compare(i, j, detail);
    const contributions: Contribution[] = [];
    let total = this.logLambda;
    for (let f = 0; f < fieldCount; f++) {
      const level = detail.levels[f]!;
      if (level < 0) continue;
      const weight = this.fieldWeight(f, level, detail);
      total += weight;
      contributions.push({ field: fields[f]!.key, level, weight });
    }
    return { probability: 1 / (1 + 2 ** -total), contributions, crossed: detail.crossed };
  }

  fieldWeight(f: number, level: number, detail: ComparisonDetail): number {
    let weight = this.weights[f]![level]!;
    if (f === F_NAME && level > 0) weight += clamp(this.model.nameFrequencyBaseline[level]! - detail.nameFrequencyLog);
    if (f === F_PHONE && level === 1) weight += clamp(this.model.phoneFrequencyBaseline - detail.phoneFrequencyLog);
    return weight;
  }

  /**
   * The probability of a pair and whether it may be a match at all: some word of the name must
   * agree and some other field (birth, phone, identity, place, address, spouse) speak for the
   * match too, so one shared key alone never merges; two generations apart are never one person.
   */
  score(i: number, j: number): { probability: number; matchable: boolean } {
    const detail = this.detail;
    this.comparator.compare(i, j, detail);
    let total = this.logLambda;
    for (let f = 0; f < fieldCount; f++) {
      const level = detail.levels[f]!;
      if (level >= 0) total += this.fieldWeight(f, level, detail);
    }
    return { probability: 1 / (1 + 2 ** -total), matchable: mayMatch(detail.levels, detail.crossed, detail.generationApart) };
  }
}

function clamp(value: number): number {
  return Math.max(-maxTermAdjustment, Math.min(maxTermAdjustment, value));
}

export function linkHouseholds(store: HouseholdStore, options: LinkageOptions = {}): LinkageResult {
  const n = store.size;
  const matchThreshold = options.matchThreshold ?? 0.7;
  const reviewThreshold = options.reviewThreshold ?? 0.5;
  const stage = options.onStage ?? (() => {});

  stage('blocking', 0);
  const candidates = candidatePairs(store, { ...options, onProgress: (share) => stage('blocking', share) });
  const codes = candidates.codes;
  const count = codes.length;

  // Compare every candidate pair once; keep its pattern, the frequency logs and whether it may match.
  const comparator = new Comparator(store);
  const patternOfPair = new Uint32Array(count);
  const nameLog = new Float32Array(count);
  const phoneLog = new Float32Array(count);
  const matchable = new Uint8Array(count);
  const patterns = new Map<number, number>();
  const detail = newDetail();
  const nameLevels = fields[F_NAME].levels;
  const nameLogSum = new Float64Array(nameLevels);
  const nameLogCount = new Float64Array(nameLevels);
  let phoneLogSum = 0;
  let phoneLogCount = 0;
  const step = Math.max(1, Math.floor(count / 20));
  for (let k = 0; k < count; k++) {
    const [i, j] = unpackPair(codes[k]!, n);
    comparator.compare(i, j, detail);
    const pattern = patternOf(detail.levels);
    patternOfPair[k] = pattern;
    nameLog[k] = detail.nameFrequencyLog;
    phoneLog[k] = detail.phoneFrequencyLog;
    matchable[k] = mayMatch(detail.levels, detail.crossed, detail.generationApart) ? 1 : 0;
    patterns.set(pattern, (patterns.get(pattern) ?? 0) + 1);
    const nl = detail.levels[F_NAME]!;
    if (nl > 0) {
      nameLogSum[nl]! += detail.nameFrequencyLog;
      nameLogCount[nl]!++;
    }
    if (detail.levels[F_PHONE] === 1) {
      phoneLogSum += detail.phoneFrequencyLog;
      phoneLogCount++;
    }
    if (k % step === 0) stage('comparing', k / count);
  }

  // m, u and the share of matches by EM on the candidate pairs, from u on random pairs.
  stage('estimating', 0);
  const fitted = estimateInTwoSessions(patterns, randomPairsU(comparator, n, Math.min(400_000, Math.max(50_000, n))));
  const model: LinkageModel = {
    lambda: fitted.lambda,
    fields: fields.map((field, f) => ({ key: field.key, m: fitted.m[f]!, u: fitted.u[f]! })),
    // Baselines from the candidate pairs, where u is estimated too.
    nameFrequencyBaseline: Array.from(nameLogSum, (sum, l) => (nameLogCount[l]! > 0 ? sum / nameLogCount[l]! : 0)),
    phoneFrequencyBaseline: phoneLogCount > 0 ? phoneLogSum / phoneLogCount : 0,
    iterations: fitted.iterations,
  };
  const scorer = new Scorer(comparator, model);

  // Probability of every candidate pair from its stored pattern.
  stage('clustering', 0);
  const weightByPattern = new Map<number, number>();
  const probability = new Float32Array(count);
  for (let k = 0; k < count; k++) {
    const pattern = patternOfPair[k]!;
    let base = weightByPattern.get(pattern);
    if (base === undefined) {
      base = scorer.logLambda;
      for (let f = 0; f < fieldCount; f++) {
        const level = levelOf(pattern, f);
        if (level >= 0) base += scorer.weights[f]![level]!;
      }
      weightByPattern.set(pattern, base);
    }
    const nameLevel = levelOf(pattern, F_NAME);
    const nameAdjust = nameLevel > 0 ? clamp(model.nameFrequencyBaseline[nameLevel]! - nameLog[k]!) : 0;
    const phoneAdjust = levelOf(pattern, F_PHONE) === 1 ? clamp(model.phoneFrequencyBaseline - phoneLog[k]!) : 0;
    probability[k] = 1 / (1 + 2 ** -(base + nameAdjust + phoneAdjust));
  }

  // Strongest pairs first; custodians' decisions before them.
  const strong: number[] = [];
  for (let k = 0; k < count; k++) if (probability[k]! >= matchThreshold && matchable[k] === 1) strong.push(k);
  strong.sort((x, y) => probability[y]! - probability[x]! || codes[x]! - codes[y]!);
  const { clusterOf, groups, clusterId } = clusterPairs(n, {
    keys: store.keys,
    decisions: options.decisions,
    strong: (function* () {
      for (const k of strong) yield unpackPair(codes[k]!, n);
    })(),
    // (a father's records never join his son's)
    refused: (i, j) => !scorer.score(i, j).matchable,
    crossPair: (a, b) => {
      const scored = scorer.score(a, b);
      return { probability: scored.probability, supports: scored.matchable && scored.probability >= reviewThreshold };
    },
  });

  const pairs: LinkedPair[] = [];
  for (const list of groups()) {
    const sorted = [...list].sort((a, b) => a - b);
    for (let x = 0; x < sorted.length; x++) {
      for (let y = x + 1; y < sorted.length; y++) {
        pairs.push({ a: sorted[x]!, b: sorted[y]!, probability: scorer.score(sorted[x]!, sorted[y]!).probability, decision: 'match' });
      }
    }
  }
  for (let k = 0; k < count; k++) {
    if (probability[k]! < reviewThreshold) continue;
    const [i, j] = unpackPair(codes[k]!, n);
    if (clusterOf[i] === clusterOf[j]) continue;
    pairs.push({ a: i, b: j, probability: probability[k]!, decision: 'review' });
  }
  stage('clustering', 1);
  return { model, candidatePairs: count, clusterOf, clusterId, pairs };
}
