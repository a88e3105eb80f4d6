import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { newSealedFile, type SealedFile, sealingStream } from './tabular/source.ts';

export interface Upload {
  /** `truncated` is set by the multipart parser when the server's upload limit (MAX_UPLOAD_MB) cut the file. */
  stream: Readable & { truncated?: boolean };
  filename: string;
}

/** Control, bidirectional-override and zero-width characters: they can disguise a file's name ("rapport\u202Efdp.exe"). */
const invisible = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Keeps only the visible base name of what the browser sent (possibly empty): it reaches reports, downloads and the audit trail. */
export function uploadName(filename: string): string {
  return path.basename(filename.replaceAll('\\', '/')).replace(invisible, '').trim().slice(0, 200);
}

/** Reads at most `limit` bytes; past it, the rest is drained (so the request completes) and null returned. */
export async function readLimited(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? null : Buffer.concat(chunks);
}

/** Every PDF file starts with these bytes, whatever its version: what a file is, whatever its name says. */
const pdfMagic = Buffer.from('%PDF-');
export const isPdf = (content: Buffer) => content.length >= pdfMagic.length && content.subarray(0, pdfMagic.length).equals(pdfMagic);

/** A PDF's name safe to store and to send back: no path, no control characters or quotes, ending in .pdf. */
export function pdfFileName(name: string, fallback: string): string {
  const base = uploadName(name).replaceAll('"', '').slice(0, 180);
  if (!base) return fallback;
  return /\.pdf$/i.test(base) ? base : `${base}.pdf`;
}

/** The request's one file field, as a stream (nothing is buffered here). */
export async function uploadOf(request: FastifyRequest): Promise<Upload | undefined> {
  let file: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    file = await request.file();
  } catch (error) {
    // A body cut short or without its closing boundary: the sender's fault, said as such (not a 500).
    if (error instanceof AppError || (error as { statusCode?: number }).statusCode === 413) throw error;
    throw new AppError('upload_malformed', 400);
  }
  return file && { stream: file.file, filename: file.filename };
}

/**
 * Saves an upload to a temporary file, runs `use` on it, and deletes it: imports then read at
 * disk speed (a CSV twice), and no database work waits on a slow connection. A file cut by the
 * upload limit is refused whole: importing its first part would lose the rest without a word.
 */
export async function withUploadedFile<T>(upload: () => Promise<Upload | undefined>, use: (filePath: string, fileName: string) => Promise<T>): Promise<T> {
  const file = await upload();
  if (!file) throw new AppError('file_missing', 400);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'relais-upload-'));
  try {
    const filePath = path.join(dir, 'upload');
    await pipeline(file.stream, fs.createWriteStream(filePath));
    if (file.stream.truncated) throw new AppError('file_too_large', 413);
    return await use(filePath, uploadName(file.filename) || 'upload');
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The same for a file of personal data (a beneficiary list): it reaches the disk only as
 * ciphertext under a key held in memory (see `SealedFile`), and is deleted after use.
 */
export async function withSealedUpload<T>(upload: () => Promise<Upload | undefined>, use: (file: SealedFile, fileName: string) => Promise<T>): Promise<T> {
  const file = await upload();
  if (!file) throw new AppError('file_missing', 400);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'relais-upload-'));
  try {
    const sealed = newSealedFile(path.join(dir, 'upload.sealed'));
    await pipeline(file.stream, sealingStream(sealed), fs.createWriteStream(sealed.path));
    if (file.stream.truncated) throw new AppError('file_too_large', 413);
    return await use(sealed, uploadName(file.filename) || 'upload');
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
