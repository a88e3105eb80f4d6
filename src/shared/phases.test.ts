import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  continuumAt,
  daysBetween,
  defaultPhaseSettings,
  isIsoDate,
  isRrmLate,
  monthSinceShock,
  phaseAt,
  phaseSegments,
  rrmDaysLeft,
  shockCalendar,
  shockStateAt,
} from './phases.ts';

describe('calendar arithmetic', () => {
  it('clamps to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-08-31', 3)).toBe('2026-11-30');
    expect(addMonths('2026-05-30', 9)).toBe('2027-02-28');
  });

  it('counts from the origin so clamping does not accumulate', () => {
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
  });

  it('crosses years both ways and handles leap days', () => {
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-02-15', -3)).toBe('2025-11-15');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
    expect(daysBetween('2100-02-01', '2100-03-01')).toBe(28);
    expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9);
  });

  it('rejects what is not a calendar date', () => {
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('01/02/2026')).toBe(false);
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('shock calendar', () => {
  it('places the boundaries with the default settings', () => {
    expect(shockCalendar('2026-01-10')).toEqual({
      shockDate: '2026-01-10',
      rrmEndsOn: '2026-04-09',
      postRrmFrom: '2026-04-10',
      postRrmEndsOn: '2027-01-09',
      resilienceFrom: '2027-01-10',
    });
  });

  it('clamps a shock on 30 November: the RRM ends on the last day of February', () => {
    expect(shockCalendar('2026-11-30').rrmEndsOn).toBe('2027-02-27');
    expect(shockCalendar('2026-11-30').postRrmFrom).toBe('2027-02-28');
    expect(shockCalendar('2027-11-30').postRrmFrom).toBe('2028-02-29');
    expect(shockCalendar('2027-11-30').rrmEndsOn).toBe('2028-02-28');
  });

  it('follows the settings', () => {
    const calendar = shockCalendar('2026-01-31', { rrmMonths: 1, postRrmUntilMonth: 6, rrmLateAfterDays: 10 });
    expect(calendar.postRrmFrom).toBe('2026-02-28');
    expect(calendar.rrmEndsOn).toBe('2026-02-27');
    expect(calendar.resilienceFrom).toBe('2026-07-31');
  });

  it('numbers the months from the shock', () => {
    expect(monthSinceShock('2026-01-31', '2026-01-30')).toBeNull();
    expect(monthSinceShock('2026-01-31', '2026-01-31')).toBe(1);
    expect(monthSinceShock('2026-01-31', '2026-02-27')).toBe(1);
    expect(monthSinceShock('2026-01-31', '2026-02-28')).toBe(2);
    expect(monthSinceShock('2026-01-31', '2026-03-30')).toBe(2);
    expect(monthSinceShock('2026-01-31', '2026-03-31')).toBe(3);
    expect(monthSinceShock('2026-01-31', '2027-01-31')).toBe(13);
    expect(monthSinceShock('2024-02-29', '2025-02-28')).toBe(13);
    expect(monthSinceShock('2024-02-29', '2025-02-27')).toBe(12);
  });
});

describe('phase at a date', () => {
  const validated = { shockDate: '2026-01-10', validatedOn: '2026-01-20' };

  it('walks through every phase', () => {
    expect(phaseAt(validated, '2026-01-09')).toBeNull();
    expect(phaseAt(validated, '2026-01-10')).toBe('alerte');
    expect(phaseAt(validated, '2026-01-19')).toBe('alerte');
    expect(phaseAt(validated, '2026-01-20')).toBe('rrm');
    expect(phaseAt(validated, '2026-04-09')).toBe('rrm');
    expect(phaseAt(validated, '2026-04-10')).toBe('post_rrm');
    expect(phaseAt(validated, '2027-01-09')).toBe('post_rrm');
    expect(phaseAt(validated, '2027-01-10')).toBe('resilience');
    expect(phaseAt(validated, '2031-06-01')).toBe('resilience');
  });

  it('keeps an unvalidated alert in the alert phase, then moves it to post-RRM with the calendar', () => {
    const pending = { shockDate: '2026-01-10', validatedOn: null };
    expect(phaseAt(pending, '2026-04-09')).toBe('alerte');
    expect(phaseAt(pending, '2026-04-10')).toBe('post_rrm');
  });

  it('skips the alert phase when validated on the shock day and the RRM phase when validated after it', () => {
    expect(phaseAt({ shockDate: '2026-01-10', validatedOn: '2026-01-10' }, '2026-01-10')).toBe('rrm');
    const late = { shockDate: '2026-01-10', validatedOn: '2026-05-01' };
    expect(phaseAt(late, '2026-04-30')).toBe('post_rrm');
    expect(phaseSegments(late).map((s) => s.phase)).toEqual(['alerte', 'post_rrm', 'resilience']);
  });

  it('gives a rejected alert no phase', () => {
    expect(phaseAt({ ...validated, rejected: true }, '2026-02-01')).toBeNull();
    expect(phaseSegments({ ...validated, rejected: true })).toEqual([]);
  });

  it('moves to post-RRM on the clamped day for a month-end shock', () => {
    const shock = { shockDate: '2025-11-30', validatedOn: '2025-12-02' };
    expect(phaseAt(shock, '2026-02-27')).toBe('rrm');
    expect(phaseAt(shock, '2026-02-28')).toBe('post_rrm');
    expect(phaseAt(shock, '2026-11-29')).toBe('post_rrm');
    expect(phaseAt(shock, '2026-11-30')).toBe('resilience');
  });

  it('counts a leap day inside the RRM phase', () => {
    const shock = { shockDate: '2027-12-31', validatedOn: '2028-01-02' };
    expect(shockCalendar(shock.shockDate).postRrmFrom).toBe('2028-03-31');
    expect(rrmDaysLeft(shock, '2028-02-28')).toBe(31);
    expect(rrmDaysLeft(shock, '2028-02-29')).toBe(30);
    expect(phaseAt(shock, '2028-02-29')).toBe('rrm');
  });

  it('applies custom boundaries', () => {
    const settings = { rrmMonths: 2, postRrmUntilMonth: 9, rrmLateAfterDays: 15 };
    expect(phaseAt(validated, '2026-03-10', settings)).toBe('post_rrm');
    expect(phaseAt(validated, '2026-10-09', settings)).toBe('post_rrm');
    expect(phaseAt(validated, '2026-10-10', settings)).toBe('resilience');
  });
});

describe('RRM end and lateness', () => {
  const shock = { shockDate: '2026-01-10', validatedOn: '2026-01-20', firstRrmResponseOn: null };

  it('counts the days left until the last RRM day', () => {
    expect(rrmDaysLeft(shock, '2026-01-09')).toBeNull();
    expect(rrmDaysLeft(shock, '2026-01-10')).toBe(89);
    expect(rrmDaysLeft(shock, '2026-04-09')).toBe(0);
    expect(rrmDaysLeft(shock, '2026-04-10')).toBeNull();
  });

  it('flags a validated alert with no response after the threshold', () => {
    expect(isRrmLate(shock, '2026-02-04')).toBe(false);
    expect(isRrmLate(shock, '2026-02-05')).toBe(true);
    expect(isRrmLate({ ...shock, firstRrmResponseOn: '2026-02-10' }, '2026-02-09')).toBe(true);
    expect(isRrmLate({ ...shock, firstRrmResponseOn: '2026-02-10' }, '2026-02-10')).toBe(false);
    expect(isRrmLate(shock, '2026-04-10')).toBe(false);
    expect(isRrmLate({ ...shock, validatedOn: null }, '2026-03-01')).toBe(false);
    expect(isRrmLate(shock, '2026-01-30', { ...defaultPhaseSettings, rrmLateAfterDays: 7 })).toBe(true);
  });
});

describe('several shocks at one locality', () => {
  const shocks = [
    { id: 'c', shockDate: '2026-08-25', validatedOn: null, firstRrmResponseOn: null },
    { id: 'a', shockDate: '2025-05-31', validatedOn: '2025-06-03', firstRrmResponseOn: '2025-06-10' },
    { id: 'b', shockDate: '2026-06-30', validatedOn: '2026-07-02', firstRrmResponseOn: null },
  ];

  it('shows each shock in its own phase, oldest first', () => {
    const states = continuumAt(shocks, '2026-09-01');
    expect(states.map((s) => [s.shock.id, s.phase, s.month])).toEqual([
      ['a', 'resilience', 16],
      ['b', 'rrm', 3],
      ['c', 'alerte', 1],
    ]);
    expect(states.map((s) => s.rrmLate)).toEqual([false, true, false]);
    expect(states[1]!.calendar.rrmEndsOn).toBe('2026-09-29');
    expect(states.map((s) => s.rrmDaysLeft)).toEqual([null, 28, 84]);
  });

  it('lets the next shock reopen the RRM while an older one is in post-RRM', () => {
    const states = continuumAt(shocks, '2026-07-15');
    expect(states.map((s) => s.phase)).toEqual(['resilience', 'rrm', null]);
    const nextYear = continuumAt(shocks, '2026-05-30');
    expect(nextYear.map((s) => s.phase)).toEqual(['post_rrm', null, null]);
    expect(shockStateAt(shocks[1]!, '2026-05-31').phase).toBe('resilience');
  });

  it('returns consecutive segments that tile the calendar', () => {
    const segments = phaseSegments(shocks[2]!);
    expect(segments).toEqual([
      { phase: 'alerte', from: '2026-06-30', to: '2026-07-01' },
      { phase: 'rrm', from: '2026-07-02', to: '2026-09-29' },
      { phase: 'post_rrm', from: '2026-09-30', to: '2027-06-29' },
      { phase: 'resilience', from: '2027-06-30', to: null },
    ]);
    for (let i = 1; i < segments.length; i++) expect(addDays(segments[i - 1]!.to!, 1)).toBe(segments[i]!.from);
  });
});
