import { describe, expect, it } from 'vitest';
import { stableClusterIds } from './stable-clusters.ts';

function counter() {
  let next = 0;
  return () => `new-${++next}`;
}

describe('stable household ids across runs', () => {
  it('gives every cluster a new id on a first run, records of one cluster the same', () => {
    const result = stableClusterIds([0, 0, 1, 2, 2, 2], [null, null, null, null, null, null], counter());
    expect(result.ids).toEqual(['new-1', 'new-1', 'new-2', 'new-3', 'new-3', 'new-3']);
    expect(result).toMatchObject({ kept: 0, clusters: 3 });
  });

  it('keeps the ids when a run finds the same households, whatever its own cluster numbers', () => {
    const result = stableClusterIds([5, 5, 3, 9], ['A', 'A', 'B', 'C'], counter());
    expect(result.ids).toEqual(['A', 'A', 'B', 'C']);
    expect(result.kept).toBe(3);
  });

  it('lets the larger part of a split household keep its id, the smaller gets a new one', () => {
    const result = stableClusterIds([0, 0, 0, 1, 1], ['A', 'A', 'A', 'A', 'A'], counter());
    expect(result.ids).toEqual(['A', 'A', 'A', 'new-1', 'new-1']);
  });

  it('gives two merged households the id of the part with more records', () => {
    const result = stableClusterIds([0, 0, 0, 0, 0], ['A', 'A', 'B', 'B', 'B'], counter());
    expect(result.ids).toEqual(['B', 'B', 'B', 'B', 'B']);
    expect(result).toMatchObject({ kept: 1, clusters: 1 });
  });

  it('keeps the id of a household that records were added to, and names new records’ households anew', () => {
    const result = stableClusterIds([0, 0, 0, 1], ['A', 'A', null, null], counter());
    expect(result.ids).toEqual(['A', 'A', 'A', 'new-1']);
  });

  it('decides ties the same way every time', () => {
    const first = stableClusterIds([0, 0, 1, 1], ['B', 'A', 'A', 'B'], counter());
    const again = stableClusterIds([0, 0, 1, 1], ['B', 'A', 'A', 'B'], counter());
    expect(first.ids).toEqual(again.ids);
    expect(new Set(first.ids).size).toBe(2);
    expect(first.ids).toEqual(['A', 'A', 'B', 'B']);
  });

  it('refuses previous ids that do not line up with the records', () => {
    expect(() => stableClusterIds([0, 1], ['A'], counter())).toThrow();
  });
});
