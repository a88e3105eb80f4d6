import { parentPort, workerData } from 'node:worker_threads';
import { blindIndexer } from '../../lib/list-keys.ts';
import { householdSealing, type SealReply, type SealRequest, type SealWorkerData, uploadIndexer } from './lists.seal.ts';

/** The household-sealing worker (lists.seal.ts starts it, one per large upload): checked households in, staged JSON out. */
const port = parentPort!;
const data = workerData as SealWorkerData;
const seal = householdSealing(Buffer.from(data.dataKey), uploadIndexer(blindIndexer(data.indexKey)));

port.on('message', (request: SealRequest) => {
  let reply: SealReply;
  try {
    reply = { id: request.id, items: seal(request.batch) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.name : 'unknown' };
  }
  port.postMessage(reply);
});
