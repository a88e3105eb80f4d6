import type { LocalityKind } from '../../../../shared/contracts/gazetteer.ts';
import { defineColumns, type RowCheck, type RowOf } from '../../../lib/tabular/index.ts';
import { type AdminChain, type AreaIndex, chainOf, noChain } from '../area-index.ts';
import { isPcode, normalisePcode } from '../pcode.ts';

/** The OCHA populated places list (COD column names, or French ones); admin names are not read: the P-codes say it all. */
export const settlementColumns = defineColumns([
  { key: 'name', type: 'text', hxl: '#loc+name', header: { fr: 'Nom', en: 'name' }, aliases: ['featurename', 'loc_name'], required: true },
  { key: 'pcode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P', en: 'pcode' }, aliases: ['P-code', 'loc_pcode', 'code'], required: true },
  { key: 'class', type: 'text', header: { fr: 'Classe', en: 'class' }, aliases: ['type'] },
  { key: 'adm1_pcode', type: 'text', hxl: '#adm1+code', header: { fr: 'adm1_pcode', en: 'adm1_pcode' }, aliases: ['admin1Pcode', 'admin1Pcod'] },
  { key: 'adm2_pcode', type: 'text', hxl: '#adm2+code', header: { fr: 'adm2_pcode', en: 'adm2_pcode' }, aliases: ['admin2Pcode', 'admin2Pcod'] },
  { key: 'adm3_pcode', type: 'text', hxl: '#adm3+code', header: { fr: 'adm3_pcode', en: 'adm3_pcode' }, aliases: ['admin3Pcode', 'admin3Pcod'] },
  { key: 'lon', type: 'text', hxl: '#geo+lon', header: { fr: 'Longitude', en: 'lon' }, aliases: ['long', 'x'] },
  { key: 'lat', type: 'text', hxl: '#geo+lat', header: { fr: 'Latitude', en: 'lat' }, aliases: ['y'] },
]);
type SettlementRow = RowOf<typeof settlementColumns>;
type SettlementField = keyof SettlementRow;

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

/**
 * Checks the rows of a settlements list in file order against the gazetteer's areas (the
 * platform's importer streams them in; empty name and P-code cells it refuses itself). Replayed
 * over the valid rows with the same areas, it gives the records to write.
 */
export class SettlementRows {
  private readonly seen = new Set<string>();

  constructor(private readonly index: AreaIndex) {}

  check(row: SettlementRow, check: RowCheck<SettlementField>): LocalityRecord | undefined {
    const pcode = normalisePcode(row.pcode);
    const pcodeValid = isPcode(pcode) && !this.seen.has(pcode);
    if (!isPcode(pcode)) check.error('pcode_invalid', { column: 'pcode', value: row.pcode });
    else if (this.seen.has(pcode)) check.error('pcode_duplicate', { column: 'pcode', value: pcode });
    this.seen.add(pcode);

    const chain = this.chainOf(row, check);
    const coordinates = this.coordinatesOf(row, check);
    if (!pcodeValid || !chain || !coordinates) return undefined;
    return { pcode, name: row.name, kind: kindOfClass(row.class ?? ''), ...chain, ...coordinates };
  }

  /** The admin areas the row names, completed upwards from the deepest one; they must nest. */
  private chainOf(row: SettlementRow, check: RowCheck<SettlementField>): AdminChain | undefined {
    const given: (string | null)[] = [];
    let deepest: string | null = null;
    for (const level of [1, 2, 3] as const) {
      const column = `adm${level}_pcode` as const;
      const raw = row[column];
      const pcode = raw === null ? null : normalisePcode(raw) || null;
      given.push(pcode);
      if (!pcode) continue;
      if (!isPcode(pcode)) {
        check.error('pcode_invalid', { column, value: raw });
        return undefined;
      }
      if (this.index.get(pcode)?.level !== level) {
        check.error('admin_unknown', { column, value: pcode });
        return undefined;
      }
      deepest = pcode;
    }
    if (!deepest) return { ...noChain };
    const chain = chainOf(this.index, deepest);
    const nested = [chain.adm1, chain.adm2, chain.adm3].every((pcode, i) => given[i] === null || given[i] === pcode);
    if (!nested) {
      check.error('admin_chain_mismatch', { column: 'adm1_pcode', value: given.filter(Boolean).join(' / ') });
      return undefined;
    }
    return chain;
  }

  private coordinatesOf(row: SettlementRow, check: RowCheck<SettlementField>): { lat: number | null; lon: number | null } | undefined {
    const rawLon = row.lon ?? '';
    const rawLat = row.lat ?? '';
    if (!rawLon && !rawLat) return { lat: null, lon: null };
    const lon = parseCoordinate(rawLon);
    const lat = parseCoordinate(rawLat);
    if (!(Math.abs(lon) <= 180)) {
      check.error('coordinates_invalid', { column: 'lon', value: rawLon });
      return undefined;
    }
    if (!(Math.abs(lat) <= 90)) {
      check.error('coordinates_invalid', { column: 'lat', value: rawLat });
      return undefined;
    }
    return { lat, lon };
  }
}
