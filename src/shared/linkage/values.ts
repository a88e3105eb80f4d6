import { populationGroups, type PopulationGroup } from '../contracts/alerts.ts';
import { foldName, isPlaceholder } from './names.ts';

/**
 * The other values of a household row, read the ways Malian lists write them. Each reader takes
 * a cell as text or number and says whether it could read it: `{ ok: true, value }` (null for an
 * empty cell or a placeholder such as "néant"), or `{ ok: false, code }` with a code of
 * src/shared/import-messages.ts for the row report.
 */
export type Reading<T> = { ok: true; value: T | null } | { ok: false; code: ValueProblemCode };
export type ValueProblemCode = 'age_invalid' | 'birth_date_invalid' | 'phone_invalid' | 'nina_invalid' | 'sex_invalid' | 'household_status_invalid';

export type CellInput = string | number | null | undefined;

const empty = <T>(): Reading<T> => ({ ok: true, value: null });
const read = <T>(value: T): Reading<T> => ({ ok: true, value });
const refuse = <T>(code: ValueProblemCode): Reading<T> => ({ ok: false, code });

function textOf(value: CellInput): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  return text === '' || isPlaceholder(text) ? null : text;
}

// --------------------------------------------------------------------------------------- phones

/** Digit runs that can hold a phone number: digits with spaces, dots, dashes or brackets inside. */
const phoneRun = /\+?\d[\d\s.\-()]*\d/g;
/** The digits Mali prefixes: +223, 00223, 223. */
const maliPrefix = /^(?:00)?223(?=\d{8}$)/;

/**
 * Phone numbers of a cell, each as its last 8 digits (Malian numbers have 8; +223, 00223 and
 * spaces vary between lists, and a foreign number still compares on its last 8). A cell may hold
 * several ("76 12 34 56 / 66 12 34 56", or two numbers glued as 16 digits).
 */
export function readPhones(value: CellInput): Reading<string[]> {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(0) : null) : textOf(value);
  if (text === null) return empty();
  const phones: string[] = [];
  for (const run of text.match(phoneRun) ?? []) {
    let digits = run.replace(/\D/g, '');
    digits = digits.replace(maliPrefix, '');
    if (digits.length === 16 && !digits.startsWith('00')) phones.push(digits.slice(0, 8), digits.slice(8));
    else if (digits.length >= 8) phones.push(digits.slice(-8));
  }
  if (phones.length === 0) return refuse('phone_invalid');
  return read([...new Set(phones)]);
}

// ------------------------------------------------------------------------------ ages and births

/** A birth year, exact (from a date or a year) or derived from an age at the list's date (± 1). */
export interface BirthYear {
  year: number;
  fromAge: boolean;
  /** The full date (YYYY-MM-DD) when the day and month are known too: it tells namesakes born the same year apart. */
  date?: string;
}

const ageWords = /^(?:(?:environ|env|vers|a peu pres|plus de|moins de|pres de|age de|age)\s+)?(\d{1,3})(?:[.,]\d+)?\s*(?:ans?|years?|yrs?|a)?(?:\s+(?:environ|env|et plus|ou plus|revolus))?$/;
const monthsWords = /^(\d{1,2})\s*(?:mois|months?)$/;
const oldestAge = 120;

/**
 * An age cell ("21 ANS", "21", "environ 40 ans", "6 mois") as a birth year counted back from the
 * list's reference date. A four-digit year typed in the age column is taken as the birth year.
 */
export function readAge(value: CellInput, referenceYear: number): Reading<BirthYear> {
  if (typeof value === 'number') return ageNumber(value, referenceYear);
  const text = textOf(value);
  if (text === null) return empty();
  const folded = foldName(text.replace(/^[<>±~+]\s*/, '').replace(/\s*\+$/, ''));
  if (monthsWords.test(folded)) return read({ year: referenceYear, fromAge: true });
  const year = /^(\d{4})$/.exec(folded);
  if (year) return birthYearOrRefuse(Number(year[1]), referenceYear, 'age_invalid');
  const age = ageWords.exec(folded.replace(/(\d) (\d)/, '$1.$2'));
  if (!age) return refuse('age_invalid');
  return ageNumber(Number(age[1]), referenceYear);
}

function ageNumber(age: number, referenceYear: number): Reading<BirthYear> {
  if (!Number.isFinite(age) || age < 0) return refuse('age_invalid');
  if (age >= 1900) return birthYearOrRefuse(Math.floor(age), referenceYear, 'age_invalid');
  if (age > oldestAge) return refuse('age_invalid');
  return read({ year: referenceYear - Math.floor(age), fromAge: true });
}

/** A written date of birth may be older than any living person's age (a deceased head's record): 1880 on. */
const earliestBirthYear = 1880;

function birthYearOrRefuse(year: number, referenceYear: number, code: ValueProblemCode, month = 0, day = 0): Reading<BirthYear> {
  if (year < Math.min(earliestBirthYear, referenceYear - oldestAge) || year > referenceYear) return refuse(code);
  // 1 January (and 31 December) is what registers write when only the year is known.
  const placeholder = (month === 1 && day === 1) || (month === 12 && day === 31);
  if (month < 1 || month > 12 || day < 1 || day > 31 || placeholder) return read({ year, fromAge: false });
  return read({ year, fromAge: false, date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` });
}

const dayMs = 86_400_000;
const approximately = /^(?:nee?\s+)?(?:(?:vers|v|environ|env|en|courant|annee)\s+)?(\d{4})$/;
const dayFirst = /^(\d{1,2}|xx|00)[/.\- ](\d{1,2}|xx|00)[/.\- ](\d{4}|\d{2})$/;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})(?:[t ].*)?$/;
/** YYYYMMDD, as registries and the FEBRL files write it. */
const compactDate = /^(1[89]\d{2}|20\d{2})(\d{2})(\d{2})$/;

/**
 * A birth date or year cell: "1985", "vers 1985", "né en 1985", "12/03/1985", "00/00/1985" (day
 * and month unknown, as many registers write it), "1985-03-12" (a date cell), an Excel serial.
 */
export function readBirthDate(value: CellInput, referenceYear: number): Reading<BirthYear> {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return refuse('birth_date_invalid');
    if (Number.isInteger(value) && value >= 1800 && value <= 2200) return birthYearOrRefuse(value, referenceYear, 'birth_date_invalid');
    const compact = compactDate.exec(String(value));
    if (compact) return birthYearOrRefuse(Number(compact[1]), referenceYear, 'birth_date_invalid', Number(compact[2]), Number(compact[3]));
    // Excel's 1900 system: serial 25569 is 1 January 1970.
    const date = new Date((Math.floor(value) - 25569) * dayMs);
    if (Number.isNaN(date.getTime())) return refuse('birth_date_invalid');
    return birthYearOrRefuse(date.getUTCFullYear(), referenceYear, 'birth_date_invalid', date.getUTCMonth() + 1, date.getUTCDate());
  }
  const text = textOf(value);
  if (text === null) return empty();
  const folded = text.toLowerCase().normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/\s+/g, ' ').trim();
  let match = approximately.exec(folded.replace(/[.,]/g, ''));
  if (match) return birthYearOrRefuse(Number(match[1]), referenceYear, 'birth_date_invalid');
  match = isoDate.exec(folded);
  if (match) return birthYearOrRefuse(Number(match[1]), referenceYear, 'birth_date_invalid', Number(match[2]), Number(match[3]));
  match = dayFirst.exec(folded);
  if (match) {
    const [, day, month, yearText] = match;
    const knownDay = /^\d+$/.test(day!) && Number(day) > 0;
    const knownMonth = /^\d+$/.test(month!) && Number(month) > 0;
    if ((knownDay && Number(day) > 31) || (knownMonth && Number(month) > 12)) return refuse('birth_date_invalid');
    let year = Number(yearText);
    if (yearText!.length === 2) year += year <= referenceYear % 100 ? 2000 : 1900;
    return birthYearOrRefuse(year, referenceYear, 'birth_date_invalid', knownMonth ? Number(month) : 0, knownDay ? Number(day) : 0);
  }
  if (/^\d+(?:[.,]\d+)?$/.test(folded)) return readBirthDate(Number(folded.replace(',', '.')), referenceYear);
  return refuse('birth_date_invalid');
}

// ------------------------------------------------------------------------------------------ NINA

/**
 * The national identification number (NINA), as its digits and letters only: lists write it with
 * spaces, dots or dashes. Anything shorter than 8 characters or without digits is not a NINA.
 */
export function readNina(value: CellInput): Reading<string> {
  const text = textOf(value);
  if (text === null) return empty();
  const compact = text.toUpperCase().replace(/[\s.\-/]/g, '');
  if (!/^[0-9A-Z]{8,20}$/.test(compact) || (compact.match(/\d/g)?.length ?? 0) < 6) return refuse('nina_invalid');
  return read(compact);
}

// ----------------------------------------------------------------------------------------- codes

export type Sex = 'm' | 'f';
export const sexes = ['m', 'f'] as const;

/** How lists write the sex of the head of household (H for "homme" as often as M). */
export const sexSpellings: Readonly<Record<Sex, readonly string[]>> = {
  m: ['M', 'H', 'Masculin', 'Homme', 'Male', 'Man', 'Garçon', 'Masc'],
  f: ['F', 'Féminin', 'Femme', 'Female', 'Woman', 'Fille', 'Fém', 'Fem'],
};

/** How lists write the displacement status of a household. */
export const statusSpellings: Readonly<Record<PopulationGroup, readonly string[]>> = {
  idp: ['PDI', 'IDP', 'Déplacé', 'Déplacée', 'Déplacés', 'Déplacé interne', 'Déplacés internes', 'Personne déplacée', 'Ménage déplacé'],
  returnee: ['Retourné', 'Retournée', 'Retournés', 'Rapatrié', 'Rapatriée', 'Rapatriés', 'Returnee'],
  refugee: ['Réfugié', 'Réfugiée', 'Réfugiés', 'Refugee'],
  host: ['Hôte', 'Communauté hôte', 'Famille hôte', "Famille d'accueil", 'Population hôte', 'Résident', 'Résidente', 'Autochtone', 'Host', 'Host community'],
};

function lookup<C extends string>(spellings: Readonly<Record<C, readonly string[]>>, extra: (code: C) => readonly string[] = () => []): Map<string, C> {
  const byKey = new Map<string, C>();
  for (const code of Object.keys(spellings) as C[]) for (const name of [code, ...spellings[code], ...extra(code)]) byKey.set(foldName(name), code);
  return byKey;
}

const sexByKey = lookup(sexSpellings);
const statusByKey = lookup(statusSpellings);

export function readSex(value: CellInput): Reading<Sex> {
  const text = textOf(value);
  if (text === null) return empty();
  const code = sexByKey.get(foldName(text));
  return code ? read(code) : refuse('sex_invalid');
}

export function readStatus(value: CellInput): Reading<PopulationGroup> {
  const text = textOf(value);
  if (text === null) return empty();
  const code = statusByKey.get(foldName(text));
  return code ? read(code) : refuse('household_status_invalid');
}

export { populationGroups, type PopulationGroup };
