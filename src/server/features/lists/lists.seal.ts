import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { encryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import { householdIndexes, type SealedHousehold } from './lists.records.ts';
import type { StagedHousehold } from './lists.repository.ts';

/** A checked household on its way to the staging: where and when it was assisted, and its normalised record. */
export interface HouseholdToSeal {
  row: number;
  locality: string;
  sector: string;
  date: string;
  size: number | null;
  household: SealedHousehold;
}

/**
 * Keyed hashes of one upload, remembered for name variants: a list repeats the same few thousand
 * name words, and each HMAC costs more than the rest of the row's indexes. Lives as long as the upload.
 */
export function uploadIndexer(indexer: Pick<ListKeyring, 'blindIndex'>): Pick<ListKeyring, 'blindIndex'> {
  const remembered = new Map<string, string>();
  return {
    blindIndex(kind, value) {
      if (kind !== 'block-name') return indexer.blindIndex(kind, value);
      let index = remembered.get(value);
      if (index === undefined) {
        if (remembered.size >= 100_000) remembered.clear();
        index = indexer.blindIndex(kind, value);
        remembered.set(value, index);
      }
      return index;
    },
  };
}

/** A batch of households as the staging keeps them (JSON): each encrypted under the list's data key and hashed, as `list_households` will hold it. */
export function householdSealing(dataKey: Buffer, indexer: Pick<ListKeyring, 'blindIndex'>) {
  return (batch: readonly HouseholdToSeal[]): string => {
    const items: StagedHousehold[] = batch.map(({ row, locality, sector, date, size, household }) => {
      const id = randomUUID();
      const indexes = householdIndexes(household, locality, indexer);
      return {
        id,
        row,
        locality,
        sector,
        date,
        size,
        payload: encryptValue(dataKey, JSON.stringify(household), id).toString('base64'),
        key: indexes.householdKey,
        nina: indexes.ninaIndex,
        phones: indexes.namePhoneIndexes,
        blocks: indexes.blockKeys,
      };
    });
    return JSON.stringify(items);
  };
}

export interface SealWorkerData {
  dataKey: Uint8Array;
  indexKey: Uint8Array;
}
export type SealRequest = { id: number; batch: HouseholdToSeal[] };
export type SealReply = { id: number; items: string } | { id: number; error: string };

function sealWorker(data: SealWorkerData): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(typescript ? './lists.seal-worker.ts' : './lists.seal-worker.js', import.meta.url);
  return new Worker(url, { workerData: data, ...(typescript ? { execArgv: ['--import', 'tsx'] } : {}) });
}

/**
 * Seals an upload's households batch by batch. The first batch is sealed here; the next ones in a
 * worker thread, so that encrypting and hashing (a third of a large upload's CPU) run beside the
 * reading and the database writes on the other core. A small file never starts the thread. The
 * worker gets the list's data key and the blind-index key, in this process's memory only; on
 * failure only the error's name comes back, never a value.
 */
export function householdSealer(keyring: ListKeyring, dataKey: Buffer) {
  const local = householdSealing(dataKey, uploadIndexer(keyring));
  const waiting = new Map<number, { resolve: (items: string) => void; reject: (error: Error) => void }>();
  let worker: Worker | null = null;
  let failure: Error | null = null;
  let batches = 0;

  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  function started(): Worker {
    if (worker) return worker;
    const created = sealWorker({ dataKey, indexKey: keyring.blindIndexKey() });
    created.on('message', (reply: SealReply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!('error' in reply)) return pending?.resolve(reply.items);
      const error = new Error(`household sealing failed: ${reply.error}`);
      pending?.reject(error);
      fail(error);
    });
    created.on('error', (error: Error) => fail(new Error(`household sealing failed: ${error.name}`)));
    created.on('exit', () => fail(new Error('household sealing stopped')));
    worker = created;
    return created;
  }

  return {
    /** The batch as a JSON array of `StagedHousehold`s. */
    seal(batch: HouseholdToSeal[]): Promise<string> {
      if (failure) return Promise.reject(failure);
      const id = batches++;
      if (id === 0) return Promise.resolve(local(batch));
      const running = started();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        running.postMessage({ id, batch } satisfies SealRequest);
      });
    },
    async close(): Promise<void> {
      const running = worker;
      worker = null;
      failure ??= new Error('household sealing closed');
      await running?.terminate();
    },
  };
}
