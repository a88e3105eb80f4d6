import type { ImportMessageCode, ImportMessageParams } from '../../../shared/import-messages.ts';
import { createNameIndex } from '../../../shared/name-index.ts';
import { searchKey } from '../../../shared/text.ts';

export interface PlaceCandidate {
  id: string;
  name: string;
  pcode: string | null;
  adm1Pcode: string | null;
  adm1Name: string | null;
  adm2Pcode: string | null;
  adm2Name: string | null;
  adm3Pcode: string | null;
  adm3Name: string | null;
}

/** Where a row says its activity took place: any of these may be empty. */
export interface PlaceCells {
  localityCode: string | null;
  localityName: string | null;
  adm1Code: string | null;
  adm1Name: string | null;
  adm2Code: string | null;
  adm2Name: string | null;
  adm3Code: string | null;
  adm3Name: string | null;
}

export type PlaceColumn = 'localityCode' | 'localityName' | `adm${1 | 2 | 3}${'Code' | 'Name'}`;

export interface PlaceProblem {
  column: PlaceColumn;
  value: string | null;
  code: ImportMessageCode;
  params: ImportMessageParams;
  suggestions?: string[];
}

export type PlaceMatch =
  | { ok: true; place: PlaceCandidate; warnings: PlaceProblem[] }
  | { ok: false; problem: PlaceProblem };

const levels = [1, 2, 3] as const;

function describe(place: PlaceCandidate): string {
  const area = place.adm3Name ?? place.adm2Name ?? place.adm1Name;
  return [place.name, area && `(${area})`, place.pcode].filter(Boolean).join(' ');
}

/**
 * Whether a name cell names the place's admin area: by name, or by its P-code (a KoBoToolbox
 * form's admin lists often use P-codes as choice names, exported as such in "XML values").
 */
function sameArea(place: PlaceCandidate, level: 1 | 2 | 3, name: string): boolean {
  const actualName = place[`adm${level}Name`];
  const actualCode = place[`adm${level}Pcode`];
  return (actualName !== null && searchKey(actualName) === searchKey(name)) || (actualCode !== null && actualCode.toUpperCase() === name.trim().toUpperCase());
}

/** Whether the place lies in the admin areas the row names (by P-code, else by name); blank cells say nothing. */
function inAreas(place: PlaceCandidate, cells: PlaceCells): boolean {
  return levels.every((level) => {
    const code = cells[`adm${level}Code`];
    const name = cells[`adm${level}Name`];
    if (code) return place[`adm${level}Pcode`]?.toUpperCase() === code.trim().toUpperCase();
    if (name) return sameArea(place, level, name);
    return true;
  });
}

/**
 * The admin areas the row names that the place is not in: a misspelt commune ("Korro") or a
 * wrong cercle next to a locality found by its P-code or its own name is worth a second look.
 */
function areaMismatches(place: PlaceCandidate, cells: PlaceCells): PlaceProblem[] {
  const problems: PlaceProblem[] = [];
  for (const level of levels) {
    const code = cells[`adm${level}Code`]?.trim();
    const name = cells[`adm${level}Name`]?.trim();
    const actualCode = place[`adm${level}Pcode`];
    const actualName = place[`adm${level}Name`];
    if (code && actualCode && code.toUpperCase() !== actualCode.toUpperCase()) {
      problems.push({ column: `adm${level}Code`, value: code, code: 'place_area_mismatch', params: { place: place.name, value: code, actual: actualCode } });
    }
    if (name && actualName && !sameArea(place, level, name)) {
      problems.push({ column: `adm${level}Name`, value: name, code: 'place_area_mismatch', params: { place: place.name, value: name, actual: actualName }, suggestions: [actualName] });
    }
  }
  return problems;
}

/**
 * Finds the locality of a row: by its P-code first, else by its name (accents and case ignored),
 * narrowed by the admin areas the row gives when a name is shared; "did you mean" suggestions
 * for typos, nearer ones (in the row's areas) first; warnings for the admin areas the row names
 * that the place found is not in.
 */
export function placeIndex(candidates: readonly PlaceCandidate[]) {
  const byPcode = new Map(candidates.filter((c) => c.pcode).map((c) => [c.pcode!.toUpperCase(), c]));
  const byName = createNameIndex(candidates, (c) => [c.name]);

  function resolveOnce(cells: PlaceCells): PlaceMatch {
    const written = cells.localityName?.trim() || null;
    // A P-code in the name column (a KoBoToolbox choice name) is read as the P-code.
    const nameIsCode = !cells.localityCode?.trim() && written !== null && byPcode.has(written.toUpperCase());
    const code = (nameIsCode ? written : cells.localityCode?.trim())?.toUpperCase() || null;
    const name = nameIsCode ? null : written;
    if (code) {
      const place = byPcode.get(code);
      if (!place) return { ok: false, problem: { column: 'localityCode', value: cells.localityCode, code: 'place_unknown', params: { value: cells.localityCode! } } };
      const warnings = areaMismatches(place, cells);
      if (name && searchKey(name) !== searchKey(place.name)) {
        warnings.unshift({ column: 'localityName', value: name, code: 'place_code_name_mismatch', params: { pcode: code, name: place.name, value: name } });
      }
      return { ok: true, place, warnings };
    }
    if (!name) return { ok: false, problem: { column: 'localityName', value: null, code: 'required', params: {} } };

    const found = byName.find(name);
    const narrowed = found.length > 1 ? found.filter((p) => inAreas(p, cells)) : found;
    const matches = narrowed.length > 0 ? narrowed : found;
    if (matches.length === 1) return { ok: true, place: matches[0]!, warnings: areaMismatches(matches[0]!, cells) };
    if (matches.length > 1) {
      return { ok: false, problem: { column: 'localityName', value: name, code: 'place_ambiguous', params: { value: name, candidates: matches.slice(0, 5).map(describe).join(', ') } } };
    }
    const suggested = byName.suggest(name, { limit: 6 });
    const ranked = [...suggested.filter((p) => inAreas(p, cells)), ...suggested.filter((p) => !inAreas(p, cells))];
    const suggestions = [...new Set(ranked.map((p) => p.name))].slice(0, 3);
    if (suggestions.length === 0) return { ok: false, problem: { column: 'localityName', value: name, code: 'place_unknown', params: { value: name } } };
    return { ok: false, problem: { column: 'localityName', value: name, code: 'place_did_you_mean', params: { value: name }, suggestions } };
  }

  // A file names the same few hundred places thousands of times: each spelling is resolved once (bounded).
  const resolved = new Map<string, PlaceMatch>();
  const resolvedLimit = 20_000;

  return {
    resolve(cells: PlaceCells): PlaceMatch {
      // null and '' mean the same here: no value.
      const key = [cells.localityCode, cells.localityName, cells.adm1Code, cells.adm1Name, cells.adm2Code, cells.adm2Name, cells.adm3Code, cells.adm3Name].join('\u0000');
      let match = resolved.get(key);
      if (match === undefined) {
        if (resolved.size >= resolvedLimit) resolved.clear();
        match = resolveOnce(cells);
        resolved.set(key, match);
      }
      return match;
    },
  };
}
export type PlaceIndex = ReturnType<typeof placeIndex>;

/**
 * Admin area columns as partners' own tools name them: KoBoToolbox question names ("admin1",
 * "adm1_pcode"; a group prefix such as "grp_lieu/" is read past, see src/shared/tabular/header.ts)
 * and ActivityInfo field labels ("Admin 1"). ActivityInfo exports use field labels as headers
 * (activityinfo.org/support/docs/working-with-data/preparing-the-records-for-import.html).
 */
export function adminAliases(level: 1 | 2 | 3, part: 'name' | 'code'): string[] {
  const names = [`admin${level}`, `adm${level}`, `Admin ${level}`];
  if (part === 'name') return names.flatMap((n) => [n, `${n} name`]);
  return [...names, ['Region', 'Cercle', 'Commune'][level - 1]!].flatMap((n) => [`${n} pcode`, `${n} code`]);
}
