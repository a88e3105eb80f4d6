import { describe, expect, it } from 'vitest';
import { readHousehold } from '../../../shared/linkage/household.ts';
import { HouseholdStore } from '../../../shared/linkage/store.ts';
import { Comparator, F_PLACE, newDetail } from '../../../shared/linkage/comparison.ts';
import { maliAdminAreas } from './admin-areas-file.ts';

describe('admin areas of a list row, completed from the COD gazetteer', () => {
  const areas = maliAdminAreas();

  it('gives a commune P-code its cercle and region', () => {
    expect(areas.complete({ adm3Code: 'ml050801', localityName: 'Wana' })).toMatchObject({ adm1Code: 'ML05', adm2Code: 'ML0508', adm3Code: 'ml050801' });
  });

  it('finds the codes of written names, with accents, case and "Commune de" as lists write them', () => {
    expect(areas.complete({ adm1Name: 'MOPTI', adm2Name: 'Ténenkou', adm3Name: 'Commune de Diafarabé' })).toMatchObject({
      adm1Code: 'ML05',
      adm2Code: 'ML0508',
      adm3Code: 'ML050801',
    });
    expect(areas.complete({ adm2Name: 'Tenenkou', adm3Name: 'Tenenkou' })).toMatchObject({ adm3Code: 'ML050808' });
  });

  it('never guesses a commune name found in several cercles, but keeps what it knows', () => {
    const completed = areas.complete({ adm3Name: 'Benkadi' });
    expect(completed.adm3Code).toBeUndefined();
    expect(areas.complete({ adm1Name: 'Atlantide', adm3Name: 'Nowhere' })).toEqual({ adm1Name: 'Atlantide', adm3Name: 'Nowhere' });
  });

  it('lets a list with P-codes and a list with names agree on the commune of a neighbouring village', () => {
    const store = new HouseholdStore();
    const rows = [
      { fullName: 'Salimata Samaké', adm3Code: 'ML050801', localityName: 'Wana' },
      { fullName: 'Salamata Samaka', adm1Name: 'Mopti', adm2Name: 'Tenenkou', adm3Name: 'Diafarabe', localityName: 'Famsala-Bamana' },
    ];
    rows.forEach((row, k) => store.add(String(k), k, readHousehold(areas.complete(row), '2025-06-01').record));
    store.seal();
    const detail = newDetail();
    new Comparator(store).compare(0, 1, detail);
    // 2: the same commune, another village (without the gazetteer: 0, "elsewhere").
    expect(detail.levels[F_PLACE]).toBe(2);
  });
});
