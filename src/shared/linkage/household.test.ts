import { describe, expect, it } from 'vitest';
import { personName, readHousehold } from './household.ts';

describe('personName', () => {
  it('takes family and given names from their own columns', () => {
    expect(personName(null, 'Traoré', 'Moussa')).toEqual({ full: 'Moussa Traoré', family: 'Traoré', given: 'Moussa' });
  });

  it('finds the family name in capitals in a full-name column, in either order', () => {
    expect(personName('TRAORE Moussa', null, null)).toEqual({ full: 'TRAORE Moussa', family: 'TRAORE', given: 'Moussa' });
    expect(personName('Moussa TRAORE', null, null)).toEqual({ full: 'Moussa TRAORE', family: 'TRAORE', given: 'Moussa' });
  });

  it('leaves the parts unknown when the full name does not tell them', () => {
    expect(personName('Moussa Traoré', null, null)).toEqual({ full: 'Moussa Traoré', family: null, given: null });
  });

  it('reads a "name" column beside a given-name column as the family name', () => {
    expect(personName('Traoré', null, 'Moussa')).toEqual({ full: 'Traoré Moussa', family: 'Traoré', given: 'Moussa' });
    expect(personName('Moussa Traoré', null, 'Moussa')).toEqual({ full: 'Moussa Traoré', family: 'Traoré', given: 'Moussa' });
  });

  it('gives nothing for empty or placeholder cells', () => {
    expect(personName(null, ' ', 'Néant')).toBeNull();
  });
});

describe('readHousehold', () => {
  it('normalises a row of an NGO list', () => {
    const { record, problems } = readHousehold(
      {
        fullName: 'COULIBALY Aminata',
        sex: 'F',
        age: '34 ANS',
        phone: '+223 76 12 34 56 / 66 00 11 22',
        nina: '1 23 45 678 901 23 K',
        householdSize: 7,
        status: 'PDI',
        adm3Code: 'ml0503 01',
        localityName: 'Sévaré',
        spouseName: 'Traoré',
        spouseGivenNames: 'Moussa',
      },
      '2025-03-15',
    );
    expect(problems).toEqual([]);
    expect(record).toEqual({
      head: { full: 'COULIBALY Aminata', family: 'COULIBALY', given: 'Aminata' },
      sex: 'f',
      birthYear: { year: 1991, fromAge: true },
      phones: ['76123456', '66001122'],
      nina: '1234567890123K',
      idNumber: null,
      householdSize: 7,
      status: 'idp',
      region: null,
      cercle: null,
      commune: { code: 'ML050301', name: null },
      locality: { code: null, name: 'Sévaré' },
      address: null,
      spouses: [{ full: 'Traoré Moussa', family: 'Traoré', given: 'Moussa' }],
    });
  });

  it('prefers a birth date to an age, and reports unreadable values without losing the row', () => {
    const { record, problems } = readHousehold({ familyName: 'Maïga', givenNames: 'Hamadoun', age: '45', birthDate: 'vers 1978', phone: '1234', sex: 'Z' }, '2025-01-01');
    expect(record.birthYear).toEqual({ year: 1978, fromAge: false });
    expect(record.phones).toEqual([]);
    expect(record.sex).toBeNull();
    expect(problems).toEqual([
      { field: 'phone', code: 'phone_invalid' },
      { field: 'sex', code: 'sex_invalid' },
    ]);
  });

  it('counts ages back from the list date, so lists years apart agree', () => {
    const early = readHousehold({ fullName: 'Moussa Traoré', age: 40 }, '2022-06-01').record.birthYear;
    const late = readHousehold({ fullName: 'Moussa Traoré', age: 43 }, '2025-06-01').record.birthYear;
    expect(early).toEqual(late);
  });
});
