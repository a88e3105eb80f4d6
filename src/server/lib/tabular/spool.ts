import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Writable } from 'node:stream';

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

  constructor(
    private readonly memoryRows = 2000,
    options: { sealed?: boolean } = {},
  ) {
    this.key = options.sealed ? randomBytes(32) : null;
  }

  private encode(item: T): string {
    const json = JSON.stringify(item);
    if (!this.key) return json;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  private decode(line: string): T {
    if (!this.key) return JSON.parse(line) as T;
    const sealed = Buffer.from(line, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8')) as T;
  }

  get count(): number {
    return this.written;
  }

  async push(item: T): Promise<void> {
    if (this.closed) throw new Error('RowSpool: push after close');
    if (this.failure) throw this.failure;
    this.written++;
    if (!this.out) {
      this.memory.push(item);
      if (this.memory.length > this.memoryRows) await this.spill();
      return;
    }
    if (!this.out.write(`${this.encode(item)}\n`)) await once(this.out, 'drain');
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
    for (const item of held) if (!this.out.write(`${this.encode(item)}\n`)) await once(this.out, 'drain');
  }

  /** Ends writing; reading may start. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.out) {
      const finished = once(this.out, 'finish');
      this.out.end();
      await finished;
    }
    if (this.failure) throw this.failure;
  }

  async *batches(size: number): AsyncGenerator<T[]> {
    if (!this.closed) throw new Error('RowSpool: read before close');
    if (!this.file) {
      for (let i = 0; i < this.memory.length; i += size) yield this.memory.slice(i, i + size);
      return;
    }
    const input = fs.createReadStream(this.file);
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    let batch: T[] = [];
    try {
      for await (const line of lines) {
        batch.push(this.decode(line));
        if (batch.length >= size) {
          yield batch;
          batch = [];
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
