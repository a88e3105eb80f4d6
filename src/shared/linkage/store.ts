import type { HouseholdRecord, PersonName, PlaceRef } from './household.ts';
import { foldName, nameKeys } from './names.ts';

/**
 * Households held for linkage as columns of integers: a million records must fit in a few
 * hundred megabytes and compare without allocating, so names become interned word ids, phones
 * numbers, places interned ids. Records are added one at a time (the caller's objects can be
 * dropped as soon as they are added).
 */
export class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
  trimmed(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Strings to dense integer ids (0, 1, 2…). */
export class Interner {
  readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  get(value: string): number {
    return this.ids.get(value) ?? -1;
  }
}

/** Separates spouses in a record's spouse word list. */
export const spouseSeparator = -1;

export class HouseholdStore {
  /** Folded words of names and addresses. */
  readonly words = new Interner();
  /** Per word: its phonetic key's id, its variant group's id (names.ts). */
  readonly wordPhonetic = new GrowableInt32();
  readonly wordVariant = new GrowableInt32();
  readonly phonetics = new Interner();
  /** Records that hold each variant group in a name (for term frequencies). */
  readonly variantRecords = new GrowableInt32();
  readonly places = new Interner();
  readonly identities = new Interner();

  /** Caller's key of each record (source and row, or an id): cluster ids are derived from it. */
  readonly keys: string[] = [];
  readonly source = new GrowableInt32();
  readonly headStart = new GrowableInt32();
  readonly headWords = new GrowableInt32();
  readonly spouseStart = new GrowableInt32();
  readonly spouseWords = new GrowableInt32();
  readonly addressStart = new GrowableInt32();
  readonly addressWords = new GrowableInt32();
  readonly phoneStart = new GrowableInt32();
  readonly phones = new GrowableInt32();
  readonly idStart = new GrowableInt32();
  readonly ids = new GrowableInt32();
  /** 0 unknown, 1 male, 2 female. */
  readonly sex = new GrowableInt32();
  /** Birth year (0 unknown); 1 when it was counted from an age; the full date as YYYYMMDD (0 unknown). */
  readonly birthYear = new GrowableInt32();
  readonly birthFromAge = new GrowableInt32();
  readonly birthDate = new GrowableInt32();
  /** Interned place ids, -1 unknown: each level by code and by folded name. */
  readonly localityCode = new GrowableInt32();
  readonly localityName = new GrowableInt32();
  readonly communeCode = new GrowableInt32();
  readonly communeName = new GrowableInt32();
  readonly cercle = new GrowableInt32();
  readonly region = new GrowableInt32();
  /** Members of the household, 0 unknown. */
  readonly householdSize = new GrowableInt32();

  get size(): number {
    return this.keys.length;
  }

  private word(word: string, phonetic: string, variant: string): number {
    const before = this.words.values.length;
    const id = this.words.id(word);
    if (id === before) {
      this.wordPhonetic.push(this.phonetics.id(phonetic));
      this.wordVariant.push(this.phonetics.id(variant));
    }
    return id;
  }

  private nameWords(name: PersonName | null, into: GrowableInt32, seen: Set<number> | null): number {
    if (name === null) return 0;
    const keys = nameKeys(name.full);
    for (let k = 0; k < keys.words.length && k < 8; k++) {
      const id = this.word(keys.words[k]!, keys.phonetic[k]!, keys.variants[k]!);
      into.push(id);
      seen?.add(this.wordVariant.data[id]!);
    }
    return keys.words.length;
  }

  private placeId(text: string | null): number {
    if (text === null) return -1;
    const folded = foldName(text);
    return folded === '' ? -1 : this.places.id(folded);
  }

  private placeOf(ref: PlaceRef | null, into: { code: GrowableInt32; name: GrowableInt32 }): void {
    into.code.push(this.placeId(ref?.code ?? null));
    into.name.push(this.placeId(ref?.name ?? null));
  }

  /** Adds one household; returns its index. */
  add(key: string, source: number, record: HouseholdRecord): number {
    const index = this.keys.length;
    this.keys.push(key);
    this.source.push(source);

    this.headStart.push(this.headWords.length);
    const variants = new Set<number>();
    this.nameWords(record.head, this.headWords, variants);
    for (const variant of variants) {
      while (this.variantRecords.length <= variant) this.variantRecords.push(0);
      this.variantRecords.data[variant]!++;
    }

    this.spouseStart.push(this.spouseWords.length);
    let first = true;
    for (const spouse of record.spouses) {
      if (!first) this.spouseWords.push(spouseSeparator);
      if (this.nameWords(spouse, this.spouseWords, null) > 0) first = false;
    }
    if (!first && this.spouseWords.data[this.spouseWords.length - 1] === spouseSeparator) this.spouseWords.length--;

    this.addressStart.push(this.addressWords.length);
    if (record.address) {
      for (const word of foldName(record.address).split(' ').slice(0, 12)) if (word !== '') this.addressWords.push(this.word(word, word, word));
    }

    this.phoneStart.push(this.phones.length);
    for (const phone of record.phones) this.phones.push(Number(phone));

    this.idStart.push(this.ids.length);
    if (record.nina) this.ids.push(this.identities.id(`N${record.nina}`));
    if (record.idNumber) this.ids.push(this.identities.id(`P${record.idNumber}`));

    this.sex.push(record.sex === 'm' ? 1 : record.sex === 'f' ? 2 : 0);
    this.birthYear.push(record.birthYear?.year ?? 0);
    this.birthFromAge.push(record.birthYear?.fromAge ? 1 : 0);
    this.birthDate.push(record.birthYear?.date ? Number(record.birthYear.date.replace(/-/g, '')) : 0);

    this.placeOf(record.locality, { code: this.localityCode, name: this.localityName });
    this.placeOf(record.commune, { code: this.communeCode, name: this.communeName });
    const cercle = record.cercle?.code ?? record.cercle?.name ?? null;
    const region = record.region?.code ?? record.region?.name ?? null;
    this.cercle.push(this.placeId(cercle));
    this.region.push(this.placeId(region));
    this.householdSize.push(record.householdSize ?? 0);
    return index;
  }

  /** Closes the offset columns (each gets its end sentinel). Call once, after the last `add`. */
  seal(): void {
    this.headStart.push(this.headWords.length);
    this.spouseStart.push(this.spouseWords.length);
    this.addressStart.push(this.addressWords.length);
    this.phoneStart.push(this.phones.length);
    this.idStart.push(this.ids.length);
  }
}
