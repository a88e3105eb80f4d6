import { parentPort } from 'node:worker_threads';
import { EncodedStore, linkEncoded } from '../../../shared/linkage/pprl/match.ts';
import type { EncodedWorkerRecord, EncodedWorkerReply, EncodedWorkerRequest } from './lists.encoded-link.ts';

/** The encoded-linkage worker (lists.encoded-link.ts starts it): encoded households in, clusters out. */
const port = parentPort!;
const records: EncodedWorkerRecord[] = [];
const post = (reply: EncodedWorkerReply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer);

function link(): Int32Array {
  const clusterOf = new Int32Array(records.length);
  const byGroup = new Map<number, number[]>();
  records.forEach((r, k) => {
    let members = byGroup.get(r.group);
    if (!members) byGroup.set(r.group, (members = []));
    members.push(k);
  });
  for (const members of byGroup.values()) {
    const store = new EncodedStore();
    for (const k of members) store.add(String(k), records[k]!.source, records[k]!.filter, records[k]);
    const result = linkEncoded(store, { onStage: (stage, share) => post({ type: 'stage', stage, share }) });
    // Cluster indices are record indices within the group: back to indices among all records.
    members.forEach((k, local) => (clusterOf[k] = members[result.clusterOf[local]!]!));
  }
  return clusterOf;
}

port.on('message', (request: EncodedWorkerRequest) => {
  if (request.type === 'records') {
    records.push(...request.records);
    return;
  }
  try {
    const clusterOf = link();
    post({ type: 'result', clusterOf }, [clusterOf.buffer as ArrayBuffer]);
  } catch (error) {
    post({ type: 'error', name: error instanceof Error ? error.name : 'unknown' });
  }
});
