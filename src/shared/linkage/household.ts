import type { PopulationGroup } from '../contracts/alerts.ts';
import { capitalisedWords, foldName, isPlaceholder } from './names.ts';
import { type BirthYear, type CellInput, readAge, readBirthDate, readNina, readPhones, readSex, readStatus, type Sex, type ValueProblemCode } from './values.ts';

/**
 * A household row as a list gives it, before normalisation: the keys of the household column
 * declaration (household-columns.ts), each optional because every
 * organisation's layout has its own subset.
 */
export interface HouseholdFields {
  /** The organisation's own household id, when the list has one. */
  id?: string | null;
  /** Head of household's full name in one column ("TRAORE Moussa", "Moussa Traoré"). */
  fullName?: string | null;
  familyName?: string | null;
  givenNames?: string | null;
  sex?: CellInput;
  /** "21", "21 ANS", "environ 40 ans". */
  age?: CellInput;
  /** A year, or a date ("12/03/1985", "00/00/1985", "vers 1985", an Excel serial). */
  birthDate?: CellInput;
  phone?: CellInput;
  phone2?: CellInput;
  nina?: CellInput;
  /** Another identity document's number (voter card, passport, a registry's personal number). */
  idNumber?: CellInput;
  householdSize?: number | null;
  status?: CellInput;
  adm1Name?: string | null;
  adm1Code?: string | null;
  adm2Name?: string | null;
  adm2Code?: string | null;
  adm3Name?: string | null;
  adm3Code?: string | null;
  localityName?: string | null;
  localityCode?: string | null;
  /** Street address, as towns and camps write it ("Rue 12 porte 34", "Sabalibougou près de la mosquée"). */
  streetNumber?: string | null;
  address?: string | null;
  address2?: string | null;
  /** Spouse's full name, or family name when `spouseGivenNames` is given too. */
  spouseName?: string | null;
  spouseGivenNames?: string | null;
  /** A second spouse (polygamous households list both). */
  spouse2Name?: string | null;
}

/** A person's name as written, with the family and given parts when the list tells them apart. */
export interface PersonName {
  /** Every word of the name, as written, one space between cells. */
  full: string;
  family: string | null;
  given: string | null;
}

/** A place level: its P-code and/or its name as written. */
export interface PlaceRef {
  code: string | null;
  name: string | null;
}

/** One household, normalised: what the deduplication engine compares and the custodian is shown. */
export interface HouseholdRecord {
  head: PersonName | null;
  sex: Sex | null;
  birthYear: BirthYear | null;
  /** Last 8 digits of each phone number. */
  phones: string[];
  nina: string | null;
  /** Another identity document's number, letters and digits only. */
  idNumber: string | null;
  householdSize: number | null;
  status: PopulationGroup | null;
  region: PlaceRef | null;
  cercle: PlaceRef | null;
  commune: PlaceRef | null;
  locality: PlaceRef | null;
  /** Street number and address lines, joined. */
  address: string | null;
  spouses: PersonName[];
}

export interface HouseholdProblem {
  field: keyof HouseholdFields;
  code: ValueProblemCode;
}

export interface HouseholdReading {
  record: HouseholdRecord;
  /** Values that could not be read; they are left out of the record. */
  problems: HouseholdProblem[];
}

function clean(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.replace(/\s+/g, ' ').trim();
  return trimmed === '' || isPlaceholder(trimmed) ? null : trimmed;
}

/**
 * A person's name from the cells a list has: a full name, a family name, given names, in any
 * combination. With a full name and given names but no family name (a list whose "Nom du chef de
 * ménage" sits beside "Prénom"), the full name's other words are the family name; with a full
 * name alone, words in capitals are the family name ("TRAORE Moussa").
 */
export function personName(full: string | null | undefined, family: string | null | undefined, given: string | null | undefined): PersonName | null {
  const fullText = clean(full);
  let familyText = clean(family);
  let givenText = clean(given);
  if (fullText === null && familyText === null && givenText === null) return null;
  if (fullText !== null && familyText === null) {
    if (givenText !== null) {
      const givenWords = new Set(foldName(givenText).split(' '));
      const rest = fullText.split(' ').filter((w) => !givenWords.has(foldName(w)));
      familyText = rest.length > 0 ? rest.join(' ') : null;
    } else {
      const capitals = capitalisedWords(fullText);
      if (capitals.length > 0) {
        familyText = capitals.join(' ');
        const familyWords = new Set(capitals);
        givenText = fullText.split(' ').filter((w) => !familyWords.has(w)).join(' ') || null;
      }
    }
  }
  const words: string[] = [];
  const seen = new Set<string>();
  for (const part of [fullText, givenText, familyText]) {
    for (const word of part?.split(' ') ?? []) {
      const key = foldName(word);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      words.push(word);
    }
  }
  return { full: words.join(' '), family: familyText, given: givenText };
}

function place(code: string | null | undefined, name: string | null | undefined): PlaceRef | null {
  const codeText = clean(code)?.toUpperCase().replace(/\s+/g, '') ?? null;
  const nameText = clean(name);
  return codeText === null && nameText === null ? null : { code: codeText, name: nameText };
}

/** An identity number as its letters and digits; fewer than 4 of them is no number. */
function idNumberOf(value: CellInput): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(0) : '') : clean(value ?? null);
  const compact = text?.toUpperCase().replace(/[^0-9A-Z]/g, '') ?? '';
  return compact.length >= 4 ? compact : null;
}

/** The year of the list's reference date (its assistance or registration date), for ages. */
export function referenceYearOf(referenceDate: string | Date): number {
  return typeof referenceDate === 'string' ? Number(referenceDate.slice(0, 4)) : referenceDate.getUTCFullYear();
}

/**
 * Normalises one household row. `referenceDate` is the date the list's ages were true (its
 * assistance or registration date, ISO); ages become birth years counted back from it, so lists
 * made years apart still compare.
 */
export function readHousehold(fields: HouseholdFields, referenceDate: string | Date): HouseholdReading {
  const problems: HouseholdProblem[] = [];
  const referenceYear = referenceYearOf(referenceDate);
  const take = <T>(field: keyof HouseholdFields, reading: { ok: true; value: T | null } | { ok: false; code: ValueProblemCode }): T | null => {
    if (reading.ok) return reading.value;
    problems.push({ field, code: reading.code });
    return null;
  };

  const born = take('birthDate', readBirthDate(fields.birthDate, referenceYear));
  const aged = take('age', readAge(fields.age, referenceYear));
  const phones = [...(take('phone', readPhones(fields.phone)) ?? []), ...(take('phone2', readPhones(fields.phone2)) ?? [])];
  const spouses = [personName(fields.spouseName, null, fields.spouseGivenNames), personName(fields.spouse2Name, null, null)].filter((s) => s !== null);
  const size = fields.householdSize;

  return {
    record: {
      head: personName(fields.fullName, fields.familyName, fields.givenNames),
      sex: take('sex', readSex(fields.sex)),
      birthYear: born ?? aged,
      phones: [...new Set(phones)],
      nina: take('nina', readNina(fields.nina)),
      idNumber: idNumberOf(fields.idNumber),
      householdSize: typeof size === 'number' && Number.isFinite(size) && size > 0 ? Math.round(size) : null,
      status: take('status', readStatus(fields.status)),
      region: place(fields.adm1Code, fields.adm1Name),
      cercle: place(fields.adm2Code, fields.adm2Name),
      commune: place(fields.adm3Code, fields.adm3Name),
      locality: place(fields.localityCode, fields.localityName),
      address: [fields.streetNumber, fields.address, fields.address2].map(clean).filter((part) => part !== null).join(' ') || null,
      spouses,
    },
    problems,
  };
}
