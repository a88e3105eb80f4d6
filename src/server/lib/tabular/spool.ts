import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Writable } from 'node:stream';

/** Sealed rows go this many to a line: a cipher per row cost more than parsing the row (100,000 rows: ~2.5 s of 8). */
const rowsPerSealedLine = 256;

/**
 * Valid rows kept between reading a file and writing them to the database, so a 50,000-row
 * import holds one batch in memory, not the file twice: small imports stay in memory; past
 * `memoryRows` the rows go to a temporary JSON-lines file, read back batch by batch as often
 * as needed (preview, then commit). Row values are JSON (dates are ISO strings).
 */
export class RowSpool<T> {
  private memory: T[] = [];
  private file: string | null = null;
  private out: Writable | null = null;
  private written = 0;
  private closed = false;
  private failure: Error | null = null;

  /** For personal data: each spilled line is sealed (AES-256-GCM) with a key that never leaves memory. */
  private readonly key: Buffer | null;
  /** Rows waiting to be sealed together into one line. */
  private pending: string[] = [];

  /** False: rows are counted, not kept (the caller took what it needed of each as it came). */
  private readonly keep: boolean;

  constructor(
    private readonly memoryRows = 2000,
    options: { sealed?: boolean; keep?: boolean } = {},
  ) {
    this.key = options.sealed ? randomBytes(32) : null;
    this.keep = options.keep ?? true;
  }

  private seal(key: Buffer, rows: readonly string[]): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // JSON never holds a raw line break: the rows of a line are told apart by them.
    const body = Buffer.concat([cipher.update(rows.join('\n'), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  private decode(line: string): T[] {
    if (!this.key) return [JSON.parse(line) as T];
    const sealed = Buffer.from(line, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    const text = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    return text.split('\n').map((row) => JSON.parse(row) as T);
  }

  /** Writes one row to the file: as it is, or sealed with the rows before it once enough are waiting. */
  private async write(item: T, out: Writable): Promise<void> {
    const json = JSON.stringify(item);
    if (!this.key) {
      if (!out.write(`${json}\n`)) await once(out, 'drain');
      return;
    }
    this.pending.push(json);
    if (this.pending.length >= rowsPerSealedLine) await this.writeSealed(this.key, out);
  }

  private async writeSealed(key: Buffer, out: Writable): Promise<void> {
    if (this.pending.length === 0) return;
    const line = this.seal(key, this.pending);
    this.pending = [];
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }

  get count(): number {
    return this.written;
  }

  async push(item: T): Promise<void> {
    if (this.closed) throw new Error('RowSpool: push after close');
    if (this.failure) throw this.failure;
    this.written++;
    if (!this.keep) return;
    if (!this.out) {
      this.memory.push(item);
      if (this.memory.length > this.memoryRows) await this.spill();
      return;
    }
    await this.write(item, this.out);
  }

  private async spill(): Promise<void> {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'relais-import-'));
    this.file = path.join(dir, 'rows.jsonl');
    this.out = fs.createWriteStream(this.file);
    this.out.on('error', (error) => {
      this.failure = error;
    });
    const held = this.memory;
    this.memory = [];
    for (const item of held) await this.write(item, this.out);
  }

  /** Ends writing; reading may start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.out) {
      if (this.key) await this.writeSealed(this.key, this.out);
      const finished = once(this.out, 'finish');
      this.out.end();
      await finished;
    }
    if (this.failure) throw this.failure;
  }

  async *batches(size: number): AsyncGenerator<T[]> {
    if (!this.closed) throw new Error('RowSpool: read before close');
    if (!this.keep) throw new Error('RowSpool: rows were counted, not kept');
    if (!this.file) {
      for (let i = 0; i < this.memory.length; i += size) yield this.memory.slice(i, i + size);
      return;
    }
    const input = fs.createReadStream(this.file);
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    let batch: T[] = [];
    try {
      for await (const line of lines) {
        for (const item of this.decode(line)) {
          batch.push(item);
          if (batch.length >= size) {
            yield batch;
            batch = [];
          }
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      lines.close();
      input.destroy();
    }
  }

  async dispose(): Promise<void> {
    await this.close();
    this.memory = [];
    if (this.file) await fs.promises.rm(path.dirname(this.file), { recursive: true, force: true });
    this.file = null;
  }
}
