import { describe, expect, it } from 'vitest';
import { gapText } from './gap-text.ts';

describe('gap texts', () => {
  it('writes counts with the words the number calls for, never "gap(s)" nor "1 gaps"', () => {
    const fr = gapText('fr');
    const en = gapText('en');
    expect([0, 1, 2, 1200].map((n) => fr.count(n, 'gap à venir', 'gaps à venir'))).toEqual([
      '0 gap à venir',
      '1 gap à venir',
      '2 gaps à venir',
      '1\u202f200 gaps à venir',
    ]);
    expect([0, 1, 2].map((n) => en.count(n, 'upcoming gap', 'upcoming gaps'))).toEqual(['0 upcoming gaps', '1 upcoming gap', '2 upcoming gaps']);
    expect([fr.households(1), fr.households(2), en.households(1), en.households(0)]).toEqual(['1 ménage', '2 ménages', '1 household', '0 households']);
  });
});
