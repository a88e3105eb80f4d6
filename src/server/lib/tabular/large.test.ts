import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fiveWColumns, fiveWRowAt } from './fixtures/five-w-columns.ts';
import { runImport } from './import.ts';
import { writeTable } from './write.ts';

const count = 50_000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-tabular-large-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a 50,000-row workbook', () => {
  it('is streamed in and read back whole, every accent intact', { timeout: 240_000 }, async () => {
    const file = path.join(dir, 'large.xlsx');
    await writeTable(fs.createWriteStream(file), {
      format: 'xlsx',
      columns: fiveWColumns,
      rows: (function* () {
        for (let i = 1; i <= count; i++) yield fiveWRowAt(i);
      })(),
      language: 'fr',
    });

    const progress: number[] = [];
    const result = await runImport({ source: { path: file }, columns: fiveWColumns, language: 'fr', onProgress: (p) => progress.push(p.rowsRead) });
    expect(result.report).toMatchObject({ rows: count, valid: count, invalid: 0, errors: 0, canCommit: true });
    expect(progress).toHaveLength(count / 1000 + 1);

    let read = 0;
    let mismatches = 0;
    for await (const batch of result.rows.batches(5000)) {
      for (const { row, values } of batch) {
        read++;
        if (row !== read + 2 || JSON.stringify(values) !== JSON.stringify(fiveWRowAt(read))) mismatches++;
      }
    }
    await result.rows.dispose();
    expect(read).toBe(count);
    expect(mismatches).toBe(0);
  });
});
