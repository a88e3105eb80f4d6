/**
 * Bloom filters as bytes: counting bits, the Dice coefficient, base64 for files and requests.
 */

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Dice of two filters given as bytes. */
export function diceOfBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError('filters of different lengths');
  let common = 0;
  let total = 0;
  for (let k = 0; k < a.length; k++) {
    common += popcount32(a[k]! & b[k]!);
    total += popcount32(a[k]!) + popcount32(b[k]!);
  }
  return total === 0 ? 0 : (2 * common) / total;
}

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const valueOf = new Int16Array(128).fill(-1);
for (let k = 0; k < alphabet.length; k++) valueOf[alphabet.charCodeAt(k)] = k;

/** Standard base64 with padding (the same in Node and in browsers, without Buffer or btoa). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let k = 0;
  for (; k + 2 < bytes.length; k += 3) {
    const n = (bytes[k]! << 16) | (bytes[k + 1]! << 8) | bytes[k + 2]!;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + alphabet[n & 63]!;
  }
  const rest = bytes.length - k;
  if (rest === 1) {
    const n = bytes[k]! << 16;
    out += `${alphabet[n >>> 18]!}${alphabet[(n >>> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (bytes[k]! << 16) | (bytes[k + 1]! << 8);
    out += `${alphabet[n >>> 18]!}${alphabet[(n >>> 12) & 63]!}${alphabet[(n >>> 6) & 63]!}=`;
  }
  return out;
}

/** Decodes standard base64; null when the text is not base64 of exactly `length` bytes. */
export function fromBase64(text: string, length: number): Uint8Array | null {
  if (text.length !== Math.ceil(length / 3) * 4) return null;
  const padding = length % 3 === 0 ? 0 : 3 - (length % 3);
  const bytes = new Uint8Array(length);
  let b = 0;
  for (let k = 0; k < text.length; k += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const c = text.charCodeAt(k + j);
      const last = k + 4 === text.length;
      if (last && j >= 4 - padding) {
        if (c !== 61) return null; // '='
        n <<= 6;
        continue;
      }
      const v = c < 128 ? valueOf[c]! : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (b < length) bytes[b++] = (n >>> 16) & 255;
    if (b < length) bytes[b++] = (n >>> 8) & 255;
    if (b < length) bytes[b++] = n & 255;
  }
  // Non-zero bits hidden in the padding would make two texts decode to one filter.
  return toBase64(bytes) === text ? bytes : null;
}
