import type { HouseholdRecord, PersonName, PlaceRef } from '../household.ts';
import { foldName, nameKeys } from '../names.ts';

/**
 * What goes into a household's Bloom filter, field by field: the same normalisation as the plain
 * deduplication engine (names.ts, values.ts, household.ts), so that both modes see "Cissé" and
 * "SISSE", "Mohamed" and "Mamadou", "+223 76 12 34 56" and "76123456" the same way.
 *
 *   name      every word of the head's name, in any order (lists swap and merge the columns):
 *             the bigrams of its variant key (the phonetic key, or for a given name written many
 *             ways its group's: Mohamed, Mahamadou and Mamadou give the same bigrams; Cissé and
 *             Sissé too), and one token for the whole word. Particles (Ag, Ould, Walet, Mint)
 *             and honorifics are set apart, as the engine does;
 *   spouse    the spouses' names, hashed with the name's key (a name sets the same bits wherever
 *             it stands) and fewer positions: the wife registered as head in one list and her
 *             husband in the next still share some bits, a list without spouses loses little;
 *   birth     the birth year and its neighbours (an age guessed a year off keeps two tokens of
 *             three), and day and month when a full date is known;
 *   sex, commune (P-code, else its name), locality (bigrams of its name, else its P-code), region;
 *   phone     the last 8 digits of each number;
 *   identity  NINA or another identity number, when a list has one;
 *   address   bigrams of the street address words, and the street number (towns, FEBRL).
 *
 * A field's weight is the number of bit positions each of its tokens sets (`k`): a phone says
 * much in one token, a name bigram little. The weights were chosen on the benchmarks
 * (bench/pprl.ts): FEBRL4 and the synthetic Malian lists.
 */
export const clkFields = [
  { key: 'name', hmacKey: 'name', k: 10 },
  { key: 'nameWord', hmacKey: 'name', k: 10 },
  { key: 'spouse', hmacKey: 'name', k: 2 },
  { key: 'spouseWord', hmacKey: 'name', k: 2 },
  { key: 'birth', hmacKey: 'birth', k: 20 },
  { key: 'sex', hmacKey: 'sex', k: 4 },
  { key: 'commune', hmacKey: 'commune', k: 4 },
  { key: 'locality', hmacKey: 'locality', k: 4 },
  { key: 'region', hmacKey: 'region', k: 2 },
  { key: 'phone', hmacKey: 'phone', k: 40 },
  { key: 'identity', hmacKey: 'identity', k: 40 },
  { key: 'address', hmacKey: 'address', k: 6 },
] as const;

const F_NAME = 0;
const F_SPOUSE = 2;
const F_BIRTH = 4;
const F_SEX = 5;
const F_COMMUNE = 6;
const F_LOCALITY = 7;
const F_REGION = 8;
const F_PHONE = 9;
const F_IDENTITY = 10;
const F_ADDRESS = 11;
/** A name field's whole-word tokens are the next field. */
const WORD = 1;

/** The tokens of one record: `fields[t]` is the index in `clkFields` of `tokens[t]`. */
export interface RecordTokens {
  fields: number[];
  tokens: string[];
}

function bigrams(word: string, into: (token: string) => void): void {
  const padded = `_${word}_`;
  for (let k = 0; k + 1 < padded.length; k++) into(padded.slice(k, k + 2));
}

/** Adds each token once per field group (a name word repeated, a bigram met twice). */
function adder(out: RecordTokens) {
  const seen = new Set<string>();
  return (field: number, token: string) => {
    const key = `${field}\u0001${token}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.fields.push(field);
    out.tokens.push(token);
  };
}

function nameTokens(name: PersonName | null, field: number, add: (field: number, token: string) => void): void {
  if (name === null) return;
  const keys = nameKeys(name.full);
  for (let w = 0; w < keys.words.length && w < 8; w++) {
    bigrams(keys.variants[w]!, (gram) => add(field, gram));
    add(field + WORD, `=${keys.variants[w]!}`);
  }
}

function placeToken(ref: PlaceRef | null): string | null {
  if (ref === null) return null;
  if (ref.code) return `#${ref.code}`;
  const folded = ref.name ? foldName(ref.name) : '';
  return folded === '' ? null : folded;
}

function wordBigrams(text: string, field: number, add: (field: number, token: string) => void, maxWords = 12): void {
  for (const word of foldName(text).split(' ').slice(0, maxWords)) {
    if (word === '') continue;
    if (/^\d+$/.test(word)) add(field, `#${word}`);
    else bigrams(word, (gram) => add(field, gram));
  }
}

/** The tokens of a household record, each with its field. */
export function recordTokens(record: HouseholdRecord): RecordTokens {
  const out: RecordTokens = { fields: [], tokens: [] };
  const add = adder(out);
  nameTokens(record.head, F_NAME, add);
  for (const spouse of record.spouses) nameTokens(spouse, F_SPOUSE, add);

  const birth = record.birthYear;
  if (birth) {
    for (let year = birth.year - 1; year <= birth.year + 1; year++) add(F_BIRTH, `y${year}`);
    if (birth.date) add(F_BIRTH, `d${birth.date.slice(5)}`);
  }
  if (record.sex) add(F_SEX, record.sex);

  const commune = placeToken(record.commune);
  if (commune) add(F_COMMUNE, commune);
  if (record.locality?.name) wordBigrams(record.locality.name, F_LOCALITY, add);
  else if (record.locality?.code) add(F_LOCALITY, `#${record.locality.code}`);
  const region = placeToken(record.region);
  if (region) add(F_REGION, region);

  for (const phone of record.phones) add(F_PHONE, phone);
  if (record.nina) add(F_IDENTITY, `N${record.nina}`);
  if (record.idNumber) add(F_IDENTITY, `P${record.idNumber}`);
  if (record.address) wordBigrams(record.address, F_ADDRESS, add);
  return out;
}
