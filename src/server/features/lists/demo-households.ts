import type { Random } from '../../demo/random.ts';
import { defineColumns } from '../../lib/tabular/index.ts';
import type { ListRow } from '../../../shared/list-columns.ts';

/**
 * Generated households for the demo, the tests and the benchmark: plausible Malian names, ages,
 * phones and NINAs drawn at random from common names — never real people. Rows are written the
 * way partners' own sheets write them ("TRAORE Moussa", "35 ANS", "+223 76 12 34 56").
 */

const familyNames = [
  'Traoré',
  'Coulibaly',
  'Diarra',
  'Keïta',
  'Touré',
  'Maïga',
  'Cissé',
  'Sidibé',
  'Sangaré',
  'Diallo',
  'Dembélé',
  'Konaté',
  'Kanté',
  'Samaké',
  'Doumbia',
  'Koné',
  'Bah',
  'Barry',
  'Guindo',
  'Dicko',
  'Togo',
  'Kassogué',
  'Ongoïba',
  'Tembely',
  'Haïdara',
];
const maleNames = [
  'Moussa',
  'Amadou',
  'Boubacar',
  'Seydou',
  'Mamadou',
  'Oumar',
  'Ibrahim',
  'Adama',
  'Souleymane',
  'Hamidou',
  'Issa',
  'Bakary',
  'Drissa',
  'Yacouba',
  'Abdoulaye',
  'Hama',
  'Allaye',
  'Ousmane',
];
const femaleNames = [
  'Aminata',
  'Fatoumata',
  'Mariam',
  'Awa',
  'Kadiatou',
  'Hawa',
  'Oumou',
  'Assétou',
  'Djénéba',
  'Ramata',
  'Salimata',
  'Fanta',
  'Aïssata',
  'Nana',
  'Kadidia',
  'Bintou',
];
const mobilePrefixes = [
  '65',
  '66',
  '67',
  '69',
  '70',
  '71',
  '73',
  '74',
  '75',
  '76',
  '77',
  '78',
  '79',
  '82',
  '83',
  '89',
  '90',
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
  '98',
  '99',
];
const assistances = ['Kit AME', 'Vivres (1 mois)', 'Transfert monétaire 75 000 FCFA', 'Kit hygiène', 'Kit abri'];
const origins = ['Boni', 'Dinangourou', 'Mondoro', 'Diallassagou', 'Ménaka', 'Tessit', 'Ségué', 'Sokolo'];

export interface GeneratedHousehold {
  row: Partial<ListRow>;
  /** What identifies the household across lists (for overlaps between organisations). */
  nina: string;
  phone: string;
}

function phone(random: Random): string {
  const digits = `${random.pick(mobilePrefixes)}${String(random.int(0, 999_999)).padStart(6, '0')}`;
  return digits;
}

function writtenPhone(random: Random, digits: string): string {
  const spaced = digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  return random.pick([digits, spaced, `+223 ${spaced}`, `00223${digits}`]);
}

/** One household at one of `places` (locality names), assisted on `date` (ISO). */
export function generateHousehold(random: Random, places: readonly string[], date: string): GeneratedHousehold {
  const female = random.next() < 0.35;
  const family = random.pick(familyNames);
  const given = random.pick(female ? femaleNames : maleNames);
  const age = random.int(19, 78);
  const digits = phone(random);
  const nina = `${random.int(1, 2)}${String(random.int(0, 99_999_999_999)).padStart(11, '0')}${String.fromCharCode(65 + random.int(0, 25))}`;
  const spouseFamily = random.pick(familyNames);
  return {
    nina,
    phone: digits,
    row: {
      fullName: random.next() < 0.5 ? `${family.toUpperCase()} ${given}` : `${given} ${family}`,
      sex: female ? 'f' : 'm',
      age: random.next() < 0.6 ? `${age} ANS` : String(Number(date.slice(0, 4)) - age),
      phone: writtenPhone(random, digits),
      nina: random.next() < 0.7 ? nina : null,
      householdSize: random.int(2, 14),
      status: random.pick(['idp', 'idp', 'idp', 'host', 'returnee'] as const),
      localityName: random.pick(places),
      origin: random.pick(origins),
      spouseName: female ? null : `${random.pick(femaleNames)} ${spouseFamily}`,
      assistance: random.pick(assistances),
      assistanceDate: date,
    },
  };
}

/** The same household as another organisation writes it: same person, NINA and phone, its own spelling and date. */
export function sameHouseholdElsewhere(random: Random, household: GeneratedHousehold, date: string): Partial<ListRow> {
  const [first = '', ...rest] = (household.row.fullName ?? '').split(' ');
  return {
    ...household.row,
    fullName: first === first.toUpperCase() ? `${rest.join(' ')} ${first}` : `${rest.join(' ').toUpperCase()} ${first}`,
    nina: household.nina,
    phone: writtenPhone(random, household.phone),
    assistanceDate: date,
  };
}

/**
 * A partner's own sheet layout (the headers NGOs in Mopti use), for files written in tests, the
 * demo download and the benchmark: none of it is the harmonised template.
 */
export const partnerLayout = defineColumns([
  { key: 'fullName', type: 'text', header: { fr: 'Nom et prénom du chef de ménage', en: 'Nom et prénom du chef de ménage' } },
  { key: 'sex', type: 'text', header: { fr: 'Genre', en: 'Genre' } },
  { key: 'age', type: 'text', header: { fr: 'Age CM', en: 'Age CM' } },
  { key: 'phone', type: 'text', header: { fr: 'Contact', en: 'Contact' } },
  { key: 'nina', type: 'text', header: { fr: 'N° NINA', en: 'N° NINA' } },
  { key: 'householdSize', type: 'integer', header: { fr: 'Nb personnes', en: 'Nb personnes' } },
  { key: 'status', type: 'text', header: { fr: 'Statut de déplacement', en: 'Statut de déplacement' } },
  { key: 'localityName', type: 'text', header: { fr: 'Village/Quartier', en: 'Village/Quartier' } },
  { key: 'origin', type: 'text', header: { fr: 'Provenance', en: 'Provenance' } },
  { key: 'spouseName', type: 'text', header: { fr: 'Nom épouse', en: 'Nom épouse' } },
  { key: 'assistance', type: 'text', header: { fr: 'Kit reçu', en: 'Kit reçu' } },
  { key: 'assistanceDate', type: 'date', header: { fr: 'Date distribution', en: 'Date distribution' } },
]);

/** A generated row as the partner's sheet writes it: sex as H/F, status in French. */
export function partnerRow(row: Partial<ListRow>): Record<string, string | number | null> {
  const status = { idp: 'PDI', host: 'Hôte', returnee: 'Retourné', refugee: 'Réfugié' } as const;
  return {
    ...(row as Record<string, string | number | null>),
    sex: row.sex === 'f' ? 'F' : 'H',
    status: row.status ? status[row.status] : null,
  };
}
