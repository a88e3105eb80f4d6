import { describe, expect, it } from 'vitest';
import { figuresCache } from './figures-cache.ts';

describe('figures cache', () => {
  it('computes once per data version, and meanwhile serves the previous figures when asked for the latest', async () => {
    let version = 'a';
    let runs = 0;
    const cache = figuresCache({ dataVersion: async () => version, recheckAfterMs: 0 });
    const compute = async () => ++runs;
    await cache.refresh();
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.get('k', compute)).toBe(1);
    expect(await cache.getLatest('k', compute)).toEqual({ value: 1, current: true });
    version = 'b';
    await cache.refresh();
    let release!: () => void;
    const slow = () => new Promise<number>((resolve) => (release = () => resolve(++runs)));
    expect(await cache.getLatest('k', slow)).toEqual({ value: 1, current: false });
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.getLatest('k', slow)).toEqual({ value: 2, current: true });
    // A failed computation is not kept: the next call tries again.
    version = 'c';
    await cache.refresh();
    await expect(cache.get('x', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('x', compute)).toBe(3);
  });
});

describe('figures cache version checks', () => {
  it('reads the data version at most once per delay, and at once after an invalidation', async () => {
    let reads = 0;
    const cache = figuresCache({ dataVersion: async () => String(++reads), recheckAfterMs: 60_000 });
    await cache.refresh();
    await cache.refresh();
    expect(reads).toBe(1);
    cache.invalidate();
    await cache.refresh();
    expect(reads).toBe(2);
  });
});
