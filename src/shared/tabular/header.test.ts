import { describe, expect, it } from 'vitest';
import type { CellValue, RawRow } from './cells.ts';
import { compileColumn, defineColumns } from './columns.ts';
import { detectHeader } from './header.ts';
import { hxlExtraAttributes, isHxlRow, parseHxlTag } from './hxl.ts';

const columns = defineColumns([
  { key: 'org', type: 'text', hxl: '#org+prog', header: { fr: 'Organisation', en: 'Organisation' }, aliases: ['Partenaire'] },
  { key: 'impl', type: 'text', hxl: '#org+impl', header: { fr: 'Partenaire de mise en œuvre', en: 'Implementing partner' } },
  { key: 'sector', type: 'text', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' } },
  { key: 'start', type: 'date', hxl: '#date+start', header: { fr: 'Date de début', en: 'Start date' } },
  { key: 'targeted', type: 'integer', hxl: '#targeted+hh', header: { fr: 'Ménages ciblés', en: 'Households targeted' } },
  { key: 'reached', type: 'integer', hxl: '#reached+hh', header: { fr: 'Ménages atteints', en: 'Households reached' } },
]).map(compileColumn);

const rows = (...cells: CellValue[][]): RawRow[] => cells.map((c, i) => ({ row: i + 1, cells: c }));
const keysByColumn = (layout: ReturnType<typeof detectHeader>) => Object.fromEntries(layout!.bindings.map((b) => [b.index, b.column.spec.key]));

describe('HXL hashtags', () => {
  it('parse case- and order-insensitively', () => {
    expect(parseHxlTag('#Adm3 +Code')).toEqual({ tag: 'adm3', attributes: ['code'] });
    expect(parseHxlTag(' #reached +hh +f +hh')).toEqual({ tag: 'reached', attributes: ['f', 'hh'] });
    expect(parseHxlTag('#N/A')).toBeNull();
    expect(parseHxlTag('Secteur')).toBeNull();
  });

  it('match a pattern when the column has the same tag and at least its attributes', () => {
    const pattern = parseHxlTag('#adm3+code')!;
    expect(hxlExtraAttributes(pattern, parseHxlTag('#adm3+code')!)).toBe(0);
    expect(hxlExtraAttributes(pattern, parseHxlTag('#adm3 +v_pcode +code')!)).toBe(1);
    expect(hxlExtraAttributes(pattern, parseHxlTag('#adm3+name')!)).toBeNull();
    expect(hxlExtraAttributes(pattern, parseHxlTag('#adm2+code')!)).toBeNull();
  });

  it('recognise a row of hashtags, not a data row holding an Excel error', () => {
    expect(isHxlRow(['#org', '#sector', null, ''])).toBe(true);
    expect(isHxlRow(['#org', 'Note', 'x', null])).toBe(false);
    expect(isHxlRow(['#N/A', null])).toBe(false);
  });
});

describe('header detection', () => {
  it('finds the header under title rows, by French or English names, accents and case ignored', () => {
    const layout = detectHeader(
      rows(['Matrice 5W — Mopti'], ['Mise à jour le 1er mars'], ['ORGANISATION', 'secteur', 'Date de debut', 'Households reached', 'Autre']),
      columns,
    );
    expect(layout).toMatchObject({ headerRow: 3, hxlRow: null, dataStart: 3 });
    expect(keysByColumn(layout)).toEqual({ 0: 'org', 1: 'sector', 2: 'start', 3: 'reached' });
    expect(layout!.unknown).toEqual([{ index: 4, header: 'Autre', hxl: null }]);
  });

  it('reads a group header merged over sub-headers, and a header merged over two rows', () => {
    const layout = detectHeader(
      rows(['Organisation', 'Secteur', 'Ménages', null, 'Date de début'], [null, null, 'ciblés', 'atteints', null], ['NRC', 'Santé', 100, 80, '01/03/2026']),
      columns,
    );
    expect(layout).toMatchObject({ headerRow: 2, dataStart: 2 });
    expect(keysByColumn(layout)).toEqual({ 0: 'org', 1: 'sector', 2: 'targeted', 3: 'reached', 4: 'start' });
    expect(layout!.bindings.find((b) => b.column.spec.key === 'reached')!.header).toBe('Ménages atteints');
  });

  it('ignores a trailing unit or note in parentheses', () => {
    const layout = detectHeader(rows(['Secteur (cluster)', 'Date de début (jj/mm/aaaa)']), columns);
    expect(keysByColumn(layout)).toEqual({ 0: 'sector', 1: 'start' });
  });

  it('takes HXL hashtags first, wherever the columns are, and names for untagged columns', () => {
    const layout = detectHeader(
      rows(
        ['Ménages atteints', 'Qui', 'Domaine', 'Date de début'],
        ['#targeted +hh', '#org+prog', '#sector+cluster', null],
        [10, 'NRC', 'Santé', '2026-03-01'],
      ),
      columns,
    );
    expect(layout).toMatchObject({ headerRow: 1, hxlRow: 2, dataStart: 2 });
    // The hashtag wins over the header text: column A is targeted households, whatever its title says.
    expect(keysByColumn(layout)).toEqual({ 0: 'targeted', 1: 'org', 2: 'sector', 3: 'start' });
    expect(layout!.bindings.map((b) => b.matchedBy)).toEqual(['hxl', 'hxl', 'hxl', 'header']);
  });

  it('reads a hashtag row without any header row', () => {
    const layout = detectHeader(rows(['#sector', '#org+prog'], ['Santé', 'NRC']), columns);
    expect(layout).toMatchObject({ headerRow: null, hxlRow: 1, dataStart: 1 });
    expect(keysByColumn(layout)).toEqual({ 0: 'sector', 1: 'org' });
  });

  it('gives the most specific pattern its column, and refuses to guess between two wider columns', () => {
    const layout = detectHeader(rows(['#org +impl', '#org+prog', '#reached+hh+f', '#reached+hh+m', '#sector+cluster']), columns);
    expect(keysByColumn(layout)).toEqual({ 0: 'impl', 1: 'org', 4: 'sector' });
    expect(layout!.unknown.map((u) => u.hxl)).toEqual(['#reached+hh+f', '#reached+hh+m']);
  });

  it('reads the first of two columns that match the same declaration, and reports the second', () => {
    const layout = detectHeader(rows(['Secteur', 'Organisation', 'Partenaire']), columns);
    expect(keysByColumn(layout)).toEqual({ 0: 'sector', 1: 'org' });
    expect(layout!.duplicates.map((d) => [d.binding.index, d.duplicate.index])).toEqual([[1, 2]]);
  });

  it('reads a KoBoToolbox export: group paths, meta columns and "select multiple" option columns', () => {
    const header = [
      'start',
      'end',
      'today',
      'grp_qui/organisation',
      'grp_quoi/secteur',
      'grp_quoi/secteur/sante',
      'grp_quoi/secteur/nutrition',
      'grp_quand/date_de_debut',
      'Abris / AME',
      '_id',
      '_uuid',
      '_submission_time',
      '_validation_status',
      '__version__',
      '_index',
      'meta/instanceID',
    ];
    const layout = detectHeader(
      rows(header, ['2026-03-02T08:00:00', '2026-03-02T08:20:00', '2026-03-02', 'nrc', 'sante', 1, 0, '2026-03-01', 'x', 41, 'u', 't', '', 'v', 1, 'uuid:x']),
      columns,
    );
    expect(keysByColumn(layout)).toEqual({ 3: 'org', 4: 'sector', 7: 'start' });
    // The report names the column as the file writes it.
    expect(layout!.bindings.map((b) => b.header)).toEqual(['grp_qui/organisation', 'grp_quoi/secteur', 'grp_quand/date_de_debut']);
    // Meta and option columns are neither fields nor unknown; a "/" between spaces is text, not a group path.
    expect(layout!.unknown.map((u) => u.header)).toEqual(['Abris / AME']);
  });

  it('keeps "start" and "end" as ordinary names in a file that is not a KoBoToolbox export', () => {
    const layout = detectHeader(rows(['Secteur', 'Start']), [...columns, compileColumn({ key: 'begin', type: 'date', header: { fr: 'Début', en: 'Start' } })]);
    expect(keysByColumn(layout)).toEqual({ 0: 'sector', 1: 'begin' });
  });

  it('finds nothing when no row names two declared columns', () => {
    expect(detectHeader(rows(['Nom', 'Prénom'], ['Secteur', 'Âge']), columns)).toBeNull();
  });
});
