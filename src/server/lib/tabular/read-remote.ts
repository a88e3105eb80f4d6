import { Worker } from 'node:worker_threads';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';
import { CellError, type RawRow } from '../../../shared/tabular/cells.ts';
import type { SheetsRequest } from './read-sheets.ts';
import type { TableSheet } from './read-xlsx.ts';
import { TabularFileError, type TabularSource } from './source.ts';

export interface ReadWorkerData {
  source: TabularSource;
  request: SheetsRequest;
  /** Rows per message. */
  chunkRows: number;
  /** Messages the worker may send ahead of the reader. */
  window: number;
}
/** 'next-sheet': open the next sheet (the current one is over or skipped); 'more': a chunk was taken; 'skip': stop the current sheet. */
export type ToReader = 'next-sheet' | 'more' | 'skip';
export type FromReader =
  | { type: 'sheet'; name: string | null }
  | { type: 'end' }
  | { type: 'rows'; rows: RawRow[]; progress: number | null; last: boolean }
  | { type: 'failed'; file: { code: ImportMessageCode; params: ImportMessageParams } | null; name: string; message: string };

export interface ReadWorkerOptions {
  /**
   * Heap of the reading thread. A file that needs more (a workbook holding more text than the
   * unpack limits foresaw) ends the thread, not the server, and is refused as too large. The
   * largest shared strings the limits let in (2 million, 128 MB of XML) fit.
   */
  memoryMb?: number;
}

const defaults = { chunkRows: 500, window: 4, memoryMb: 768 };

/** For the tests: reading workers whose thread has not ended yet, and the most chunks of rows ever waiting to be read. */
const stats = { running: 0, mostChunksWaiting: 0 };
export function readingWorkerStats(): Readonly<typeof stats> {
  return { ...stats };
}

function startWorker(data: ReadWorkerData, memoryMb: number): Worker {
  const typescript = import.meta.url.endsWith('.ts');
  const url = new URL(typescript ? './read-worker.ts' : './read-worker.js', import.meta.url);
  return new Worker(url, {
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    ...(typescript ? { execArgv: ['--import', 'tsx'] } : {}),
  });
}

/** Cells cross the thread boundary by structured clone: Dates stay Dates, an Excel error becomes a plain object and is made a CellError again. */
function revived(row: RawRow): RawRow {
  const cells = row.cells;
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) cells[i] = new CellError((cell as { code: string }).code);
  }
  return row;
}

function failureOf(message: Extract<FromReader, { type: 'failed' }>): Error {
  if (message.file) return new TabularFileError(message.file.code, message.file.params);
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

/** One file's worker, and the messages it sent that are not taken yet. */
class ReaderChannel {
  private worker: Worker | null;
  private readonly inbox: FromReader[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private sheets = 0;
  /** The sheet whose rows the worker is sending, and whether it has sent them all or was told to stop. */
  private current = 0;
  private currentOver = true;
  private sheetsOpen = true;
  private rowsOpen = 0;
  private chunksWaiting = 0;

  constructor(source: TabularSource, request: SheetsRequest, options: ReadWorkerOptions) {
    const worker = startWorker({ source, request, chunkRows: defaults.chunkRows, window: defaults.window }, options.memoryMb ?? defaults.memoryMb);
    stats.running++;
    worker.on('message', (message: FromReader) => {
      this.inbox.push(message);
      if (message.type === 'rows') stats.mostChunksWaiting = Math.max(stats.mostChunksWaiting, ++this.chunksWaiting);
      this.woken();
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new TabularFileError('file_too_large_unpacked', {}, { cause: error }) : error);
    });
    worker.on('exit', () => {
      stats.running--;
      this.fail(new Error('the reading worker stopped'));
    });
    this.worker = worker;
  }

  private woken(): void {
    this.wake?.();
    this.wake = null;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.woken();
  }

  private send(message: ToReader): void {
    this.worker?.postMessage(message);
  }

  /** The next message, in the order sent; a failure once the messages sent before it are taken. */
  private async receive(): Promise<FromReader> {
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === 'rows') this.chunksWaiting--;
      if (message?.type === 'failed') this.failure = failureOf(message);
      else if (message) return message;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Asks for the next sheet, the rows still coming of the one before left aside. */
  async nextSheet(): Promise<TableSheet | null> {
    if (!this.currentOver) this.send('skip');
    this.currentOver = true;
    this.send('next-sheet');
    for (;;) {
      const message = await this.receive();
      if (message.type === 'end') return null;
      if (message.type === 'sheet') return this.sheet(message.name);
    }
  }

  private sheet(name: string | null): TableSheet {
    const id = ++this.sheets;
    this.current = id;
    this.currentOver = false;
    let progress: number | null = null;
    const isCurrent = () => this.current === id && !this.currentOver;
    const receive = () => this.receive();
    const send = (message: ToReader) => this.send(message);
    const over = () => {
      if (this.current === id) this.currentOver = true;
    };
    const opened = () => this.rowsOpen++;
    const closed = async () => {
      this.rowsOpen--;
      // Closed before its end: the worker stops reading it.
      if (isCurrent()) this.send('skip');
      over();
      await this.closeIfUnused();
    };
    async function* rows(): AsyncGenerator<RawRow> {
      opened();
      try {
        while (isCurrent()) {
          const message = await receive();
          if (message.type !== 'rows') throw new Error(`reading worker: ${message.type} amid rows`);
          if (message.last) over();
          else send('more');
          progress = message.progress;
          for (const row of message.rows) yield revived(row);
        }
      } finally {
        await closed();
      }
    }
    return { name, rows: rows(), progress: () => progress };
  }

  /** No more sheets wanted: the worker ends once the rows being read (if any) are closed too. */
  async sheetsClosed(): Promise<void> {
    this.sheetsOpen = false;
    await this.closeIfUnused();
  }

  private async closeIfUnused(): Promise<void> {
    if (this.sheetsOpen || this.rowsOpen > 0 || !this.worker) return;
    const worker = this.worker;
    this.worker = null;
    this.failure ??= new Error('reading closed');
    await worker.terminate();
  }
}

/**
 * The file's sheets, read in a worker thread: unzipping, XML parsing and cell conversion (the
 * largest part of an import's CPU) run beside the checks and the database writes instead of
 * before them on the same thread, which on the embedded database is also the database's. The
 * thread starts with the first sheet asked for and ends when the sheets and the rows being
 * read are closed, or read to their end. Rows begun before the sheets are closed can be read
 * on; a sheet whose rows were not begun then is closed with them.
 */
export async function* sheetsInWorker(source: TabularSource, request: SheetsRequest, options: ReadWorkerOptions = {}): AsyncGenerator<TableSheet> {
  const channel = new ReaderChannel(source, request, options);
  try {
    for (let sheet = await channel.nextSheet(); sheet; sheet = await channel.nextSheet()) yield sheet;
  } finally {
    await channel.sheetsClosed();
  }
}
