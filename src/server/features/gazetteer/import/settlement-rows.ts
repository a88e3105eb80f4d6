import type { LocalityKind } from '../../../../shared/contracts/gazetteer.ts';
import { type AdminChain, type AreaIndex, chainOf, noChain } from '../area-index.ts';
import { isPcode, normalisePcode } from '../pcode.ts';
import type { ColumnSpec, CsvRow } from './csv-table.ts';
import type { RowErrors } from './row-errors.ts';

export type SettlementField = 'name' | 'pcode' | 'class' | 'adm1_pcode' | 'adm2_pcode' | 'adm3_pcode' | 'lon' | 'lat';

/** The OCHA populated places list; admin names are not read: the P-codes say it all. */
export const settlementColumns: readonly ColumnSpec<SettlementField>[] = [
  { field: 'name', names: ['name', 'nom', 'featurename', 'loc_name', '#loc+name'], required: true },
  { field: 'pcode', names: ['pcode', 'loc_pcode', 'code p', 'code', '#loc+code'], required: true },
  { field: 'class', names: ['class', 'classe', 'type'], required: false },
  { field: 'adm1_pcode', names: ['adm1_pcode', 'admin1Pcode', 'admin1Pcod', '#adm1+code'], required: false },
  { field: 'adm2_pcode', names: ['adm2_pcode', 'admin2Pcode', 'admin2Pcod', '#adm2+code'], required: false },
  { field: 'adm3_pcode', names: ['adm3_pcode', 'admin3Pcode', 'admin3Pcod', '#adm3+code'], required: false },
  { field: 'lon', names: ['lon', 'long', 'longitude', 'x', '#geo+lon'], required: false },
  { field: 'lat', names: ['lat', 'latitude', 'y', '#geo+lat'], required: false },
];

export interface LocalityRecord extends AdminChain {
  pcode: string;
  name: string;
  kind: LocalityKind;
  lat: number | null;
  lon: number | null;
}

/** OCHA settlement classes: 1 capital, 2 regional capital, 3 cercle seat, 4 commune seat, 5 village. */
function kindOfClass(value: string): LocalityKind {
  const settlementClass = Number.parseInt(value, 10);
  return settlementClass >= 1 && settlementClass <= 3 ? 'town' : 'village';
}

/** "14,63" (a French spreadsheet) and "14.63" are the same number. */
export function parseCoordinate(value: string): number {
  const normalised = value.includes('.') ? value : value.replace(',', '.');
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(normalised) ? Number(normalised) : Number.NaN;
}

/** Checks the rows of a settlements list one at a time (the file is streamed) against the gazetteer's areas. */
export class SettlementRows {
  private readonly seen = new Set<string>();

  constructor(
    private readonly index: AreaIndex,
    private readonly errors: RowErrors,
  ) {}

  check(row: CsvRow<SettlementField>): LocalityRecord | undefined {
    const { errors } = this;
    const before = errors.count;
    const name = row.value('name');
    const rawPcode = row.value('pcode');
    const pcode = normalisePcode(rawPcode);
    if (!name) errors.add(row.line, 'name_missing', 'name');
    if (!pcode) errors.add(row.line, 'pcode_missing', 'pcode');
    else if (!isPcode(pcode)) errors.add(row.line, 'pcode_invalid', 'pcode', rawPcode);
    else if (this.seen.has(pcode)) errors.add(row.line, 'pcode_duplicate', 'pcode', pcode);
    if (pcode) this.seen.add(pcode);

    const chain = this.chainOf(row);
    const coordinates = this.coordinatesOf(row);
    if (errors.count > before || !chain || !coordinates) return undefined;
    return { pcode, name, kind: kindOfClass(row.value('class')), ...chain, ...coordinates };
  }

  /** The admin areas the row names, completed upwards from the deepest one; they must nest. */
  private chainOf(row: CsvRow<SettlementField>): AdminChain | undefined {
    const given: (string | null)[] = [];
    let deepest: string | null = null;
    for (const level of [1, 2, 3] as const) {
      const column = `adm${level}_pcode` as const;
      const raw = row.value(column);
      const pcode = normalisePcode(raw) || null;
      given.push(pcode);
      if (!pcode) continue;
      if (!isPcode(pcode)) {
        this.errors.add(row.line, 'pcode_invalid', column, raw);
        return undefined;
      }
      if (this.index.get(pcode)?.level !== level) {
        this.errors.add(row.line, 'admin_unknown', column, pcode);
        return undefined;
      }
      deepest = pcode;
    }
    if (!deepest) return { ...noChain };
    const chain = chainOf(this.index, deepest);
    const nested = [chain.adm1, chain.adm2, chain.adm3].every((pcode, i) => given[i] === null || given[i] === pcode);
    if (!nested) {
      this.errors.add(row.line, 'admin_chain_mismatch', 'adm1_pcode', given.filter(Boolean).join(' / '));
      return undefined;
    }
    return chain;
  }

  private coordinatesOf(row: CsvRow<SettlementField>): { lat: number | null; lon: number | null } | undefined {
    const rawLon = row.value('lon');
    const rawLat = row.value('lat');
    if (!rawLon && !rawLat) return { lat: null, lon: null };
    const lon = parseCoordinate(rawLon);
    const lat = parseCoordinate(rawLat);
    if (!(Math.abs(lon) <= 180)) {
      this.errors.add(row.line, 'coordinates_invalid', 'lon', rawLon);
      return undefined;
    }
    if (!(Math.abs(lat) <= 90)) {
      this.errors.add(row.line, 'coordinates_invalid', 'lat', rawLat);
      return undefined;
    }
    return { lat, lon };
  }
}
