import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CellError, type RawRow } from '../../../shared/tabular/cells.ts';
import { sheetBomb, workbookParts, writeZip } from '../../test/hostile-xlsx.ts';
import { fiveWColumns, fiveWRowAt } from './fixtures/five-w-columns.ts';
import { runImport } from './import.ts';
import { openTable, type OpenTableOptions } from './read.ts';
import { readingWorkerStats } from './read-remote.ts';
import { TabularFileError, type TabularSource } from './source.ts';
import { writeTable } from './write.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-read-worker-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const fixtures = [
  path.join(import.meta.dirname, 'fixtures/messy-5w.xlsx'),
  path.join(import.meta.dirname, 'fixtures/messy-5w-reordered.xlsx'),
  path.join(import.meta.dirname, '../../features/responses/fixtures/messy-5w-mopti.xlsx'),
  path.join(import.meta.dirname, 'fixtures/latin1-semicolon.csv'),
];

async function sheetsOf(source: TabularSource, options: OpenTableOptions) {
  const reading = await openTable(source, options);
  const sheets: { name: string | null; rows: RawRow[]; progress: number | null }[] = [];
  for await (const sheet of reading.sheets) {
    const rows: RawRow[] = [];
    for await (const row of sheet.rows) rows.push(row);
    sheets.push({ name: sheet.name, rows, progress: sheet.progress() });
  }
  return { format: reading.format, encoding: reading.encoding, delimiter: reading.delimiter, sheets };
}

const workersLeft = () => vi.waitFor(() => expect(readingWorkerStats().running).toBe(0));

/** Every kind of cell, an instructions tab before the data, and enough rows for several chunks. */
const typedWorkbook = path.join(dir, 'typed.xlsx');
/** 20,000 rows of a 5W export. */
const largeWorkbook = path.join(dir, 'large.xlsx');

beforeAll(async () => {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Instructions').addRow(['Remplissez l’onglet Données']);
  const sheet = workbook.addWorksheet('Données');
  sheet.addRow(['Organisation', 'Secteur', 'Date de début', 'Bénéficiaires', 'Actif', 'Erreur', 'Formule']);
  for (let i = 0; i < 1800; i++) {
    sheet.addRow([
      i % 2 ? 'Œuvre Malienne d’Aide' : { richText: [{ text: 'N' }, { text: 'RC' }] },
      'eha',
      new Date(Date.UTC(2025, 0, 1 + (i % 365))),
      i % 7 ? i * 1.5 : null,
      i % 3 === 0,
      { error: i % 2 ? '#N/A' : '#REF!' },
      { formula: `D${i + 2}*2`, result: i % 7 ? i * 3 : 0 },
    ]);
  }
  sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
  await workbook.xlsx.writeFile(typedWorkbook);
  await writeTable(fs.createWriteStream(largeWorkbook), {
    format: 'xlsx',
    columns: fiveWColumns,
    language: 'fr',
    rows: Array.from({ length: 20_000 }, (_, i) => fiveWRowAt(i + 1)),
  });
});

describe('reading a file in a worker thread', () => {
  it.each([...fixtures, typedWorkbook])('gives the rows, sheets and cell types read in this thread: %s', async (file) => {
    const here = await sheetsOf({ path: file }, { worker: false });
    const inWorker = await sheetsOf({ path: file }, { worker: true });
    expect(here.sheets.flatMap((s) => s.rows).length).toBeGreaterThanOrEqual(5);
    // Strict: a Date stays a Date, an Excel error a CellError.
    expect(inWorker).toStrictEqual(here);
    await workersLeft();
  });

  it('keeps dates as dates and Excel errors as CellErrors across the thread boundary', async () => {
    const { sheets } = await sheetsOf({ path: typedWorkbook }, { worker: true });
    const data = sheets.find((s) => s.name === 'Données')!;
    expect(data.rows).toHaveLength(1801);
    const [organisation, sector, start, people, active, error, formula] = data.rows[2]!.cells;
    expect([organisation, sector, people, active, formula]).toEqual(['Œuvre Malienne d’Aide', 'eha', 1.5, false, 3]);
    expect(start).toBeInstanceOf(Date);
    expect((start as Date).toISOString()).toBe('2025-01-02T00:00:00.000Z');
    expect(error).toBeInstanceOf(CellError);
    expect((error as CellError).code).toBe('#N/A');
    expect(data.rows[1]!.cells[0]).toBe('NRC');
    expect(data.progress).toBe(1);
  });

  it('reads a sealed upload like the plain file', async () => {
    const { newSealedFile, sealingStream } = await import('./source.ts');
    const { pipeline } = await import('node:stream/promises');
    const sealed = newSealedFile(path.join(dir, 'typed.sealed'));
    await pipeline(fs.createReadStream(typedWorkbook), sealingStream(sealed), fs.createWriteStream(sealed.path));
    expect(await sheetsOf({ sealed }, { worker: true })).toStrictEqual(await sheetsOf({ path: typedWorkbook }, { worker: false }));
  });

  it('stays at most a few chunks ahead of a slow reader', { timeout: 60_000 }, async () => {
    const reading = await openTable({ path: largeWorkbook });
    const sheet = (await reading.sheets.next()).value!;
    let rows = 0;
    for await (const row of sheet.rows) {
      if (rows++ === 0) await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(row.row).toBe(rows);
    }
    await reading.sheets.return(undefined);
    expect(rows).toBe(20_002);
    expect(readingWorkerStats().mostChunksWaiting).toBeGreaterThan(0);
    expect(readingWorkerStats().mostChunksWaiting).toBeLessThanOrEqual(5);
    await workersLeft();
  });

  it('passes over a sheet without the header to the next, as import does', async () => {
    const result = await runImport({ source: { path: typedWorkbook }, columns: fiveWColumns, language: 'fr' });
    await result.rows.dispose();
    expect(result.report).toMatchObject({ sheet: 'Données', headerRow: 1, rows: 1800 });
    await workersLeft();
  });

  it('keeps reading rows begun before the sheets were closed, then ends (household files find the header and leave the loop)', async () => {
    const reading = await openTable({ path: largeWorkbook });
    const sheet = (await reading.sheets.next()).value!;
    const rows = sheet.rows[Symbol.asyncIterator]();
    expect((await rows.next()).value).toMatchObject({ row: 1 });
    await reading.sheets.return(undefined);
    expect(readingWorkerStats().running).toBe(1);
    let read = 1;
    for (let next = await rows.next(); !next.done; next = await rows.next()) read++;
    expect(read).toBe(20_002);
    await workersLeft();
  });

  it('sends file errors back as the same TabularFileError, code and parameters', async () => {
    const reading = await openTable({ path: typedWorkbook }, { sheet: 'Budget', worker: true });
    const error = await reading.sheets.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TabularFileError);
    expect(error).toMatchObject({ code: 'sheet_not_found', params: { sheet: 'Budget', sheets: 'Instructions, Données' } });
    await workersLeft();

    const bomb = path.join(dir, 'sheet-bomb.xlsx');
    await writeZip(bomb, workbookParts({ sheet: sheetBomb(300_000) }));
    const result = await runImport({ source: { path: bomb }, columns: fiveWColumns, language: 'en' });
    await result.rows.dispose();
    expect(result.report.issues[0]).toMatchObject({ code: 'file_too_large_unpacked', message: expect.stringContaining('abnormally large') });
    await workersLeft();
  });

  it('refuses a workbook that would exhaust the thread’s memory, and the server reads on', { timeout: 120_000 }, async () => {
    // A small heap stands for the server's: 300,000 distinct shared strings (30 MB) are within the unpack limits but not within 40 MB.
    const heavy = path.join(dir, 'heavy-strings.xlsx');
    const strings = function* () {
      yield Buffer.from(
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Organisation</t></si><si><t>Secteur</t></si><si><t>Date de début</t></si>',
      );
      for (let block = 0; block < 300; block++) {
        let xml = '';
        for (let i = 0; i < 1000; i++) xml += `<si><t>${String(block * 1000 + i).padStart(8, '0')} ${'ménage déplacé '.repeat(6)}</t></si>`;
        yield Buffer.from(xml);
      }
      yield Buffer.from('</sst>');
    };
    await writeZip(heavy, workbookParts({ sharedStrings: strings }));
    const small = { worker: { memoryMb: 40 } };
    const failure = await sheetsOf({ path: heavy }, small).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TabularFileError);
    expect(failure).toMatchObject({ code: 'file_too_large_unpacked' });
    await workersLeft();
    // The same heap reads an ordinary workbook, and the default one the heavy workbook.
    expect((await sheetsOf({ path: typedWorkbook }, small)).sheets[1]!.rows).toHaveLength(1801);
    expect((await sheetsOf({ path: heavy }, { worker: true })).sheets[0]!.rows).toHaveLength(1);
    await workersLeft();
  });

  it('leaves no worker behind, whichever way a reading ends', { timeout: 120_000 }, async () => {
    for (let round = 0; round < 4; round++) {
      // Read to the end.
      await sheetsOf({ path: fixtures[round % fixtures.length]! }, { worker: true });
      // Stopped after one row.
      const stopped = await openTable({ path: largeWorkbook });
      for await (const sheet of stopped.sheets) {
        for await (const row of sheet.rows) if (row) break;
        break;
      }
      // A sheet taken, its rows never read.
      const untouched = await openTable({ path: typedWorkbook }, { worker: true });
      await untouched.sheets.next();
      await untouched.sheets.return(undefined);
      // Never asked for a sheet: no thread starts.
      await openTable({ path: largeWorkbook });
      // A file error.
      await expect(sheetsOf({ path: typedWorkbook }, { sheet: 'Nope', worker: true })).rejects.toThrow(TabularFileError);
      // The consumer fails mid-sheet.
      const failing = await openTable({ path: largeWorkbook });
      await expect(
        (async () => {
          for await (const sheet of failing.sheets) for await (const row of sheet.rows) if (row.row === 700) throw new Error('consumer failed');
        })(),
      ).rejects.toThrow('consumer failed');
    }
    await workersLeft();
  });
});
