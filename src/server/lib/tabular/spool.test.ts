import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RowSpool } from './spool.ts';

describe('RowSpool', () => {
  it('gives back every sealed row in order, in batches, and keeps none of them readable on disk', async () => {
    const spool = new RowSpool<{ row: number; name: string }>(100, { sealed: true });
    const rows = Array.from({ length: 1000 }, (_, i) => ({ row: i + 2, name: `TRAORE Moussa ${i}\nligne` }));
    for (const row of rows) await spool.push(row);
    await spool.close();
    const file = (spool as unknown as { file: string }).file;
    expect(fs.readFileSync(file, 'utf8')).not.toContain('TRAORE');
    const batches: number[] = [];
    const read: { row: number; name: string }[] = [];
    for await (const batch of spool.batches(300)) {
      batches.push(batch.length);
      read.push(...batch);
    }
    expect(batches).toEqual([300, 300, 300, 100]);
    expect(read).toEqual(rows);
    // Read again (preview, then commit).
    let again = 0;
    for await (const batch of spool.batches(1000)) again += batch.length;
    expect(again).toBe(1000);
    await spool.dispose();
    expect(fs.existsSync(file)).toBe(false);
  });
});
