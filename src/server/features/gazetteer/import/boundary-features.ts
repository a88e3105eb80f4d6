import type { BoundaryProperties } from '../../../../shared/contracts/gazetteer.ts';
import type { AreaIndex } from '../area-index.ts';
import { type AreaGeometry, asAreaGeometry, type Bbox, bboxOf } from '../geometry.ts';
import { isPcode, normalisePcode } from '../pcode.ts';
import type { ImportMessageCode } from '../../../../shared/import-messages.ts';
import { searchKey } from '../../../../shared/text.ts';
import { type IssueList, valueText } from '../../../lib/tabular/issues.ts';

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

/** "ADM1_PCODE", "adm1 pcode" and "Adm1-PCode" are the same property. */
const propertyKey = (name: string) => searchKey(name).replaceAll(' ', '');

function findProperty(available: string[], wanted: string[]): string | undefined {
  const byKey = new Map(available.map((p) => [propertyKey(p), p]));
  for (const name of wanted) {
    const found = byKey.get(propertyKey(name));
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

/** A property as text: numbers as written, anything else that is not text as JSON (never "[object Object]"). */
function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

/** A problem of a feature (its number from 1 as the row) or of the whole file (row null), in the platform's import issues. */
export function addFeatureIssue(
  issues: IssueList,
  row: number | null,
  code: ImportMessageCode,
  column: string | null = null,
  value: string | null = null,
): void {
  issues.add({ row, column, header: column, value: valueText(value || null), code, severity: 'error' });
}

/**
 * Checks every feature of a boundary file of one level against the gazetteer (parents must
 * already be there, one level up) and returns the areas to write. Row numbers are feature
 * numbers from 1.
 */
export function checkBoundaryFeatures(
  data: unknown,
  options: BoundaryProperties & { level: number },
  index: AreaIndex,
  issues: IssueList,
): { records: AreaRecord[]; rows: number; mapping: Record<string, string> } {
  const { level } = options;
  const add = (row: number | null, code: ImportMessageCode, column: string | null = null, value: string | null = null) =>
    addFeatureIssue(issues, row, code, column, value);
  const features = featuresOf(data);
  if (!features) {
    add(null, 'geojson_invalid');
    return { records: [], rows: 0, mapping: {} };
  }
  if (features.length === 0) {
    add(null, 'file_empty');
    return { records: [], rows: 0, mapping: {} };
  }

  const available = [...new Set(features.flatMap((f) => Object.keys(f.properties)))];
  const candidates = propertyCandidates(level);
  const mapping: Record<string, string> = {};
  const choose = (field: Field, explicit: string | undefined, required: boolean) => {
    const found = findProperty(available, explicit ? [explicit] : candidates[field]);
    if (found) mapping[field] = found;
    else if (required) add(null, 'property_missing', field, `${explicit ?? candidates[field][0] ?? ''} ? (${available.join(', ')})`);
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
    const before = issues.errors;
    const rawPcode = text(feature.properties[pcodeProperty]);
    const pcode = normalisePcode(rawPcode);
    const name = text(feature.properties[nameProperty]);
    if (!pcode) add(row, 'pcode_missing', pcodeProperty);
    else if (!isPcode(pcode)) add(row, 'pcode_invalid', pcodeProperty, rawPcode);
    else if (seen.has(pcode)) add(row, 'pcode_duplicate', pcodeProperty, pcode);
    else if (index.has(pcode) && index.get(pcode)!.level !== level) add(row, 'level_conflict', pcodeProperty, pcode);
    if (pcode) seen.add(pcode);
    if (!name) add(row, 'name_missing', nameProperty);

    let parentPcode: string | null = null;
    if (parentProperty) {
      const rawParent = text(feature.properties[parentProperty]);
      parentPcode = normalisePcode(rawParent);
      const parent = index.get(parentPcode);
      if (!parentPcode) add(row, 'parent_missing', parentProperty);
      else if (!isPcode(parentPcode)) add(row, 'pcode_invalid', parentProperty, rawParent);
      else if (!parent) add(row, 'parent_unknown', parentProperty, parentPcode);
      else if (parent.level !== level - 1) add(row, 'parent_level', parentProperty, parentPcode);
      else if (isPcode(pcode) && !pcode.startsWith(parentPcode)) add(row, 'pcode_parent_mismatch', pcodeProperty, `${pcode} / ${parentPcode}`);
    }

    const geometry = asAreaGeometry(feature.geometry);
    if (!geometry) add(row, 'geometry_invalid', 'geometry', text((feature.geometry as { type?: unknown } | null)?.type) || null);

    if (issues.errors === before && geometry) records.push({ pcode, name, level, parentPcode, geometry, bbox: bboxOf(geometry) });
  });
  return { records, rows: features.length, mapping };
}
