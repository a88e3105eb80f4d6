import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { planImport } from './commit.ts';
import { type FiveWRow, fiveWColumns } from './fixtures/five-w-columns.ts';
import { type ImportOptions, type ImportResult, type ParsedRow, runImport } from './import.ts';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const opened: ImportResult<unknown>[] = [];

async function importFile(source: ImportOptions<typeof fiveWColumns>['source'], options: Partial<ImportOptions<typeof fiveWColumns>> = {}) {
  const result = await runImport({ source, columns: fiveWColumns, language: 'fr', ...options });
  opened.push(result);
  return result;
}
const fixture = (name: string) => importFile({ path: path.join(fixtures, name) });
const csv = (text: string, options: Partial<ImportOptions<typeof fiveWColumns>> = {}) => importFile({ buffer: Buffer.from(text, 'utf8') }, options);

async function validRows<R>(result: ImportResult<R>): Promise<ParsedRow<R>[]> {
  const all: ParsedRow<R>[] = [];
  for await (const batch of result.rows.batches(2)) all.push(...batch);
  return all;
}

afterEach(async () => {
  for (const result of opened.splice(0)) await result.rows.dispose();
});

const row = (values: Partial<FiveWRow>): FiveWRow => ({
  id: null,
  organisation: '',
  sector: 'sante',
  place: null,
  start: '',
  end: null,
  targeted: null,
  reached: null,
  budget: null,
  status: null,
  comment: null,
  ...values,
});

const messyRows: ParsedRow<FiveWRow>[] = [
  {
    row: 6,
    values: row({ organisation: 'NRC', sector: 'sante', place: 'Sévaré', start: '2026-03-01', end: '2026-05-31', targeted: 1200, reached: 950, budget: 12_500_000, status: 'ongoing', comment: 'Clinique mobile' }),
  },
  {
    row: 8,
    values: row({ organisation: 'Acted', sector: 'secal', place: 'Bandiagara', start: '2026-03-01', end: '2026-06-30', targeted: 1500, reached: 1000, budget: 2_500_000.5, status: 'ongoing', comment: 'Vivres' }),
  },
  { row: 9, values: row({ organisation: 'Save the Children', sector: 'eha', place: 'Mopti', start: '2026-03-15', targeted: 300, budget: 1234.5, status: 'planned' }) },
  {
    row: 10,
    values: row({ organisation: 'IRC', sector: 'eha', place: 'Sévaré', start: '2026-03-01', targeted: 80, reached: 40, budget: 3_500_000, status: 'completed', comment: 'Série Excel 46082 = 01/03/2026' }),
  },
  { row: 11, values: row({ organisation: 'NRC', sector: 'abris_ame', place: 'Douentza', start: '2026-04-02', end: '2026-07-01', targeted: 60, reached: 60, status: 'ongoing' }) },
];

describe('the messy partner workbook', () => {
  it.each(['messy-5w.xlsx', 'messy-5w-reordered.xlsx'])('%s: finds the sheet, the header block and every value', async (name) => {
    const result = await fixture(name);
    expect(result.report).toMatchObject({
      format: 'xlsx',
      sheet: 'Matrice 5W Mopti',
      headerRow: 4,
      hxlRow: 5,
      rows: 7,
      valid: 5,
      invalid: 2,
      errors: 2,
      warnings: 0,
      canCommit: false,
      unknownColumns: [],
      missingRequiredColumns: [],
    });
    expect(result.report.columns.map((c) => [c.letter, c.key, c.header, c.matchedBy])).toEqual([
      ['A', 'organisation', 'Organisation', 'hxl'],
      ['B', 'sector', 'Secteur', 'hxl'],
      ['C', 'place', 'Localité', 'header'],
      ['D', 'start', 'Date de début', 'header'],
      ['E', 'end', 'Date de fin', 'header'],
      ['F', 'targeted', 'Ménages ciblés', 'hxl'],
      ['G', 'reached', 'Ménages atteints', 'hxl'],
      ['H', 'budget', 'Budget (FCFA)', 'header'],
      ['I', 'status', 'Statut', 'hxl'],
      ['J', 'comment', 'Commentaire', 'header'],
    ]);
    expect(await validRows(result)).toEqual(messyRows);
    expect(result.refusedRows).toEqual([13, 14]);
  });

  it('explains the refused rows in French, with a suggestion for the typo', async () => {
    const result = await fixture('messy-5w.xlsx');
    expect(result.report.issues).toEqual([
      {
        row: 13,
        column: 'end',
        header: 'Date de fin',
        value: '31/02/2026',
        code: 'date_impossible',
        params: { value: '31/02/2026' },
        severity: 'error',
        message: 'La date « 31/02/2026 » n\'existe pas.',
        suggestions: [],
      },
      {
        row: 14,
        column: 'sector',
        header: 'Secteur',
        value: 'Santee',
        code: 'enum_did_you_mean',
        params: { value: 'Santee', suggestions: '« Santé »' },
        severity: 'error',
        message: '« Santee » n\'est pas une valeur acceptée. Vouliez-vous dire « Santé » ?',
        suggestions: ['Santé'],
      },
    ]);
  });

  it('explains them in English when asked', async () => {
    const result = await importFile({ path: path.join(fixtures, 'messy-5w.xlsx') }, { language: 'en' });
    expect(result.report.issues.map((i) => i.message)).toEqual(['The date "31/02/2026" does not exist.', '"Santee" is not an accepted value. Did you mean "Health"?']);
  });

  it('reads a named sheet, and names the sheets when the one asked for is missing', async () => {
    const named = await importFile({ path: path.join(fixtures, 'messy-5w.xlsx') }, { sheet: 'matrice 5w mopti' });
    expect(named.report.valid).toBe(5);
    const missing = await importFile({ path: path.join(fixtures, 'messy-5w.xlsx') }, { sheet: 'Ségou' });
    expect(missing.report.issues.map((i) => [i.code, i.message])).toEqual([
      ['sheet_not_found', 'Feuille « Ségou » introuvable. Feuilles du classeur : Instructions, Matrice 5W Mopti.'],
    ]);
    const instructions = await importFile({ path: path.join(fixtures, 'messy-5w.xlsx') }, { sheet: 'Instructions' });
    expect(instructions.report.issues.map((i) => i.code)).toEqual(['header_not_found']);
  });
});

describe('CSV files', () => {
  it('reads a Windows-1252 file with ; and decimal commas, as French Excel saves it', async () => {
    const result = await fixture('latin1-semicolon.csv');
    expect(result.report).toMatchObject({ format: 'csv', encoding: 'windows-1252', delimiter: ';', headerRow: 1, rows: 3, valid: 3, canCommit: true });
    expect(await validRows(result)).toEqual([
      {
        row: 2,
        values: row({ organisation: 'Œuvre Malienne d’Aide', sector: 'education', place: 'Kéra', start: '2026-03-02', targeted: 1200, reached: 950, budget: 12_500_000, status: 'ongoing', comment: 'Kits scolaires à 5 €' }),
      },
      {
        row: 3,
        values: row({ organisation: 'Acted', sector: 'relevement', place: 'Ténenkou', start: '2026-03-10', end: '2026-12-31', targeted: 450, budget: 2_500_000.75, status: 'planned', comment: 'Semences; outils' }),
      },
      { row: 5, values: row({ organisation: 'NRC', sector: 'protection', place: 'Djenné', start: '2026-03-05', targeted: 80, reached: 80, status: 'completed' }) },
    ]);
  });

  it('reads an HXL CSV by hashtags in any order, and reports the columns it ignores', async () => {
    const result = await fixture('hxl-reordered.csv');
    expect(result.report).toMatchObject({ encoding: 'utf-8', delimiter: ',', headerRow: 1, hxlRow: 2, valid: 3, warnings: 2, canCommit: true });
    expect(result.report.unknownColumns).toEqual([
      { position: 2, letter: 'B', header: 'Source', hxl: '#meta+source' },
      { position: 7, letter: 'G', header: 'Internal comments', hxl: null },
    ]);
    expect(result.report.issues.map((i) => i.message)).toEqual([
      'Colonne B « Source » non reconnue : elle est ignorée.',
      'Colonne G « Internal comments » non reconnue : elle est ignorée.',
    ]);
    expect((await validRows(result)).map((r) => r.values)).toEqual([
      row({ organisation: 'NRC', sector: 'sante', start: '2026-03-01', targeted: 200, reached: 120, status: 'ongoing' }),
      row({ organisation: 'Acted', sector: 'nutrition', start: '2026-02-15', targeted: 75, reached: 75, status: 'completed' }),
      row({ organisation: 'IRC', sector: 'abris_ame', start: '2026-04-01', targeted: 300, status: 'planned' }),
    ]);
  });

  it('follows an Excel "sep=" line, a byte order mark, tabs and UTF-16', async () => {
    const sep = await csv('sep=;\nOrganisation;Secteur;Date de début\nNRC;Santé;01/03/2026\n');
    expect(sep.report).toMatchObject({ delimiter: ';', headerRow: 2, valid: 1 });
    expect((await validRows(sep))[0]!.row).toBe(3);

    const tabbed = await csv('\ufeffOrganisation\tSecteur\tDate de début\r\nNRC\tÉducation\t2026-03-01\r\n');
    expect(tabbed.report).toMatchObject({ delimiter: '\t', encoding: 'utf-8', valid: 1 });
    expect((await validRows(tabbed))[0]!.values).toMatchObject({ organisation: 'NRC', sector: 'education' });

    const utf16 = await importFile({ buffer: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Organisation,Secteur,Date de début\nNRC,Santé,2026-03-01\n', 'utf16le')]) });
    expect(utf16.report).toMatchObject({ encoding: 'utf-16le', valid: 1 });
  });

  it('restores text an export neutralised', async () => {
    const result = await csv("Organisation,Secteur,Date de début,Commentaire\n'=ACTED,Santé,2026-03-01,'+223 76 00 00 00\n");
    expect((await validRows(result))[0]!.values).toMatchObject({ organisation: '=ACTED', comment: '+223 76 00 00 00' });
  });
});

describe('files that cannot be imported', () => {
  it('says why in one file-level issue', async () => {
    const cases: [Buffer, string][] = [
      [Buffer.alloc(0), 'file_empty'],
      [Buffer.from('\n\n ; ;\n'), 'file_empty'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'file_xls_legacy'],
      [Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]), 'file_unreadable'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'file_format_unsupported'],
      [Buffer.from('Nom,Prénom\nTraoré,Awa\n'), 'header_not_found'],
      [Buffer.from('Organisation,Secteur,Date de début\n'), 'no_data_rows'],
    ];
    for (const [bytes, code] of cases) {
      const result = await importFile({ buffer: bytes });
      expect(result.report.issues.map((i) => [i.row, i.code])).toEqual([[null, code]]);
      expect(result.report).toMatchObject({ canCommit: false, valid: 0 });
    }
  });

  it('lists missing required columns and reads no row', async () => {
    const result = await csv('Organisation,Localité\nNRC,Sévaré\n');
    expect(result.report.missingRequiredColumns).toEqual([
      { key: 'sector', header: 'Secteur', hxl: '#sector' },
      { key: 'start', header: 'Date de début', hxl: '#date+start' },
    ]);
    expect(result.report.issues.map((i) => i.message)).toEqual([
      'Colonne obligatoire absente : « Secteur » (#sector).',
      'Colonne obligatoire absente : « Date de début » (#date+start).',
    ]);
    expect(result.report).toMatchObject({ rows: 0, canCommit: false });
  });

  it('stops at maxRows', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => `NRC,Santé,0${i + 1}/03/2026`);
    const result = await csv(`Organisation,Secteur,Date de début\n${lines.join('\n')}\n`, { maxRows: 3 });
    expect(result.report).toMatchObject({ rows: 3, canCommit: false });
    expect(result.report.issues.map((i) => i.message)).toEqual(['Le fichier dépasse 3 lignes : découpez-le en plusieurs fichiers.']);
  });
});

describe('row rules', () => {
  const header = 'Identifiant,Organisation,Secteur,Date de début,Date de fin\n';

  it('refuses a record id used twice in the file', async () => {
    const result = await csv(`${header}R1,NRC,Santé,2026-03-01,\nR2,NRC,Santé,2026-03-01,\nr1,IRC,Santé,2026-03-01,\n`);
    expect(result.refusedRows).toEqual([4]);
    expect(result.report.issues[0]).toMatchObject({ row: 4, column: 'id', code: 'duplicate_value', message: '« r1 » figure déjà à la ligne 2 : chaque ligne doit avoir une valeur différente.' });
  });

  it('runs the row rule only on rows whose cells all parsed, and keeps warnings from refusing', async () => {
    const seen: number[] = [];
    const result = await csv(`${header}R1,NRC,Santé,2026-03-10,2026-03-01\nR2,NRC,Santé,2026-03-01,2026-04-01\nR3,NRC,Santeee,2026-03-01,\n`, {
      validateRow: (values, check) => {
        seen.push(check.row);
        if (values.end !== null && values.end < values.start) check.error('date_too_early', { column: 'end', value: values.end, params: { value: values.end, min: values.start } });
        if (values.end === null) check.warning('required', { column: 'end' });
        if (values.id === 'R2') check.warning('text_too_long', { column: 'id', value: values.id, params: { length: 2, max: 1 } });
      },
    });
    expect(seen).toEqual([2, 3]);
    expect(result.refusedRows).toEqual([2, 4]);
    expect(result.report).toMatchObject({ valid: 1, invalid: 2, errors: 2, warnings: 1 });
    expect(result.report.issues.map((i) => [i.row, i.column, i.header, i.severity, i.message])).toEqual([
      [2, 'end', 'Date de fin', 'error', 'La date 2026-03-01 est antérieure au 2026-03-10.'],
      [3, 'id', 'Identifiant', 'warning', 'Texte trop long : 2 caractères pour 1 au maximum.'],
      [4, 'sector', 'Secteur', 'error', '« Santeee » n\'est pas une valeur acceptée. Vouliez-vous dire « Santé » ?'],
    ]);
  });

  it('runs the database rule by batches and refuses the rows it flags', async () => {
    const lines = Array.from({ length: 7 }, (_, i) => `R${i},NRC,Santé,2026-03-01,`);
    const batches: number[][] = [];
    const result = await csv(`${header}${lines.join('\n')}\n`, {
      batchSize: 3,
      validateBatch: (rows, check) => {
        batches.push(rows.map((r) => r.row));
        for (const r of rows) if (r.values.id === 'R4') check.error(r.row, 'place_unknown', { column: 'id', value: 'R4', params: { value: 'R4' } });
      },
    });
    expect(batches).toEqual([
      [2, 3, 4],
      [5, 6, 7],
      [8],
    ]);
    expect(result.refusedRows).toEqual([6]);
    expect((await validRows(result)).map((r) => r.row)).toEqual([2, 3, 4, 5, 7, 8]);
  });

  it('keeps the first issues only, with exact counts', async () => {
    const lines = Array.from({ length: 30 }, () => 'NRC,Santé,hier');
    const result = await csv(`Organisation,Secteur,Date de début\n${lines.join('\n')}\n`, { maxIssues: 10 });
    expect(result.report).toMatchObject({ rows: 30, invalid: 30, errors: 30, issuesTruncated: true });
    expect(result.report.issues).toHaveLength(10);
  });

  it('reports progress while reading', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `NRC,Santé,${(i % 28) + 1}/02/2026`);
    const progress: { rowsRead: number; fraction: number | null }[] = [];
    await csv(`Organisation,Secteur,Date de début\n${lines.join('\n')}\n`, { onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.rowsRead)).toEqual([1000, 2000, 2500]);
    expect(progress.at(-1)!.fraction).toBe(1);
  });
});

describe('the preview plan', () => {
  it('merges the feature classification with refused rows, row by row in file order', async () => {
    const result = await csv('Identifiant,Organisation,Secteur,Date de début\nA,NRC,Santé,2026-03-01\nB,NRC,?,2026-03-01\nC,NRC,Santé,2026-03-01\nD,NRC,Santé,hier\nE,NRC,Santé,2026-03-01\n');
    const known = new Map([
      ['A', 'same'],
      ['C', 'changed'],
    ]);
    const report = await planImport(
      result,
      async (batch) =>
        batch.map((r) => {
          const state = known.get(r.values.id ?? '');
          return state === undefined ? { action: 'create' as const, label: r.values.organisation } : { action: state === 'same' ? ('unchanged' as const) : ('update' as const), id: r.values.id };
        }),
      { batchSize: 2 },
    );
    expect(report.plan).toEqual({ create: 1, update: 1, unchanged: 1, refused: 2 });
    expect(report.outcomes).toEqual([
      { row: 2, action: 'unchanged', id: 'A', label: null },
      { row: 3, action: 'refused', id: null, label: null },
      { row: 4, action: 'update', id: 'C', label: null },
      { row: 5, action: 'refused', id: null, label: null },
      { row: 6, action: 'create', id: null, label: 'NRC' },
    ]);
    expect(report.outcomesTruncated).toBe(false);

    const short = await planImport(result, async (batch) => batch.map(() => ({ action: 'create' as const })), { maxOutcomes: 2 });
    expect(short.outcomes.map((o) => [o.row, o.action])).toEqual([
      [2, 'create'],
      [3, 'refused'],
    ]);
    expect(short.outcomesTruncated).toBe(true);
  });
});
