import { PassThrough, Readable, Transform } from 'node:stream';
import zlib from 'node:zlib';
import { openSourceStream, readRange, sourceSize, TabularFileError, type TabularSource } from './source.ts';

/**
 * Random access to the parts of a zip (an .xlsx) through its central directory, so a workbook is
 * read in the order its parts depend on each other whatever order its producer stored them in
 * (LibreOffice and others store xl/workbook.xml after the sheets, which breaks a single
 * streaming pass), and each part is inflated as a stream.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  has(name: string): boolean;
  entry(name: string): ZipEntry | undefined;
  /**
   * The part as UTF-8 text chunks, decoded across chunk boundaries, within `limits`: a part that
   * unpacks past them is cut and its stream fails with `file_too_large_unpacked` (a zip bomb).
   * `onBytes` counts compressed bytes.
   */
  text(name: string, limits: UnpackLimits, onBytes?: (bytes: number) => void): Readable;
}

/**
 * Bounds on what one part may unpack to. A 9 MB workbook can hold a 3 GB shared-strings part;
 * read without bounds it takes the whole server down, so each part is counted as it inflates.
 */
export interface UnpackLimits {
  /** Unpacked bytes of this part. */
  maxBytes: number;
  /** Unpacked / compressed size, checked once the part is past `ratioAfterBytes` (real spreadsheets stay far below). */
  maxRatio: number;
  ratioAfterBytes: number;
  /**
   * Characters of text between two XML tags. A cell holds at most 32,767 characters in Excel;
   * one giant text node would otherwise be gathered whole in memory by the XML parser.
   */
  maxTextRun: number;
}

export class UnpackLimitError extends TabularFileError {
  constructor() {
    super('file_too_large_unpacked');
  }
}

const endOfCentralDirectory = 0x06054b50;
const zip64Locator = 0x07064b50;
const zip64End = 0x06064b50;
const centralHeader = 0x02014b50;
const localHeader = 0x04034b50;
const maxTail = 22 + 0xffff + 20;

function rangeStream(source: TabularSource, start: number, length: number): Readable {
  if (length === 0) return Readable.from([]);
  if ('buffer' in source) return Readable.from([Buffer.from(source.buffer.subarray(start, start + length))]);
  return openSourceStream(source, { start, end: start + length - 1 });
}

function unreadable(): TabularFileError {
  return new TabularFileError('file_unreadable');
}

export async function openZip(source: TabularSource): Promise<ZipArchive> {
  const size = await sourceSize(source);
  const tailStart = Math.max(0, size - maxTail);
  const tail = await readRange(source, tailStart, size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === endOfCentralDirectory) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  let count = tail.readUInt16LE(eocd + 10);
  let directorySize = tail.readUInt32LE(eocd + 12);
  let directoryOffset = tail.readUInt32LE(eocd + 16);
  if ((count === 0xffff || directoryOffset === 0xffffffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === zip64Locator) {
    const record = await readRange(source, Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== zip64End) throw unreadable();
    count = Number(record.readBigUInt64LE(32));
    directorySize = Number(record.readBigUInt64LE(40));
    directoryOffset = Number(record.readBigUInt64LE(48));
  }

  const directory = await readRange(source, directoryOffset, directorySize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== centralHeader) throw unreadable();
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderOffset: directory.readUInt32LE(at + 42),
    };
    readZip64Extra(entry, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), directory.readUInt32LE(at + 24));
    entries.set(entry.name.replace(/^\//, ''), entry);
    at += 46 + nameLength + extraLength + commentLength;
  }

  return {
    has: (name) => entries.has(name),
    entry: (name) => entries.get(name),
    text(name, limits, onBytes) {
      const entry = entries.get(name);
      const out = new PassThrough();
      out.setEncoding('utf8');
      if (!entry) {
        process.nextTick(() => out.destroy(unreadable()));
        return out;
      }
      void openEntry(source, entry, onBytes).then(
        (inflated) => {
          inflated.on('error', (error) => out.destroy(error));
          out.on('close', () => inflated.destroy());
          const limited = limitedText(entry, limits);
          limited.on('error', (error) => out.destroy(error));
          inflated.pipe(limited).pipe(out);
        },
        (error: unknown) => out.destroy(error as Error),
      );
      return out;
    },
  };
}

/** Passes the unpacked bytes through while they stay within `limits`; past them, fails with `UnpackLimitError`. */
function limitedText(entry: ZipEntry, limits: UnpackLimits): Transform {
  let total = 0;
  let textRun = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      // '<' (0x3c) never occurs inside a multi-byte UTF-8 sequence, so bytes are counted safely.
      const lastTag = chunk.lastIndexOf(0x3c);
      textRun = lastTag < 0 ? textRun + chunk.length : chunk.length - lastTag - 1;
      const ratio = total / Math.max(1, entry.compressedSize);
      const over = total > limits.maxBytes || (total > limits.ratioAfterBytes && ratio > limits.maxRatio) || (lastTag < 0 && textRun > limits.maxTextRun);
      done(over ? new UnpackLimitError() : null, over ? undefined : chunk);
    },
  });
}

/** Sizes and offsets too big for 32 bits live in the zip64 extra field, in this order. */
function readZip64Extra(entry: ZipEntry, extra: Buffer, uncompressedSize: number): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => {
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (uncompressedSize === 0xffffffff) next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
      return;
    }
    at += 4 + length;
  }
}

async function openEntry(source: TabularSource, entry: ZipEntry, onBytes?: (bytes: number) => void): Promise<Readable> {
  // Bit 0: encrypted. Methods: 0 stored, 8 deflated; nothing else appears in spreadsheets.
  if (entry.flags & 1 || (entry.method !== 0 && entry.method !== 8)) throw unreadable();
  const header = await readRange(source, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== localHeader) throw unreadable();
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = rangeStream(source, dataStart, entry.compressedSize);
  if (onBytes) raw.on('data', (chunk: Buffer) => onBytes(chunk.length));
  if (entry.method === 0) return raw;
  const inflate = zlib.createInflateRaw();
  raw.on('error', (error) => inflate.destroy(error));
  inflate.on('close', () => raw.destroy());
  return raw.pipe(inflate);
}
