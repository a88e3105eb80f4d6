import { describe, expect, it } from 'vitest';
import { readEncodedFile } from '../../../shared/linkage/pprl/records.ts';
import type { RawRow } from '../../../shared/tabular/cells.ts';
import { encodeList, readListSheets } from './encode-list.ts';

const key = 'clé partagée de l’exercice de Mopti, assez longue';
const rows = (cells: (string | number | Date | null)[][]): RawRow[] => cells.map((c, k) => ({ row: k + 1, cells: c }));

const instructions = rows([['Remplissez la feuille suivante'], ['Une ligne par ménage']]);
const households = rows([
  ['Liste NRC — Sévaré'],
  ['Nom et prénom du chef de ménage', 'Contact', 'N° NINA', 'Nb personnes', 'Localité', 'Secteur', 'Date de distribution', 'Observations'],
  ['TRAORE Moussa', '+223 76 12 34 56', '12345678901234A', 6, 'Sévaré', 'Abris / AME', new Date(Date.UTC(2026, 2, 3)), 'RAS'],
  ['Fatoumata CISSÉ', '82 10 20 30', null, '4', 'Sévaré', null, null, null],
  ['Aminata Diallo', '70 11 22 33', null, 150, 'Nullepart', null, null, null],
  ['Oumar Guindo', '77 88 99 00', null, 3, null, null, '2099-01-01', null],
  ['Hawa Koné', '65 43 21 09', null, 5, 'Mopti', 'Santé', '2099-01-01', null],
]);

describe('a list encoded on the device', () => {
  it('reads the columns as the list upload recognises them, past an instructions sheet', () => {
    const list = readListSheets([
      { name: 'Instructions', rows: instructions },
      { name: 'Bénéficiaires', rows: households },
    ])!;
    expect(list.sheet).toBe('Bénéficiaires');
    expect(list.columns.map((c) => `${c.key}:${c.letter}`)).toEqual([
      'fullName:A',
      'phone:B',
      'nina:C',
      'householdSize:D',
      'localityName:E',
      'sector:F',
      'assistanceDate:G',
    ]);
    expect(list.unknownColumns).toEqual(['Observations']);
    expect(list.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
    // Places are asked once each, and hold nothing but place cells.
    expect(list.places).toEqual([{ localityName: 'Sévaré' }, { localityName: 'Nullepart' }, { localityName: 'Mopti' }]);
    expect(readListSheets([{ name: 'Instructions', rows: instructions }])).toBeNull();
    // A header the organisation mapped once in its uploads.
    const mapped = readListSheets([{ name: null, rows: households }], [{ header: 'Observations', column: 'address' }])!;
    expect(mapped.columns.at(-1)).toEqual({ key: 'address', header: 'Observations', letter: 'H' });
  });

  it('writes encodings and non-identifying fields only, leaving out rows whose place was not found', async () => {
    const list = readListSheets([{ name: null, rows: households }])!;
    const progress: number[] = [];
    const encoded = await encodeList(list, {
      keyText: key,
      pcodes: ['ML0501010001', null, 'ML0501010002'],
      assistanceDate: '2026-03-01',
      today: '2026-03-10',
      onProgress: (done) => progress.push(done),
    });
    expect(encoded.households).toBe(2);
    expect(encoded.leftOut).toEqual({ places: [{ place: 1, rows: 1 }], noPlace: 1, futureDate: 1 });
    expect(progress).toEqual([2]);
    for (const secret of ['TRAORE', 'Moussa', 'Traoré', 'CISS', 'Fatoumata', '76123456', '76 12 34 56', '12345678901234A', '82102030', 'Sévaré', 'RAS'])
      expect(encoded.content).not.toContain(secret);
    const read = readEncodedFile(JSON.parse(encoded.content), { ids: 'rows' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.keyFingerprint).toBe(encoded.keyFingerprint);
    expect(read.records.map(({ id, pcode, householdSize, sector, assistanceDate }) => ({ id, pcode, householdSize, sector, assistanceDate }))).toEqual([
      { id: '1', pcode: 'ML0501010001', householdSize: 6, sector: 'abris_ame', assistanceDate: '2026-03-03' },
      { id: '2', pcode: 'ML0501010001', householdSize: 4, sector: null, assistanceDate: null },
    ]);
  });
});
