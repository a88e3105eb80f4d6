import { searchKey } from '../text.ts';
import { cellText, type RawRow } from './cells.ts';
import type { CompiledColumn } from './columns.ts';
import { formatHxlTag, type HxlTag, hxlExtraAttributes, isHxlRow, parseHxlTag } from './hxl.ts';

/**
 * Finds the header of a sheet among its first non-blank rows and maps its columns.
 *
 * Real files put title rows above the header, merge a group header ("Ménages") over sub-headers
 * ("ciblés", "atteints"), merge a header vertically over two rows, and add an HXL hashtag row
 * under the header (or have only the hashtag row). A merged area reads as its top-left cell and
 * blanks, so a header cell's candidate names are: its own text; the group above it joined to it
 * ("Ménages ciblés", the group carried right over the blanks of a horizontal merge); and, when
 * empty, the text above it (vertical merge). The header row is the hashtag row's upper neighbour
 * or, without hashtags, the row naming most declared columns (at least two, or one when a single
 * column is declared); the first such row wins a tie.
 *
 * Columns are matched by hashtag first, then by header name. A column whose hashtag carries
 * extra attributes matches a declared pattern (HXL rules) only when it is the only such column:
 * `#reached+hh` does not silently take `#reached+hh+f` when `#reached+hh+m` is there too.
 */
export interface ColumnBinding {
  column: CompiledColumn;
  /** 0-based index of the file column. */
  index: number;
  header: string | null;
  hxl: string | null;
  matchedBy: 'hxl' | 'header';
}

export interface FileColumn {
  index: number;
  header: string | null;
  hxl: string | null;
}

export interface HeaderLayout {
  headerRow: number | null;
  hxlRow: number | null;
  /** Index, in the rows given, of the first data row. */
  dataStart: number;
  bindings: ColumnBinding[];
  unknown: FileColumn[];
  duplicates: { binding: ColumnBinding; duplicate: FileColumn }[];
}

type TextRow = (string | null)[];

function texts(row: RawRow | undefined): TextRow {
  return row ? row.cells.map(cellText) : [];
}

/** The group label over each column: a cell's text carried right over the blanks after it. */
function carriedRight(row: TextRow, width: number): (string | null)[] {
  const out: (string | null)[] = [];
  let current: string | null = null;
  for (let i = 0; i < width; i++) {
    current = row[i] ?? current;
    out.push(current);
  }
  return out;
}

/*
 * KoBoToolbox exports (XLS and CSV, "XML values and headers" or labels) name a question inside a
 * group by its group path joined with the group separator, "/" by default: "grp_lieu/admin1".
 * A "select multiple" question gives one column holding the chosen options separated by spaces
 * ("secal nutrition") and, with the default "single and separate columns", one 0/1 column per
 * option named after the question: "grp_besoins/secteurs/secal". Every submission also carries
 * meta columns (_id, _uuid, _submission_time, _index, _validation_status, __version__, and the
 * start, end, today, deviceid questions of a new form).
 * Sources: the export settings of the KoBoToolbox API (group separator "/" by default, multiple
 * select "both" by default; https://rdrr.io/cran/KoboconnectR/man/kobo_export_create.html) and
 * the XLSForm select_multiple format (a space-separated list of choice names).
 */
const koboMarkers = new Set(['_uuid', '_submission_time', '_validation_status', '__version__', '_index']);
const koboMeta = new Set([
  ...koboMarkers,
  '_id',
  '_status',
  '_submitted_by',
  '_notes',
  '_tags',
  '_attachments',
  '_geolocation',
  '_version_',
  '_parent_index',
  '_parent_table_name',
  'start',
  'end',
  'today',
  'deviceid',
  'username',
  'simserial',
  'subscriberid',
  'phonenumber',
  'audit',
  'instanceid',
  'instancename',
  'rootuuid',
  'deprecatedid',
  'formhub/uuid',
]);

/** The question name of a group path ("grp_lieu/admin1" → "admin1"); a "/" between spaces ("Abris / AME") is text. */
function groupPathTail(header: string): string | null {
  const match = /^(.*\S)\/(?=\S)([^/]+)$/.exec(header.trim());
  return match ? match[2]!.trim() : null;
}

/**
 * Columns no feature reads: a KoBoToolbox export's meta columns (only when the file is one, as
 * "start" and "end" are ordinary names elsewhere) and the 0/1 column of each option of a "select
 * multiple" question ("secteurs/secal" beside "secteurs"), which must not be read as another field.
 */
function ignoredColumns(header: TextRow): Set<number> {
  const written = header.map((h) => h?.trim().toLowerCase() ?? null);
  const kobo = written.some((h) => h !== null && koboMarkers.has(h));
  const present = new Set(written.filter((h): h is string => h !== null));
  const ignored = new Set<number>();
  written.forEach((h, i) => {
    if (h === null) return;
    const tail = groupPathTail(h);
    if (kobo && (koboMeta.has(h) || (tail !== null && koboMeta.has(tail)))) ignored.add(i);
    if (tail !== null && present.has(h.slice(0, h.length - tail.length - 1).trim())) ignored.add(i);
  });
  return ignored;
}

function candidateNames(header: TextRow, above: TextRow, width: number): string[][] {
  const groups = carriedRight(above, width);
  const ignored = ignoredColumns(header);
  return Array.from({ length: width }, (_, i) => {
    const own = header[i] ?? null;
    if (ignored.has(i)) return [];
    if (own === null) return above[i] ? [above[i]] : [];
    const tail = groupPathTail(own);
    const group = groups[i];
    return [own, ...(tail ? [tail] : []), ...(group && group !== own ? [`${group} ${own}`] : [])];
  });
}

/** Longer text is a value, not a column's name: it is not keyed (a huge cell would cost seconds). */
const maxHeaderLength = 300;

/** Header names are compared by search key, also without a trailing "(unit)" or "[note]". */
function nameKeys(name: string): string[] {
  if (name.length > maxHeaderLength) return [];
  const key = searchKey(name);
  const bare = searchKey(name.replace(/\s*[([][^)\]]*[)\]]\s*$/, ''));
  return bare && bare !== key ? [key, bare] : [key];
}

function columnByName(columns: readonly CompiledColumn[], names: readonly string[]): { column: CompiledColumn; name: string } | null {
  for (const name of names) {
    for (const key of nameKeys(name)) {
      const column = columns.find((c) => c.headerKeys.has(key));
      if (column) return { column, name };
    }
  }
  return null;
}

function headerScore(columns: readonly CompiledColumn[], names: string[][]): number {
  const matched = new Set<string>();
  for (const candidates of names) {
    const found = columnByName(columns, candidates);
    if (found) matched.add(found.column.spec.key);
  }
  return matched.size;
}

export function detectHeader(rows: readonly RawRow[], columns: readonly CompiledColumn[]): HeaderLayout | null {
  const textRows = rows.map(texts);
  const width = Math.max(0, ...textRows.map((r) => r.length));
  const hxlIndex = textRows.findIndex((r) => isHxlRow(r));

  let headerIndex: number;
  if (hxlIndex >= 0) {
    headerIndex = hxlIndex - 1;
  } else {
    const needed = Math.min(2, columns.length);
    let best = { index: -1, score: needed - 1 };
    textRows.forEach((row, index) => {
      const score = headerScore(columns, candidateNames(row, textRows[index - 1] ?? [], width));
      if (score > best.score) best = { index, score };
    });
    if (best.index < 0) return null;
    headerIndex = best.index;
  }

  const names = headerIndex >= 0 ? candidateNames(textRows[headerIndex]!, textRows[headerIndex - 1] ?? [], width) : [];
  const tags = hxlIndex >= 0 ? textRows[hxlIndex]! : [];
  const fileColumns: FileColumn[] = Array.from({ length: width }, (_, index) => ({
    index,
    header: names[index]?.[0] ?? null,
    hxl: tags[index] ?? null,
  }));

  const taken = new Set<number>();
  const byKey = new Map<string, ColumnBinding>();
  const duplicates: HeaderLayout['duplicates'] = [];
  const bind = (column: CompiledColumn, file: FileColumn, matchedBy: 'hxl' | 'header', header: string | null) => {
    taken.add(file.index);
    byKey.set(column.spec.key, { column, index: file.index, header, hxl: file.hxl, matchedBy });
  };

  const parsedTags = fileColumns.map((f) => (f.hxl ? parseHxlTag(f.hxl) : null));
  const tagged = columns.filter((c): c is CompiledColumn & { hxl: HxlTag } => c.hxl !== null);
  // Most specific patterns first, so `#org+impl` takes its column before `#org` looks.
  for (const column of [...tagged].sort((a, b) => b.hxl.attributes.length - a.hxl.attributes.length)) {
    const exact: FileColumn[] = [];
    const wider: FileColumn[] = [];
    fileColumns.forEach((file, index) => {
      const tag = parsedTags[index];
      if (!tag || taken.has(index)) return;
      const extra = hxlExtraAttributes(column.hxl, tag);
      if (extra === 0) exact.push(file);
      else if (extra !== null) wider.push(file);
    });
    const chosen = exact[0] ?? (wider.length === 1 ? wider[0] : undefined);
    if (!chosen) continue;
    const named = names[chosen.index]?.find((name) => nameKeys(name).some((key) => column.headerKeys.has(key)));
    bind(column, chosen, 'hxl', named ?? chosen.header);
    for (const other of exact.slice(1)) {
      taken.add(other.index);
      duplicates.push({ binding: byKey.get(column.spec.key)!, duplicate: other });
    }
  }

  fileColumns.forEach((file, index) => {
    if (taken.has(index)) return;
    const found = columnByName(columns, names[index] ?? []);
    if (!found) return;
    const earlier = byKey.get(found.column.spec.key);
    if (earlier) {
      taken.add(index);
      duplicates.push({ binding: earlier, duplicate: { ...file, header: found.name } });
      return;
    }
    bind(found.column, file, 'header', found.name === groupPathTail(file.header ?? '') ? file.header : found.name);
  });

  const unknown = fileColumns.filter((f) => !taken.has(f.index) && (f.header !== null || f.hxl !== null));
  const bindings = [...byKey.values()].sort((a, b) => a.index - b.index);
  for (const binding of bindings) binding.hxl = binding.hxl === null ? null : formatTag(binding.hxl);

  return {
    headerRow: headerIndex >= 0 ? rows[headerIndex]!.row : null,
    hxlRow: hxlIndex >= 0 ? rows[hxlIndex]!.row : null,
    dataStart: Math.max(headerIndex, hxlIndex) + 1,
    bindings,
    unknown,
    duplicates,
  };
}

function formatTag(text: string): string {
  const tag = parseHxlTag(text);
  return tag ? formatHxlTag(tag) : text;
}
