import type { HouseholdRecord } from '../household.ts';
import { clkFields, recordTokens } from './tokens.ts';

/** Web Crypto's key type, named the same way under the browser's and Node's type libraries. */
type HmacKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>;

/**
 * Cryptographic long-term keys (Schnell, Bachteler & Reiher 2011): each household becomes one
 * Bloom filter into which every field's tokens (tokens.ts) are hashed, `k` bit positions per
 * token, by HMAC-SHA-256 keyed with a secret shared by the organisations and the custodian and
 * never sent to the server. Web Crypto (`crypto.subtle`) does the hashing, the same in Node, in
 * a browser tab and in a Web Worker.
 *
 * Choices against the known attacks on such filters, and why:
 *   - A keyed HMAC per field (sub-keys derived from the shared secret): without the key nobody
 *     can hash a dictionary of names and look for their bits, and the same bigram in a name and
 *     in a village sets unrelated bits.
 *   - Random hashing, not double hashing: the k positions of a token are k independent 11-bit
 *     pieces of its HMAC (more HMAC blocks when k > 16). Double hashing (positions h1 + i·h2)
 *     leaves an arithmetic pattern that Niedermeyer et al. (2014) used to read the bigrams back
 *     out of the filters; independent positions leave none (clkhash's "blake" hashing does the same).
 *   - All fields in one filter (a CLK, not one filter per field): a frequency attack has to
 *     untangle names, places, years and phones together.
 *   - XOR-folding (Schnell, Borgs & Encarnação 2016): the record is encoded into 2048 bits and
 *     the two halves are XOR-ed into the 1024 bits kept. A bit of the result no longer belongs to
 *     one bigram — it is set by an odd number of the tokens landing on either of two positions —
 *     so the frequent-pattern mining that aligns frequent bit sets with frequent bigrams
 *     (Kroll & Steinmetzer 2015; Christen et al. 2018) finds no clean pattern to align. This
 *     matters in Mali, where a handful of family names (Traoré, Coulibaly, Diallo, Maïga) cover a
 *     large share of every list and would otherwise stand out.
 *   - No salting by a "stable" field. Salting each bigram with, say, the birth year defeats
 *     frequency attacks best, but only works when that field is the same in both lists. In
 *     Malian lists none is: birth years are counted back from guessed ages, the commune changes
 *     with displacement, and the sex of the head changes when the wife is registered in the
 *     husband's place. Salting would silently drop those true matches (measured in
 *     bench/pprl.ts); the residual risk is written in the protocol page instead.
 * What remains: anyone holding the key can test a guessed name against a filter. The key's
 * custody (the organisations and the custodian, never the server, a new key per exercise) is
 * the protection against that; the protocol page says so.
 */

/**
 * The encoding's identifier: files and uploads name it, and encodings of another scheme are refused.
 * v2: the name keys changed (El/Al joined, silent final e and w, ou before o): a v1 filter would
 * still compare, only worse, so it is refused and the list encoded again.
 */
export const clkScheme = 'relais-clk-v2';
/** Bits of the kept filter, and before folding. */
export const clkBits = 1024;
export const clkBytes = clkBits / 8;
const encodedBits = clkBits * 2;
const positionsPerBlock = 16;
/** Shortest accepted key (characters of its text). */
export const minKeyLength = 32;

const encoder = new TextEncoder();

/** Why a key cannot be used (the callers word it in French and English). */
export type ClkKeyProblem = 'key_too_short';

export class ClkKeyError extends Error {
  constructor(readonly code: ClkKeyProblem) {
    super(code);
  }
}

/**
 * The key as the organisations share it: a text (a file's content or pasted), used as its UTF-8
 * bytes after trimming, so that the same key read from a file or pasted in a browser is one key.
 */
export function keyBytes(text: string): Uint8Array {
  const trimmed = text.trim();
  if ([...trimmed].length < minKeyLength) throw new ClkKeyError('key_too_short');
  return encoder.encode(trimmed);
}

/** A new random key, as text (43 characters of base64url: 256 bits). */
export function newKeyText(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function hmacKey(raw: Uint8Array): Promise<HmacKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

async function sign(key: HmacKey, text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text)));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

const cacheLimit = 1_000_000;
const batchSize = 2048;

export class ClkEncoder {
  private readonly cache = new Map<string, Uint16Array>();

  private constructor(
    private readonly keys: Map<string, HmacKey>,
    private readonly blocks: Map<string, number>,
    /** Identifies the key without revealing it: files encoded with different keys are told apart before matching. */
    readonly keyFingerprint: string,
  ) {}

  /** An encoder for the key's text (`keyBytes` rules). */
  static async create(keyText: string): Promise<ClkEncoder> {
    const master = await hmacKey(keyBytes(keyText));
    const keys = new Map<string, HmacKey>();
    const blocks = new Map<string, number>();
    for (const field of clkFields) {
      if (!keys.has(field.hmacKey)) keys.set(field.hmacKey, await hmacKey(await sign(master, `${clkScheme}/field/${field.hmacKey}`)));
      blocks.set(field.hmacKey, Math.max(blocks.get(field.hmacKey) ?? 0, Math.ceil(field.k / positionsPerBlock)));
    }
    const fingerprint = hex((await sign(master, `${clkScheme}/fingerprint`)).subarray(0, 8));
    return new ClkEncoder(keys, blocks, fingerprint);
  }

  private async positions(hmacKeyName: string, token: string): Promise<Uint16Array> {
    const key = this.keys.get(hmacKeyName)!;
    const blocks = this.blocks.get(hmacKeyName)!;
    const out = new Uint16Array(blocks * positionsPerBlock);
    for (let block = 0; block < blocks; block++) {
      const digest = await sign(key, block === 0 ? token : `${token}\u0000${block}`);
      for (let p = 0; p < positionsPerBlock; p++) out[block * positionsPerBlock + p] = ((digest[2 * p]! << 8) | digest[2 * p + 1]!) % encodedBits;
    }
    return out;
  }

  /** Each record's filter (`clkBytes` bytes). Records of one call share the HMACs of their common tokens. */
  async encode(records: readonly HouseholdRecord[]): Promise<Uint8Array[]> {
    const tokensOf = records.map(recordTokens);
    if (this.cache.size > cacheLimit) this.cache.clear();
    const missing = new Map<string, [string, string]>();
    for (const tokens of tokensOf) {
      for (let t = 0; t < tokens.tokens.length; t++) {
        const hmacKeyName = clkFields[tokens.fields[t]!]!.hmacKey;
        const cacheKey = `${hmacKeyName}\u0001${tokens.tokens[t]!}`;
        if (!this.cache.has(cacheKey) && !missing.has(cacheKey)) missing.set(cacheKey, [hmacKeyName, tokens.tokens[t]!]);
      }
    }
    const pending = [...missing];
    for (let from = 0; from < pending.length; from += batchSize) {
      const slice = pending.slice(from, from + batchSize);
      const computed = await Promise.all(slice.map(([, [name, token]]) => this.positions(name, token)));
      slice.forEach(([cacheKey], k) => this.cache.set(cacheKey, computed[k]!));
    }
    const wide = new Uint8Array(encodedBits / 8);
    return tokensOf.map((tokens) => {
      wide.fill(0);
      for (let t = 0; t < tokens.tokens.length; t++) {
        const field = clkFields[tokens.fields[t]!]!;
        const positions = this.cache.get(`${field.hmacKey}\u0001${tokens.tokens[t]!}`)!;
        for (let p = 0; p < field.k; p++) wide[positions[p]! >>> 3]! |= 1 << (positions[p]! & 7);
      }
      const filter = new Uint8Array(clkBytes);
      for (let b = 0; b < clkBytes; b++) filter[b] = wide[b]! ^ wide[b + clkBytes]!;
      return filter;
    });
  }
}
