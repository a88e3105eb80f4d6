import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { OutlineCollection } from '../../../shared/contracts/dashboard.ts';

/** Mali's ISO 3166-1 numeric code, the feature id in Natural Earth's countries. */
const maliIsoNumeric = '466';

/** About 100 m: far finer than a country-wide map needs, and a third of the bytes. */
const round = (value: number) => Math.round(value * 1000) / 1000;

function rounded(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const ring = (positions: Position[]) => positions.map(([lon, lat]) => [round(lon!), round(lat!)]);
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) };
}

let outline: OutlineCollection | undefined;

/**
 * Mali's outline from Natural Earth (public domain) via the world-atlas package, cut out of the
 * world file once on the server: only this one country ever reaches a browser or a brief. It is
 * what maps draw when no admin boundaries have been imported.
 */
export function maliOutline(): OutlineCollection {
  if (!outline) {
    const file = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    const world = JSON.parse(fs.readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    const countries = feature(world, world.objects.countries);
    const mali = countries.features.find((f) => String(f.id) === maliIsoNumeric);
    const geometry = mali?.geometry;
    if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) throw new Error('Mali missing from world-atlas');
    outline = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: 'ML', properties: { pcode: 'ML', name: 'Mali' }, geometry: rounded(geometry) }],
    };
  }
  return outline;
}

/** [minLon, minLat, maxLon, maxLat] of Mali's outline. */
export function maliBbox(): [number, number, number, number] {
  const geometry = maliOutline().features[0]!.geometry as Polygon | MultiPolygon;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    for (const [lon, lat] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], lon!);
      box[1] = Math.min(box[1], lat!);
      box[2] = Math.max(box[2], lon!);
      box[3] = Math.max(box[3], lat!);
    }
  }
  return box;
}
