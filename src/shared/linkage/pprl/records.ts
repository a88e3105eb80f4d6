import { sectors } from '../../sectors.ts';
import { fromBase64, popcount32 } from './bits.ts';
import { clkBytes, clkScheme } from './encoder.ts';

/**
 * An encoded household as it leaves the organisation (a `.clk.json` file of the command line, or
 * the browser's upload): its filter in base64 and the few plain fields that identify nobody.
 * `checkEncodedRecord` is what the server runs on every record of an encoded upload, to refuse
 * anything that looks like plain personal data rather than an encoding: a filter that is not
 * base64 of exactly `clkBytes` bytes, one whose bytes read as text (names put in the filter's
 * place), a filter with almost no bit set or almost all, a field that is not one of the
 * expected ones, or a plain field holding something else than a P-code, a size or a date.
 */

/** P-codes as OCHA writes them: two letters and digits (ML0401, ML040202, ML040202001). */
export const pcodePattern = /^[A-Z]{2}\d{2,12}$/;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Why a record is refused (the callers word it in French and English). */
export type EncodedRecordProblem = 'clk_invalid' | 'clk_looks_like_text' | 'clk_empty' | 'field_unexpected' | 'field_invalid';

/** Bits a real encoding sets, at the fewest and the most (a household has at least a name). */
const minBits = 16;
const maxBits = clkBytes * 8 - 16;

/** Bytes that are letters, digits, spaces or punctuation of text: a filter is never mostly made of them. */
function textLike(bytes: Uint8Array): boolean {
  let text = 0;
  for (const byte of bytes) if ((byte >= 0x20 && byte <= 0x7e) || byte === 0x0a || byte === 0x0d || byte >= 0xc0) text++;
  return text >= bytes.length * 0.9;
}

/** The filter of a base64 text, or why it is refused. */
export function readClk(text: unknown): { ok: true; filter: Uint8Array } | { ok: false; code: EncodedRecordProblem } {
  if (typeof text !== 'string') return { ok: false, code: 'clk_invalid' };
  const filter = fromBase64(text, clkBytes);
  if (filter === null) return { ok: false, code: 'clk_invalid' };
  if (textLike(filter)) return { ok: false, code: 'clk_looks_like_text' };
  let set = 0;
  for (const byte of filter) set += popcount32(byte);
  if (set < minBits || set > maxBits) return { ok: false, code: 'clk_empty' };
  return { ok: true, filter };
}

interface EncodedRecordCheck {
  /** Plain fields allowed beside `clk`, and how each must look. */
  allowed: Readonly<Record<string, (value: unknown) => boolean>>;
}

export const plainFieldChecks = {
  pcode: (value: unknown) => value === null || (typeof value === 'string' && pcodePattern.test(value)),
  householdSize: (value: unknown) => value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100),
  assistanceDate: (value: unknown) => value === null || (typeof value === 'string' && isoDatePattern.test(value)),
  sector: (value: unknown) => value === null || (typeof value === 'string' && (sectors as readonly string[]).includes(value)),
} as const;

/** What identifies the file of an encoded list (a `.clk.json` of `relais encode`, or the browser's upload). */
export const encodedFileFormat = 'relais-clk';

export interface EncodedFileRecord {
  /** The id the file gives (its row number in an upload; the id column's value from the command line), else its position. */
  id: string;
  filter: Uint8Array;
  pcode: string | null;
  householdSize: number | null;
  assistanceDate: string | null;
  sector: string | null;
}

export type EncodedFileProblem = 'file_invalid' | 'scheme_unknown' | 'records_missing' | EncodedRecordProblem;

/**
 * Reads the content of an encoded-list file: `{ format, scheme, keyFingerprint, records }` and
 * nothing else, every record checked by `checkEncodedRecord`. `ids: 'rows'` (an upload) admits
 * only row numbers as ids: an organisation's own household id may be a NINA or a name.
 */
export function readEncodedFile(
  content: unknown,
  options: { ids: 'rows' | 'any' },
): { ok: true; keyFingerprint: string; records: EncodedFileRecord[] } | { ok: false; code: EncodedFileProblem; record?: number; field?: string } {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return { ok: false, code: 'file_invalid' };
  const body = content as Record<string, unknown>;
  for (const field of Object.keys(body))
    if (!['format', 'scheme', 'keyFingerprint', 'records'].includes(field)) return { ok: false, code: 'field_unexpected', field };
  if (body.format !== encodedFileFormat || typeof body.keyFingerprint !== 'string' || !/^[0-9a-f]{16}$/.test(body.keyFingerprint))
    return { ok: false, code: 'file_invalid' };
  if (body.scheme !== clkScheme) return { ok: false, code: 'scheme_unknown' };
  if (!Array.isArray(body.records) || body.records.length === 0) return { ok: false, code: 'records_missing' };
  const id =
    options.ids === 'rows'
      ? (value: unknown) => typeof value === 'string' && /^\d{1,7}$/.test(value)
      : (value: unknown) => typeof value === 'string' && value.length <= 200;
  const check: EncodedRecordCheck = { allowed: { ...plainFieldChecks, id } };
  const records: EncodedFileRecord[] = [];
  for (let k = 0; k < body.records.length; k++) {
    const record: unknown = body.records[k];
    const checked = checkEncodedRecord(record, check);
    if (!checked.ok) return { ok: false, code: checked.code, record: k + 1, field: checked.field };
    const fields = record as { id?: string; pcode?: string | null; householdSize?: number | null; assistanceDate?: string | null; sector?: string | null };
    records.push({
      id: fields.id ?? String(k + 1),
      filter: checked.filter,
      pcode: fields.pcode ?? null,
      householdSize: fields.householdSize ?? null,
      assistanceDate: fields.assistanceDate ?? null,
      sector: fields.sector ?? null,
    });
  }
  return { ok: true, keyFingerprint: body.keyFingerprint, records };
}

/**
 * Checks one record object: `clk`, then only the allowed fields, each as it must look. Returns
 * the filter, or the problem and the field it is in.
 */
export function checkEncodedRecord(
  record: unknown,
  check: EncodedRecordCheck,
): { ok: true; filter: Uint8Array } | { ok: false; code: EncodedRecordProblem; field: string } {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return { ok: false, code: 'clk_invalid', field: 'clk' };
  const entries = record as Record<string, unknown>;
  for (const [field, value] of Object.entries(entries)) {
    if (field === 'clk') continue;
    const valid = Object.hasOwn(check.allowed, field) ? check.allowed[field] : undefined;
    if (!valid) return { ok: false, code: 'field_unexpected', field };
    if (value !== undefined && !valid(value)) return { ok: false, code: 'field_invalid', field };
  }
  const clk = readClk(entries.clk);
  return clk.ok ? clk : { ...clk, field: 'clk' };
}
