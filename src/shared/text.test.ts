import { describe, expect, it } from 'vitest';
import { searchKey } from './text.ts';

/** The definition searchKey must keep: the stored name keys of every locality were built with it. */
const reference = (value: string) =>
  value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('searchKey', () => {
  it('folds accents, case, apostrophes and dashes', () => {
    expect(searchKey('  Ségou ')).toBe('segou');
    expect(searchKey('SEGOU')).toBe('segou');
    expect(searchKey('Kel-Essouk')).toBe('kel essouk');
    expect(searchKey('Réhabilitation de points d’eau — lot 12')).toBe('rehabilitation de points d eau lot 12');
    expect(searchKey('a^b`c')).toBe('abc');
    expect(searchKey('ΟΔΟΣ')).toBe(reference('ΟΔΟΣ'));
  });

  it('gives the reference key for every character of the basic plane alone and between letters', () => {
    for (let code = 0; code < 0x10000; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      for (const value of [char, `A${char}b`, `${char} ${char}`]) if (searchKey(value) !== reference(value)) expect(searchKey(value)).toBe(reference(value));
    }
  });

  it('gives the reference key for random text mixing scripts, marks, punctuation and emoji', () => {
    const alphabet = [..."aZ09 -'’—–_.,;:^`éÈçÀÂôŒœßÆǅİıΣσςΑάΪ\u0301\u0308\u0327\u0345ߊߞߟ\u07ebاشمن€°²½ﬁ\u00a0\u2009\u200b\u202e😀🇲🇱ᄀ가각"];
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 20_000; n++) {
      const value = Array.from({ length: 1 + Math.floor(next() * 12) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      if (searchKey(value) !== reference(value)) expect([value, searchKey(value)]).toEqual([value, reference(value)]);
    }
  });
});
