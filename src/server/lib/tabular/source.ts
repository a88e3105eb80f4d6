import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';

/**
 * Where a file is read from. Imports read a CSV twice (once to check its encoding), so a source
 * must be re-readable: a path (an upload saved to a temporary file, e.g. by
 * `request.saveRequestFiles()`) or the bytes in memory.
 */
export type TabularSource = { path: string } | { buffer: Uint8Array } | { sealed: SealedFile };

/**
 * A file of personal data kept on disk only as ciphertext (AES-256-CTR) under a key held in
 * memory: a crash leaves nothing readable behind in the temporary folder. CTR lets any byte
 * range be read back without reading what comes before (zip files are read from their end).
 */
export interface SealedFile {
  path: string;
  key: Buffer;
  iv: Buffer;
}

export function newSealedFile(path: string): SealedFile {
  return { path, key: randomBytes(32), iv: randomBytes(16) };
}

/** Encrypts what is written to the sealed file. */
export function sealingStream(file: SealedFile) {
  return createCipheriv('aes-256-ctr', file.key, file.iv);
}

/** The counter block of a 16-byte block of the file: the IV plus its index, as a 128-bit big-endian number. */
function counterAt(iv: Buffer, block: number): Buffer {
  const value = (BigInt(`0x${iv.toString('hex')}`) + BigInt(block)) % (1n << 128n);
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

function unsealingFrom(file: SealedFile, offset: number) {
  const decipher = createDecipheriv('aes-256-ctr', file.key, counterAt(file.iv, Math.floor(offset / 16)));
  // Skips the keystream of the bytes of the first block that come before the offset.
  decipher.update(Buffer.alloc(offset % 16));
  return decipher;
}

/** Bytes [start, start + length) of the source (fewer at its end). */
export async function readRange(source: TabularSource, start: number, length: number): Promise<Buffer> {
  if ('buffer' in source) return Buffer.from(source.buffer.subarray(start, start + length));
  const handle = await fs.promises.open('path' in source ? source.path : source.sealed.path, 'r');
  try {
    const out = Buffer.alloc(length);
    const { bytesRead } = await handle.read(out, 0, length, start);
    const bytes = out.subarray(0, bytesRead);
    return 'sealed' in source ? unsealingFrom(source.sealed, start).update(bytes) : bytes;
  } finally {
    await handle.close();
  }
}

/** A problem with the file as a whole: reported, never thrown to the user as a crash. */
export class TabularFileError extends Error {
  constructor(
    readonly code: ImportMessageCode,
    readonly params: ImportMessageParams = {},
    options?: ErrorOptions,
  ) {
    super(code, options);
  }
}

export function openSourceStream(source: TabularSource, options: { start?: number; end?: number } = {}): Readable {
  if ('path' in source) return fs.createReadStream(source.path, options);
  if ('sealed' in source) return fs.createReadStream(source.sealed.path, options).pipe(unsealingFrom(source.sealed, options.start ?? 0));
  const { start = 0, end = source.buffer.byteLength - 1 } = options;
  return Readable.from([Buffer.from(source.buffer.buffer, source.buffer.byteOffset + start, Math.max(0, end - start + 1))], {
    objectMode: false,
  });
}

export async function sourceSize(source: TabularSource): Promise<number> {
  if ('buffer' in source) return source.buffer.byteLength;
  return (await fs.promises.stat('path' in source ? source.path : source.sealed.path)).size;
}

export async function readHead(source: TabularSource, bytes: number): Promise<Buffer> {
  return readRange(source, 0, bytes);
}

export type TabularFormat = 'xlsx' | 'csv';

/** Tells the format from the first bytes, whatever the file is called. */
export function detectFormat(head: Buffer): TabularFormat {
  if (head.length === 0) throw new TabularFileError('file_empty');
  if (head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    if (head.includes('opendocument')) throw new TabularFileError('file_format_unsupported');
    return 'xlsx';
  }
  // OLE2 container: Excel 97–2003, or an xlsx encrypted with a password.
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) throw new TabularFileError('file_xls_legacy');
  if (head.subarray(0, Math.min(head.length, 4096)).includes(0) && !isUtf16Bom(head)) throw new TabularFileError('file_format_unsupported');
  return 'csv';
}

export function isUtf16Bom(head: Buffer): boolean {
  return (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
}
