import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { giantCell, manySharedStrings, sharedStringsBomb, sheetBomb, workbookParts, writeZip } from '../../test/hostile-xlsx.ts';
import { fiveWColumns } from './fixtures/five-w-columns.ts';
import { runImport } from './import.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-hostile-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function importWorkbook(name: string, parts: Parameters<typeof workbookParts>[0]) {
  const file = path.join(dir, `${name}.xlsx`);
  await writeZip(file, workbookParts(parts));
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await runImport({ source: { path: file }, columns: fiveWColumns, language: 'fr' });
    await result.rows.dispose();
    const fileIssue = result.report.issues.find((issue) => issue.row === null && issue.severity === 'error');
    return { refusal: fileIssue?.code ?? null, growth: peak - rssBefore, size: fs.statSync(file).size, report: result.report };
  } finally {
    clearInterval(sampler);
  }
}

const megabyte = 1024 * 1024;

describe('hostile workbooks are refused early, memory bounded', () => {
  it('reads the well-formed hand-built workbook (the generator makes valid files)', async () => {
    const { refusal, report } = await importWorkbook('valid', {});
    expect(report).toMatchObject({ format: 'xlsx', headerRow: 1, rows: 0 });
    expect(refusal).toBe('no_data_rows');
  });

  it('refuses shared strings that unpack to 400 MB (a zip bomb)', { timeout: 120_000 }, async () => {
    const { refusal, growth, size, report } = await importWorkbook('shared-strings-bomb', { sharedStrings: sharedStringsBomb(400) });
    expect(size).toBeLessThan(2 * megabyte);
    expect(refusal).toBe('file_too_large_unpacked');
    expect(report.canCommit).toBe(false);
    expect(report.issues[0]!.message).toContain('anormalement grand');
    console.info(`shared-strings bomb: ${(size / megabyte).toFixed(1)} MB file → 400 MB unpacked; RSS growth ${(growth / megabyte).toFixed(0)} MB`);
    expect(growth).toBeLessThan(400 * megabyte);
  });

  it('refuses more shared strings than any real workbook holds', { timeout: 120_000 }, async () => {
    const { refusal } = await importWorkbook('many-strings', { sharedStrings: manySharedStrings(2_100_000) });
    expect(refusal).toBe('file_too_large_unpacked');
  });

  it('refuses a sheet that inflates hundreds of times its packed size', { timeout: 120_000 }, async () => {
    const { refusal, growth } = await importWorkbook('sheet-bomb', { sheet: sheetBomb(300_000) });
    expect(refusal).toBe('file_too_large_unpacked');
    expect(growth).toBeLessThan(300 * megabyte);
  });

  it('refuses one cell of 5 million characters before gathering it', { timeout: 120_000 }, async () => {
    const { refusal, growth } = await importWorkbook('giant-cell', { sheet: giantCell(5_000_000) });
    expect(refusal).toBe('file_too_large_unpacked');
    expect(growth).toBeLessThan(200 * megabyte);
  });
});

describe('hostile CSV files are refused early, memory bounded', () => {
  it('refuses a row of 20 million characters at its first million, naming the row', { timeout: 120_000 }, async () => {
    const file = path.join(dir, 'giant-field.csv');
    fs.writeFileSync(file, `Organisation;Secteur;Date de début\nNRC;eha;2025-03-01\nNRC;${'x'.repeat(20_000_000)};2025-03-02\n`);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      const result = await runImport({ source: { path: file }, columns: fiveWColumns, language: 'en' });
      await result.rows.dispose();
      const refusal = result.report.issues.find((issue) => issue.row === null && issue.severity === 'error');
      expect(refusal).toMatchObject({ code: 'csv_row_too_long', message: expect.stringContaining('Row 3 of the file is over a million characters') });
      expect(result.report.canCommit).toBe(false);
      expect(peak - rssBefore).toBeLessThan(200 * megabyte);
    } finally {
      clearInterval(sampler);
    }
  });

  it('reads a row just under the bound', async () => {
    const file = path.join(dir, 'long-field.csv');
    fs.writeFileSync(file, `Organisation;Secteur;Date de début\nNRC;eha;2025-03-01\n${'y'.repeat(900_000)};eha;2025-03-02\n`);
    const result = await runImport({ source: { path: file }, columns: fiveWColumns, language: 'fr' });
    await result.rows.dispose();
    expect(result.report.issues.filter((issue) => issue.row === null)).toEqual([]);
    expect(result.report.rows).toBe(2);
  });
});
