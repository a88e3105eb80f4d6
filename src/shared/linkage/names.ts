/**
 * Names as Malian lists write them, reduced to keys that compare the same when they name the
 * same person: accents, case and punctuation ignored; honorifics dropped ("El Hadj", "Mme");
 * patronymic particles recognised in all their spellings (Ag/Ag./AG, Ould, Walet/Wallet, Mint,
 * Ben/Bin/Ibn) and set apart, because one list writes "Mohamed Ag Alhassane" and the next
 * "Mohamed Alhassane"; each word then gets
 *   - a phonetic key for French-written African names (Cissé = Sissé, Maïga = Mahiga,
 *     Diallo = Jallo = Djallo, Coulibaly = Koulibaly, Ouattara = Wattara), and
 *   - a variant group for given names written many ways (Mohamed = Mahamadou = Mamadou =
 *     Mouhamed; Fatoumata = Fatouma = Fanta; Aïssata = Aissata = Assa): the phonetic key of the
 *     group's first form.
 * Word order is not kept as meaning: lists put the family name first or last, or swap columns.
 */

// Lists repeat the same names and places thousands of times: folding is remembered (bounded).
const foldedCache = new Map<string, string>();
const foldedCacheLimit = 200_000;

/** Lower case, no accents, œ/æ spelt out, apostrophes joined (N'Diaye → ndiaye), other marks → spaces. */
export function foldName(text: string): string {
  let folded = foldedCache.get(text);
  if (folded === undefined) {
    if (foldedCache.size >= foldedCacheLimit) foldedCache.clear();
    folded = fold(text);
    foldedCache.set(text, folded);
  }
  return folded;
}

function fold(text: string): string {
  // Most cells are plain ASCII ("TRAORE Moussa", "+223 76…"): one pass, no Unicode normalisation.
  let folded = '';
  let separated = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return foldUnicode(text);
    const lower = code >= 65 && code <= 90 ? code + 32 : code;
    if ((lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57)) {
      if (separated && folded !== '') folded += ' ';
      separated = false;
      folded += String.fromCharCode(lower);
    } else if (code !== 39 && code !== 96) separated = true; // apostrophes join: N'Diaye → ndiaye
  }
  return folded;
}

function foldUnicode(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/['’ʼ`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Canonical particle by spelling; the canonical form says "son of" (ag, ould, ben) or "daughter of" (walet, mint). */
const particleSpellings: Record<string, string> = {
  ag: 'ag',
  agg: 'ag',
  ould: 'ould',
  old: 'ould',
  wuld: 'ould',
  walet: 'walet',
  wallet: 'walet',
  welet: 'walet',
  oualet: 'walet',
  ouallet: 'walet',
  ult: 'walet',
  mint: 'mint',
  ment: 'mint',
  ben: 'ben',
  bin: 'ben',
  ibn: 'ben',
};

/** Titles and honorifics that are not part of the name (one list writes them, the next does not). */
const honorifics = new Set([
  'el',
  'elhadj',
  'elhadji',
  'elh',
  'alhadji',
  'alhaji',
  'hadj',
  'hadji',
  'mme',
  'madame',
  'mr',
  'monsieur',
  'mlle',
  'mademoiselle',
  'dr',
  'docteur',
  'vve',
  'veuve',
  'epouse',
  'epse',
  'ep',
  'feu',
  'chef',
  'imam',
]);

const hasNonZeroDigit = /[1-9]/;

/** Cell values that mean "nothing here". */
const placeholders = new Set(['neant', 'nean', 'nsp', 'ras', 'na', 'n a', 'nd', 'inconnu', 'inconnue', 'aucun', 'aucune', 'null', 'none', 'xxx', 'x', 'sans', 'pas de nom', '0', 'nc']);

export function isPlaceholder(text: string): boolean {
  // No placeholder holds a digit other than 0: phones, ages and dates need no folding here.
  if (hasNonZeroDigit.test(text)) return false;
  const folded = foldName(text);
  return folded === '' || placeholders.has(folded);
}

/**
 * The phonetic key of one folded word. French spelling rules as Malian registrars apply them to
 * Bambara, Peul, Songhaï, Soninké, Tamasheq and Arabic names: ch/sh → x, c before e/i and z → s,
 * other c, q, ck → k, dj and di before a vowel → j, ou before a vowel → w, other ou → u, y → i,
 * ei → e, ph → f, th → t, kh → k, gh → g, gu before e/i → g, h dropped, doubled letters once, a
 * silent final e or w dropped.
 */
const phoneticCache = new Map<string, string>();

export function phoneticKey(word: string): string {
  let key = phoneticCache.get(word);
  if (key === undefined) {
    if (phoneticCache.size >= foldedCacheLimit) phoneticCache.clear();
    key = phonetic(word);
    phoneticCache.set(word, key);
  }
  return key;
}

function phonetic(word: string): string {
  let s = word;
  s = s.replace(/ph/g, 'f').replace(/th/g, 't').replace(/kh/g, 'k').replace(/gh/g, 'g');
  s = s.replace(/s?ch|sh/g, 'x');
  s = s.replace(/dj|dy/g, 'j').replace(/di(?=[aeou])/g, 'j');
  s = s.replace(/ck|qu|q/g, 'k');
  s = s.replace(/c(?=[eiy])/g, 's').replace(/c/g, 'k');
  s = s.replace(/gu(?=[eiy])/g, 'g');
  s = s.replace(/ou(?=[aeioy])/g, 'w').replace(/ou/g, 'u');
  s = s.replace(/y/g, 'i').replace(/ei/g, 'e');
  s = s.replace(/h/g, '').replace(/z/g, 's');
  s = s.replace(/(.)\1+/g, '$1');
  // A final e after a consonant is silent in French spelling (Souleymane/Souleyman, Sitane/Sitan,
  // Touré/Toure/Tour), and so is a final w after a vowel (Sow/So).
  if (s.length >= 4) s = s.replace(/([^aeiouw])e$/, '$1');
  if (s.length >= 3) s = s.replace(/([aeiou])w$/, '$1');
  return s;
}

/**
 * Given names that are one name written several ways (the Arabic names through Bambara, Peul,
 * Songhaï and French ears). Grouping them is what a registrar in Mopti would do; it is never
 * enough alone to match two people — the family name, age and the other fields still count.
 */
const givenNameVariants: readonly (readonly string[])[] = [
  ['Mohamed', 'Mohammed', 'Mouhamed', 'Mouhammed', 'Muhammad', 'Mohamad', 'Mahamadou', 'Mamadou', 'Mohamadou', 'Mouhamadou', 'Mahamed', 'Mahamane', 'Mohamane', 'Mahaman', 'Madou', 'Mamadi', 'Mahmadou', 'Med'],
  ['Ahmed', 'Ahmad', 'Amadou', 'Hamadou', 'Ahmadou', 'Amadi', 'Hamed', 'Ahmedou'],
  ['Mahmoud', 'Mahmoudou', 'Mamoudou', 'Mahamoudou', 'Mamoutou', 'Mahamoud', 'Mamoud'],
  ['Fatoumata', 'Fatouma', 'Fatimata', 'Fatima', 'Fanta', 'Fatoumatou', 'Fatou', 'Fadimata', 'Fadima', 'Fatma', 'Fatim'],
  ['Aïssata', 'Aissata', 'Aïssa', 'Aissa', 'Assa', 'Aïssatou', 'Aichata', 'Aïchatou', 'Aicha', 'Aïcha', 'Haïssata', 'Aisha'],
  ['Mariam', 'Mariama', 'Mariame', 'Maryam', 'Mariem', 'Mariamou'],
  ['Oumar', 'Omar', 'Oumarou', 'Umar', 'Omarou'],
  ['Ousmane', 'Usman', 'Ousmana', 'Ousman', 'Othman', 'Osmane', 'Housmane', 'Oussman'],
  ['Abdoulaye', 'Abdallah', 'Abdoulahi', 'Abdullahi', 'Abdallahi', 'Abdoulay', 'Abdoullah'],
  ['Ibrahim', 'Ibrahima', 'Brahim', 'Ibrahime', 'Iberahim', 'Brahima', 'Ibrahimou'],
  ['Boubacar', 'Aboubacar', 'Aboubakar', 'Boubakar', 'Aboubacrine', 'Boubacary', 'Bakary', 'Bakari', 'Abou Bakr'],
  ['Moussa', 'Musa', 'Mousa', 'Moussah'],
  ['Souleymane', 'Souleyman', 'Sulaiman', 'Suleiman', 'Soulaymane', 'Solomane', 'Souleimane', 'Sleymane'],
  ['Alhassane', 'Alassane', 'Hassane', 'Hassan', 'Lassana', 'Lassina', 'Alhassan', 'Hassana'],
  ['Alhousseini', 'Housseini', 'Hussein', 'Houssein', 'Alhousseyni', 'Housseyni', 'Alousseni', 'Husseini'],
  ['Adama', 'Adam', 'Adamou'],
  ['Youssouf', 'Yousouf', 'Yusuf', 'Youssoufa', 'Youssouph', 'Yousouffa'],
  ['Ismaïla', 'Ismaila', 'Ismaël', 'Ismael', 'Ismail', 'Smaila', 'Ismaghil'],
  ['Kadiatou', 'Kadidiatou', 'Khadija', 'Kadidia', 'Kadija', 'Kadia', 'Khadidja', 'Kadidja', 'Hadiza', 'Hadizatou'],
  ['Hawa', 'Awa', 'Hawaou', 'Haoua', 'Aoua'],
  ['Aminata', 'Amina', 'Aminatou', 'Minata'],
  ['Salimata', 'Salamata', 'Salimatou', 'Salma'],
  ['Djénéba', 'Djeneba', 'Zénabou', 'Zeinabou', 'Zeynabou', 'Seynabou', 'Zeinab', 'Zenab', 'Zainab', 'Dieneba'],
  ['Ali', 'Aly', 'Alou', 'Aliou', 'Alioune', 'Aliyu'],
  ['Yacouba', 'Yacoub', 'Yaqub', 'Yakouba', 'Yakoub'],
  ['Seydou', 'Seidou', 'Saïdou', 'Saidou', 'Saydou', 'Said', 'Sidou'],
  ['Tidiani', 'Tidjani', 'Tijani', 'Tidiane', 'Tidjane', 'Tiani'],
  ['Abdourahamane', 'Abdourahmane', 'Abderrahmane', 'Abdrahamane', 'Abdourahman', 'Abdramane', 'Abdourahamani', 'Abdarahmane'],
  ['Abdoulkader', 'Abdelkader', 'Abdoulkadri', 'Abdoul Kader', 'Abdelkadir', 'Abdoulkadir'],
  ['Hamidou', 'Hamid', 'Amidou', 'Hamidi'],
  ['Bintou', 'Binta', 'Bintu', 'Binetou'],
  ['Safiatou', 'Safi', 'Safiata', 'Safietou', 'Safia'],
  ['Ramata', 'Rahmata', 'Ramatou', 'Rahmatou'],
  ['Maïmouna', 'Maimouna', 'Maïmounatou', 'Mamounatou', 'Maimounata'],
  ['Rokia', 'Rokiatou', 'Rokya', 'Roukiatou', 'Roukia', 'Rukiya', 'Rokiya'],
  ['Oumou', 'Oummou', 'Umu', 'Oumoukalsoum', 'Kalsoum', 'Koultoum', 'Oumoul'],
  ['Assétou', 'Assetou', 'Assatou', 'Hassetou'],
  ['Habibatou', 'Habiba', 'Habibata'],
  ['Nafissatou', 'Nafissa', 'Nafi', 'Nafissata'],
  ['Sékou', 'Sekou', 'Cheick', 'Cheikh', 'Sheikh', 'Cheik', 'Chekou', 'Sheick'],
  ['Bréhima', 'Brehima', 'Bourehima', 'Bourahima', 'Bouréima', 'Boureima'],
  ['Issa', 'Issah'],
  ['Harouna', 'Haroun', 'Aroun', 'Arouna', 'Harona'],
  ['Idrissa', 'Idriss', 'Driss', 'Drissa'],
  ['Zakaria', 'Zakariya', 'Zacharia', 'Zakari'],
];

function groupKeys(): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const group of givenNameVariants) {
    const keys = group.map((name) => foldName(name).split(' ').map(phoneticKey).join(''));
    const canonical = byKey.get(keys[0]!) ?? keys[0]!;
    for (const key of keys) if (!byKey.has(key)) byKey.set(key, canonical);
  }
  return byKey;
}

const variantGroupOf = groupKeys();

/** Whether a phonetic key is one of the given names the dictionary knows (in some variant group). */
export function isKnownGivenName(phonetic: string): boolean {
  return variantGroupOf.has(phonetic);
}

/** The variant group of a word's phonetic key (its own key when the dictionary does not know it). */
export function variantKey(phonetic: string): string {
  return variantGroupOf.get(phonetic) ?? phonetic;
}

/** A name reduced for matching. */
export interface NameKeys {
  /** Folded words without particles and honorifics, in the order written. */
  words: string[];
  /** Phonetic key of each word. */
  phonetic: string[];
  /** Variant group of each word. */
  variants: string[];
  /** Canonical particles met ("ag", "ould", "walet", "mint", "ben"): they tell son or daughter of. */
  particles: string[];
}

const emptyKeys = (): NameKeys => ({ words: [], phonetic: [], variants: [], particles: [] });

/** Keys of one name cell (or of several cells of one person joined with spaces). */
export function nameKeys(text: string | null | undefined): NameKeys {
  if (!text || isPlaceholder(text)) return emptyKeys();
  const keys = emptyKeys();
  const words = foldName(text).split(' ');
  for (let k = 0; k < words.length; k++) {
    let word = words[k]!;
    // The Arabic article belongs to the name it precedes: "El Mehdi" is "Elmehdi", "Al Moustapha"
    // "Almoustapha"; before a title ("El Hadj") it is part of the title.
    const next = words[k + 1];
    if ((word === 'el' || word === 'al') && next !== undefined && next.length >= 3 && !honorifics.has(next) && particleSpellings[next] === undefined && !/^\d+$/.test(next)) {
      word += next;
      k++;
    }
    if (word === '' || honorifics.has(word) || /^\d+$/.test(word)) continue;
    const particle = particleSpellings[word];
    if (particle !== undefined) {
      keys.particles.push(particle);
      continue;
    }
    const phonetic = phoneticKey(word);
    if (phonetic === '') continue;
    keys.words.push(word);
    keys.phonetic.push(phonetic);
    keys.variants.push(variantKey(phonetic));
  }
  return keys;
}

/** Words in capitals in a full-name cell: the family name, as Malian registers write it ("TRAORE Moussa"). */
export function capitalisedWords(text: string): string[] {
  const words = text.split(/[\s,;/]+/).filter((w) => /\p{L}{2,}/u.test(w));
  const capitals = words.filter((w) => w === w.toUpperCase() && w !== w.toLowerCase());
  return capitals.length > 0 && capitals.length < words.length ? capitals : [];
}
