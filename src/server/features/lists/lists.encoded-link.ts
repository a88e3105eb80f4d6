import { Worker } from 'node:worker_threads';
import type { EncodedLinkageStage } from '../../../shared/linkage/pprl/match.ts';
import type { EncodedHousehold } from './lists.encoded.ts';

/**
 * Encoded lists linked for a deduplication run, in a worker thread so that the server keeps
 * answering: the run sends the encoded households (filters and plain fields, never more), the
 * worker links the lists of each shared key among themselves (encodings made with different keys
 * do not compare) and sends back each household's cluster. Nothing is logged: on failure only the
 * error's name comes back.
 */

export interface EncodedWorkerRecord {
  /** Lists encoded with the same key form a group; groups are linked apart. */
  group: number;
  /** The household's list, numbered by the run. */
  source: number;
  filter: Uint8Array;
  householdSize: number | null;
  pcode: string | null;
}

export type EncodedWorkerRequest = { type: 'records'; records: EncodedWorkerRecord[] } | { type: 'link' };
export type EncodedWorkerReply =
  { type: 'stage'; stage: EncodedLinkageStage; share: number } | { type: 'result'; clusterOf: Int32Array } | { type: 'error'; name: string };

export interface EncodedLinkage {
  /** The households' record ids, their clusters before the run, and their clusters now (indices among these records). */
  ids: string[];
  previous: (string | null)[];
  clusterOf: Int32Array;
  lists: number;
}

function workerOf(): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(typescript ? './lists.encoded-worker.ts' : './lists.encoded-worker.js', import.meta.url);
  return new Worker(url, typescript ? { execArgv: ['--import', 'tsx'] } : {});
}

/** Reads every live encoded household and links them; `stopped` is checked between pages. */
export async function linkEncodedLists(
  pages: AsyncIterable<EncodedHousehold[]>,
  options: { onStage?: (stage: EncodedLinkageStage, share: number) => void; stopped?: () => boolean } = {},
): Promise<EncodedLinkage> {
  const ids: string[] = [];
  const previous: (string | null)[] = [];
  const groups = new Map<string, number>();
  const sources = new Map<string, number>();
  let worker: Worker | null = null;
  try {
    for await (const page of pages) {
      if (options.stopped?.()) throw new Error('interrupted');
      worker ??= workerOf();
      const records: EncodedWorkerRecord[] = page.map((h) => {
        let group = groups.get(h.keyFingerprint);
        if (group === undefined) groups.set(h.keyFingerprint, (group = groups.size));
        let source = sources.get(h.listId);
        if (source === undefined) sources.set(h.listId, (source = sources.size));
        ids.push(h.id);
        previous.push(h.clusterId);
        return { group, source, filter: h.filter, householdSize: h.householdSize, pcode: h.pcode };
      });
      worker.postMessage({ type: 'records', records } satisfies EncodedWorkerRequest);
    }
    if (!worker) return { ids, previous, clusterOf: new Int32Array(0), lists: 0 };
    const running = worker;
    const clusterOf = await new Promise<Int32Array>((resolve, reject) => {
      running.on('message', (reply: EncodedWorkerReply) => {
        if (reply.type === 'stage') options.onStage?.(reply.stage, reply.share);
        else if (reply.type === 'error') reject(new Error(`encoded linkage failed: ${reply.name}`));
        else resolve(reply.clusterOf);
      });
      running.on('error', (error: Error) => reject(new Error(`encoded linkage failed: ${error.name}`)));
      running.on('exit', (code) => reject(new Error(`encoded linkage worker exited (${code})`)));
      running.postMessage({ type: 'link' } satisfies EncodedWorkerRequest);
    });
    return { ids, previous, clusterOf, lists: sources.size };
  } finally {
    await worker?.terminate();
  }
}
