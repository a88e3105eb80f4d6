import { describe, expect, it } from 'vitest';
import { dateLevel, jaroWinkler, withinOneEdit } from './compare.ts';
import { Comparator, F_BIRTH, F_NAME, F_PHONE, F_PLACE, F_SEX, F_SIZE, F_SPOUSE, newDetail } from './comparison.ts';
import { linkHouseholds } from './engine.ts';
import { type HouseholdFields, readHousehold } from './household.ts';
import { HouseholdStore } from './store.ts';

function storeOf(rows: HouseholdFields[]): HouseholdStore {
  const store = new HouseholdStore();
  rows.forEach((row, r) => store.add(`t:${r}`, 0, readHousehold(row, '2025-06-01').record));
  store.seal();
  return store;
}

function compare(a: HouseholdFields, b: HouseholdFields) {
  const detail = newDetail();
  new Comparator(storeOf([a, b])).compare(0, 1, detail);
  return detail;
}

describe('string comparisons', () => {
  it('Jaro–Winkler ranks transliterations of one name above different names', () => {
    expect(jaroWinkler('coulibaly', 'coulibali')).toBeGreaterThan(0.95);
    expect(jaroWinkler('dembele', 'dembelle')).toBeGreaterThan(0.9);
    expect(jaroWinkler('traore', 'toure')).toBeLessThan(0.88);
    expect(jaroWinkler('', 'a')).toBe(0);
    expect(jaroWinkler('maiga', 'maiga')).toBe(1);
  });

  it('one edit: a slip, a missing letter or two swapped neighbours', () => {
    expect(withinOneEdit('12345678', '12345679')).toBe(true);
    expect(withinOneEdit('12345678', '1234578')).toBe(true);
    expect(withinOneEdit('12345678', '12354678')).toBe(true);
    expect(withinOneEdit('12345678', '12354687')).toBe(false);
  });

  it('dates: equal, one slip or day and month swapped, or different', () => {
    expect(dateLevel(19850312, 19850312)).toBe(2);
    expect(dateLevel(19850312, 19850313)).toBe(1);
    expect(dateLevel(19850312, 19851203)).toBe(1);
    expect(dateLevel(19850312, 19910704)).toBe(0);
  });
});

describe('household comparison on Malian examples', () => {
  it('names agree whatever the spelling, particles, accents and column order', () => {
    expect(compare({ fullName: 'TRAORE Moussa' }, { familyName: 'Traoré', givenNames: 'Moussa' }).levels[F_NAME]).toBe(6);
    expect(compare({ fullName: 'Mohamed Ag Alhassane' }, { fullName: 'Mohamed Alhassane' }).levels[F_NAME]).toBe(6);
    expect(compare({ familyName: 'Maïga', givenNames: 'Aïssata' }, { familyName: 'Mahiga', givenNames: 'Assa' }).levels[F_NAME]).toBe(5);
    expect(compare({ familyName: 'Cissé', givenNames: 'Mamadou' }, { familyName: 'Mohamed', givenNames: 'Sissé' }).levels[F_NAME]).toBe(5);
    expect(compare({ fullName: 'Mamadoutraore' }, { fullName: 'Mamadou Traoré' }).levels[F_NAME]).toBe(5);
    expect(compare({ familyName: 'Coulibaly', givenNames: 'Fatoumata' }, { familyName: 'Coulibali', givenNames: 'Fanta' }).levels[F_NAME]).toBe(5);
    expect(compare({ familyName: 'Coulibaly', givenNames: 'Fatoumata' }, { familyName: 'Coulibaby', givenNames: 'Fanta' }).levels[F_NAME]).toBe(4);
  });

  it('a missing word, another given name, or no word in common', () => {
    expect(compare({ familyName: 'Diallo', givenNames: 'Oumar' }, { fullName: 'Oumar Jallo Boubacar' }).levels[F_NAME]).toBe(3);
    expect(compare({ familyName: 'Diallo', givenNames: 'Oumar' }, { familyName: 'Diallo', givenNames: 'Hamidou' }).levels[F_NAME]).toBe(1);
    expect(compare({ familyName: 'Diallo', givenNames: 'Oumar' }, { familyName: 'Keïta', givenNames: 'Salif' }).levels[F_NAME]).toBe(0);
  });

  it('two given names the dictionary tells apart are never a slip of the pen; a slip in the sound still is', () => {
    // Amadou and Mamadou, Hamidou and Amadou are close in spelling but are other persons' names.
    expect(compare({ familyName: 'Ag Assaleh', givenNames: 'Mamadou' }, { familyName: 'Ag Assaleh', givenNames: 'Amadou' }).levels[F_NAME]).toBe(1);
    expect(compare({ familyName: 'Haïdara', givenNames: 'Amadou' }, { familyName: 'Haidara', givenNames: 'Hamidou' }).levels[F_NAME]).toBe(1);
    // Couloubaly is a slip from Koulibaly once both are heard (Kulubali, Kulibali).
    expect(compare({ familyName: 'Koulibaly', givenNames: 'Sitane' }, { familyName: 'Couloubaly', givenNames: 'Sitan' }).levels[F_NAME]).toBeGreaterThanOrEqual(4);
    expect(compare({ fullName: 'AG ELMEHDI Abdoulaye' }, { fullName: 'Abdoulaye AG El Mehdi' }).levels[F_NAME]).toBe(6);
    expect(compare({ fullName: 'Souleymanetraore' }, { fullName: 'Souleymane Traoré' }).levels[F_NAME]).toBe(5);
  });

  it('ages compare as birth years with a year of tolerance; phones on their last 8 digits', () => {
    const detail = compare({ fullName: 'Awa Keita', age: '40 ans', phone: '+223 76 12 34 56', sex: 'F' }, { fullName: 'Awa Keïta', birthDate: '1984', phone: '76123456', sex: 'Féminin' });
    expect(detail.levels[F_BIRTH]).toBe(2);
    expect(detail.levels[F_PHONE]).toBe(1);
    expect(detail.levels[F_SEX]).toBe(1);
  });

  it('household sizes a member apart agree; villages compare by code or by name, a slip allowed', () => {
    expect(compare({ fullName: 'Awa Keita', householdSize: 7 }, { fullName: 'Awa Keita', householdSize: 8 }).levels[F_SIZE]).toBe(2);
    expect(compare({ fullName: 'Awa Keita', householdSize: 7 }, { fullName: 'Awa Keita', householdSize: 2 }).levels[F_SIZE]).toBe(0);
    expect(compare({ fullName: 'Awa Keita', localityName: 'Sévaré' }, { fullName: 'Awa Keita', localityName: 'SEVARE' }).levels[F_PLACE]).toBe(3);
    expect(compare({ fullName: 'Awa Keita', localityName: 'Ouoromanabougou' }, { fullName: 'Awa Keita', localityName: 'Ouoromanabougu' }).levels[F_PLACE]).toBe(3);
    expect(compare({ fullName: 'Awa Keita', localityName: 'Sévaré', adm3Name: 'Socoura' }, { fullName: 'Awa Keita', localityName: 'Fatoma', adm3Name: 'Socoura' }).levels[F_PLACE]).toBe(2);
    expect(compare({ fullName: 'Awa Keita', localityCode: 'ML0503001' }, { fullName: 'Awa Keita', localityCode: 'ML0601002' }).levels[F_PLACE]).toBe(0);
  });

  it('a father and his son of the same name are two generations apart', () => {
    const detail = compare({ fullName: 'Bakary Sangaré', age: 62 }, { fullName: 'Bakary Sangaré', age: 30 });
    expect(detail.levels[F_NAME]).toBe(6);
    expect(detail.generationApart).toBe(true);
  });

  it('the wife registered as head in one list and the husband in the other is found through the spouse columns', () => {
    const detail = compare(
      { fullName: 'Ibrahim Touré', spouseName: 'Kadiatou Sow', sex: 'M', age: 50 },
      { fullName: 'Kadidia Sow', spouseName: 'Ibrahima Toure', sex: 'F', age: 41 },
    );
    expect(detail.crossed).toBe(true);
    expect(detail.levels[F_NAME]).toBeGreaterThanOrEqual(5);
    expect(detail.levels[F_SPOUSE]).toBe(2);
    expect(detail.levels[F_SEX]).toBe(-1);
    expect(detail.levels[F_BIRTH]).toBe(-1);
  });

  it('co-wives heading two households share their husband but not their names', () => {
    const detail = compare({ fullName: 'Mariam Coulibaly', spouseName: 'Seydou Diarra' }, { fullName: 'Rokia Dembélé', spouseName: 'Seydou Diarra' });
    expect(detail.crossed).toBe(false);
    expect(detail.levels[F_NAME]).toBe(0);
    expect(detail.levels[F_SPOUSE]).toBe(2);
  });
});

describe('linkHouseholds', () => {
  const base: HouseholdFields[] = [];
  const family = ['Traoré', 'Coulibaly', 'Diallo', 'Maïga', 'Keïta', 'Cissé', 'Sangaré', 'Dembélé', 'Touré', 'Konaté', 'Ag Alhassane', 'Ould Sidi', 'Tangara', 'Samaké'];
  const given = ['Moussa', 'Fatoumata', 'Aminata', 'Oumar', 'Ibrahim', 'Hawa', 'Souleymane', 'Mariam', 'Boubacar', 'Kadiatou', 'Adama', 'Salif'];
  for (let k = 0; k < 120; k++) {
    base.push({
      familyName: family[k % family.length],
      givenNames: given[(k * 7) % given.length],
      age: String(20 + ((k * 13) % 50)),
      phone: `76${String(100000 + k * 37).padStart(6, '0')}`,
      sex: k % 2 === 0 ? 'M' : 'F',
      localityName: `Village ${k % 9}`,
      adm3Name: 'Sévaré',
    });
  }
  // The same households in a second list, spelt otherwise, some with a new SIM card.
  const second: HouseholdFields[] = base.slice(0, 60).map((row, k) => ({
    fullName: `${String(row.givenNames).toUpperCase()} ${String(row.familyName).replace('ï', 'i').replace('é', 'e')}`,
    birthDate: String(2025 - Number(row.age)),
    phone: k % 10 === 0 ? '65000000' : `+223 ${String(row.phone)}`,
    sex: row.sex,
    localityName: row.localityName,
    adm3Name: row.adm3Name,
  }));

  it('finds the same households across lists, keeps namesakes apart, and gives stable cluster ids', () => {
    const store = storeOf([...base, ...second]);
    const result = linkHouseholds(store);
    const matches = result.pairs.filter((p) => p.decision === 'match');
    const correct = matches.filter((p) => p.b === p.a + 120).length;
    expect(correct).toBeGreaterThanOrEqual(54);
    expect(matches.length - correct).toBeLessThanOrEqual(2);
    const again = linkHouseholds(storeOf([...base, ...second]));
    expect([...again.clusterOf].map(again.clusterId)).toEqual([...result.clusterOf].map(result.clusterId));
  });

  it('applies the custodian decisions: different never joins, same always does', () => {
    const store = storeOf([...base, ...second]);
    const result = linkHouseholds(store, { decisions: [{ a: 't:0', b: 't:120', same: false }, { a: 't:1', b: 't:5', same: true }] });
    expect(result.clusterOf[0]).not.toBe(result.clusterOf[120]);
    expect(result.clusterOf[1]).toBe(result.clusterOf[5]);
  });
});
