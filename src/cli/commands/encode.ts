import fs from 'node:fs';
import path from 'node:path';
import { type HouseholdRecord, readHousehold } from '../../shared/linkage/household.ts';
import { maliAdminAreas } from '../../server/lib/households/admin-areas-file.ts';
import { toBase64 } from '../../shared/linkage/pprl/bits.ts';
import { ClkEncoder, ClkKeyError, clkScheme, minKeyLength, newKeyText } from '../../shared/linkage/pprl/encoder.ts';
import { type EncodedFileProblem, type EncodedFileRecord, encodedFileFormat, pcodePattern, readEncodedFile } from '../../shared/linkage/pprl/records.ts';
import { HouseholdFileError, openHouseholdFile } from '../../server/lib/households/household-file.ts';
import type { CliCommand } from '../command.ts';

/**
 * `relais encode`: a household list (any layout the list upload recognises, FEBRL files too)
 * turned into a `.clk.json` file of encodings, on the organisation's own computer, for
 * `relais dedup --encoded` or an encoded upload. The file holds, per household, its id (the id
 * column's value or its row number), its filter, its household size and the P-code of its place;
 * never a name, a phone, an identity number, nor the key.
 *   relais encode --new-key KEY                 a new shared key (the custodian makes it once per exercise)
 *   relais encode --key-file KEY --input FILE --out FILE.clk.json [--id-column NAME] [--reference-date YYYY-MM-DD]
 */

/** A message in French then English: the command line serves both. */
export function bilingual(fr: string, en: string): string {
  return `${fr}\n${en}`;
}

/** The first lines of a `.clk.json` file; records follow, one per line. */
interface EncodedFileHeader {
  format: typeof encodedFileFormat;
  scheme: string;
  keyFingerprint: string;
}

/** The plain fields of a record: nothing that names or reaches a person. */
export function plainFieldsOf(record: HouseholdRecord): { householdSize: number | null; pcode: string | null } {
  const code = record.locality?.code ?? record.commune?.code ?? null;
  return { householdSize: record.householdSize, pcode: code !== null && pcodePattern.test(code) ? code : null };
}

export class KeyFileError extends Error {}
export class EncodedFileError extends Error {}

const problemText: Record<EncodedFileProblem, [string, string]> = {
  file_invalid: ['ce n’est pas un fichier d’encodages de « relais encode »', 'this is not a file of encodings written by "relais encode"'],
  scheme_unknown: [`encodage inconnu (attendu ${clkScheme})`, `unknown encoding (expected ${clkScheme})`],
  records_missing: ['aucun ménage encodé', 'no encoded household'],
  clk_invalid: ['l’encodage n’est pas un filtre en base64 de la longueur attendue', 'the encoding is not a base64 filter of the expected length'],
  clk_looks_like_text: ['l’encodage se lit comme du texte, pas comme un filtre', 'the encoding reads as text, not as a filter'],
  clk_empty: ['l’encodage n’a presque aucun bit (ou presque tous)', 'the encoding has almost no bit set (or almost all)'],
  field_unexpected: ['champ inattendu', 'unexpected field'],
  field_invalid: ['valeur invalide', 'invalid value'],
};

/** Reads and checks a `.clk.json` file: its scheme, and every record as the server would. */
export function readEncodedFileAt(file: string): { keyFingerprint: string; records: EncodedFileRecord[] } {
  const name = path.basename(file);
  if (!fs.existsSync(file)) throw new EncodedFileError(bilingual(`Fichier introuvable : ${file}`, `File not found: ${file}`));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new EncodedFileError(bilingual(`${name} n’est pas un fichier JSON d’encodages (.clk.json).`, `${name} is not a JSON file of encodings (.clk.json).`));
  }
  const read = readEncodedFile(parsed, { ids: 'any' });
  if (read.ok) return read;
  const [fr, en] = problemText[read.code];
  const where =
    read.record === undefined
      ? read.field
        ? [` « ${read.field} »`, ` "${read.field}"`]
        : ['', '']
      : [`, enregistrement ${read.record}, « ${read.field ?? ''} »`, `, record ${read.record}, "${read.field ?? ''}"`];
  throw new EncodedFileError(bilingual(`${name}${where[0]!} : ${fr}.`, `${name}${where[1]!}: ${en}.`));
}

/** The key's text from its file, checked. */
export function readKeyFile(file: string): string {
  if (!fs.existsSync(file)) throw new KeyFileError(bilingual(`Fichier de clé introuvable : ${file}`, `Key file not found: ${file}`));
  const text = fs.readFileSync(file, 'utf8');
  if (text.includes('\uFFFD'))
    throw new KeyFileError(
      bilingual(
        `Le fichier de clé doit être un texte (celui que « relais encode --new-key » écrit).`,
        'The key file must be text (as written by "relais encode --new-key").',
      ),
    );
  return text;
}

const batch = 5000;

/** Encodes a household file into `out` (written whole or not at all). */
export async function encodeFile(options: {
  keyText: string;
  input: string;
  out: string;
  idColumn?: string;
  referenceDate?: string;
  log?: (line: string) => void;
}): Promise<{ records: number; keyFingerprint: string }> {
  const log = options.log ?? (() => {});
  const referenceDate = options.referenceDate ?? new Date().toISOString().slice(0, 10);
  const encoder = await ClkEncoder.create(options.keyText);
  const file = await openHouseholdFile(options.input, { idColumn: options.idColumn });
  log(`${path.basename(options.input)}: ${file.recognised.map((c) => `"${c.header ?? ''}" → ${c.key}`).join(', ')}`);
  const partial = `${options.out}.part`;
  const stream = fs.createWriteStream(partial, { mode: 0o600 });
  const write = (text: string) => (stream.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
  let count = 0;
  try {
    const header: EncodedFileHeader = { format: encodedFileFormat, scheme: clkScheme, keyFingerprint: encoder.keyFingerprint };
    await write(`${JSON.stringify(header).slice(0, -1)},"records":[\n`);
    // Communes named or coded, completed from the gazetteer as the plain command does.
    const areas = maliAdminAreas();
    let pending: { id: string; record: HouseholdRecord }[] = [];
    const flush = async () => {
      const filters = await encoder.encode(pending.map((p) => p.record));
      for (let k = 0; k < pending.length; k++) {
        const line = JSON.stringify({ id: pending[k]!.id, clk: toBase64(filters[k]!), ...plainFieldsOf(pending[k]!.record) });
        await write(`${count++ === 0 ? '' : ',\n'}${line}`);
      }
      pending = [];
      if (count % 50_000 < batch) log(`${count} households encoded`);
    };
    for await (const row of file.rows) {
      pending.push({ id: row.id ?? String(row.row), record: readHousehold(areas.complete(row.fields), referenceDate).record });
      if (pending.length >= batch) await flush();
    }
    if (pending.length > 0) await flush();
    await write('\n]}\n');
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(partial, options.out);
  } catch (error) {
    stream.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { records: count, keyFingerprint: encoder.keyFingerprint };
}

function parseArgs(args: string[]): Record<string, string> | { error: string } {
  const parsed: Record<string, string> = {};
  const known = new Set(['--key-file', '--input', '--out', '--id-column', '--reference-date', '--new-key']);
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.has(flag)) return { error: bilingual(`Option inconnue : ${arg}`, `Unknown option: ${arg}`) };
    const value = inline ?? args[++k];
    if (value === undefined || value.startsWith('--')) return { error: bilingual(`${flag} attend une valeur.`, `${flag} needs a value.`) };
    parsed[flag.slice(2)] = value;
  }
  return parsed;
}

export const encode: CliCommand = {
  summary: 'Encode a household list with the shared key (privacy-preserving linkage): no name, phone or NINA in the output',
  usage: 'relais encode --key-file KEY --input FILE --out FILE.clk.json [--id-column NAME] [--reference-date YYYY-MM-DD] | relais encode --new-key KEY',
  async run(args) {
    const options = parseArgs(args);
    const usage = `Usage: ${this.usage}`;
    if ('error' in options) {
      console.error(`${options.error}\n${usage}`);
      return 2;
    }
    if (options['new-key'] !== undefined) {
      const file = options['new-key'];
      if (fs.existsSync(file)) {
        console.error(bilingual(`${file} existe déjà : une clé n'est jamais écrasée.`, `${file} already exists: a key is never overwritten.`));
        return 2;
      }
      fs.writeFileSync(file, `${newKeyText()}\n`, { mode: 0o600 });
      console.error(
        bilingual(
          `Nouvelle clé écrite dans ${file}. Remettez-la aux organisations participantes par un canal sûr ; ne l'envoyez jamais au serveur.`,
          `New key written to ${file}. Hand it to the participating organisations over a safe channel; never send it to the server.`,
        ),
      );
      return 0;
    }
    if (!options['key-file'] || !options.input || !options.out) {
      console.error(`${bilingual('Donnez --key-file, --input et --out.', 'Give --key-file, --input and --out.')}\n${usage}`);
      return 2;
    }
    if (options['reference-date'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options['reference-date'])) {
      console.error(bilingual('--reference-date s’écrit AAAA-MM-JJ.', '--reference-date is YYYY-MM-DD.'));
      return 2;
    }
    if (!fs.existsSync(options.input)) {
      console.error(bilingual(`Fichier introuvable : ${options.input}`, `File not found: ${options.input}`));
      return 2;
    }
    const started = performance.now();
    try {
      const keyText = readKeyFile(options['key-file']);
      const { records, keyFingerprint } = await encodeFile({
        keyText,
        input: options.input,
        out: options.out,
        idColumn: options['id-column'],
        referenceDate: options['reference-date'],
        log: (line) => console.error(line),
      });
      console.error(
        `${records} households encoded (${clkScheme}, key ${keyFingerprint}) → ${options.out}. ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`,
      );
      return 0;
    } catch (error) {
      if (error instanceof KeyFileError || error instanceof HouseholdFileError) {
        console.error(error.message);
        return 1;
      }
      if (error instanceof ClkKeyError) {
        console.error(bilingual(`Clé trop courte : ${minKeyLength} caractères au moins.`, `Key too short: at least ${minKeyLength} characters.`));
        return 1;
      }
      throw error;
    }
  },
};
