import fs from 'node:fs';
import path from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoint, simplifyGeometry, simplifyRing } from './geo.ts';

const cod = path.resolve(import.meta.dirname, '../../reference-data/mali-cod-2015');

describe('map geometry', () => {
  it('puts a label inside its area, a crescent too', () => {
    expect(labelPoint({ type: 'Polygon', coordinates: [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]] })).toEqual([1, 1]);
    // A U shape: its centroid falls in the notch, the label goes into one of the arms.
    const u: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]] };
    const [x, y] = labelPoint(u)!;
    expect(x! < 1 || x! > 2 || y! < 1).toBe(true);
  });

  it('simplifies a closed ring and keeps it closed, with at least four positions', () => {
    const ring = [[0, 0], [1, 0.0001], [2, 0], [2, 2], [1, 2.0001], [0, 2], [0, 0]];
    expect(simplifyRing(ring, 0.01)).toEqual([[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]);
    expect(simplifyRing([[0, 0], [1, 0], [1, 1], [0, 0]], 10)).toHaveLength(4);
  });

  it('makes the COD cercles much lighter while every one keeps its label inside', () => {
    const collection = JSON.parse(fs.readFileSync(path.join(cod, 'mli_adm2_ocha_cod2015_pcoded.geojson'), 'utf8')) as { features: { geometry: Polygon | MultiPolygon }[] };
    const before = JSON.stringify(collection.features.map((f) => f.geometry)).length;
    const simplified = collection.features.map((f) => simplifyGeometry(f.geometry, 0.01));
    const after = JSON.stringify(simplified).length;
    console.log(`COD 2015 cercles: ${before} → ${after} characters`);
    expect(after).toBeLessThan(before / 2);
    for (const geometry of simplified) expect(labelPoint(geometry)).not.toBeNull();
  });
});
