import { columnsWithMappings } from '../../../shared/list-columns.ts';
import type { HouseholdFields } from '../../../shared/linkage/household.ts';
import { withLocalityAreas } from '../../../shared/linkage/admin-areas.ts';
import { readHousehold } from '../../../shared/linkage/household.ts';
import { toBase64 } from '../../../shared/linkage/pprl/bits.ts';
import { ClkEncoder, clkScheme } from '../../../shared/linkage/pprl/encoder.ts';
import { encodedFileFormat, plainFieldChecks } from '../../../shared/linkage/pprl/records.ts';
import { cellText, columnLetter, isBlankCell, type RawRow } from '../../../shared/tabular/cells.ts';
import { compileColumn } from '../../../shared/tabular/columns.ts';
import { detectHeader } from '../../../shared/tabular/header.ts';
import { parseCell } from '../../../shared/tabular/values.ts';

/**
 * A beneficiary list encoded on the organisation's own device (issue 14, "in the browser"): the
 * rows of its spreadsheet read with the list upload's column declaration, each household turned
 * into its Bloom-filter encoding by the shared encoder (the same as `relais encode`), and the
 * `.clk.json` content written with nothing beside each encoding but the locality's P-code, the
 * sector, the household size, the assistance date and the row number. Runs in the page's worker
 * (encode.worker.ts); pure, so that it is tested without one.
 */

/** The place cells a list may give, the only cells of a row that leave the worker (to find the locality's P-code). */
const placeKeys = ['localityCode', 'localityName', 'adm1Code', 'adm1Name', 'adm2Code', 'adm2Name', 'adm3Code', 'adm3Name'] as const;
export type PlaceCells = Partial<Record<(typeof placeKeys)[number], string>>;

/** Household fields the encoding reads: the household columns, never the list's own (assistance, origin). */
const householdKeys = new Set<string>([
  'fullName',
  'familyName',
  'givenNames',
  'sex',
  'age',
  'birthDate',
  'phone',
  'phone2',
  'nina',
  'idNumber',
  'householdSize',
  'status',
  'streetNumber',
  'address',
  'address2',
  'spouseName',
  'spouseGivenNames',
  'spouse2Name',
  ...placeKeys,
]);
const nameKeys = new Set(['fullName', 'familyName', 'givenNames']);
const scanRows = 30;

interface ListRow {
  /** 1-based among the data rows: the id the encoded file gives the household. */
  row: number;
  fields: HouseholdFields;
  sector: string | null;
  assistanceDate: string | null;
  /** Index of the row's place in `ReadList.places`, or -1 when the row names none. */
  place: number;
}

export interface RecognisedColumn {
  key: string;
  header: string;
  letter: string;
}

export interface ReadList {
  sheet: string | null;
  columns: RecognisedColumn[];
  unknownColumns: string[];
  rows: ListRow[];
  /** Each distinct place the rows name, once. */
  places: PlaceCells[];
}

export interface Sheet {
  name: string | null;
  rows: RawRow[];
}

/**
 * The list in the first sheet whose header names a head of household (an "Instructions" tab in
 * front is passed over), or null; the organisation's remembered headers (`mappings`) recognised
 * as in its uploads.
 */
export function readListSheets(sheets: Iterable<Sheet>, mappings: readonly { header: string; column: string }[] = []): ReadList | null {
  const columns = columnsWithMappings(mappings).map(compileColumn);
  for (const sheet of sheets) {
    const filled = sheet.rows.filter((r) => !r.cells.every(isBlankCell));
    const layout = detectHeader(filled.slice(0, scanRows), columns);
    if (layout === null || !layout.bindings.some((b) => nameKeys.has(b.column.spec.key))) continue;
    const headerRow = filled[layout.dataStart - 1]?.row ?? 0;
    const places: PlaceCells[] = [];
    const placeIndex = new Map<string, number>();
    const rows: ListRow[] = [];
    for (const raw of filled.slice(layout.dataStart)) {
      const fields: Record<string, string | number | null> = {};
      const place: PlaceCells = {};
      let sector: string | null = null;
      let assistanceDate: string | null = null;
      for (const binding of layout.bindings) {
        const key = binding.column.spec.key;
        const cell = raw.cells[binding.index] ?? null;
        if (key === 'sector' || key === 'assistanceDate') {
          const parsed = parseCell(binding.column, cell, 'fr');
          if (parsed.ok && typeof parsed.value === 'string') {
            if (key === 'sector') sector = parsed.value;
            else assistanceDate = parsed.value;
          }
          continue;
        }
        if (!householdKeys.has(key)) continue;
        const text = cellText(cell);
        if (text === null) continue;
        if (key === 'householdSize') {
          fields.householdSize = Number(text.replace(',', '.'));
          continue;
        }
        fields[key] = text;
        if ((placeKeys as readonly string[]).includes(key)) place[key as keyof PlaceCells] = text;
      }
      let index = -1;
      if (Object.keys(place).length > 0) {
        const placeKey = JSON.stringify(placeKeys.map((k) => place[k] ?? null));
        index = placeIndex.get(placeKey) ?? -1;
        if (index < 0) {
          index = places.push(place) - 1;
          placeIndex.set(placeKey, index);
        }
      }
      rows.push({ row: raw.row - headerRow, fields, sector, assistanceDate, place: index });
    }
    return {
      sheet: sheet.name,
      columns: layout.bindings.map((b) => ({ key: b.column.spec.key, header: b.header ?? b.hxl ?? b.column.spec.key, letter: columnLetter(b.index) })),
      unknownColumns: layout.unknown.map((c) => c.header ?? c.hxl ?? '').filter((h) => h !== ''),
      rows,
      places,
    };
  }
  return null;
}

interface EncodeOptions {
  keyText: string;
  /** The locality P-code of each place of `ReadList.places` (null: not found, its rows are left out). */
  pcodes: readonly (string | null)[];
  /** The list's assistance date: of rows without one, and the date their ages were true. */
  assistanceDate: string;
  today: string;
  onProgress?: (done: number, total: number) => void;
}

export interface EncodedList {
  /** The `.clk.json` file's text. */
  content: string;
  keyFingerprint: string;
  households: number;
  /** Rows left out: their place was not found (by place index), or they name none; their date is in the future. */
  leftOut: { places: { place: number; rows: number }[]; noPlace: number; futureDate: number };
  /** Time spent encoding (the key's derivation included), in milliseconds. */
  encodingMs: number;
}

const batch = 1000;
const isIsoDate = /^\d{4}-\d{2}-\d{2}$/;

/** The encodings of the list's rows whose place is known, as the encoded upload takes them. */
export async function encodeList(list: ReadList, options: EncodeOptions): Promise<EncodedList> {
  const started = performance.now();
  const encoder = await ClkEncoder.create(options.keyText);
  const unplaced = new Map<number, number>();
  let noPlace = 0;
  let futureDate = 0;
  const kept: { row: ListRow; pcode: string; date: string | null }[] = [];
  for (const row of list.rows) {
    const pcode = row.place >= 0 ? (options.pcodes[row.place] ?? null) : null;
    const date = row.assistanceDate !== null && isIsoDate.test(row.assistanceDate) ? row.assistanceDate : null;
    if (pcode === null || !plainFieldChecks.pcode(pcode)) {
      if (row.place < 0) noPlace++;
      else unplaced.set(row.place, (unplaced.get(row.place) ?? 0) + 1);
    } else if ((date ?? options.assistanceDate) > options.today) futureDate++;
    else kept.push({ row, pcode, date });
  }
  const records: string[] = [];
  for (let from = 0; from < kept.length; from += batch) {
    const slice = kept.slice(from, from + batch);
    const filters = await encoder.encode(
      slice.map(({ row, pcode, date }) => readHousehold(withLocalityAreas(row.fields, pcode), date ?? options.assistanceDate).record),
    );
    slice.forEach(({ row, pcode, date }, k) => {
      const size = row.fields.householdSize;
      const record: Record<string, string | number> = { id: String(row.row), clk: toBase64(filters[k]!), pcode };
      if (typeof size === 'number' && plainFieldChecks.householdSize(size)) record.householdSize = size;
      if (row.sector !== null && plainFieldChecks.sector(row.sector)) record.sector = row.sector;
      if (date !== null) record.assistanceDate = date;
      records.push(JSON.stringify(record));
    });
    options.onProgress?.(from + slice.length, kept.length);
  }
  const header = JSON.stringify({ format: encodedFileFormat, scheme: clkScheme, keyFingerprint: encoder.keyFingerprint });
  return {
    content: `${header.slice(0, -1)},"records":[\n${records.join(',\n')}\n]}\n`,
    keyFingerprint: encoder.keyFingerprint,
    households: records.length,
    leftOut: { places: [...unplaced].map(([place, rows]) => ({ place, rows })), noPlace, futureDate },
    encodingMs: performance.now() - started,
  };
}
