import { describe, expect, it } from 'vitest';
import { readAge, readBirthDate, readNina, readPhones, readSex, readStatus } from './values.ts';

const value = <T>(reading: { ok: true; value: T | null } | { ok: false; code: string }) => (reading.ok ? reading.value : `refused: ${reading.code}`);

describe('readPhones', () => {
  it('keeps the last 8 digits whatever the prefix and spacing', () => {
    for (const written of ['+223 76 12 34 56', '00223 76123456', '22376123456', '76 12 34 56', '76-12-34-56', '76.12.34.56', '(+223) 76 12 34 56']) {
      expect(value(readPhones(written)), written).toEqual(['76123456']);
    }
    expect(value(readPhones(76123456))).toEqual(['76123456']);
    expect(value(readPhones(22376123456))).toEqual(['76123456']);
  });

  it('reads several numbers in one cell', () => {
    expect(value(readPhones('76 12 34 56 / 66 12 34 56'))).toEqual(['76123456', '66123456']);
    expect(value(readPhones('7612345666123456'))).toEqual(['76123456', '66123456']);
    expect(value(readPhones('76123456; 76123456'))).toEqual(['76123456']);
  });

  it('compares foreign numbers on their last 8 digits too', () => {
    expect(value(readPhones('+226 70 12 34 56'))).toEqual(['70123456']);
  });

  it('treats placeholders as empty and refuses short numbers', () => {
    expect(value(readPhones('Néant'))).toBeNull();
    expect(value(readPhones(''))).toBeNull();
    expect(value(readPhones('pas de téléphone 76 12'))).toBe('refused: phone_invalid');
    expect(value(readPhones('7612345'))).toBe('refused: phone_invalid');
  });
});

describe('readAge', () => {
  it('reads ages as Malian lists write them, as birth years counted back from the list date', () => {
    for (const written of ['21', '21 ANS', '21 ans', '21ans', 'environ 21 ans', '21 ans environ', '± 21', '21,5 ans', 'Age 21']) {
      expect(value(readAge(written, 2025)), written).toEqual({ year: 2004, fromAge: true });
    }
    expect(value(readAge(21, 2025))).toEqual({ year: 2004, fromAge: true });
    expect(value(readAge('60 et plus', 2025))).toEqual({ year: 1965, fromAge: true });
    expect(value(readAge('6 mois', 2025))).toEqual({ year: 2025, fromAge: true });
  });

  it('takes a year typed in the age column as the birth year', () => {
    expect(value(readAge('1984', 2025))).toEqual({ year: 1984, fromAge: false });
    expect(value(readAge(1984, 2025))).toEqual({ year: 1984, fromAge: false });
  });

  it('refuses what is not an age', () => {
    expect(value(readAge('vieux', 2025))).toBe('refused: age_invalid');
    expect(value(readAge('150', 2025))).toBe('refused: age_invalid');
    expect(value(readAge('2030', 2025))).toBe('refused: age_invalid');
    expect(value(readAge('', 2025))).toBeNull();
  });
});

describe('readBirthDate', () => {
  it('reads years, approximate years, full and partial dates and Excel serials', () => {
    const cases: [string | number, number][] = [
      ['1985', 1985],
      ['vers 1985', 1985],
      ['né vers 1985', 1985],
      ['Née en 1985', 1985],
      ['v. 1985', 1985],
      ['12/03/1985', 1985],
      ['00/00/1985', 1985],
      ['xx/xx/1985', 1985],
      ['1/3/85', 1985],
      ['1985-03-12', 1985],
      [1985, 1985],
      [31118, 1985],
      ['31118', 1985],
    ];
    for (const [written, year] of cases) expect(value(readBirthDate(written, 2025)), String(written)).toMatchObject({ year, fromAge: false });
  });

  it('keeps the full date when the day and month are known (YYYYMMDD too, as FEBRL writes it)', () => {
    expect(value(readBirthDate('12/03/1985', 2025))).toEqual({ year: 1985, fromAge: false, date: '1985-03-12' });
    expect(value(readBirthDate('1985-03-12', 2025))).toEqual({ year: 1985, fromAge: false, date: '1985-03-12' });
    expect(value(readBirthDate('19850312', 2025))).toEqual({ year: 1985, fromAge: false, date: '1985-03-12' });
    expect(value(readBirthDate(19850312, 2025))).toEqual({ year: 1985, fromAge: false, date: '1985-03-12' });
    expect(value(readBirthDate('00/00/1985', 2025))).toEqual({ year: 1985, fromAge: false });
    expect(value(readBirthDate('vers 1985', 2025))).toEqual({ year: 1985, fromAge: false });
    // 1 January is how registers write "year known only".
    expect(value(readBirthDate('01/01/1985', 2025))).toEqual({ year: 1985, fromAge: false });
  });

  it('refuses impossible dates and years', () => {
    expect(value(readBirthDate('32/01/1985', 2025))).toBe('refused: birth_date_invalid');
    expect(value(readBirthDate('12/13/1985', 2025))).toBe('refused: birth_date_invalid');
    expect(value(readBirthDate('2031', 2025))).toBe('refused: birth_date_invalid');
    expect(value(readBirthDate('hier', 2025))).toBe('refused: birth_date_invalid');
  });
});

describe('readNina, readSex, readStatus', () => {
  it('reads NINA without its separators', () => {
    expect(value(readNina('1 23 45 678 901 23 K'))).toBe('1234567890123K');
    expect(value(readNina('néant'))).toBeNull();
    expect(value(readNina('ABC'))).toBe('refused: nina_invalid');
  });

  it('reads sex codes in French and English', () => {
    for (const m of ['M', 'H', 'masculin', 'Homme', 'male']) expect(value(readSex(m)), m).toBe('m');
    for (const f of ['F', 'Féminin', 'FEMININ', 'femme', 'Female']) expect(value(readSex(f)), f).toBe('f');
    expect(value(readSex('?'))).toBeNull();
    expect(value(readSex('Z'))).toBe('refused: sex_invalid');
  });

  it('reads displacement statuses', () => {
    expect(value(readStatus('PDI'))).toBe('idp');
    expect(value(readStatus('Déplacés internes'))).toBe('idp');
    expect(value(readStatus('Communauté hôte'))).toBe('host');
    expect(value(readStatus('retourné'))).toBe('returnee');
    expect(value(readStatus('nomade'))).toBe('refused: household_status_invalid');
  });
});
