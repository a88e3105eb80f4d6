import { describe, expect, it } from 'vitest';
import { CellError, neutraliseFormula, restoreNeutralised } from './cells.ts';
import { sectorLabels, sectors as sectorCodes } from '../sectors.ts';
import { compileColumn, defineColumns, optionsFrom } from './columns.ts';
import { excelSerialToDate, type Parsed, parseBoolean, parseCell, parseDate, parseNumber } from './values.ts';

function value<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw new Error(`refused: ${parsed.problem.code}`);
  return parsed.value;
}
function problem(parsed: Parsed<unknown>): string {
  if (parsed.ok) throw new Error(`accepted: ${JSON.stringify(parsed.value)}`);
  return parsed.problem.code;
}

describe('dates', () => {
  it('reads ISO, day-first French, two-digit years and month names', () => {
    expect(value(parseDate('2026-03-01'))).toBe('2026-03-01');
    expect(value(parseDate('2026-03-01T14:30:00Z'))).toBe('2026-03-01');
    expect(value(parseDate('2026/3/1'))).toBe('2026-03-01');
    expect(value(parseDate('01/03/2026'))).toBe('2026-03-01');
    expect(value(parseDate(' 1/3/26 '))).toBe('2026-03-01');
    expect(value(parseDate('01-03-2026'))).toBe('2026-03-01');
    expect(value(parseDate('01.03.2026 08:00'))).toBe('2026-03-01');
    expect(value(parseDate('15/10/98'))).toBe('1998-10-15');
    expect(value(parseDate('1er mars 2026'))).toBe('2026-03-01');
    expect(value(parseDate('12 févr. 2026'))).toBe('2026-02-12');
    expect(value(parseDate('3 August 2026'))).toBe('2026-08-03');
  });

  it('refuses impossible dates and month-first text with their own message', () => {
    expect(problem(parseDate('31/02/2026'))).toBe('date_impossible');
    expect(problem(parseDate('2026-02-29'))).toBe('date_impossible');
    expect(value(parseDate('29/02/2028'))).toBe('2028-02-29');
    expect(problem(parseDate('31/04/2026'))).toBe('date_impossible');
    expect(problem(parseDate('03/31/2026'))).toBe('date_month_first');
    expect(problem(parseDate('mars 2026'))).toBe('date_invalid');
    expect(problem(parseDate('demain'))).toBe('date_invalid');
    expect(problem(parseDate(true))).toBe('date_invalid');
    expect(problem(parseDate(new CellError('#REF!')))).toBe('cell_error');
  });

  it('converts Excel 1900 serials, Lotus leap-year bug included', () => {
    expect(value(excelSerialToDate(1))).toBe('1900-01-01');
    expect(value(excelSerialToDate(59))).toBe('1900-02-28');
    expect(problem(excelSerialToDate(60))).toBe('date_impossible');
    expect(value(excelSerialToDate(61))).toBe('1900-03-01');
    expect(value(excelSerialToDate(44927))).toBe('2023-01-01');
    expect(value(excelSerialToDate(46082))).toBe('2026-03-01');
    expect(value(excelSerialToDate(46082.75))).toBe('2026-03-01');
    expect(value(parseDate(46082))).toBe('2026-03-01');
    expect(value(parseDate('46082'))).toBe('2026-03-01');
    expect(problem(parseDate(2026))).toBe('date_year_only');
    expect(problem(parseDate(0))).toBe('date_invalid');
    expect(problem(parseDate(3_000_000))).toBe('date_invalid');
  });

  it('reads date cells by their UTC fields, whatever the server time zone', () => {
    expect(value(parseDate(new Date(Date.UTC(2026, 2, 1))))).toBe('2026-03-01');
    expect(value(parseDate(new Date(Date.UTC(2026, 2, 1, 23, 59, 59))))).toBe('2026-03-01');
    expect(problem(parseDate(new Date(Date.UTC(1899, 11, 30, 12))))).toBe('date_invalid');
  });

  it('gives null for empty cells', () => {
    expect(value(parseDate(null))).toBeNull();
    expect(value(parseDate('   '))).toBeNull();
  });
});

describe('numbers', () => {
  it('reads French and English writing', () => {
    expect(value(parseNumber('1234'))).toBe(1234);
    expect(value(parseNumber('1 234,5'))).toBe(1234.5);
    expect(value(parseNumber('1\u00a0234\u00a0567'))).toBe(1234567);
    expect(value(parseNumber('1\u202f234,25'))).toBe(1234.25);
    expect(value(parseNumber('1234.5'))).toBe(1234.5);
    expect(value(parseNumber('1,234.5'))).toBe(1234.5);
    expect(value(parseNumber('1.234,5'))).toBe(1234.5);
    expect(value(parseNumber('1,234,567'))).toBe(1234567);
    expect(value(parseNumber('14,631'))).toBe(14.631);
    expect(value(parseNumber('-11,57371'))).toBe(-11.57371);
    expect(value(parseNumber('\u22125'))).toBe(-5);
    expect(value(parseNumber(',5'))).toBe(0.5);
    expect(value(parseNumber('1,2E+05'))).toBe(120000);
    expect(value(parseNumber('12,5 %'))).toBe(0.125);
    expect(value(parseNumber(42))).toBe(42);
    expect(value(parseNumber(''))).toBeNull();
  });

  it('refuses what is not a number', () => {
    expect(problem(parseNumber('12 ménages'))).toBe('number_invalid');
    expect(problem(parseNumber('12 5'))).toBe('number_invalid');
    expect(problem(parseNumber('1 2345'))).toBe('number_invalid');
    expect(problem(parseNumber('1.2.3'))).toBe('number_invalid');
    expect(problem(parseNumber(true))).toBe('number_invalid');
    expect(problem(parseNumber(new CellError('#DIV/0!')))).toBe('cell_error');
  });

  it('reads 3,855 and 3.855 as thousands where a whole number is expected (a count has no decimal part)', () => {
    expect(value(parseNumber('3,855', { integer: true }))).toBe(3855);
    expect(value(parseNumber('3.855', { integer: true }))).toBe(3855);
    expect(value(parseNumber('-1,234', { integer: true }))).toBe(-1234);
    expect(value(parseNumber('1 234', { integer: true }))).toBe(1234);
    // Where decimals are possible, one comma stays the French decimal separator.
    expect(value(parseNumber('3,855'))).toBe(3.855);
  });
});

describe('booleans', () => {
  it('reads oui/non, yes/no and Excel booleans', () => {
    expect(value(parseBoolean('Oui'))).toBe(true);
    expect(value(parseBoolean('NON'))).toBe(false);
    expect(value(parseBoolean('yes'))).toBe(true);
    expect(value(parseBoolean('x'))).toBe(true);
    expect(value(parseBoolean(false))).toBe(false);
    expect(value(parseBoolean(1))).toBe(true);
    expect(problem(parseBoolean('peut-être'))).toBe('boolean_invalid');
  });
});

describe('cells of a declared column', () => {
  const columns = defineColumns([
    { key: 'hh', type: 'integer', header: { fr: 'Ménages', en: 'Households' }, min: 0, required: true },
    { key: 'name', type: 'text', header: { fr: 'Nom', en: 'Name' }, maxLength: 5 },
    {
      key: 'status',
      type: 'enum',
      header: { fr: 'Statut', en: 'Status' },
      options: [
        { value: 'ongoing', label: { fr: 'En cours', en: 'Ongoing' } },
        { value: 'completed', label: { fr: 'Terminé', en: 'Completed' }, aliases: ['Achevé'] },
      ],
    },
    {
      key: 'sectors',
      type: 'list',
      header: { fr: 'Secteurs', en: 'Sectors' },
      options: [
        { value: 'sante', label: { fr: 'Santé', en: 'Health' } },
        { value: 'nutrition', label: { fr: 'Nutrition', en: 'Nutrition' } },
      ],
    },
    { key: 'start', type: 'date', header: { fr: 'Début', en: 'Start' }, min: '2020-01-01' },
  ]);
  const [hh, name, status, sectors, start] = columns.map(compileColumn) as [
    ReturnType<typeof compileColumn>,
    ReturnType<typeof compileColumn>,
    ReturnType<typeof compileColumn>,
    ReturnType<typeof compileColumn>,
    ReturnType<typeof compileColumn>,
  ];

  it('requires required values and keeps whole numbers whole', () => {
    expect(problem(parseCell(hh, null, 'fr'))).toBe('required');
    expect(problem(parseCell(hh, '12,5', 'fr'))).toBe('integer_expected');
    expect(value(parseCell(hh, 12.000000000001, 'fr'))).toBe(12);
    expect(problem(parseCell(hh, '-3', 'fr'))).toBe('number_too_small');
    expect(value(parseCell(hh, '1 200', 'fr'))).toBe(1200);
  });

  it('trims text, checks its length, and restores text neutralised by an export', () => {
    expect(value(parseCell(name, '  Kéra ', 'fr'))).toBe('Kéra');
    expect(problem(parseCell(name, 'Bandiagara', 'fr'))).toBe('text_too_long');
    expect(value(parseCell(name, "'=1+1", 'fr'))).toBe('=1+1');
    expect(value(parseCell(name, "'abc", 'fr'))).toBe("'abc");
    expect(value(parseCell(name, 1234, 'fr'))).toBe('1234');
  });

  it('drops zero-width characters as forms do, and refuses writing-direction overrides and controls', () => {
    expect(value(parseCell(name, 'K\u200béra', 'fr'))).toBe('Kéra');
    expect(value(parseCell(name, '\u200b\u200b\ufeff', 'fr'))).toBeNull();
    expect(problem(parseCell(hh, '\u200b', 'fr'))).toBe('required');
    expect(problem(parseCell(name, 'a\u202efdp', 'fr'))).toBe('text_invalid_characters');
    expect(problem(parseCell(name, 'a\u0007b', 'fr'))).toBe('text_invalid_characters');
    expect(problem(parseCell(sectors, 'sante;\u2066x', 'fr'))).not.toBeNull();
    expect(value(parseCell(name, 'a\tb', 'fr'))).toBe('a\tb');
  });

  it('matches enumerations by code, label in either language or alias, accents and case ignored', () => {
    expect(value(parseCell(status, 'EN COURS', 'fr'))).toBe('ongoing');
    expect(value(parseCell(status, 'completed', 'fr'))).toBe('completed');
    expect(value(parseCell(status, 'acheve', 'fr'))).toBe('completed');
    expect(value(parseCell(status, 'Ongoing', 'en'))).toBe('ongoing');
  });

  it('suggests the closest label for a typo, in the language of the report', () => {
    const typo = parseCell(status, 'Termine', 'fr');
    expect(typo.ok).toBe(true);
    const misspelt = parseCell(status, 'Terminéé', 'fr');
    expect(misspelt.ok ? null : misspelt.problem).toEqual({ code: 'enum_did_you_mean', params: { value: 'Terminéé' }, suggestions: ['Terminé'] });
    const english = parseCell(status, 'Ongoin', 'en');
    expect(english.ok ? null : english.problem.suggestions).toEqual(['Ongoing']);
    const unrelated = parseCell(status, 'Zzz', 'fr');
    expect(unrelated.ok ? null : unrelated.problem).toEqual({ code: 'enum_unknown', params: { value: 'Zzz', allowed: 'En cours, Terminé' } });
  });

  it('splits lists on ; , | and line breaks, each item an option', () => {
    expect(value(parseCell(sectors, 'Santé; nutrition', 'fr'))).toEqual(['sante', 'nutrition']);
    expect(value(parseCell(sectors, 'Health,Nutrition\nSanté', 'fr'))).toEqual(['sante', 'nutrition']);
    expect(value(parseCell(sectors, ' ; ', 'fr'))).toBeNull();
    expect(problem(parseCell(sectors, 'Santé | Eau', 'fr'))).toBe('enum_unknown');
  });

  it('splits options on commas only where every part names an option', () => {
    const [sectorList] = defineColumns([
      { key: 'sectors', type: 'list', header: { fr: 'Secteurs', en: 'Sectors' }, options: optionsFrom(sectorCodes, sectorLabels) },
    ]).map(compileColumn);
    expect(value(parseCell(sectorList!, 'EHA (eau, hygiène, assainissement), Santé', 'fr'))).toEqual(['eha', 'sante']);
    expect(value(parseCell(sectorList!, 'Santé, Nutrition; Abris / AME', 'fr'))).toEqual(['sante', 'nutrition', 'abris_ame']);
    const typo = parseCell(sectorList!, 'Santé, Nutrtion', 'fr');
    expect(typo.ok ? null : typo.problem).toEqual({ code: 'enum_did_you_mean', params: { value: 'Nutrtion' }, suggestions: ['Nutrition'] });
  });

  it('reads a KoBoToolbox "select multiple" answer (choice names and spaces) as a list', () => {
    expect(value(parseCell(sectors, 'sante nutrition', 'fr'))).toEqual(['sante', 'nutrition']);
    expect(problem(parseCell(sectors, 'sante eau', 'fr'))).toBe('enum_did_you_mean');
  });

  it('refuses several values in a one-value column, naming them', () => {
    const several = parseCell(status, 'ongoing completed', 'en');
    expect(several.ok ? null : several.problem).toEqual({
      code: 'enum_several',
      params: { value: 'ongoing completed', values: 'Ongoing, Completed', header: 'Status' },
    });
    expect(problem(parseCell(status, 'En cours, Terminé', 'fr'))).toBe('enum_several');
    expect(value(parseCell(status, 'ongoing ongoing', 'fr'))).toBe('ongoing');
  });

  it('keeps dates within the column bounds', () => {
    expect(problem(parseCell(start, '31/12/2019', 'fr'))).toBe('date_too_early');
    expect(value(parseCell(start, '01/01/2020', 'fr'))).toBe('2020-01-01');
  });
});

describe('formula neutralisation', () => {
  it('prefixes a quote to what a spreadsheet would run, and restores the exact value', () => {
    for (const text of ['=1+1', '+223 76 00 00 00', '-5', '@SUM(A1)', '\tx', '\rx', "'=x", "''+y"]) {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text);
    }
    for (const text of ['Ségou', "'quoted", '12', '']) {
      expect(neutraliseFormula(text)).toBe(text);
      expect(restoreNeutralised(text)).toBe(text);
    }
  });
});
