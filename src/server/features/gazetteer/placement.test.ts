import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { maliCodDir as codDir } from '../../test/reference-data.ts';
import { noChain } from './area-index.ts';
import { asAreaGeometry, bboxOf } from './geometry.ts';
import { deepestContaining } from './placement.ts';

function cercles() {
  const collection = JSON.parse(fs.readFileSync(path.join(codDir, 'mli_adm2_ocha_cod2015_pcoded.geojson'), 'utf8')) as {
    features: { properties: { admin1Pcod: string; admin2Pcod: string }; geometry: unknown }[];
  };
  return collection.features.map((f) => {
    const geometry = asAreaGeometry(f.geometry)!;
    return { level: 2, chain: { adm1: f.properties.admin1Pcod, adm2: f.properties.admin2Pcod, adm3: null }, geometry, bbox: bboxOf(geometry) };
  });
}

function settlements() {
  const [header, ...lines] = fs.readFileSync(path.join(codDir, 'mli_settlements_ocha_cod_pcoded.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(',');
  return lines.map((line) => {
    const row = Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]));
    return { adm1: row.adm1_pcode!, adm2: row.adm2_pcode!, lon: Number(row.lon), lat: Number(row.lat) };
  });
}

describe('placement with the real COD 2015 cercle boundaries', () => {
  const areas = cercles();

  it('puts nearly every settlement in the cercle the COD files it under', () => {
    const rows = settlements();
    let agree = 0;
    let placed = 0;
    for (const s of rows) {
      const candidates = areas.filter((a) => s.lon >= a.bbox[0] && s.lon <= a.bbox[2] && s.lat >= a.bbox[1] && s.lat <= a.bbox[3]);
      const chain = deepestContaining(candidates, s.lon, s.lat, noChain);
      if (chain) placed++;
      if (chain && chain.adm2 === s.adm2 && chain.adm1 === s.adm1) agree++;
    }
    // Measured: 97.7 % agree, 3 of 18,769 fall in no cercle. The boundaries are simplified
    // (0.002°) and the settlement list's filing does not always follow them, which is why an
    // import trusts the P-codes a row gives and places only the rows that give none.
    expect(agree / rows.length).toBeGreaterThan(0.97);
    expect(placed / rows.length).toBeGreaterThan(0.999);
  });

  it('only places inside what is already known of the place', () => {
    // Sévaré, in the Mopti cercle (ML0501) of the Mopti region (ML05).
    const sevare = { lon: -4.09469, lat: 14.52457 };
    expect(deepestContaining(areas, sevare.lon, sevare.lat, noChain)).toEqual({ adm1: 'ML05', adm2: 'ML0501', adm3: null });
    expect(deepestContaining(areas, sevare.lon, sevare.lat, { adm1: 'ML05', adm2: null, adm3: null })).toMatchObject({ adm2: 'ML0501' });
    expect(deepestContaining(areas, sevare.lon, sevare.lat, { adm1: 'ML07', adm2: null, adm3: null })).toBeUndefined();
    // Out at sea: nowhere.
    expect(deepestContaining(areas, -20, 14, noChain)).toBeUndefined();
  });
});
