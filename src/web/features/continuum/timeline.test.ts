import { describe, expect, it } from 'vitest';
import { continuum } from '../alerts/alert-fixtures.ts';
import { contains, dateScale, focusDate, labelStep, monthStarts, spanOf, timelineDomain } from './timeline.ts';

describe('timeline scale', () => {
  it('spans from the month of the earliest event to two months after the latest date worth showing', () => {
    const data = continuum({
      at: '2026-03-15',
      responses: [
        {
          kind: 'rrm',
          id: '00000000-0000-4000-8000-0000000000f1',
          alertId: null,
          organisation: { id: '00000000-0000-4000-8000-0000000000a2', acronym: 'NRC', name: 'NRC' },
          sector: 'sante',
          package: null,
          start: '2025-12-20',
          end: '2027-05-02',
          householdsReached: 10,
          personsReached: 50,
          modality: null,
        },
      ],
    });
    expect(timelineDomain(data, '2026-06-01')).toEqual({ from: '2025-12-01', to: '2027-07-01' });
  });

  it('places dates in proportion to days, clamps outside dates, and draws a range to the end of its last day', () => {
    const domain = { from: '2026-01-01', to: '2026-03-01' }; // 59 days
    const x = dateScale(domain, 100, 690);
    expect(x('2026-01-01')).toBe(100);
    expect(x('2026-03-01')).toBe(690);
    expect(x('2026-01-31')).toBeCloseTo(100 + (590 * 30) / 59, 9);
    expect(x('2025-06-01')).toBe(100);
    expect(x('2027-01-01')).toBe(690);
    expect(spanOf('2026-01-10', '2026-01-19', domain)).toEqual({ from: '2026-01-10', to: '2026-01-20' });
    expect(spanOf('2026-02-10', null, domain)).toEqual({ from: '2026-02-10', to: '2026-03-01' });
  });

  it('lists month starts across a year end and thins labels on long timelines', () => {
    expect(monthStarts({ from: '2025-11-01', to: '2026-02-01' })).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect([12, 17, 31].map(labelStep)).toEqual([1, 2, 3]);
  });

  it('knows which range a date falls in, last day included', () => {
    expect(contains({ from: '2026-01-20', to: '2026-04-09' }, '2026-04-09')).toBe(true);
    expect(contains({ from: '2026-01-20', to: '2026-04-09' }, '2026-04-10')).toBe(false);
    expect(contains({ from: '2027-01-10', to: null }, '2030-01-01')).toBe(true);
  });

  it('opens at the shock of the date shown, not at the earliest response', () => {
    type Shock = Parameters<typeof focusDate>[0]['shocks'][number];
    const shock = (shockDate: string) => ({ alert: { shockDate } }) as Shock;
    expect(focusDate({ at: '2026-03-15', shocks: [shock('2025-02-01'), shock('2026-01-10'), shock('2026-06-01')] })).toBe('2026-01-10');
    expect(focusDate({ at: '2024-12-31', shocks: [shock('2026-01-10'), shock('2025-02-01')] })).toBe('2025-02-01');
    expect(focusDate({ at: '2026-03-15', shocks: [] })).toBeNull();
  });
});
