import { describe, expect, it } from 'vitest';
import { median, monthEndOrAt, monthsEndingAt } from './dashboard-figures.ts';
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

describe('tile origin in the security policy', () => {
  it('lets the configured tile host through connect-src and img-src only', () => {
    expect(tileOrigin('https://tiles.example.org/{z}/{x}/{y}.png')).toBe('https://tiles.example.org');
    const policy = "default-src 'self';img-src 'self' data: blob:;worker-src 'self' blob:";
    expect(allowOrigin(policy, ['connect-src', 'img-src'], 'https://tiles.example.org')).toBe(
      "default-src 'self';img-src 'self' data: blob: https://tiles.example.org;worker-src 'self' blob:;connect-src 'self' https://tiles.example.org",
    );
  });
});
