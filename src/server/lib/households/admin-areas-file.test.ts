import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { withLocalityAreas } from '../../../shared/linkage/admin-areas.ts';
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

describe('admin areas from a resolved locality P-code (the browser, without a gazetteer)', () => {
  it('gives the codes the command line finds from the names, for every settlement of the gazetteer', () => {
    const areas = maliAdminAreas();
    const file = path.resolve(import.meta.dirname, '../../../../reference-data/mali-cod-2015/mli_settlements_ocha_cod_pcoded.csv');
    let compared = 0;
    let agreeing = 0;
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).slice(1)) {
      const [name, code, , region, , cercle, , commune] = line.split(',');
      if (!name || !code || !region || !cercle || !commune) continue;
      const written = { localityName: name, adm1Name: region, adm2Name: cercle, adm3Name: commune };
      const byNames = areas.complete(written);
      const byCode = withLocalityAreas({ localityName: name }, code);
      compared++;
      if (byNames.adm3Code === byCode.adm3Code && byNames.adm2Code === byCode.adm2Code && byNames.adm1Code === byCode.adm1Code) agreeing++;
    }
    expect(compared).toBeGreaterThan(18_000);
    // A few dozen settlements were re-coded after their commune's code (the P-code no longer nests).
    expect(agreeing / compared).toBeGreaterThan(0.99);
    expect(withLocalityAreas({ adm3Code: 'ML050801' }, 'ML050802001').adm3Code).toBe('ML050801');
    expect(withLocalityAreas({}, 'not-a-pcode')).toEqual({});
  });
});
