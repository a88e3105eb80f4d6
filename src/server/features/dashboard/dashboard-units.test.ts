import { describe, expect, it } from 'vitest';
import { median, monthEndOrAt, monthsEndingAt } from './dashboard-figures.ts';
import { figuresCache } from './figures-cache.ts';
import { allowOrigin, tileOrigin } from './tile-csp.ts';

describe('dashboard arithmetic', () => {
  it('takes the median of an odd or even count, none of nothing', () => {
    expect(median([20, 5, 9])).toBe(9);
    expect(median([5, 20])).toBe(12.5);
    expect(median([])).toBeNull();
  });

  it('lists the months of a period ending with the month of the date, across a year end', () => {
    expect(monthsEndingAt('2026-02-10', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthEndOrAt('2024-02', '2026-01-01')).toBe('2024-02-29');
    expect(monthEndOrAt('2026-03', '2026-03-25')).toBe('2026-03-25');
  });
});

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

describe('tile origin in the security policy', () => {
  it('lets the configured tile host through connect-src and img-src only', () => {
    expect(tileOrigin('https://tiles.example.org/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    const policy = "default-src 'self';img-src 'self' data: blob:;worker-src 'self' blob:";
    expect(allowOrigin(policy, ['connect-src', 'img-src'], 'https://tiles.example.org')).toBe(
      "default-src 'self';img-src 'self' data: blob: https://tiles.example.org;worker-src 'self' blob:;connect-src 'self' https://tiles.example.org",
    );
  });
});
