import { describe, expect, it } from 'vitest';
import { candidatePairs } from './blocking.ts';
import { type HouseholdFields, readHousehold } from './household.ts';
import { HouseholdStore } from './store.ts';

function storeOf(rows: HouseholdFields[]): HouseholdStore {
  const store = new HouseholdStore();
  rows.forEach((row, r) => store.add(`t:${r}`, 0, readHousehold(row, '2025-06-01').record));
  store.seal();
  return store;
}

function pairsOf(rows: HouseholdFields[]): Set<string> {
  const { codes, n } = candidatePairs(storeOf(rows));
  return new Set(Array.from(codes, (code) => `${Math.floor(code / n)}-${code % n}`));
}

describe('candidatePairs', () => {
  // Forty Moussa Traoré of one region, twenty in each of two communes, each in his own hamlet
  // and born years apart (the two communes' years interleaved, two years apart): the name block
  // is too large to compare all against all.
  const namesakes = (commune: (k: number) => string | null): HouseholdFields[] =>
    Array.from({ length: 40 }, (_, k) => ({
      fullName: 'TRAORE Moussa',
      birthDate: String(k < 20 ? 1940 + 4 * k : 1942 + 4 * (k - 20)),
      adm1Name: 'Ségou',
      adm3Name: commune(k),
      localityName: `Hameau ${k}`,
    }));

  it('cuts an oversized name block by commune: within a commune every pair, across communes none', () => {
    const pairs = pairsOf(namesakes((k) => (k < 20 ? 'Pelengana' : 'Sébougou')));
    // The first and the last of a commune, born 76 years apart (no neighbours by birth year).
    expect(pairs.has('0-19')).toBe(true);
    expect(pairs.has('20-39')).toBe(true);
    // Strangers of the same name and the same generation in another commune.
    expect(pairs.has('0-20')).toBe(false);
  });

  it('still gives records of no known commune their neighbours by birth year', () => {
    const pairs = pairsOf(namesakes((k) => (k < 39 ? 'Pelengana' : null)));
    // Record 39 (no commune) next to those born around his year.
    const neighbours = [...pairs].filter((pair) => pair.endsWith('-39') || pair.startsWith('39-'));
    expect(neighbours.length).toBeGreaterThan(0);
  });
});
