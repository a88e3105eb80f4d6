/**
 * Record linkage for household lists: pure TypeScript (no Node, DOM, database or HTTP), shared
 * by the server, the command line, the benchmarks and a browser worker.
 *
 * HOUSEHOLD ROWS (household.ts, values.ts, names.ts)
 *   readHousehold(fields, referenceDate) → { record: HouseholdRecord, problems }
 *     `fields` are the keys of the household column declaration (household-columns.ts:
 *     `householdColumns`, `householdFieldsOf`; the upload's row rule `checkHouseholdRow` is in
 *     src/server/lib/households/); `referenceDate` is the date the list's ages were true.
 *   Readers of one cell, each `{ ok: true, value | null } | { ok: false, code }` with a code of
 *   src/shared/import-messages.ts: readPhones (last 8 digits, +223/00223/spaces, several per
 *   cell), readAge ("21 ANS" → birth year from the reference year), readBirthDate ("vers 1985",
 *   "00/00/1985", Excel serials), readNina, readSex (M/H/F/Masculin/Féminin), readStatus
 *   (PDI/hôte/retourné/réfugié).
 *   Names: nameKeys(text) → words, phonetic keys (Cissé = Sissé, Maïga = Mahiga, Diallo =
 *   Jallo), given-name variant groups (Mohamed = Mahamadou = Mamadou) and particles (Ag, Ould,
 *   Walet, Mint, Ben) set apart; personName(full, family, given) tells the parts apart.
 *
 * DEDUPLICATION (store.ts, blocking.ts, compare.ts, comparison.ts, engine.ts)
 *   const store = new HouseholdStore(); store.add(key, sourceIndex, record) for each household
 *   (`key` stable across runs: cluster ids derive from it); store.seal();
 *   linkHouseholds(store, { decisions, matchThreshold, reviewThreshold, onStage })
 *     → { clusterOf, clusterId(cluster), pairs: { a, b, probability, decision: match|review }[], model }
 *   Blocking on several keys (name word pairs, name word + birth year ± 1, name word + place,
 *   sound prefix + place, address word + place, phone, identity number, full birth date;
 *   sorted neighbourhood inside oversized blocks); graded comparisons of name (word alignment:
 *   swapped, glued, missing words; sounds and given-name variants), birth, sex, phone,
 *   identity, place, address and spouse (head of one list found as spouse in the other);
 *   Fellegi–Sunter weights with m and u by EM on the data and term-frequency adjustment of
 *   names and phones; clusters that a weak link cannot chain. new Scorer(new Comparator(store),
 *   result.model).explain(a, b) gives each field's weight, for the custodian's "why".
 *   Command line: `relais dedup` (src/cli/commands/dedup.ts); benchmarks bench/dedup-*.ts.
 *
 * PRIVACY-PRESERVING MODE (pprl/, imported from its files: it runs in browsers and workers too)
 *   const encoder = await ClkEncoder.create(sharedKeyText); await encoder.encode(records)
 *     → one 1024-bit Bloom filter per household (pprl/encoder.ts: HMAC-SHA-256 by Web Crypto,
 *     the same normalisation as above, tokens in pprl/tokens.ts, hardening explained there);
 *   checkEncodedRecord (pprl/records.ts): what the server accepts in an encoded upload;
 *   new EncodedStore().add(key, source, filter, { householdSize, pcode }); linkEncoded(store,
 *     { oneToOne, decisions }) → the same shape as linkHouseholds (pprl/match.ts).
 *   Command line: `relais encode`, `relais dedup --encoded`; benchmark bench/pprl.ts.
 */
export { type HouseholdFields, type HouseholdProblem, type HouseholdReading, type HouseholdRecord, type PersonName, type PlaceRef, personName, readHousehold } from './household.ts';
export { foldName, type NameKeys, nameKeys, phoneticKey, variantKey } from './names.ts';
export {
  type BirthYear,
  type CellInput,
  type Reading,
  readAge,
  readBirthDate,
  readNina,
  readPhones,
  readSex,
  readStatus,
  type Sex,
  sexes,
  sexSpellings,
  statusSpellings,
  type ValueProblemCode,
} from './values.ts';
export { type ComparisonDetail, Comparator, type FieldKey, fields } from './comparison.ts';
export { type Contribution, type Decision, type LinkageModel, type LinkageOptions, type LinkageResult, type LinkedPair, linkHouseholds, Scorer } from './engine.ts';
export { HouseholdStore } from './store.ts';
