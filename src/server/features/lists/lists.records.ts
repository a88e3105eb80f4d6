import type { PopulationGroup } from '../../../shared/contracts/alerts.ts';
import { type HouseholdReading, type NameKeys, nameKeys, readHousehold } from '../../../shared/linkage/index.ts';
import type { Sex } from '../../../shared/linkage/values.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import type { ListRow } from '../../../shared/list-columns.ts';

/**
 * What a list keeps of one household, encrypted as one JSON value under the list's data key:
 * the normalised record (names as written, birth year, phones on their last 8 digits, NINA)
 * and what the household received. Only the service that serves the custodian or the owner
 * ever decrypts it.
 */
export interface SealedHousehold {
  householdId: string | null;
  headName: string | null;
  familyName: string | null;
  givenNames: string | null;
  sex: Sex | null;
  birthYear: number | null;
  phones: string[];
  nina: string | null;
  status: PopulationGroup | null;
  origin: string | null;
  spouses: string[];
  assistance: string | null;
}

/** The keyed hashes stored in clear beside the ciphertext: counting, searching and blocking, never reading. */
export interface HouseholdIndexes {
  /** Tells one household from another: its NINA, else its head's name with a phone, else name, birth year and place. */
  householdKey: string | null;
  ninaIndex: string | null;
  namePhoneIndexes: string[];
  /** Candidate groups for deduplication: each name word's variant group, each phone. */
  blockKeys: string[];
}

/** `reading`: the row as already read by the import's row check, so that it is read once. */
export function sealedHouseholdOf(row: ListRow, referenceDate: string, reading: HouseholdReading = readHousehold(row, referenceDate)): SealedHousehold {
  const { record } = reading;
  return {
    householdId: row.id ?? null,
    headName: record.head?.full ?? null,
    familyName: record.head?.family ?? null,
    givenNames: record.head?.given ?? null,
    sex: record.sex,
    birthYear: record.birthYear?.year ?? null,
    phones: record.phones,
    nina: record.nina,
    status: record.status,
    origin: row.origin ?? null,
    spouses: record.spouses.map((s) => s.full),
    assistance: row.assistance ?? null,
  };
}

/** A name as searches compare it: folded words without particles or honorifics, in any order. */
export function nameSearchKey(name: string | null | undefined): string {
  return searchKeyOf(nameKeys(name));
}

const searchKeyOf = (keys: NameKeys) => [...keys.words].sort().join(' ');

/**
 * What tells one household from another before it is hashed into its household key: its NINA,
 * else its head's name with a phone, else name, birth year and place. The upload compares rows
 * of one file by it in memory, without a keyed hash per row.
 */
export function householdKeyMaterial(household: SealedHousehold, localityId: string): string | null {
  return keyMaterial(household, localityId, searchKeyOf(nameKeys(household.headName)));
}

function keyMaterial(household: SealedHousehold, localityId: string, name: string): string | null {
  if (household.nina) return `nina|${household.nina}`;
  if (name && household.phones.length > 0) return `name-phone|${name}|${household.phones[0] ?? ''}`;
  if (name && household.birthYear) return `name-year-place|${name}|${household.birthYear}|${localityId}`;
  return null;
}

export function householdIndexes(household: SealedHousehold, localityId: string, keyring: Pick<ListKeyring, 'blindIndex'>): HouseholdIndexes {
  const keys = nameKeys(household.headName);
  const name = searchKeyOf(keys);
  const ninaIndex = household.nina ? keyring.blindIndex('nina', household.nina) : null;
  const namePhoneIndexes = name ? household.phones.map((phone) => keyring.blindIndex('name-phone', `${name}|${phone}`)) : [];
  const material = keyMaterial(household, localityId, name);
  const householdKey = material === null ? null : keyring.blindIndex('household', material);
  const variants = [...new Set(keys.variants)];
  const blockKeys = [...variants.map((v) => keyring.blindIndex('block-name', v)), ...household.phones.map((p) => keyring.blindIndex('block-phone', p))];
  return { householdKey, ninaIndex, namePhoneIndexes, blockKeys };
}
