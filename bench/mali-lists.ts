/**
 * Synthetic Malian beneficiary lists with known truth, for the deduplication benchmark: several
 * organisations' lists over the communes and villages of central and northern Mali (COD 2015
 * gazetteer in reference-data/), each organisation with its own layout, and the same household
 * written differently from one list to the next, as field lists are:
 *   - family names transliterated several ways (Maïga/Maiga/Mahiga, Cissé/Sissé, Diallo/Jallo),
 *     given names in their many forms (Mohamed/Mahamadou/Mamadou, Fatoumata/Fanta), accents and
 *     capitals dropped, slips of the pen, Tuareg and Arab particles written or not (Ag/AG/Ag.,
 *     Walet/Wallet, Ould);
 *   - family and given names swapped between columns or merged in one;
 *   - ages instead of birth years, rounded or guessed; lists made a year apart;
 *   - phones missing, written with +223 or 00223, a new SIM card;
 *   - the spouse registered as head of household in one list, the husband in another;
 *   - a neighbouring village of the same commune written instead of the right one;
 * and hard negatives that look like matches but are other households:
 *   - co-wives heading separate households, each naming the same husband as spouse;
 *   - a father and his son of the same name in the same village;
 *   - namesakes in the same commune (common names: Moussa Traoré, Fatoumata Diallo);
 *   - neighbours giving the same phone number.
 * Deterministic (seeded). `entity` is the true household.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HouseholdFields } from '../src/shared/linkage/household.ts';

export interface SyntheticRecord {
  entity: number;
  list: number;
  referenceDate: string;
  fields: HouseholdFields;
}

function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
  };
}
type Rng = ReturnType<typeof rng>;

/** Names with their frequency weight and other spellings met in lists. */
type Name = [name: string, weight: number, ...spellings: string[]];

const families: Name[] = [
  ['Traoré', 60, 'Traore', 'TRAORE', 'Trahoré', 'Traoure'],
  ['Coulibaly', 55, 'Coulibali', 'Koulibaly', 'Kulibali', 'Couloubaly'],
  ['Diallo', 50, 'Jallo', 'Djallo', 'Dialo'],
  ['Maïga', 45, 'Maiga', 'Mahiga', 'Maïega', 'Mayga'],
  ['Touré', 35, 'Toure', 'Ture', 'Tourré'],
  ['Cissé', 35, 'Cisse', 'Sissé', 'Sisse', 'Cissey'],
  ['Keïta', 30, 'Keita', 'Kéita', 'Keyta'],
  ['Konaté', 25, 'Konate', 'Konnaté'],
  ['Diarra', 30, 'Jara', 'Diara', 'Djarra'],
  ['Koné', 28, 'Kone', 'Konè'],
  ['Sangaré', 22, 'Sangare', 'Sangharé'],
  ['Dembélé', 22, 'Dembele', 'Dembelle', 'Dembellé'],
  ['Sidibé', 18, 'Sidibe', 'Sidibè'],
  ['Sow', 18, 'So', 'Sowe'],
  ['Barry', 16, 'Bari', 'Bary'],
  ['Bah', 14, 'Ba', 'Baa'],
  ['Guindo', 18, 'Guindou', 'Gindo'],
  ['Togo', 12, 'Tógo', 'Toggo'],
  ['Kassogué', 10, 'Kassogue', 'Kasogué'],
  ['Dolo', 10, 'Dollo'],
  ['Ongoïba', 8, 'Ongoiba', 'Ongoïba'],
  ['Tembély', 8, 'Tembely', 'Tembeli'],
  ['Haïdara', 12, 'Haidara', 'Aïdara', 'Haydara'],
  ['Samaké', 12, 'Samake', 'Samaka'],
  ['Tangara', 10, 'Tangarra'],
  ['Doumbia', 14, 'Dumbia', 'Doumbiya'],
  ['Sylla', 10, 'Sila', 'Cylla'],
  ['Kanté', 10, 'Kante', 'Kanthé'],
  ['Bocoum', 8, 'Bokoum', 'Bokum'],
  ['Tall', 8, 'Tal'],
  ['Cissoko', 6, 'Sissoko', 'Cissoco'],
  ['Niangaly', 6, 'Niangali', 'Nyangaly'],
  ['Yattara', 6, 'Yatara'],
  ['Dicko', 10, 'Dico', 'Diko'],
  ['Tamboura', 8, 'Tambura', 'Tambora'],
  ['Ouologuem', 5, 'Wologuem', 'Ouologem'],
  ['Kouyaté', 5, 'Kouyate', 'Kuyate'],
  ['Fofana', 8, 'Fofanah'],
  ['Sacko', 6, 'Sako', 'Sakho'],
  ['Kamissoko', 4, 'Kamisoko'],
  ['Djiteye', 4, 'Jitey', 'Djitèye'],
  ['Poudiougo', 3, 'Poudiougou'],
  ['Karambé', 4, 'Karambe'],
  ['Minta', 3, 'Mintha'],
  ['Sogoba', 4, 'Sogoba'],
];

/** Fathers' names after Ag / Ould / Walet / Mint (Tuareg and Arab families of the north). */
const patronyms: Name[] = [
  ['Alhassane', 10, 'Alassane', 'Alhassan'],
  ['Mohamed', 12, 'Mohammed', 'Mouhamed'],
  ['Intallah', 5, 'Intalla', 'Intalah'],
  ['Ahmed', 8, 'Ahmad', 'Hamed'],
  ['Attaher', 5, 'Ataher', 'Attaer'],
  ['Bilal', 4, 'Bilale'],
  ['Sidi', 6, 'Sidy'],
  ['Elmehdi', 4, 'El Mehdi', 'Almahdi'],
  ['Ibrahim', 6, 'Brahim', 'Ibrahima'],
  ['Assaleh', 3, 'Assalah'],
  ['Hamma', 4, 'Hama'],
  ['Infa', 3, 'Infah'],
];

const maleGiven: Name[] = [
  ['Mamadou', 40, 'Mahamadou', 'Mohamed', 'Mamadu', 'Mouhamadou'],
  ['Moussa', 35, 'Mousa', 'Musa'],
  ['Oumar', 25, 'Omar', 'Oumarou'],
  ['Ibrahim', 22, 'Ibrahima', 'Brahima'],
  ['Boubacar', 25, 'Aboubacar', 'Boubakar'],
  ['Amadou', 28, 'Hamadou', 'Ahmadou'],
  ['Abdoulaye', 22, 'Abdoulay', 'Abdallah'],
  ['Souleymane', 18, 'Souleyman', 'Soulaymane'],
  ['Adama', 20, 'Adam'],
  ['Seydou', 18, 'Seidou', 'Saïdou'],
  ['Issa', 14, 'Issah'],
  ['Hamidou', 12, 'Amidou', 'Hamidu'],
  ['Youssouf', 12, 'Yousouf', 'Yusuf'],
  ['Bakary', 14, 'Bakari', 'Bakar'],
  ['Drissa', 12, 'Idrissa', 'Driss'],
  ['Modibo', 8, 'Modibbo'],
  ['Salif', 8, 'Salifou', 'Saliff'],
  ['Lassana', 8, 'Lassina', 'Lasana'],
  ['Sékou', 10, 'Sekou', 'Cheick'],
  ['Yacouba', 10, 'Yakouba', 'Yacoub'],
  ['Ousmane', 14, 'Ousman', 'Usman'],
  ['Hamadoun', 8, 'Amadoun', 'Hamadoune'],
  ['Baba', 6, 'Babba'],
  ['Siaka', 6, 'Siakha'],
  ['Kalifa', 6, 'Khalifa', 'Kalilou'],
  ['Tiémoko', 5, 'Tiemoko', 'Tiémoco'],
  ['Fousseyni', 5, 'Fousseini', 'Housseini'],
  ['Alassane', 8, 'Alhassane', 'Lassana'],
  ['Almoustapha', 5, 'Moustapha', 'Almoustafa'],
  ['Harouna', 6, 'Arouna', 'Haroun'],
  ['Mahamane', 6, 'Mahaman', 'Mohamane'],
  ['Ali', 8, 'Aly', 'Aliou'],
  ['Abdourahamane', 5, 'Abdramane', 'Abdourahmane'],
  ['Zoumana', 4, 'Zoumanna'],
  ['Nouhoum', 4, 'Nouhou', 'Nouhoun'],
  ['Bréhima', 6, 'Brehima', 'Bourehima'],
];

const femaleGiven: Name[] = [
  ['Fatoumata', 40, 'Fatouma', 'Fatimata', 'Fanta', 'Fatoumatou'],
  ['Aminata', 30, 'Amina', 'Aminatou'],
  ['Mariam', 28, 'Mariama', 'Maryam'],
  ['Awa', 22, 'Hawa', 'Haoua'],
  ['Kadiatou', 22, 'Kadidiatou', 'Kadidia', 'Khadija'],
  ['Aïssata', 20, 'Aissata', 'Assa', 'Aïssa'],
  ['Oumou', 18, 'Oummou', 'Umu'],
  ['Djénéba', 14, 'Djeneba', 'Zeinabou', 'Dieneba'],
  ['Rokia', 14, 'Rokiatou', 'Rokya'],
  ['Assétou', 12, 'Assetou', 'Assatou'],
  ['Safiatou', 10, 'Safi', 'Safietou'],
  ['Bintou', 12, 'Binta', 'Bintu'],
  ['Salimata', 10, 'Salamata', 'Salimatou'],
  ['Ramata', 8, 'Rahmata', 'Ramatou'],
  ['Maïmouna', 10, 'Maimouna', 'Mamounatou'],
  ['Nana', 8, 'Nanna'],
  ['Hadizatou', 6, 'Hadiza', 'Adizatou'],
  ['Fadimata', 8, 'Fadima', 'Fatimata'],
  ['Tata', 5, 'Tatta'],
  ['Korotoumou', 5, 'Korotoumo', 'Koro'],
  ['Mah', 5, 'Ma'],
  ['Sitan', 4, 'Sitane'],
  ['Agaïchatou', 4, 'Agaichatou', 'Aïchatou'],
  ['Lalla', 4, 'Lala'],
  ['Tahirou', 2, 'Tahir'],
  ['Kani', 4, 'Kanni'],
  ['Mariétou', 5, 'Marietou'],
];

function weighted(names: Name[]): (r: Rng) => Name {
  const total = names.reduce((sum, n) => sum + n[1], 0);
  return (r) => {
    let x = r.next() * total;
    for (const name of names) {
      x -= name[1];
      if (x < 0) return name;
    }
    return names[names.length - 1]!;
  };
}
const pickFamily = weighted(families);
const pickPatronym = weighted(patronyms);
const pickMale = weighted(maleGiven);
const pickFemale = weighted(femaleGiven);

interface Place {
  region: string;
  cercle: string;
  commune: string;
  communeCode: string;
  localities: { name: string; code: string }[];
}

/** Communes of Ségou, Mopti, Tombouctou, Gao and Kidal with their villages (COD 2015). */
function loadPlaces(): Place[] {
  const file = path.join(import.meta.dirname, '..', 'reference-data', 'mali-cod-2015', 'mli_settlements_ocha_cod_pcoded.csv');
  const byCommune = new Map<string, Place>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
    const cells = line.split(',');
    if (cells.length < 9) continue;
    const [name, code, , region, regionCode, cercle, , commune, communeCode] = cells as [string, string, string, string, string, string, string, string, string];
    if (!['ML04', 'ML05', 'ML06', 'ML07', 'ML08'].includes(regionCode)) continue;
    let place = byCommune.get(communeCode);
    if (!place) byCommune.set(communeCode, (place = { region, cercle, commune, communeCode, localities: [] }));
    place.localities.push({ name, code });
  }
  return [...byCommune.values()].filter((p) => p.localities.length >= 2);
}

interface Person {
  family: Name;
  /** Ag / Ould / Walet / Mint, for northern families. */
  particle: string | null;
  given: Name;
  sex: 'm' | 'f';
  birthYear: number;
}

interface Household {
  entity: number;
  head: Person;
  spouses: Person[];
  phone: string | null;
  nina: string | null;
  place: Place;
  locality: number;
  size: number;
}

const northern = new Set(['Tombouctou', 'Gao', 'Kidal']);

function person(r: Rng, sex: 'm' | 'f', place: Place, birthYear: number, family?: Name): Person {
  if (!family && northern.has(place.region) && r.chance(0.45)) {
    return { family: pickPatronym(r), particle: sex === 'm' ? (r.chance(0.7) ? 'Ag' : 'Ould') : r.chance(0.7) ? 'Walet' : 'Mint', given: sex === 'm' ? pickMale(r) : pickFemale(r), sex, birthYear };
  }
  return { family: family ?? pickFamily(r), particle: null, given: sex === 'm' ? pickMale(r) : pickFemale(r), sex, birthYear };
}

const phone = (r: Rng) => `${r.pick(['6', '7', '8', '9'])}${r.pick(['0', '1', '2', '3', '4', '5', '6', '9'])}${String(r.int(1_000_000)).padStart(6, '0')}`;

/** The households of one village, hard negatives included. */
function village(r: Rng, place: Place, locality: number, count: number, nextEntity: () => number): Household[] {
  const households: Household[] = [];
  const yearOfList = 2025;
  for (let k = 0; k < count; k++) {
    const roll = r.next();
    const previous = households.length > 0 ? r.pick(households) : null;
    if (previous && roll < 0.04 && previous.head.sex === 'm' && previous.head.birthYear < yearOfList - 45) {
      // His son, of the same name, head of his own household in the same village.
      const son: Person = { ...previous.head, birthYear: Math.min(yearOfList - 18, previous.head.birthYear + 20 + r.int(16)) };
      households.push({
        entity: nextEntity(),
        head: son,
        spouses: [person(r, 'f', place, Math.min(yearOfList - 18, son.birthYear + 3 + r.int(8)))],
        phone: r.chance(0.4) ? previous.phone : phone(r),
        nina: null,
        place,
        locality,
        size: 2 + r.int(6),
      });
      continue;
    }
    if (previous && roll < 0.08 && previous.head.sex === 'm' && previous.spouses.length > 0) {
      // A co-wife heading her own household, naming the same husband.
      const husband = previous.head;
      const wife = person(r, 'f', place, Math.min(yearOfList - 18, husband.birthYear + 5 + r.int(15)));
      households.push({ entity: nextEntity(), head: wife, spouses: [husband], phone: r.chance(0.5) ? previous.phone : phone(r), nina: null, place, locality, size: 2 + r.int(7) });
      continue;
    }
    const sex = r.chance(0.78) ? 'm' : 'f';
    const birthYear = yearOfList - (18 + r.int(60));
    let head = person(r, sex, place, birthYear);
    if (previous && roll < 0.11) head = { ...head, family: previous.head.family, given: previous.head.sex === sex ? previous.head.given : head.given, particle: previous.head.particle }; // namesakes
    const spouses: Person[] = [];
    if (sex === 'm' && r.chance(0.8)) {
      spouses.push(person(r, 'f', place, Math.min(yearOfList - 18, birthYear + 3 + r.int(12))));
      if (r.chance(0.15)) spouses.push(person(r, 'f', place, Math.min(yearOfList - 18, birthYear + 8 + r.int(15))));
    } else if (sex === 'f' && r.chance(0.4)) spouses.push(person(r, 'm', place, birthYear - 3 - r.int(10)));
    households.push({
      entity: nextEntity(),
      head,
      spouses,
      // Neighbours giving one phone number.
      phone: previous && r.chance(0.08) ? previous.phone : r.chance(0.85) ? phone(r) : null,
      nina: r.chance(0.12) ? `${String(r.int(1e9)).padStart(9, '0')}${String(r.int(1e4)).padStart(4, '0')}${r.pick(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M'])}` : null,
      place,
      locality,
      size: 1 + r.int(10),
    });
  }
  return households;
}

// ---------------------------------------------------------------------------------------- noise

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}

function typo(r: Rng, word: string): string {
  if (word.length < 4) return word;
  const at = 1 + r.int(word.length - 2);
  const letters = 'aeioubdfgklmnrst';
  switch (r.int(4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + r.pick([...letters]) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    default:
      return word.slice(0, at) + word[at] + word.slice(at);
  }
}

/** One spelling of a name, as a given list writes it. */
function spell(r: Rng, name: Name, variantRate: number): string {
  let text = name[0];
  if (name.length > 2 && r.chance(variantRate)) text = r.pick(name.slice(2) as string[]);
  if (r.chance(0.35)) text = stripAccents(text);
  if (r.chance(0.03)) text = typo(r, text);
  return text;
}

function familyText(r: Rng, p: Person, variantRate: number): string {
  const family = spell(r, p.family, variantRate);
  if (!p.particle) return family;
  if (r.chance(0.15)) return family; // particle left out
  const particle = p.particle === 'Ag' ? r.pick(['Ag', 'AG', 'Ag.', 'ag']) : p.particle === 'Walet' ? r.pick(['Walet', 'Wallet', 'Welet']) : p.particle;
  return `${particle} ${family}`;
}

interface Layout {
  /** How names are written: apart, "FAMILY Given", "Given Family". */
  names: 'apart' | 'familyFirst' | 'givenFirst';
  birth: 'age' | 'ageText' | 'year' | 'date';
  spouse: boolean;
  phoneStyle: 'plus' | 'plain' | 'zeros';
  place: 'names' | 'codes';
  nina: boolean;
  referenceDate: string;
}

const layouts: Layout[] = [
  { names: 'apart', birth: 'ageText', spouse: true, phoneStyle: 'plus', place: 'names', nina: false, referenceDate: '2025-03-15' },
  { names: 'familyFirst', birth: 'year', spouse: false, phoneStyle: 'plain', place: 'codes', nina: true, referenceDate: '2024-11-02' },
  { names: 'givenFirst', birth: 'age', spouse: true, phoneStyle: 'zeros', place: 'names', nina: false, referenceDate: '2025-06-20' },
  { names: 'apart', birth: 'date', spouse: true, phoneStyle: 'plain', place: 'names', nina: true, referenceDate: '2024-08-10' },
  { names: 'familyFirst', birth: 'age', spouse: false, phoneStyle: 'plus', place: 'names', nina: false, referenceDate: '2025-01-25' },
  { names: 'givenFirst', birth: 'year', spouse: true, phoneStyle: 'plain', place: 'codes', nina: false, referenceDate: '2025-09-05' },
];

function phoneText(r: Rng, digits: string, style: Layout['phoneStyle']): string {
  const spaced = digits.replace(/(\d\d)(?=\d)/g, '$1 ');
  if (style === 'plus') return r.chance(0.5) ? `+223 ${spaced}` : spaced;
  if (style === 'zeros') return r.chance(0.5) ? `00223${digits}` : digits;
  return digits;
}

function render(r: Rng, household: Household, layout: Layout): HouseholdFields {
  const listYear = Number(layout.referenceDate.slice(0, 4));
  let head = household.head;
  let spouses = household.spouses;
  // The wife registered as head by this organisation (the household is the same).
  if (layout.spouse && head.sex === 'm' && spouses.length === 1 && r.chance(0.06)) {
    head = spouses[0]!;
    spouses = [household.head];
  }
  const variantRate = 0.22;
  let family = familyText(r, head, variantRate);
  let given = spell(r, head.given, variantRate);
  const fields: HouseholdFields = {};
  if (layout.names === 'apart') {
    if (r.chance(0.04)) [family, given] = [given, family]; // columns swapped
    if (r.chance(0.02)) {
      fields.familyName = `${given} ${family}`; // both names in one column
    } else {
      fields.familyName = r.chance(0.5) ? family.toUpperCase() : family;
      fields.givenNames = given;
    }
  } else if (layout.names === 'familyFirst') {
    fields.fullName = `${family.toUpperCase()} ${given}`;
  } else {
    fields.fullName = r.chance(0.02) ? `${given}${family}` : `${given} ${family}`;
  }
  fields.sex = head.sex === 'm' ? r.pick(['M', 'H', 'Masculin']) : r.pick(['F', 'Féminin']);

  // Ages are guessed: a year or two either way, sometimes more, sometimes nothing.
  let year = head.birthYear;
  if (r.chance(0.3)) year += r.pick([-1, 1]);
  else if (r.chance(0.08)) year += r.pick([-4, -3, -2, 2, 3, 4]);
  const age = listYear - year;
  if (!r.chance(0.04)) {
    if (layout.birth === 'age') fields.age = age;
    else if (layout.birth === 'ageText') fields.age = r.chance(0.2) ? `environ ${age} ans` : `${age} ans`;
    else if (layout.birth === 'year') fields.birthDate = String(year);
    else fields.birthDate = r.chance(0.7) ? `00/00/${year}` : `01/01/${year}`;
  }

  if (household.phone && !r.chance(0.12)) fields.phone = phoneText(r, r.chance(0.08) ? phone(r) : household.phone, layout.phoneStyle);
  if (layout.nina && household.nina && r.chance(0.8)) fields.nina = household.nina;
  if (layout.spouse && spouses.length > 0 && r.chance(0.85)) {
    const spouse = spouses[0]!;
    fields.spouseName = `${spell(r, spouse.given, variantRate)} ${familyText(r, spouse, variantRate)}`;
    if (spouses[1] && r.chance(0.7)) fields.spouse2Name = `${spell(r, spouses[1].given, variantRate)} ${familyText(r, spouses[1], variantRate)}`;
  }
  fields.householdSize = Math.max(1, household.size + (r.chance(0.3) ? r.pick([-1, 1]) : 0));
  // A neighbouring village of the same commune, now and then.
  const locality = r.chance(0.05) ? r.pick(household.place.localities) : household.place.localities[household.locality]!;
  if (layout.place === 'codes') {
    fields.adm3Code = household.place.communeCode;
    fields.localityName = stripAccents(locality.name);
  } else {
    fields.adm1Name = household.place.region;
    fields.adm2Name = household.place.cercle;
    fields.adm3Name = r.chance(0.3) ? stripAccents(household.place.commune) : household.place.commune;
    fields.localityName = locality.name;
  }
  return fields;
}

/**
 * About `count` list rows: each household on one to four organisations' lists (and now and then
 * twice on one), rows of one village shuffled together.
 */
export function* malianLists(count: number, seed = 2026): Generator<SyntheticRecord> {
  const r = rng(seed);
  const places = loadPlaces();
  let entity = 0;
  const nextEntity = () => entity++;
  let emitted = 0;
  while (emitted < count) {
    const place = r.pick(places);
    const locality = r.int(place.localities.length);
    const households = village(r, place, locality, 10 + r.int(60), nextEntity);
    const rows: SyntheticRecord[] = [];
    for (const household of households) {
      const lists = r.chance(0.5) ? 1 : r.chance(0.6) ? 2 : r.chance(0.75) ? 3 : 4;
      const chosen = new Set<number>();
      while (chosen.size < lists) chosen.add(r.int(layouts.length));
      if (r.chance(0.03)) rows.push({ entity: household.entity, list: [...chosen][0]!, referenceDate: layouts[[...chosen][0]!]!.referenceDate, fields: render(r, household, layouts[[...chosen][0]!]!) });
      for (const list of chosen) rows.push({ entity: household.entity, list, referenceDate: layouts[list]!.referenceDate, fields: render(r, household, layouts[list]!) });
    }
    for (let k = rows.length - 1; k > 0; k--) {
      const j = r.int(k + 1);
      [rows[k], rows[j]] = [rows[j]!, rows[k]!];
    }
    for (const row of rows) {
      if (emitted++ >= count) return;
      yield row;
    }
  }
}
