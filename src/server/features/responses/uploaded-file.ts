import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../errors.ts';

export interface Upload {
  stream: Readable;
  filename: string;
}

/**
 * Saves an upload to a temporary file, runs `use` on it, and deletes it: imports then read at
 * disk speed (a CSV twice), and no database work waits on a slow connection.
 */
export async function withUploadedFile<T>(upload: () => Promise<Upload | undefined>, use: (filePath: string, fileName: string) => Promise<T>): Promise<T> {
  const file = await upload();
  if (!file) throw new AppError('file_missing', 400);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'relais-upload-'));
  try {
    const filePath = path.join(dir, 'upload');
    await pipeline(file.stream, fs.createWriteStream(filePath));
    return await use(filePath, path.basename(file.filename).slice(0, 200));
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
