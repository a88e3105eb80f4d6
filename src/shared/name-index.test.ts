import { describe, expect, it } from 'vitest';
import { quotedChoices, importMessage } from './import-messages.ts';
import { createNameIndex, editDistance, suggestNames } from './name-index.ts';

const places = [
  { pcode: 'ML0401', name: 'Baroueli' },
  { pcode: 'ML0402', name: 'Ségou' },
  { pcode: 'ML0406', name: 'Tominian' },
  { pcode: 'ML0501', name: 'Mopti' },
  { pcode: 'ML0505', name: 'Djenné' },
  { pcode: 'ML0507', name: 'Koro' },
  { pcode: 'ML0604', name: 'Gourma-Rharous' },
  { pcode: 'ML0901', name: 'Bamako' },
  { pcode: 'ML0205', name: 'Kati' },
  { pcode: 'ML0105', name: 'Kita' },
  // Two places share a name: finding "Koro" must say so rather than pick one.
  { pcode: 'ML0507001', name: 'Koro' },
];
const index = createNameIndex(places, (p) => [p.name, p.pcode]);

describe('name index', () => {
  it('finds by name with accents, case and punctuation ignored, and by code', () => {
    expect(index.find('SEGOU').map((p) => p.pcode)).toEqual(['ML0402']);
    expect(index.find('  djenne ').map((p) => p.pcode)).toEqual(['ML0505']);
    expect(index.find('Gourma Rharous').map((p) => p.pcode)).toEqual(['ML0604']);
    expect(index.find('ml0501').map((p) => p.name)).toEqual(['Mopti']);
    expect(index.find('Koro').map((p) => p.pcode)).toEqual(['ML0507', 'ML0507001']);
    expect(index.find('Sévaré')).toEqual([]);
  });

  it('suggests the intended place for common typos, best first', () => {
    expect(index.suggest('Tominiant').map((p) => p.name)).toEqual(['Tominian']);
    expect(index.suggest('Mopit')[0]!.name).toBe('Mopti');
    expect(index.suggest('Bamko')[0]!.name).toBe('Bamako');
    expect(index.suggest('Segouu')[0]!.name).toBe('Ségou');
    expect(index.suggest('Katy').map((p) => p.name)).toEqual(['Kati']);
    expect(index.suggest('Korro').map((p) => p.pcode)).toEqual(['ML0507', 'ML0507001']);
  });

  it('suggests nothing for an unrelated name, and respects the limit', () => {
    expect(index.suggest('Nouakchott')).toEqual([]);
    expect(index.suggest('')).toEqual([]);
    expect(index.suggest('Korro', { limit: 1 }).map((p) => p.pcode)).toEqual(['ML0507']);
  });

  it('ranks plain labels too', () => {
    expect(suggestNames('Nutrtion', ['Santé', 'Nutrition', 'Protection'])).toEqual(['Nutrition']);
  });

  it('counts swaps of neighbouring letters as one edit', () => {
    expect(editDistance('mopti', 'mopit')).toBe(1);
    expect(editDistance('kati', 'kita')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('segou', 'segou')).toBe(0);
  });
});

describe('import messages', () => {
  it('render parameters in the language asked for, suggestions quoted the local way', () => {
    const fr = importMessage('place_did_you_mean', { value: 'Mopit', suggestions: quotedChoices(['Mopti', 'Moptii'], 'fr') }, 'fr');
    expect(fr).toBe('Lieu inconnu : « Mopit ». Vouliez-vous dire « Mopti » ou « Moptii » ?');
    const en = importMessage('place_did_you_mean', { value: 'Mopit', suggestions: quotedChoices(['Mopti'], 'en') }, 'en');
    expect(en).toBe('Unknown place: "Mopit". Did you mean "Mopti"?');
    expect(importMessage('number_too_small', { value: -3 }, 'fr')).toBe('-3 est inférieur au minimum autorisé ({min}).');
  });
});
