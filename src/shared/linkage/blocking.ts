import type { HouseholdStore } from './store.ts';

/**
 * Candidate pairs: records that share at least one blocking key. Several keys, so that a
 * household whose family name is misspelt is still found by its given name and age, its phone
 * or its village:
 *   1. two words of the name (any two: swapped or merged columns, a spouse listed as head),
 *   2. one word of the name and the birth year (a window of ± 1),
 *   3. one word of the name and the village (or the commune),
 *   4. the first three letters of a name word's sound and the place,
 *   5. a word of the address and the place,
 *   6. a phone number (last 8 digits), 7. an identity number, 8. a full date of birth.
 * Keys are 32-bit hashes packed with the record index into one float64 and sorted by the typed
 * array's native sort: no object per key or per pair. A block larger than `maxBlock` (Moussa
 * Traoré in a region) is cut by commune, and a commune's part still too large is not compared
 * all against all: its records are sorted by birth year and place and each is compared with its
 * `window` next neighbours (sorted neighbourhood).
 */
export interface BlockingOptions {
  maxBlock?: number;
  window?: number;
  onProgress?: (share: number) => void;
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Growable Float64Array of packed pairs (i·n + j, i < j). */
class PairBuffer {
  data = new Float64Array(1 << 16);
  length = 0;
  push(code: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = code;
  }
  /** Sorts and removes duplicates in place. */
  compact(): void {
    const view = this.data.subarray(0, this.length);
    view.sort();
    let out = 0;
    for (let k = 0; k < view.length; k++) if (k === 0 || view[k] !== view[out - 1]) view[out++] = view[k]!;
    this.length = out;
  }
}

export interface CandidatePairs {
  /** Packed pairs i·n + j (i < j), sorted, distinct. */
  codes: Float64Array;
  n: number;
}

export function unpackPair(code: number, n: number): [number, number] {
  const i = Math.floor(code / n);
  return [i, code - i * n];
}

export function candidatePairs(store: HouseholdStore, options: BlockingOptions = {}): CandidatePairs {
  const n = store.size;
  const maxBlock = options.maxBlock ?? 30;
  const window = options.window ?? 6;
  const recordBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const hashSpace = 2 ** Math.min(32, 53 - recordBits);
  const recordSpace = 2 ** recordBits;

  const headStart = store.headStart.trimmed();
  const headWords = store.headWords.trimmed();
  const spouseStart = store.spouseStart.trimmed();
  const spouseWords = store.spouseWords.trimmed();
  const wordVariant = store.wordVariant.trimmed();
  const wordPhonetic = store.wordPhonetic.trimmed();
  const phonetics = store.phonetics.values;
  const addressStart = store.addressStart.trimmed();
  const addressWords = store.addressWords.trimmed();
  const phoneStart = store.phoneStart.trimmed();
  const phones = store.phones.trimmed();
  const idStart = store.idStart.trimmed();
  const ids = store.ids.trimmed();
  const birthYear = store.birthYear.trimmed();
  const birthDate = store.birthDate.trimmed();
  const communeCode = store.communeCode.trimmed();
  const communeName = store.communeName.trimmed();
  const localityCode = store.localityCode.trimmed();
  const localityName = store.localityName.trimmed();
  const region = store.region.trimmed();

  // Order inside an oversized block: birth year, then place, then record.
  const order = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const place = communeCode[r]! >= 0 ? communeCode[r]! : communeName[r]! >= 0 ? communeName[r]! : localityName[r]!;
    order[r] = birthYear[r]! * 1e9 + ((place + 1) % 1e6) * 1e3 + (r % 1000);
  }

  const pairs = new PairBuffer();
  const pushPair = (a: number, b: number) => pairs.push(a < b ? a * n + b : b * n + a);

  const entries = { data: new Float64Array(Math.max(16, n * 2)), length: 0 };
  const emit = (hash: number, r: number) => {
    if (entries.length === entries.data.length) {
      const next = new Float64Array(entries.data.length * 2);
      next.set(entries.data);
      entries.data = next;
    }
    entries.data[entries.length++] = (hash % hashSpace) * recordSpace + r;
  };

  // The commune of each record (by code, else by name; -1 unknown), for oversized blocks.
  const commune = new Int32Array(n);
  for (let r = 0; r < n; r++) commune[r] = communeCode[r]! >= 0 ? communeCode[r]! : communeName[r]!;

  const members: number[] = [];
  const allPairs = (list: number[], from: number, to: number) => {
    for (let x = from; x < to; x++) for (let y = x + 1; y < to; y++) if (list[x] !== list[y]) pushPair(list[x]!, list[y]!);
  };
  const neighbours = (list: number[], from: number, to: number) => {
    for (let x = from; x < to; x++) for (let y = x + 1; y < to && y <= x + window; y++) if (list[x] !== list[y]) pushPair(list[x]!, list[y]!);
  };
  const flush = () => {
    const g = members.length;
    if (g < 2) return;
    if (g <= maxBlock) {
      allPairs(members, 0, g);
      return;
    }
    // An oversized block (Moussa Traoré across a region) is cut by commune: within a commune, all
    // pairs while few, else neighbours by birth year and place. Across communes, only records of
    // no known commune look for neighbours: strangers sharing a common name and a birth year
    // across a region are namesakes, and a household that moved is still found by its phone, its
    // identity number or its rarer names (blocks small enough to be compared all against all).
    members.sort((a, b) => commune[a]! - commune[b]! || order[a]! - order[b]!);
    for (let from = 0; from < g;) {
      let to = from + 1;
      while (to < g && commune[members[to]!] === commune[members[from]!]) to++;
      if (commune[members[from]!]! < 0) {
        // (no commune: the block-wide neighbours below)
      } else if (to - from <= maxBlock) allPairs(members, from, to);
      else neighbours(members, from, to);
      from = to;
    }
    // Records of no known commune: neighbours by birth year and place over the whole block.
    members.sort((a, b) => order[a]! - order[b]!);
    for (let x = 0; x < g; x++) {
      for (let y = x + 1; y < g && y <= x + window; y++) {
        if ((commune[members[x]!]! < 0 || commune[members[y]!]! < 0) && members[x] !== members[y]) pushPair(members[x]!, members[y]!);
      }
    }
  };

  const pass = (keysOf: (r: number) => void) => {
    entries.length = 0;
    for (let r = 0; r < n; r++) keysOf(r);
    const view = entries.data.subarray(0, entries.length);
    view.sort();
    let current = -1;
    members.length = 0;
    for (let k = 0; k < view.length; k++) {
      const value = view[k]!;
      const hash = Math.floor(value / recordSpace);
      const r = value - hash * recordSpace;
      if (hash !== current) {
        flush();
        members.length = 0;
        current = hash;
      }
      if (members.length === 0 || members[members.length - 1] !== r) members.push(r);
    }
    flush();
    if (pairs.length > 40_000_000) pairs.compact();
  };

  const variantsOf = (words: Int32Array, from: number, to: number, out: number[]) => {
    out.length = 0;
    for (let k = from; k < to && out.length < 5; k++) {
      const word = words[k]!;
      if (word < 0) continue;
      const v = wordVariant[word]!;
      if (!out.includes(v)) out.push(v);
    }
    return out;
  };
  const variants: number[] = [];
  // The village when known (smaller blocks than the commune), else the commune.
  const placeOf = (r: number) => {
    const place = localityCode[r]! >= 0 ? localityCode[r]! : localityName[r]!;
    if (place >= 0) return place;
    return communeCode[r]! >= 0 ? communeCode[r]! : communeName[r]!;
  };
  const prefixCode = (text: string) => text.charCodeAt(0) * 65536 + text.charCodeAt(1) * 256 + text.charCodeAt(2);
  const passes: ((r: number) => void)[] = [
    // 1. Two words of the head's name, and of each spouse's (a spouse listed as head elsewhere),
    //    within the region when it is known (see 2).
    (r) => {
      const area = region[r]!;
      const wordPairs = (list: number[]) => {
        if (list.length === 1) emit(mix(mix(mix(1, list[0]!), -1), area), r);
        for (let x = 0; x < list.length; x++) {
          for (let y = x + 1; y < list.length; y++) {
            const lo = Math.min(list[x]!, list[y]!);
            const hi = Math.max(list[x]!, list[y]!);
            emit(mix(mix(mix(1, lo), hi), area), r);
          }
        }
      };
      wordPairs(variantsOf(headWords, headStart[r]!, headStart[r + 1]!, variants));
      let from = spouseStart[r]!;
      const end = spouseStart[r + 1]!;
      for (let k = from; k <= end; k++) {
        if (k === end || spouseWords[k]! < 0) {
          if (k > from) wordPairs(variantsOf(spouseWords, from, k, variants));
          from = k + 1;
        }
      }
    },
    // 2. One word of the name and the birth year, ± 1, within the region when it is known: across
    //    a country of a million records, a common name and a year are shared by hundreds of
    //    strangers, who crowd the true pairs out of the blocks and out of the model's estimates.
    //    (Oversized blocks are cut by commune, see flush: keying by commune instead loses the
    //    pairs whose commune or postcode is miswritten, FEBRL2's among them.)
    (r) => {
      const year = birthYear[r]!;
      if (year === 0) return;
      const area = region[r]!;
      for (const v of variantsOf(headWords, headStart[r]!, headStart[r + 1]!, variants)) {
        emit(mix(mix(mix(2, v), year), area), r);
        emit(mix(mix(mix(2, v), year + 1), area), r);
      }
    },
    // 3. One word of the name and the village (or the commune when no village is given).
    (r) => {
      const place = placeOf(r);
      if (place < 0) return;
      for (const v of variantsOf(headWords, headStart[r]!, headStart[r + 1]!, variants)) emit(mix(mix(3, v), place), r);
    },
    // 4. The first three letters of a name word's sound and the place (slips later in the word).
    (r) => {
      const place = placeOf(r);
      if (place < 0) return;
      for (let k = headStart[r]!; k < headStart[r + 1]! && k < headStart[r]! + 5; k++) {
        const sound = phonetics[wordPhonetic[headWords[k]!]!]!;
        if (sound.length >= 3) emit(mix(mix(7, prefixCode(sound)), place), r);
      }
    },
    // 5. A word of the address and the place.
    (r) => {
      const place = placeOf(r);
      if (place < 0) return;
      for (let k = addressStart[r]!; k < addressStart[r + 1]!; k++) emit(mix(mix(8, addressWords[k]!), place), r);
    },
    // 6–8. Phone, identity number, full date of birth.
    (r) => {
      for (let k = phoneStart[r]!; k < phoneStart[r + 1]!; k++) emit(mix(4, phones[k]!), r);
      for (let k = idStart[r]!; k < idStart[r + 1]!; k++) emit(mix(5, ids[k]!), r);
      if (birthDate[r]! !== 0) emit(mix(6, birthDate[r]!), r);
    },
  ];
  for (let p = 0; p < passes.length; p++) {
    pass(passes[p]!);
    options.onProgress?.((p + 1) / passes.length);
  }
  pairs.compact();
  return { codes: pairs.data.slice(0, pairs.length), n };
}
