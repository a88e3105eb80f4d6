import type { BoundaryProperties } from '../../../../shared/contracts/gazetteer.ts';
import type { AreaIndex } from '../area-index.ts';
import { type AreaGeometry, asAreaGeometry, type Bbox, bboxOf } from '../geometry.ts';
import { isPcode, normalisePcode } from '../pcode.ts';
import { headerKey } from './csv-table.ts';
import type { RowErrors } from './row-errors.ts';

export interface AreaRecord {
  pcode: string;
  name: string;
  level: number;
  parentPcode: string | null;
  geometry?: AreaGeometry;
  bbox?: Bbox;
}

/**
 * Property names each publisher uses, best first: OCHA COD (`admin1Pcod`, `ADM1_PCODE`,
 * `ADM1_FR`), geoBoundaries (`shapeISO`, `shapeName`), then plain ones.
 */
export function propertyCandidates(level: number) {
  const up = level - 1;
  return {
    pcode: [`admin${level}Pcode`, `admin${level}Pcod`, `ADM${level}_PCODE`, `adm${level}_pcode`, 'shapeISO', 'pcode'],
    name: [`admin${level}Name_fr`, `admin${level}Name`, `ADM${level}_FR`, `adm${level}_name`, `ADM${level}_EN`, 'shapeName', 'name', 'nom'],
    parent: up >= 1 ? [`admin${up}Pcode`, `admin${up}Pcod`, `ADM${up}_PCODE`, `adm${up}_pcode`, 'parent_pcode'] : [],
  };
}

type Field = 'pcode' | 'name' | 'parent';

function findProperty(available: string[], wanted: string[]): string | undefined {
  const byKey = new Map(available.map((p) => [headerKey(p), p]));
  for (const name of wanted) {
    const found = byKey.get(headerKey(name));
    if (found) return found;
  }
  return undefined;
}

interface FeatureLike {
  properties: Record<string, unknown>;
  geometry: unknown;
}

function featuresOf(data: unknown): FeatureLike[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { type, features } = data as { type?: unknown; features?: unknown };
  if (type !== 'FeatureCollection' || !Array.isArray(features)) return undefined;
  return features.map((f) => {
    const feature = (typeof f === 'object' && f !== null ? f : {}) as { properties?: unknown; geometry?: unknown };
    const properties = typeof feature.properties === 'object' && feature.properties !== null ? (feature.properties as Record<string, unknown>) : {};
    return { properties, geometry: feature.geometry };
  });
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value).trim());

/**
 * Checks every feature of a boundary file of one level against the gazetteer (parents must
 * already be there, one level up) and returns the areas to write. Row numbers are feature
 * numbers from 1; problems with the whole file are on row 0.
 */
export function checkBoundaryFeatures(
  data: unknown,
  options: BoundaryProperties & { level: number },
  index: AreaIndex,
  errors: RowErrors,
): { records: AreaRecord[]; rows: number; mapping: Record<string, string> } {
  const { level } = options;
  const features = featuresOf(data);
  if (!features) {
    errors.add(0, 'geojson_invalid');
    return { records: [], rows: 0, mapping: {} };
  }
  if (features.length === 0) {
    errors.add(0, 'file_empty');
    return { records: [], rows: 0, mapping: {} };
  }

  const available = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const candidates = propertyCandidates(level);
  const mapping: Record<string, string> = {};
  const choose = (field: Field, explicit: string | undefined, required: boolean) => {
    const found = findProperty(available, explicit ? [explicit] : candidates[field]);
    if (found) mapping[field] = found;
    else if (required) errors.add(0, 'property_missing', field, `${explicit ?? candidates[field][0]} ? (${available.join(', ')})`);
    return found;
  };
  const pcodeProperty = choose('pcode', options.pcodeProperty, true);
  const nameProperty = choose('name', options.nameProperty, true);
  const parentProperty = level > 1 ? choose('parent', options.parentProperty, true) : undefined;
  if (!pcodeProperty || !nameProperty || (level > 1 && !parentProperty)) return { records: [], rows: features.length, mapping };

  const seen = new Set<string>();
  const records: AreaRecord[] = [];
  features.forEach((feature, i) => {
    const row = i + 1;
    const before = errors.count;
    const rawPcode = text(feature.properties[pcodeProperty]);
    const pcode = normalisePcode(rawPcode);
    const name = text(feature.properties[nameProperty]);
    if (!pcode) errors.add(row, 'pcode_missing', pcodeProperty);
    else if (!isPcode(pcode)) errors.add(row, 'pcode_invalid', pcodeProperty, rawPcode);
    else if (seen.has(pcode)) errors.add(row, 'pcode_duplicate', pcodeProperty, pcode);
    else if (index.has(pcode) && index.get(pcode)!.level !== level) errors.add(row, 'level_conflict', pcodeProperty, pcode);
    if (pcode) seen.add(pcode);
    if (!name) errors.add(row, 'name_missing', nameProperty);

    let parentPcode: string | null = null;
    if (parentProperty) {
      const rawParent = text(feature.properties[parentProperty]);
      parentPcode = normalisePcode(rawParent);
      const parent = index.get(parentPcode);
      if (!parentPcode) errors.add(row, 'parent_missing', parentProperty);
      else if (!isPcode(parentPcode)) errors.add(row, 'pcode_invalid', parentProperty, rawParent);
      else if (!parent) errors.add(row, 'parent_unknown', parentProperty, parentPcode);
      else if (parent.level !== level - 1) errors.add(row, 'parent_level', parentProperty, parentPcode);
      else if (isPcode(pcode) && !pcode.startsWith(parentPcode)) errors.add(row, 'pcode_parent_mismatch', pcodeProperty, `${pcode} / ${parentPcode}`);
    }

    const geometry = asAreaGeometry(feature.geometry);
    if (!geometry) errors.add(row, 'geometry_invalid', 'geometry', text((feature.geometry as { type?: unknown } | null)?.type) || null);

    if (errors.count === before && geometry) records.push({ pcode, name, level, parentPcode, geometry, bbox: bboxOf(geometry) });
  });
  return { records, rows: features.length, mapping };
}
