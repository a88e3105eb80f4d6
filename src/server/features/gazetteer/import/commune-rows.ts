import { defineColumns, type RowCheck, type RowOf } from '../../../lib/tabular/index.ts';
import type { AreaIndex } from '../area-index.ts';
import { isPcode, normalisePcode } from '../pcode.ts';
import type { AreaRecord } from './boundary-features.ts';

/** The OCHA commune list: one row per commune (admin 3) with its cercle and region, its COD column names as headers. */
export const communeColumns = defineColumns([
  {
    key: 'adm1_pcode',
    type: 'text',
    hxl: '#adm1+code',
    header: { fr: 'adm1_pcode', en: 'adm1_pcode' },
    aliases: ['admin1Pcode', 'admin1Pcod', 'adm1_code'],
    required: true,
  },
  // Names of regions and cercles only matter when the list creates them.
  { key: 'adm1_name', type: 'text', hxl: '#adm1+name', header: { fr: 'adm1_name', en: 'adm1_name' }, aliases: ['admin1Name', 'adm1_fr'] },
  {
    key: 'adm2_pcode',
    type: 'text',
    hxl: '#adm2+code',
    header: { fr: 'adm2_pcode', en: 'adm2_pcode' },
    aliases: ['admin2Pcode', 'admin2Pcod', 'adm2_code'],
    required: true,
  },
  { key: 'adm2_name', type: 'text', hxl: '#adm2+name', header: { fr: 'adm2_name', en: 'adm2_name' }, aliases: ['admin2Name', 'adm2_fr'] },
  {
    key: 'adm3_pcode',
    type: 'text',
    hxl: '#adm3+code',
    header: { fr: 'adm3_pcode', en: 'adm3_pcode' },
    aliases: ['admin3Pcode', 'admin3Pcod', 'adm3_code'],
    required: true,
  },
  { key: 'adm3_name', type: 'text', hxl: '#adm3+name', header: { fr: 'adm3_name', en: 'adm3_name' }, aliases: ['admin3Name', 'adm3_fr'], required: true },
]);
type CommuneRow = RowOf<typeof communeColumns>;
type CommuneField = keyof CommuneRow;

export interface CommuneRowResult {
  /** Regions and cercles not in the gazetteer yet, created from this row, region first. */
  parents: AreaRecord[];
  commune: AreaRecord;
}

/**
 * Checks the rows of a commune list in file order (the platform's importer streams them in and
 * refuses empty P-code and name cells itself). A region or cercle missing from the gazetteer is
 * created from the first row that names it; every row must then agree on its parent. Replayed
 * over the valid rows with the same areas, it gives the records to write.
 */
export class CommuneRows {
  private readonly seen = new Set<string>();

  constructor(private readonly index: AreaIndex) {}

  check(row: CommuneRow, check: RowCheck<CommuneField>): CommuneRowResult | undefined {
    const { index } = this;
    let valid = true;
    const refuse = (code: Parameters<typeof check.error>[0], column: CommuneField, value: string) => {
      valid = false;
      check.error(code, { column, value });
    };
    const columns = ['adm1_pcode', 'adm2_pcode', 'adm3_pcode'] as const;
    const codes = columns.map((column, i) => {
      const pcode = normalisePcode(row[column]);
      if (!isPcode(pcode)) refuse('pcode_invalid', column, row[column]);
      else if (index.has(pcode) && index.get(pcode)!.level !== i + 1) refuse('level_conflict', column, pcode);
      return pcode;
    });
    if (!valid) return undefined;

    const [adm1, adm2, adm3] = codes as [string, string, string];
    const name = row.adm3_name;
    if (this.seen.has(adm3)) refuse('pcode_duplicate', 'adm3_pcode', adm3);
    this.seen.add(adm3);
    if (!adm3.startsWith(adm2)) refuse('pcode_parent_mismatch', 'adm3_pcode', `${adm3} / ${adm2}`);
    if (!adm2.startsWith(adm1)) refuse('pcode_parent_mismatch', 'adm2_pcode', `${adm2} / ${adm1}`);
    const known2 = index.get(adm2);
    if (known2 && known2.parent !== adm1) refuse('admin_chain_mismatch', 'adm1_pcode', `${adm2} / ${adm1}`);
    if (!valid) return undefined;

    const parents: AreaRecord[] = [];
    for (const [level, pcode, parentPcode, parentName] of [
      [1, adm1, null, row.adm1_name],
      [2, adm2, adm1, row.adm2_name],
    ] as const) {
      if (index.has(pcode)) continue;
      if (!parentName) {
        refuse('parent_unknown', `adm${level}_pcode`, pcode);
        continue;
      }
      parents.push({ pcode, name: parentName, level, parentPcode });
      // Later rows find it like any area of the gazetteer, so they must agree with this one.
      index.set(pcode, { level, parent: parentPcode });
    }
    if (!valid) return undefined;
    return { parents, commune: { pcode: adm3, name, level: 3, parentPcode: adm2 } };
  }
}
