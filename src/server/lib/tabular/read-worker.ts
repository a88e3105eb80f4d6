import { parentPort, workerData } from 'node:worker_threads';
import type { RawRow } from '../../../shared/tabular/cells.ts';
import type { FromReader, ReadWorkerData, ToReader } from './read-remote.ts';
import { sheetsHere } from './read-sheets.ts';
import type { TableSheet } from './read-xlsx.ts';
import { TabularFileError, type TabularSource } from './source.ts';

/**
 * The reading worker (read-remote.ts starts one per file read): unzips and parses the file and
 * sends its rows in chunks, the next sheet when asked. It runs ahead of the reader by at most
 * `window` chunks (each 'more' lets one more go), so a sheet is never gathered in memory.
 */
const port = parentPort!;
const data = workerData as ReadWorkerData;

let credit = 0;
let skip = false;
let sheetWanted = 0;
let wake: (() => void) | null = null;
port.on('message', (message: ToReader) => {
  if (message === 'more') credit++;
  else if (message === 'skip') skip = true;
  else sheetWanted++;
  wake?.();
  wake = null;
});
const nextMessage = () => new Promise<void>((resolve) => (wake = resolve));

/** A sealed source's key and IV arrive as plain Uint8Arrays, which the cipher's counter arithmetic does not take. */
function revivedSource(source: TabularSource): TabularSource {
  if (!('sealed' in source)) return source;
  const { path, key, iv } = source.sealed;
  return { sealed: { path, key: Buffer.from(key), iv: Buffer.from(iv) } };
}

function failure(error: unknown): FromReader {
  if (error instanceof TabularFileError) return { type: 'failed', file: { code: error.code, params: error.params }, name: error.name, message: error.message };
  const known = error instanceof Error ? error : new Error(String(error));
  return { type: 'failed', file: null, name: known.name, message: known.message };
}

async function sendRows(sheet: TableSheet): Promise<void> {
  let chunk: RawRow[] = [];
  for await (const row of sheet.rows) {
    chunk.push(row);
    if (chunk.length < data.chunkRows) continue;
    while (credit === 0 && !skip) await nextMessage();
    // Leaving the loop closes the sheet's stream.
    if (skip) return;
    credit--;
    port.postMessage({ type: 'rows', rows: chunk, progress: sheet.progress(), last: false } satisfies FromReader);
    chunk = [];
  }
  if (!skip) port.postMessage({ type: 'rows', rows: chunk, progress: sheet.progress(), last: true } satisfies FromReader);
}

async function serve(): Promise<void> {
  const sheets = sheetsHere(revivedSource(data.source), data.request);
  for (;;) {
    while (sheetWanted === 0) await nextMessage();
    sheetWanted--;
    // Messages arrive in order: a 'skip' or 'more' received so far was about the sheet before.
    credit = data.window;
    skip = false;
    const next = await sheets.next();
    if (next.done) {
      port.postMessage({ type: 'end' } satisfies FromReader);
      return;
    }
    port.postMessage({ type: 'sheet', name: next.value.name } satisfies FromReader);
    await sendRows(next.value);
  }
}

serve().catch((error: unknown) => port.postMessage(failure(error)));
