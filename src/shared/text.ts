function unicodeKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
}

// The Unicode pipeline costs ~20 µs a call and a 50,000-row import calls it hundreds of thousands
// of times. Every step of it is character by character except three, so the key is built from
// each character's own piece, computed once: runs of separators are joined afterwards, final
// sigma (the one context-dependent lower case) and surrogate pairs take the whole pipeline, and
// canonical reordering only moves combining marks, which never survive as letters.
const pieces = new Array<string | undefined>(0x10000);
const capitalSigma = 0x3a3;

/**
 * The key names are compared by: "Ségou", "SEGOU" and " segou " all give "segou".
 * Apostrophes and dashes become spaces so "Kel-Essouk" matches "kel essouk".
 */
export function searchKey(value: string): string {
  let key = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === capitalSigma || (code >= 0xd800 && code <= 0xdfff)) return unicodeKey(value).trim();
    key += pieces[code] ??= unicodeKey(value[i]!);
  }
  return key.replace(/ {2,}/g, ' ').trim();
}

/** Zero-width characters carry nothing a reader sees: removed, so a name made of them alone is empty (and refused as such). */
export const zeroWidthCharacters = /[\u200b-\u200d\u2060\ufeff]/g;
/** NUL and other controls (tab and line breaks aside), and writing-direction overrides that can disguise a name (`cod.exe‮fdp`). */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const forbiddenCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Whether text holds a character no form or imported cell may hold. */
export function hasForbiddenCharacters(text: string): boolean {
  return forbiddenCharacters.test(text);
}
