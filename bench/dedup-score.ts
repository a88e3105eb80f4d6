/**
 * Precision, recall and F1 of deduplication `match` pairs against known entities (shared by the
 * FEBRL and Malian list benchmarks; not a benchmark itself).
 */
import type { LinkedPair } from '../src/shared/linkage/engine.ts';

export interface PairScore {
  label: string;
  truePairs: number;
  predicted: number;
  correct: number;
  review: number;
  precision: number;
  recall: number;
  f1: number;
  seconds: number;
  /** CPU time of the process (user + system) over the same span: steadier than wall time on a shared machine. */
  cpuSeconds?: number;
  peakRssMb: number;
}

/** `entities[r]` is record r's true entity; true pairs are all pairs of records of one entity. */
export function scorePairs(label: string, entities: readonly string[], pairs: readonly LinkedPair[], seconds: number, peakRss: number, cpuSeconds?: number): PairScore {
  const sizes = new Map<string, number>();
  for (const entity of entities) sizes.set(entity, (sizes.get(entity) ?? 0) + 1);
  let truePairs = 0;
  for (const size of sizes.values()) truePairs += (size * (size - 1)) / 2;
  let predicted = 0;
  let correct = 0;
  let review = 0;
  for (const pair of pairs) {
    if (pair.decision !== 'match') {
      review++;
      continue;
    }
    predicted++;
    if (entities[pair.a] === entities[pair.b]) correct++;
  }
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = truePairs === 0 ? 0 : correct / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const score = { label, truePairs, predicted, correct, review, precision, recall, f1, seconds, cpuSeconds, peakRssMb: Math.round(peakRss / 1024 / 1024) };
  {
    console.log(
      `${label.padEnd(34)} records ${String(entities.length).padStart(8)}  true pairs ${String(truePairs).padStart(7)}  match ${String(predicted).padStart(7)}  review ${String(review).padStart(6)}  ` +
        `P ${precision.toFixed(4)}  R ${recall.toFixed(4)}  F1 ${f1.toFixed(4)}  ${seconds.toFixed(1).padStart(6)} s` +
        (cpuSeconds === undefined ? '' : ` (CPU ${cpuSeconds.toFixed(1)} s)`) +
        `  peak RSS ${score.peakRssMb} MB`,
    );
  }
  return score;
}
