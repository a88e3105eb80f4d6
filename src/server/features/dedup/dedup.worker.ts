import { parentPort } from 'node:worker_threads';
import { Comparator, HouseholdStore, linkHouseholds, Scorer } from '../../../shared/linkage/index.ts';
import { fieldCount } from '../../../shared/linkage/comparison.ts';
import type { EngineResult, WorkerReply, WorkerRequest } from './dedup.engine.ts';

/** The linkage worker (dedup.engine.ts starts it): records in, clusters and explained pairs out. */
const port = parentPort!;
const store = new HouseholdStore();
const post = (reply: WorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

function link(request: Extract<WorkerRequest, { type: 'link' }>): EngineResult {
  store.seal();
  const result = linkHouseholds(store, { decisions: request.decisions, onStage: (stage, share) => post({ type: 'stage', stage, share }) });
  const scorer = new Scorer(new Comparator(store), result.model);
  const count = result.pairs.length;
  const answer: EngineResult = {
    clusterOf: result.clusterOf,
    candidatePairs: result.candidatePairs,
    pairA: new Int32Array(count),
    pairB: new Int32Array(count),
    probability: new Float32Array(count),
    inCluster: new Uint8Array(count),
    fields: fieldCount,
    levels: new Int8Array(count * fieldCount).fill(-1),
    weights: new Float32Array(count * fieldCount),
  };
  const step = Math.max(1, Math.floor(count / 20));
  post({ type: 'stage', stage: 'explaining', share: 0 });
  const slot = new Map<string, number>(result.model.fields.map((field, f) => [field.key, f]));
  for (let k = 0; k < count; k++) {
    const pair = result.pairs[k]!;
    answer.pairA[k] = pair.a;
    answer.pairB[k] = pair.b;
    answer.probability[k] = pair.probability;
    answer.inCluster[k] = pair.decision === 'match' ? 1 : 0;
    for (const c of scorer.explain(pair.a, pair.b).contributions) {
      const f = slot.get(c.field)!;
      answer.levels[k * fieldCount + f] = c.level;
      answer.weights[k * fieldCount + f] = c.weight;
    }
    if (k % step === 0) post({ type: 'stage', stage: 'explaining', share: k / count });
  }
  return answer;
}

port.on('message', (request: WorkerRequest) => {
  if (request.type === 'records') {
    for (const r of request.records) store.add(r.key, r.source, r.record);
    return;
  }
  try {
    const answer = link(request);
    post(
      { type: 'result', ...answer },
      [answer.clusterOf, answer.pairA, answer.pairB, answer.probability, answer.inCluster, answer.levels, answer.weights].map((a) => a.buffer as ArrayBuffer),
    );
  } catch (error) {
    // The stack frames without the message line: a message could quote a record's value.
    const e = error instanceof Error ? error : new Error('unknown');
    post({ type: 'error', name: e.name, frames: (e.stack ?? '').split('\n').slice(1).join('\n') });
  }
});
