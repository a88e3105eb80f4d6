import { alignNames, dateLevel, fuzzyWordThreshold, jaroWinkler, maxNameWords, nameLevel, type WordLevel, withinOneEdit } from './compare.ts';
import { isKnownGivenName, phoneticKey } from './names.ts';
import { type HouseholdStore, spouseSeparator } from './store.ts';

/**
 * The fields two households are compared on, each with graded levels (0 = disagree, higher =
 * closer); a field missing on either side has no level (-1) and weighs nothing.
 */
export const fields = [
  { key: 'name', levels: 7 },
  { key: 'birth', levels: 5 },
  { key: 'sex', levels: 2 },
  { key: 'phone', levels: 2 },
  { key: 'identity', levels: 3 },
  { key: 'place', levels: 4 },
  { key: 'address', levels: 4 },
  { key: 'spouse', levels: 3 },
  { key: 'size', levels: 3 },
] as const;
export type FieldKey = (typeof fields)[number]['key'];
export const fieldCount = fields.length;
export const F_NAME = 0;
export const F_BIRTH = 1;
export const F_SEX = 2;
export const F_PHONE = 3;
export const F_IDENTITY = 4;
export const F_PLACE = 5;
export const F_ADDRESS = 6;
export const F_SPOUSE = 7;
export const F_SIZE = 8;

/** Mixed-radix encoding of a comparison vector (level + 1 per field, 0 for missing). */
export const radix: number[] = [];
{
  let r = 1;
  for (const field of fields) {
    radix.push(r);
    r *= field.levels + 1;
  }
}
export const patternCount = fields.reduce((n, f) => n * (f.levels + 1), 1);

export function levelOf(pattern: number, field: number): number {
  return (Math.floor(pattern / radix[field]!) % (fields[field]!.levels + 1)) - 1;
}

export function levelsOfPattern(pattern: number): number[] {
  return fields.map((_, f) => levelOf(pattern, f));
}

const slipCacheMask = (1 << 20) - 1;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Sound keys are shorter than spellings: a slip between two of them needs a closer likeness. */
const soundSlipThreshold = 0.92;

/** Birth years this far apart are two generations (a father and his son of the same name), never one person. */
export const generationGap = 15;

/**
 * Whether a comparison may make a match at all, whatever its weight, so that one shared key
 * never merges two households:
 *   - names that agree (level ≥ 2) need one more field that agrees: birth, phone, identity
 *     number, the same village, address or spouse;
 *   - names with only some words in common (a slip in a short name, or another given name: a
 *     brother, a namesake's son) need the identity number, a full date of birth, the address,
 *     or two of birth year, phone, spouse;
 *   - names with no word in common need the identity number, or the full date and the address;
 *   - the head of one list found as the spouse of the other needs the other way round too
 *     (else it may be a co-wife heading her own household, naming the same husband);
 *   - two generations apart, never.
 */
export function mayMatch(levels: Int8Array, crossed: boolean, generationApart: boolean): boolean {
  if (generationApart) return false;
  if (crossed) return levels[F_SPOUSE] === 2 && (levels[F_PHONE] === 1 || levels[F_PLACE]! >= 2 || levels[F_IDENTITY] === 2 || levels[F_ADDRESS]! >= 2);
  const name = levels[F_NAME]!;
  const identity = levels[F_IDENTITY] === 2;
  if (name >= 2) {
    return levels[F_BIRTH]! >= 2 || levels[F_PHONE] === 1 || levels[F_IDENTITY]! >= 1 || levels[F_PLACE] === 3 || levels[F_ADDRESS]! >= 2 || levels[F_SPOUSE]! >= 1;
  }
  if (name === 1) {
    // Two independent agreements besides the village: a brother or a namesake's son rarely has
    // the same age and the same phone, or the same age and the same wife.
    const agreeing = +(levels[F_BIRTH]! >= 2) + +(levels[F_PHONE] === 1) + +(levels[F_IDENTITY]! >= 1) + +(levels[F_SPOUSE]! >= 1) + +(levels[F_ADDRESS]! >= 2);
    return identity || levels[F_BIRTH]! >= 3 || levels[F_ADDRESS]! >= 2 || agreeing >= 2;
  }
  if (name === 0) return identity || (levels[F_BIRTH]! >= 3 && levels[F_ADDRESS]! >= 2);
  return false;
}

/** What one comparison finds besides the levels. */
export interface ComparisonDetail {
  levels: Int8Array;
  /** log2 of the share of records carrying the name words found in both (rarer names weigh more). */
  nameFrequencyLog: number;
  /** log2 of the share of records carrying the shared phone (a phone on many lists weighs less). */
  phoneFrequencyLog: number;
  /** The head of one list was found as the spouse of the other. */
  crossed: boolean;
  /** Birth years apart by a generation or more. */
  generationApart: boolean;
}

export function newDetail(): ComparisonDetail {
  return { levels: new Int8Array(fieldCount), nameFrequencyLog: 0, phoneFrequencyLog: 0, crossed: false, generationApart: false };
}

/**
 * Compares records of one store. Holds the store's columns as plain typed arrays so that the
 * hot loop does not go through getters.
 */
export class Comparator {
  private readonly words: string[];
  private readonly phoneticText: string[];
  private readonly wordPhonetic: Int32Array;
  private readonly wordVariant: Int32Array;
  private readonly variantShareLog: Float64Array;
  private readonly phoneShareLog: Map<number, number>;
  private readonly s: HouseholdStore;
  private readonly col: Record<
    | 'headStart'
    | 'headWords'
    | 'spouseStart'
    | 'spouseWords'
    | 'addressStart'
    | 'addressWords'
    | 'phoneStart'
    | 'phones'
    | 'idStart'
    | 'ids'
    | 'sex'
    | 'birthYear'
    | 'birthFromAge'
    | 'birthDate'
    | 'localityCode'
    | 'localityName'
    | 'communeCode'
    | 'communeName'
    | 'cercle'
    | 'region'
    | 'householdSize',
    Int32Array
  >;

  constructor(store: HouseholdStore) {
    this.s = store;
    this.words = store.words.values;
    this.phoneticText = store.phonetics.values;
    this.wordPhonetic = store.wordPhonetic.trimmed();
    this.wordVariant = store.wordVariant.trimmed();
    const n = Math.max(1, store.size);
    const counts = store.variantRecords.trimmed();
    this.variantShareLog = new Float64Array(counts.length);
    for (let v = 0; v < counts.length; v++) this.variantShareLog[v] = Math.log2(Math.max(1, counts[v]!) / n);
    const phoneCounts = new Map<number, number>();
    const phones = store.phones.trimmed();
    for (const phone of phones) phoneCounts.set(phone, (phoneCounts.get(phone) ?? 0) + 1);
    this.phoneShareLog = new Map();
    for (const [phone, count] of phoneCounts) this.phoneShareLog.set(phone, Math.log2(count / n));
    this.col = {
      headStart: store.headStart.trimmed(),
      headWords: store.headWords.trimmed(),
      spouseStart: store.spouseStart.trimmed(),
      spouseWords: store.spouseWords.trimmed(),
      addressStart: store.addressStart.trimmed(),
      addressWords: store.addressWords.trimmed(),
      phoneStart: store.phoneStart.trimmed(),
      phones,
      idStart: store.idStart.trimmed(),
      ids: store.ids.trimmed(),
      sex: store.sex.trimmed(),
      birthYear: store.birthYear.trimmed(),
      birthFromAge: store.birthFromAge.trimmed(),
      birthDate: store.birthDate.trimmed(),
      localityCode: store.localityCode.trimmed(),
      localityName: store.localityName.trimmed(),
      communeCode: store.communeCode.trimmed(),
      communeName: store.communeName.trimmed(),
      cercle: store.cercle.trimmed(),
      region: store.region.trimmed(),
      householdSize: store.householdSize.trimmed(),
    };
  }

  get store(): HouseholdStore {
    return this.s;
  }

  wordLevel(a: number, b: number): WordLevel {
    if (a === b) return 3;
    if (this.wordVariant[a] === this.wordVariant[b] || this.wordPhonetic[a] === this.wordPhonetic[b]) return 2;
    // Words whose letters differ by more than four cannot be one word with a slip: skip Jaro–Winkler.
    const lettersA = this.wordLetters(a);
    const lettersB = this.wordLetters(b);
    if (popcount(lettersA ^ lettersB) > 4) return 0;
    // Slips between two words are looked up in a small direct-mapped cache: the same common
    // names meet again and again.
    const key = a < b ? a * 67_108_864 + b : b * 67_108_864 + a;
    const slot = (Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b) >>> 0) & slipCacheMask;
    if (this.slipKeys[slot] === key) return this.slipLevels[slot] as WordLevel;
    // (Place pairs share the cache under negative keys.)
    const wa = this.words[a]!;
    const wb = this.words[b]!;
    // A slip in the spelling or in the sound ("Couloubaly" is a slip from "Koulibaly" once both
    // sound as Kulibali); but two given names the dictionary knows in different groups are two
    // names, not a slip (Amadou is not Mamadou, Hamidou is not Amadou).
    const sa = this.phoneticText[this.wordPhonetic[a]!]!;
    const sb = this.phoneticText[this.wordPhonetic[b]!]!;
    const level: WordLevel =
      !(isKnownGivenName(sa) && isKnownGivenName(sb)) &&
      wa.length >= 3 &&
      wb.length >= 3 &&
      (jaroWinkler(wa, wb) >= fuzzyWordThreshold || (sa.length >= 3 && sb.length >= 3 && jaroWinkler(sa, sb) >= soundSlipThreshold))
        ? 1
        : 0;
    this.slipKeys[slot] = key;
    this.slipLevels[slot] = level;
    return level;
  }

  private readonly slipKeys = new Float64Array(slipCacheMask + 1).fill(Number.NaN);
  private readonly slipLevels = new Int8Array(slipCacheMask + 1);
  private letters = new Int32Array(0);

  /** A bit per letter of the word (a–z). */
  private wordLetters(word: number): number {
    if (word >= this.letters.length) {
      const next = new Int32Array(Math.max(this.words.length, word + 1));
      next.set(this.letters);
      for (let w = this.letters.length; w < next.length; w++) {
        let mask = 0;
        const text = this.words[w] ?? '';
        for (let k = 0; k < text.length; k++) {
          const c = text.charCodeAt(k) - 97;
          if (c >= 0 && c < 26) mask |= 1 << c;
        }
        next[w] = mask;
      }
      this.letters = next;
    }
    return this.letters[word]!;
  }

  private glued(word: number, x: number, y: number): boolean {
    const whole = this.words[word]!;
    const wx = this.words[x]!;
    const wy = this.words[y]!;
    // Spelt as one (folded words), or sounding as one: "Souleymanetraore" is Souleyman Traoré.
    if (whole.length === wx.length + wy.length && whole === wx + wy) return true;
    const sound = this.phoneticText[this.wordPhonetic[word]!]!;
    const px = this.phoneticText[this.wordPhonetic[x]!]!;
    const py = this.phoneticText[this.wordPhonetic[y]!]!;
    if (Math.abs(sound.length - px.length - py.length) > 1) return false;
    return sound === px + py || sound === phoneticKey(wx + wy);
  }

  // Scratch state of the name alignment (no allocation per pair).
  private aWords: Int32Array = new Int32Array(0);
  private aFrom = 0;
  private bWords: Int32Array = new Int32Array(0);
  private bFrom = 0;
  private readonly alignmentInput = {
    countA: 0,
    countB: 0,
    levels: new Int8Array(maxNameWords * maxNameWords),
    joined: (fromA: boolean, i: number, j: number, k: number): boolean =>
      fromA
        ? this.glued(this.aWords[this.aFrom + i]!, this.bWords[this.bFrom + j]!, this.bWords[this.bFrom + k]!)
        : this.glued(this.bWords[this.bFrom + i]!, this.aWords[this.aFrom + j]!, this.aWords[this.aFrom + k]!),
  };
  /** Frequency log of the last compared name (words found on both sides at sound level). */
  private lastFrequencyLog = 0;

  /** Level of two word runs (names), -1 when either is empty. */
  private names(aWords: Int32Array, aFrom: number, aTo: number, bWords: Int32Array, bFrom: number, bTo: number): number {
    const countA = Math.min(maxNameWords, aTo - aFrom);
    const countB = Math.min(maxNameWords, bTo - bFrom);
    this.lastFrequencyLog = 0;
    if (countA <= 0 || countB <= 0) return -1;
    this.aWords = aWords;
    this.aFrom = aFrom;
    this.bWords = bWords;
    this.bFrom = bFrom;
    const input = this.alignmentInput;
    input.countA = countA;
    input.countB = countB;
    for (let i = 0; i < countA; i++) {
      const wa = aWords[aFrom + i]!;
      for (let j = 0; j < countB; j++) input.levels[i * maxNameWords + j] = this.wordLevel(wa, bWords[bFrom + j]!);
    }
    const alignment = alignNames(input);
    let frequencyLog = 0;
    for (let i = 0; i < countA; i++) {
      const j = alignment.pairOfA[i]!;
      if (j < 0 || input.levels[i * maxNameWords + j]! < 2) continue;
      frequencyLog += this.variantShareLog[this.wordVariant[aWords[aFrom + i]!]!] ?? 0;
    }
    this.lastFrequencyLog = frequencyLog;
    return nameLevel(countA, countB, alignment);
  }

  /** Start and end of each spouse's words of record `r`, into `out` (pairs); returns how many. */
  private spouseRanges(r: number, out: Int32Array): number {
    const words = this.col.spouseWords;
    const end = this.col.spouseStart[r + 1]!;
    let from = this.col.spouseStart[r]!;
    let count = 0;
    for (let k = from; k <= end && count < 4; k++) {
      if (k === end || words[k] === spouseSeparator) {
        if (k > from) {
          out[2 * count] = from;
          out[2 * count + 1] = k;
          count++;
        }
        from = k + 1;
      }
    }
    return count;
  }
  private readonly spousesOfI = new Int32Array(8);
  private readonly spousesOfJ = new Int32Array(8);

  private birth(i: number, j: number): number {
    const c = this.col;
    const ya = c.birthYear[i]!;
    const yb = c.birthYear[j]!;
    if (ya === 0 || yb === 0) return -1;
    const da = c.birthDate[i]!;
    const db = c.birthDate[j]!;
    if (da !== 0 && db !== 0) {
      const level = dateLevel(da, db);
      if (level === 2) return 4;
      if (level === 1) return 3;
      if (ya === yb) return 2;
      return withinOneEdit(String(ya), String(yb)) || Math.abs(ya - yb) <= 2 ? 1 : 0;
    }
    // Ages are rounded and often guessed: a year either way is still agreement.
    const tolerance = c.birthFromAge[i]! === 1 || c.birthFromAge[j]! === 1 ? 1 : 0;
    const gap = Math.abs(ya - yb);
    if (gap <= tolerance) return 2;
    if (gap <= tolerance + 3) return 1;
    return 0;
  }

  /** 1 same, 0 different, -1 unknown on a side; by code, else by name (a slip allowed in names). */
  private samePlace(i: number, j: number, codes: Int32Array, names: Int32Array | null): number {
    const ca = codes[i]!;
    const cb = codes[j]!;
    if (ca >= 0 && cb >= 0) {
      if (ca === cb) return 1;
      if (names === null) return 0;
    }
    if (names !== null) {
      const na = names[i]!;
      const nb = names[j]!;
      if (na >= 0 && nb >= 0) {
        if (na === nb) return 1;
        // Place names meet again and again: their similarity is cached like words' slips.
        const key = -1 - (na < nb ? na * 67_108_864 + nb : nb * 67_108_864 + na);
        const slot = (Math.imul(na ^ Math.imul(nb, 0x2545f491), 0x9e3779b1) >>> 0) & slipCacheMask;
        if (this.slipKeys[slot] === key) return this.slipLevels[slot]!;
        const wa = this.s.places.values[na]!;
        const wb = this.s.places.values[nb]!;
        const same = wa.length >= 4 && wb.length >= 4 && jaroWinkler(wa, wb) >= 0.92 ? 1 : 0;
        this.slipKeys[slot] = key;
        this.slipLevels[slot] = same;
        return same;
      }
    }
    return ca >= 0 && cb >= 0 ? 0 : -1;
  }

  private place(i: number, j: number): number {
    const c = this.col;
    const locality = this.samePlace(i, j, c.localityCode, c.localityName);
    if (locality === 1) return 3;
    const commune = this.samePlace(i, j, c.communeCode, c.communeName);
    if (commune === 1) return 2;
    const cercle = this.samePlace(i, j, c.cercle, null);
    const region = this.samePlace(i, j, c.region, null);
    if (cercle === 1 || region === 1) return 1;
    return locality === 0 || commune === 0 || cercle === 0 || region === 0 ? 0 : -1;
  }

  private address(i: number, j: number): number {
    const c = this.col;
    const level = this.names(c.addressWords, c.addressStart[i]!, c.addressStart[i + 1]!, c.addressWords, c.addressStart[j]!, c.addressStart[j + 1]!);
    if (level < 0) return -1;
    return level >= 5 ? 3 : level >= 2 ? 2 : level === 1 ? 1 : 0;
  }

  private phone(i: number, j: number, detail: ComparisonDetail): number {
    const c = this.col;
    const fromA = c.phoneStart[i]!;
    const toA = c.phoneStart[i + 1]!;
    const fromB = c.phoneStart[j]!;
    const toB = c.phoneStart[j + 1]!;
    if (fromA === toA || fromB === toB) return -1;
    for (let a = fromA; a < toA; a++) {
      for (let b = fromB; b < toB; b++) {
        if (c.phones[a] === c.phones[b]) {
          detail.phoneFrequencyLog = this.phoneShareLog.get(c.phones[a]!) ?? 0;
          return 1;
        }
      }
    }
    return 0;
  }

  private identity(i: number, j: number): number {
    const c = this.col;
    const fromA = c.idStart[i]!;
    const toA = c.idStart[i + 1]!;
    const fromB = c.idStart[j]!;
    const toB = c.idStart[j + 1]!;
    let level = -1;
    for (let a = fromA; a < toA; a++) {
      for (let b = fromB; b < toB; b++) {
        const ia = c.ids[a]!;
        const ib = c.ids[b]!;
        if (ia === ib) return 2;
        const ta = this.s.identities.values[ia]!;
        const tb = this.s.identities.values[ib]!;
        // A NINA compares with a NINA, a card number with a card number.
        if (ta[0] !== tb[0]) continue;
        level = Math.max(level, withinOneEdit(ta, tb) ? 1 : 0);
      }
    }
    return level;
  }

  /**
   * Compares households i and j into `detail`. The heads are compared; when they disagree and
   * spouses are listed, the head of one is looked for among the spouses of the other (the wife
   * registered as head by one organisation, the husband by another): then the names compared
   * are the two persons found on both sides, and age and sex, which describe different persons,
   * are left out.
   */
  compare(i: number, j: number, detail: ComparisonDetail): void {
    const c = this.col;
    const levels = detail.levels;
    detail.crossed = false;
    detail.generationApart = false;
    detail.phoneFrequencyLog = 0;

    const headI = c.headStart[i]!;
    const headIEnd = c.headStart[i + 1]!;
    const headJ = c.headStart[j]!;
    const headJEnd = c.headStart[j + 1]!;
    let name = this.names(c.headWords, headI, headIEnd, c.headWords, headJ, headJEnd);
    let nameFrequencyLog = this.lastFrequencyLog;
    let spouse = -1;
    const si = this.spousesOfI;
    const sj = this.spousesOfJ;
    const countI = this.spouseRanges(i, si);
    const countJ = this.spouseRanges(j, sj);
    for (let x = 0; x < countI; x++) {
      for (let y = 0; y < countJ; y++) spouse = Math.max(spouse, this.names(c.spouseWords, si[2 * x]!, si[2 * x + 1]!, c.spouseWords, sj[2 * y]!, sj[2 * y + 1]!));
    }
    if (name <= 1 && countI + countJ > 0) {
      // Head of i among j's spouses, and head of j among i's spouses.
      let headInJ = -1;
      let headInJLog = 0;
      let headJInI = -1;
      let headJInILog = 0;
      for (let y = 0; y < countJ; y++) {
        const level = this.names(c.headWords, headI, headIEnd, c.spouseWords, sj[2 * y]!, sj[2 * y + 1]!);
        if (level > headInJ) {
          headInJ = level;
          headInJLog = this.lastFrequencyLog;
        }
      }
      for (let x = 0; x < countI; x++) {
        const level = this.names(c.spouseWords, si[2 * x]!, si[2 * x + 1]!, c.headWords, headJ, headJEnd);
        if (level > headJInI) {
          headJInI = level;
          headJInILog = this.lastFrequencyLog;
        }
      }
      if (Math.max(headInJ, headJInI) >= 5) {
        detail.crossed = true;
        if (headInJ >= headJInI) {
          name = headInJ;
          nameFrequencyLog = headInJLog;
          spouse = headJInI;
        } else {
          name = headJInI;
          nameFrequencyLog = headJInILog;
          spouse = headInJ;
        }
      }
    }
    levels[F_NAME] = name;
    levels[F_SPOUSE] = spouse < 0 ? -1 : spouse >= 5 ? 2 : spouse >= 3 ? 1 : 0;
    detail.nameFrequencyLog = nameFrequencyLog;

    if (detail.crossed) {
      levels[F_BIRTH] = -1;
      levels[F_SEX] = -1;
    } else {
      levels[F_BIRTH] = this.birth(i, j);
      const ya = c.birthYear[i]!;
      const yb = c.birthYear[j]!;
      // Ages and years are what tell a father from his son of the same name in Malian lists.
      // Full dates on both sides come from documents and registries, where a wrong date is a
      // transcription error: there the weights decide, not this rule.
      const fullDates = c.birthDate[i]! !== 0 && c.birthDate[j]! !== 0;
      detail.generationApart = ya !== 0 && yb !== 0 && Math.abs(ya - yb) >= generationGap && !fullDates;
      const sa = c.sex[i]!;
      const sb = c.sex[j]!;
      levels[F_SEX] = sa === 0 || sb === 0 ? -1 : sa === sb ? 1 : 0;
    }
    levels[F_PHONE] = this.phone(i, j, detail);
    levels[F_IDENTITY] = this.identity(i, j);
    levels[F_PLACE] = this.place(i, j);
    levels[F_ADDRESS] = this.address(i, j);
    // Household size: namesakes' households rarely have the same number of members; lists made
    // months apart differ by a birth or a departure.
    const sizeA = c.householdSize[i]!;
    const sizeB = c.householdSize[j]!;
    const sizeGap = Math.abs(sizeA - sizeB);
    levels[F_SIZE] = sizeA === 0 || sizeB === 0 ? -1 : sizeGap <= 1 ? 2 : sizeGap <= 3 ? 1 : 0;
  }
}

export function patternOf(levels: Int8Array): number {
  let pattern = 0;
  for (let f = 0; f < fieldCount; f++) pattern += (levels[f]! + 1) * radix[f]!;
  return pattern;
}
