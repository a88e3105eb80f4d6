/**
 * String comparisons for record linkage, on folded text (names.ts `foldName`): Jaro–Winkler for
 * typing and transliteration slips, one-edit distance for identity numbers and dates, and the
 * alignment of two names' words that tolerates swapped columns, a missing or extra word and two
 * words written as one ("Mamadou Traoré" / "TRAORE Mamadou" / "Mamadoutraore").
 */

// Scratch buffers of matched characters: names are short; longer strings get their own.
let scratchA = new Uint8Array(64);
let scratchB = new Uint8Array(64);

/** Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length === 0 ? 0 : 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (la > scratchA.length || lb > scratchB.length) {
    scratchA = new Uint8Array(Math.max(la, lb) * 2);
    scratchB = new Uint8Array(Math.max(la, lb) * 2);
  }
  const matchedA = scratchA;
  const matchedB = scratchB;
  matchedA.fill(0, 0, la);
  matchedB.fill(0, 0, lb);
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && b.charCodeAt(j) === code) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < la; i++) {
    if (matchedA[i] === 0) continue;
    while (matchedB[j] === 0) j++;
    if (a.charCodeAt(i) !== b.charCodeAt(j)) transpositions++;
    j++;
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** True when `a` and `b` differ by at most one substitution, insertion, deletion or swap of neighbours. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Similarity of two dates written YYYYMMDD as numbers: 2 equal, 1 one slip (a digit, two neighbours swapped, day and month swapped), 0 otherwise. */
export function dateLevel(a: number, b: number): 0 | 1 | 2 {
  if (a === b) return 2;
  const sa = String(a);
  const sb = String(b);
  if (withinOneEdit(sa, sb)) return 1;
  // Day and month swapped (12/03 written 03/12).
  if (sa.slice(0, 4) === sb.slice(0, 4) && sa.slice(4, 6) === sb.slice(6, 8) && sa.slice(6, 8) === sb.slice(4, 6)) return 1;
  return 0;
}

/** How close two words of a name are: 3 the same, 2 the same sound or variant (Cissé/Sissé, Mamadou/Mohamed), 1 a slip of the pen, 0 different. */
export type WordLevel = 0 | 1 | 2 | 3;

/** Word similarity above which two different spellings are taken as one name with a slip. */
export const fuzzyWordThreshold = 0.88;

/** Most words of one name that are compared (longer names are cut: registrars' notes, not names). */
export const maxNameWords = 8;

/**
 * Two names' words as the alignment reads them: `levels[i * maxNameWords + j]` tells how close
 * word i of the first name is to word j of the second, and `joined(fromA, i, j, k)` whether word
 * i of one name is words j and k of the other written as one (either order).
 */
export interface NameAlignmentInput {
  countA: number;
  countB: number;
  levels: Int8Array;
  joined(fromA: boolean, i: number, j: number, k: number): boolean;
}

export interface NameAlignment {
  /** Words paired at level ≥ 1 (a glued word counts for the two it stands for). */
  matched: number;
  /** Of which the same word (3) and at least the same sound or variant (≥ 2). */
  exact: number;
  sound: number;
  /** For each word of A, the word of B it is paired with (-1 when none); -2 when glued. */
  pairOfA: Int8Array;
}

const alignment: NameAlignment = { matched: 0, exact: 0, sound: 0, pairOfA: new Int8Array(maxNameWords) };
const usedB = new Uint8Array(maxNameWords);

function pairAt(input: NameAlignmentInput, level: number): void {
  const { countA, countB, levels } = input;
  for (let i = 0; i < countA; i++) {
    if (alignment.pairOfA[i] !== -1) continue;
    for (let j = 0; j < countB; j++) {
      if (usedB[j] === 1 || levels[i * maxNameWords + j] !== level) continue;
      alignment.pairOfA[i] = j;
      usedB[j] = 1;
      alignment.matched++;
      if (level === 3) alignment.exact++;
      if (level >= 2) alignment.sound++;
      break;
    }
  }
}

function glue(input: NameAlignmentInput): void {
  const { countA, countB } = input;
  const pairOfA = alignment.pairOfA;
  let freeA = 0;
  let freeB = 0;
  for (let i = 0; i < countA; i++) if (pairOfA[i] === -1) freeA++;
  for (let j = 0; j < countB; j++) if (usedB[j] === 0) freeB++;
  if (freeA >= 1 && freeB >= 2) {
    for (let i = 0; i < countA; i++) {
      if (pairOfA[i] !== -1) continue;
      for (let j = 0; j < countB; j++) {
        if (usedB[j] === 1) continue;
        for (let k = 0; k < countB; k++) {
          if (k === j || usedB[k] === 1 || !input.joined(true, i, j, k)) continue;
          pairOfA[i] = -2;
          usedB[j] = 1;
          usedB[k] = 1;
          alignment.matched += 2;
          alignment.sound += 2;
          return;
        }
      }
    }
  } else if (freeB >= 1 && freeA >= 2) {
    for (let j = 0; j < countB; j++) {
      if (usedB[j] === 1) continue;
      for (let i = 0; i < countA; i++) {
        if (pairOfA[i] !== -1) continue;
        for (let k = 0; k < countA; k++) {
          if (k === i || pairOfA[k] !== -1 || !input.joined(false, j, i, k)) continue;
          pairOfA[i] = -2;
          pairOfA[k] = -2;
          usedB[j] = 1;
          alignment.matched += 2;
          alignment.sound += 2;
          return;
        }
      }
    }
  }
}

/**
 * Pairs the words of two names, best pairs first (a greedy assignment, exact for the 2–5 words
 * names have); one word glued from two of the other ("Mamadoutraore", "Abdoulkader") is looked
 * for before slips of the pen, since "mamadoutraore" is closer to "mamadou" than to anything.
 * Word order does not matter: lists put the family name first or last and swap columns. The
 * result is reused by the next call (no allocation per pair).
 */
export function alignNames(input: NameAlignmentInput): NameAlignment {
  alignment.matched = 0;
  alignment.exact = 0;
  alignment.sound = 0;
  alignment.pairOfA.fill(-1);
  usedB.fill(0);
  pairAt(input, 3);
  pairAt(input, 2);
  glue(input);
  pairAt(input, 1);
  return alignment;
}

/**
 * The graded agreement of two names from their alignment:
 *   6 every word the same, 5 every word the same sound or variant, 4 every word close,
 *   3 the shorter name's words all found at sound level (a missing given or family name),
 *   2 the shorter name's words all found, some only close,
 *   1 some words agree and others disagree (the same family name, another given name),
 *   0 no word in common.
 */
export function nameLevel(countA: number, countB: number, alignment: NameAlignment): number {
  const { matched, exact, sound } = alignment;
  if (matched === 0) return 0;
  // Glued words count twice on the side that wrote them apart.
  const longest = Math.max(countA, countB);
  const shortest = Math.min(countA, countB);
  if (matched >= longest && countA === countB) return exact >= matched ? 6 : sound >= matched ? 5 : 4;
  if (matched >= longest) return sound >= matched ? 5 : 4;
  if (matched >= shortest) return sound >= matched ? 3 : 2;
  return 1;
}
