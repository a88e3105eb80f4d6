import type { HouseholdView } from '../../../shared/contracts/lists.ts';
import type { HouseholdRecord } from '../../../shared/linkage/index.ts';

/** Where a record's household lives, from the gazetteer: the locality and its admin P-codes. */
export interface RecordPlace {
  pcode: string | null;
  name: string;
  adm1: string | null;
  adm2: string | null;
  adm3: string | null;
}

/**
 * A list's household, as the service decrypted it, in the engine's terms. Lists keep the head's
 * name as written with its family and given parts, the birth year (from an age or a date: not told
 * apart, so compared with an age's tolerance), phones on their last 8 digits, the NINA, spouses.
 */
export function householdRecordOf(household: HouseholdView, place: RecordPlace): HouseholdRecord {
  const code = (pcode: string | null) => (pcode ? { code: pcode, name: null } : null);
  return {
    head: household.headName ? { full: household.headName, family: household.familyName, given: household.givenNames } : null,
    sex: household.sex,
    birthYear: household.birthYear ? { year: household.birthYear, fromAge: true } : null,
    phones: household.phones,
    nina: household.nina,
    idNumber: null,
    householdSize: household.householdSize,
    status: household.status,
    region: code(place.adm1),
    cercle: code(place.adm2),
    commune: code(place.adm3),
    locality: { code: place.pcode, name: place.name },
    address: null,
    spouses: household.spouses.map((full) => ({ full, family: null, given: null })),
  };
}
