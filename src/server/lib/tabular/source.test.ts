import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { openTable } from './read.ts';
import { newSealedFile, openSourceStream, readRange, sealingStream, sourceSize, type TabularSource } from './source.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-sealed-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function sealed(plain: string): Promise<TabularSource> {
  const file = newSealedFile(path.join(dir, `${Math.random()}.sealed`));
  await pipeline(fs.createReadStream(plain), sealingStream(file), fs.createWriteStream(file.path));
  return { sealed: file };
}

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('a sealed upload', () => {
  it('is ciphertext on disk and reads back byte for byte, from any offset', async () => {
    const plain = path.join(dir, 'plain.csv');
    const bytes = Buffer.concat([Buffer.from('Nom complet;Téléphone\nTRAORE Moussa;+223 76 12 34 56\n'), randomBytes(70_000)]);
    fs.writeFileSync(plain, bytes);
    const source = await sealed(plain);
    const onDisk = fs.readFileSync((source as { sealed: { path: string } }).sealed.path);
    expect(onDisk.length).toBe(bytes.length);
    expect(onDisk.includes('TRAORE')).toBe(false);
    expect(onDisk.includes('76 12 34 56')).toBe(false);

    expect(await sourceSize(source)).toBe(bytes.length);
    expect((await text(openSourceStream(source))).equals(bytes)).toBe(true);
    for (const [start, length] of [
      [0, 10],
      [5, 40],
      [15, 2],
      [16, 16],
      [33, 1000],
      [65_537, 4000],
      [bytes.length - 7, 100],
    ] as const) {
      expect((await readRange(source, start, length)).equals(bytes.subarray(start, start + length)), `readRange ${start}+${length}`).toBe(true);
      const end = Math.min(start + length, bytes.length) - 1;
      expect((await text(openSourceStream(source, { start, end }))).equals(bytes.subarray(start, end + 1)), `stream ${start}..${end}`).toBe(true);
    }
  });

  it('opens as a workbook like the file itself (its zip is read from the end)', async () => {
    const workbook = path.join(import.meta.dirname, 'fixtures', 'messy-5w.xlsx');
    const rowsOf = async (source: TabularSource) => {
      const table = await openTable(source);
      const rows: unknown[] = [];
      for await (const sheet of table.sheets) for await (const row of sheet.rows) rows.push(row);
      return rows;
    };
    const plainRows = await rowsOf({ path: workbook });
    expect(plainRows.length).toBeGreaterThan(5);
    expect(await rowsOf(await sealed(workbook))).toEqual(plainRows);
  });
});
