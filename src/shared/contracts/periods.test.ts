import { describe, expect, it } from 'vitest';
import { addPeriods, parsePeriodText, periodEnd, periodRange } from './periods.ts';

describe('reporting periods', () => {
  it('reads months as spreadsheets write them', () => {
    expect(parsePeriodText('2026-03')).toBe('2026-03');
    expect(parsePeriodText('2026-03-01')).toBe('2026-03');
    expect(parsePeriodText('03/2026')).toBe('2026-03');
    expect(parsePeriodText('3/2026')).toBe('2026-03');
    expect(parsePeriodText('15/03/2026')).toBe('2026-03');
    expect(parsePeriodText('Mars 2026')).toBe('2026-03');
    expect(parsePeriodText('février 2026')).toBe('2026-02');
    expect(parsePeriodText('Déc. 2025')).toBe('2025-12');
    expect(parsePeriodText('Aug-26')).toBe('2026-08');
  });

  it('refuses what is not a month', () => {
    for (const text of ['2026', '13/2026', '2026-13', 'marsh 2026', 'T1 2026', '']) expect(parsePeriodText(text)).toBeNull();
  });

  it('counts months across years and knows month ends', () => {
    expect(addPeriods('2026-01', -1)).toBe('2025-12');
    expect(addPeriods('2025-11', 14)).toBe('2027-01');
    expect(periodEnd('2028-02')).toBe('2028-02-29');
    expect(periodRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
