import { Worker } from 'node:worker_threads';
import type { Decision, HouseholdRecord } from '../../../shared/linkage/index.ts';
import type { LinkageStage } from '../../../shared/linkage/engine.ts';

/**
 * The linkage engine in a worker thread, so that a run over hundreds of thousands of households
 * never holds up the server's requests. The service sends the decrypted records in batches, then
 * the custodian's decisions; the worker builds the store, links, explains each pair (each field's
 * contribution) and sends back typed arrays. Nothing it holds is logged: on failure only the
 * error's name and stack frames come back, never its message (it could quote a value).
 */

export interface EngineRecord {
  /** The record's stable id (list_households.id): decisions and cluster ids are keyed on it. */
  key: string;
  /** The list it belongs to, numbered by the service. */
  source: number;
  record: HouseholdRecord;
}

export type EngineStage = LinkageStage | 'explaining';

/** Pairs, column by column: `fields` slots per pair in `levels` (−1: not compared) and `weights`. */
export interface EngineResult {
  clusterOf: Int32Array;
  candidatePairs: number;
  pairA: Int32Array;
  pairB: Int32Array;
  probability: Float32Array;
  /** 1 = inside a cluster (match), 0 = review band across clusters. */
  inCluster: Uint8Array;
  fields: number;
  levels: Int8Array;
  weights: Float32Array;
}

export type WorkerRequest = { type: 'records'; records: EngineRecord[] } | { type: 'link'; decisions: Decision[] };
export type WorkerReply =
  { type: 'stage'; stage: EngineStage; share: number } | ({ type: 'result' } & EngineResult) | { type: 'error'; name: string; frames: string };

export interface EngineJob {
  add(records: EngineRecord[]): void;
  link(decisions: Decision[]): Promise<EngineResult>;
  terminate(): Promise<void>;
}

/** Under tsx or Vitest the worker is TypeScript and needs tsx's loader; the built server runs its JavaScript. */
function workerOf(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(typescript ? './dedup.worker.ts' : './dedup.worker.js', import.meta.url);
  return new Worker(url, typescript ? { execArgv: ['--import', 'tsx'] } : {});
}

export class EngineError extends Error {
  constructor(
    readonly errorName: string,
    readonly frames: string,
  ) {
    super(`linkage worker failed: ${errorName}`);
  }
}

export function startEngine(onStage: (stage: EngineStage, share: number) => void): EngineJob {
  const worker = workerOf();
  let settle: { resolve: (result: EngineResult) => void; reject: (error: Error) => void } | null = null;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    settle?.reject(error);
    settle = null;
  };
  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'stage') onStage(reply.stage, reply.share);
    else if (reply.type === 'error') fail(new EngineError(reply.name, reply.frames));
    else {
      const { type: _type, ...result } = reply;
      settle?.resolve(result);
      settle = null;
    }
  });
  worker.on('error', (error: Error) => fail(new EngineError(error.name, '')));
  worker.on('exit', (code) => fail(new EngineError(`exit ${code}`, '')));
  return {
    add(records) {
      worker.postMessage({ type: 'records', records } satisfies WorkerRequest);
    },
    link(decisions) {
      if (failure) return Promise.reject(failure);
      return new Promise<EngineResult>((resolve, reject) => {
        settle = { resolve, reject };
        worker.postMessage({ type: 'link', decisions } satisfies WorkerRequest);
      });
    },
    async terminate() {
      await worker.terminate();
    },
  };
}
