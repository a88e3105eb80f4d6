import type { AreaIndex } from '../area-index.ts';
import { isPcode, normalisePcode } from '../pcode.ts';
import type { AreaRecord } from './boundary-features.ts';
import type { ColumnSpec, CsvRow } from './csv-table.ts';
import type { RowErrors } from './row-errors.ts';

export type CommuneField = 'adm1_pcode' | 'adm1_name' | 'adm2_pcode' | 'adm2_name' | 'adm3_pcode' | 'adm3_name';

const levelNames = (n: number) => ({
  pcode: [`adm${n}_pcode`, `admin${n}Pcode`, `admin${n}Pcod`, `#adm${n}+code`, `adm${n}_code`],
  name: [`adm${n}_name`, `admin${n}Name`, `#adm${n}+name`, `adm${n}_fr`],
});

/** The OCHA commune list: one row per commune (admin 3) with its cercle and region. */
export const communeColumns: readonly ColumnSpec<CommuneField>[] = [1, 2, 3].flatMap((n) => [
  { field: `adm${n}_pcode` as CommuneField, names: levelNames(n).pcode, required: true },
  // Names of regions and cercles only matter when the list creates them.
  { field: `adm${n}_name` as CommuneField, names: levelNames(n).name, required: n === 3 },
]);

export interface CommuneRowResult {
  /** Regions and cercles not in the gazetteer yet, created from this row, region first. */
  parents: AreaRecord[];
  commune: AreaRecord;
}

/**
 * Checks the rows of a commune list one at a time (the file is streamed). A region or cercle
 * missing from the gazetteer is created from the first row that names it; every row must then
 * agree on its parent.
 */
export class CommuneRows {
  private readonly seen = new Set<string>();

  constructor(
    private readonly index: AreaIndex,
    private readonly errors: RowErrors,
  ) {}

  check(row: CsvRow<CommuneField>): CommuneRowResult | undefined {
    const { errors, index } = this;
    const before = errors.count;
    const codes = [1, 2, 3].map((n) => {
      const column = `adm${n}_pcode` as CommuneField;
      const raw = row.value(column);
      const pcode = normalisePcode(raw);
      if (!pcode) errors.add(row.line, n === 3 ? 'pcode_missing' : 'parent_missing', column);
      else if (!isPcode(pcode)) errors.add(row.line, 'pcode_invalid', column, raw);
      else if (index.has(pcode) && index.get(pcode)!.level !== n) errors.add(row.line, 'level_conflict', column, pcode);
      return pcode;
    }) as [string, string, string];
    if (errors.count > before) return undefined;

    const [adm1, adm2, adm3] = codes;
    const name = row.value('adm3_name');
    if (this.seen.has(adm3)) errors.add(row.line, 'pcode_duplicate', 'adm3_pcode', adm3);
    this.seen.add(adm3);
    if (!name) errors.add(row.line, 'name_missing', 'adm3_name');
    if (!adm3.startsWith(adm2)) errors.add(row.line, 'pcode_parent_mismatch', 'adm3_pcode', `${adm3} / ${adm2}`);
    if (!adm2.startsWith(adm1)) errors.add(row.line, 'pcode_parent_mismatch', 'adm2_pcode', `${adm2} / ${adm1}`);
    const known2 = index.get(adm2);
    if (known2 && known2.parent !== adm1) errors.add(row.line, 'admin_chain_mismatch', 'adm1_pcode', `${adm2} / ${adm1}`);
    if (errors.count > before) return undefined;

    const parents: AreaRecord[] = [];
    for (const [level, pcode, parentPcode] of [
      [1, adm1, null],
      [2, adm2, adm1],
    ] as const) {
      if (index.has(pcode)) continue;
      const parentName = row.value(`adm${level}_name` as CommuneField);
      if (!parentName) {
        errors.add(row.line, 'parent_unknown', `adm${level}_pcode`, pcode);
        continue;
      }
      parents.push({ pcode, name: parentName, level, parentPcode });
      // Later rows find it like any area of the gazetteer, so they must agree with this one.
      index.set(pcode, { level, parent: parentPcode });
    }
    if (errors.count > before) return undefined;
    return { parents, commune: { pcode: adm3, name, level: 3, parentPcode: adm2 } };
  }
}
