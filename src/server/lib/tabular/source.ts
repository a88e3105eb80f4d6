import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';

/**
 * Where a file is read from. Imports read a CSV twice (once to check its encoding), so a source
 * must be re-readable: a path (an upload saved to a temporary file, e.g. by
 * `request.saveRequestFiles()`) or the bytes in memory.
 */
export type TabularSource = { path: string } | { buffer: Uint8Array };

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
  const { start = 0, end = source.buffer.byteLength - 1 } = options;
  return Readable.from([Buffer.from(source.buffer.buffer, source.buffer.byteOffset + start, Math.max(0, end - start + 1))], {
    objectMode: false,
  });
}

export async function sourceSize(source: TabularSource): Promise<number> {
  return 'path' in source ? (await fs.promises.stat(source.path)).size : source.buffer.byteLength;
}

export async function readHead(source: TabularSource, bytes: number): Promise<Buffer> {
  if ('buffer' in source) return Buffer.from(source.buffer.subarray(0, bytes));
  const handle = await fs.promises.open(source.path, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
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
