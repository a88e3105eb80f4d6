import type { Language } from './contracts/common.ts';

/**
 * The continuum of one shock: Alerte → RRM (months 1–3) → Post-RRM (months 4–12) →
 * Résilience / développement (month 13 on), the boundaries being settings.
 *
 * Day 0 is the shock date: the RRM mandate covers "the first three months after the shock"
 * and the share of IDP households by time since displacement is counted from it too. An alert
 * always comes on or after its shock (the API refuses the opposite), so "before day 0" holds
 * nothing to show: before its shock date a shock has no phase (`null`).
 *
 * `alerte` is the time from the shock until the alert is validated, i.e. while the alert is
 * reported, verified and assessed and the RRM has not been triggered yet. Validation starts the
 * `rrm` phase, which still ends at the end of month 3 counted from the shock: a late validation
 * shortens the RRM phase, it does not move the calendar. An alert never validated within the
 * RRM window moves straight to `post_rrm` (the families are still displaced). A rejected alert
 * has no phase: it displaced no one.
 *
 * Month k of a shock spans [shock + (k−1) months, shock + k months): calendar months, clamped at
 * month ends (31 January + 1 month = 28 or 29 February), always counted from the shock date so
 * the clamping never accumulates. Dates are 'YYYY-MM-DD' strings and all arithmetic is UTC
 * date-only (Mali is on UTC all year), which is what PostgreSQL's `date + interval 'n months'`
 * does, so the SQL filters and these functions agree.
 */
export const phases = ['alerte', 'rrm', 'post_rrm', 'resilience'] as const;
export type Phase = (typeof phases)[number];

export const phaseLabels: Record<Phase, Record<Language, string>> = {
  alerte: { fr: 'Alerte', en: 'Alert' },
  rrm: { fr: 'RRM', en: 'RRM' },
  post_rrm: { fr: 'Post-RRM', en: 'Post-RRM' },
  resilience: { fr: 'Résilience / développement', en: 'Resilience / development' },
};

export interface PhaseSettings {
  /** Length of the RRM phase, in months from the shock (3: months 1–3). */
  rrmMonths: number;
  /** Last month of the post-RRM phase (12: months 4–12); resilience starts the month after. */
  postRrmUntilMonth: number;
  /** An RRM response is late when none has started this many days after validation. */
  rrmLateAfterDays: number;
}

/** The post-RRM coordination's defaults (seed presentation): RRM M1–M3, post-RRM M4–M12, 15 days. */
export const defaultPhaseSettings: Readonly<PhaseSettings> = Object.freeze({ rrmMonths: 3, postRrmUntilMonth: 12, rrmLateAfterDays: 15 });

const msPerDay = 86_400_000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): { year: number; month: number; day: number } {
  const match = isoDatePattern.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw new RangeError(`Not a calendar date: ${date}`);
  return { year, month, day };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(date: string): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day) / msPerDay;
}

function fromDayNumber(days: number): string {
  return new Date(days * msPerDay).toISOString().slice(0, 10);
}

export function isIsoDate(value: string): boolean {
  try {
    parts(value);
    return true;
  } catch {
    return false;
  }
}

/** Today's date in UTC (Mali's time zone), or the date of `now`. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** Calendar months later (or earlier), the day clamped to the target month's last day. */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const targetDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return `${String(targetYear).padStart(4, '0')}-${String(targetMonth).padStart(2, '0')}-${String(targetDay).padStart(2, '0')}`;
}

/** Month of the continuum `at` falls in (1 = the month starting on the shock date), or null before the shock. */
export function monthSinceShock(shockDate: string, at: string): number | null {
  if (at < shockDate) return null;
  const s = parts(shockDate);
  const a = parts(at);
  let elapsed = (a.year - s.year) * 12 + (a.month - s.month);
  if (addMonths(shockDate, elapsed) > at) elapsed -= 1;
  return elapsed + 1;
}

export interface ShockCalendar {
  shockDate: string;
  /** Last day of the RRM phase. */
  rrmEndsOn: string;
  postRrmFrom: string;
  /** Last day of the post-RRM phase. */
  postRrmEndsOn: string;
  resilienceFrom: string;
}

export function shockCalendar(shockDate: string, settings: PhaseSettings = defaultPhaseSettings): ShockCalendar {
  const postRrmFrom = addMonths(shockDate, settings.rrmMonths);
  const resilienceFrom = addMonths(shockDate, settings.postRrmUntilMonth);
  return { shockDate, rrmEndsOn: addDays(postRrmFrom, -1), postRrmFrom, postRrmEndsOn: addDays(resilienceFrom, -1), resilienceFrom };
}

/** What the engine needs to know about a shock. */
export interface ShockTiming {
  shockDate: string;
  /** UTC date the alert was validated, null while it is not. */
  validatedOn: string | null;
  rejected?: boolean;
}

export function phaseAt(shock: ShockTiming, at: string, settings: PhaseSettings = defaultPhaseSettings): Phase | null {
  if (shock.rejected || at < shock.shockDate) return null;
  const calendar = shockCalendar(shock.shockDate, settings);
  if (at >= calendar.resilienceFrom) return 'resilience';
  if (at >= calendar.postRrmFrom) return 'post_rrm';
  if (shock.validatedOn === null || shock.validatedOn > at) return 'alerte';
  return 'rrm';
}

/** Days from `at` to the last day of the RRM phase (0 on that day); null before the shock or once it is over. */
export function rrmDaysLeft(shock: ShockTiming, at: string, settings: PhaseSettings = defaultPhaseSettings): number | null {
  if (shock.rejected || at < shock.shockDate) return null;
  const left = daysBetween(at, shockCalendar(shock.shockDate, settings).rrmEndsOn);
  return left >= 0 ? left : null;
}

/**
 * The RRM is late at `at` when the alert was validated more than the threshold ago, no RRM
 * response has started by `at`, and the RRM phase is still running (after it, the gap belongs
 * to the post-RRM coordination).
 */
export function isRrmLate(
  shock: ShockTiming & { firstRrmResponseOn: string | null },
  at: string,
  settings: PhaseSettings = defaultPhaseSettings,
): boolean {
  if (phaseAt(shock, at, settings) !== 'rrm' || shock.validatedOn === null) return false;
  if (shock.firstRrmResponseOn !== null && shock.firstRrmResponseOn <= at) return false;
  return daysBetween(shock.validatedOn, at) > settings.rrmLateAfterDays;
}

export interface ShockStateAt {
  phase: Phase | null;
  month: number | null;
  calendar: ShockCalendar;
  rrmDaysLeft: number | null;
  rrmLate: boolean;
}

export function shockStateAt(
  shock: ShockTiming & { firstRrmResponseOn: string | null },
  at: string,
  settings: PhaseSettings = defaultPhaseSettings,
): ShockStateAt {
  return {
    phase: phaseAt(shock, at, settings),
    month: shock.rejected ? null : monthSinceShock(shock.shockDate, at),
    calendar: shockCalendar(shock.shockDate, settings),
    rrmDaysLeft: rrmDaysLeft(shock, at, settings),
    rrmLate: isRrmLate(shock, at, settings),
  };
}

export interface PhaseSegment {
  phase: Phase;
  from: string;
  /** Last day, or null for resilience, which has no end. */
  to: string | null;
}

/** The phases of a shock as consecutive date ranges, for shading a timeline. */
export function phaseSegments(shock: ShockTiming, settings: PhaseSettings = defaultPhaseSettings): PhaseSegment[] {
  if (shock.rejected) return [];
  const calendar = shockCalendar(shock.shockDate, settings);
  const rrmFrom = shock.validatedOn === null || shock.validatedOn > calendar.rrmEndsOn ? null : shock.validatedOn < shock.shockDate ? shock.shockDate : shock.validatedOn;
  const segments: PhaseSegment[] = [];
  if (rrmFrom !== shock.shockDate) {
    segments.push({ phase: 'alerte', from: shock.shockDate, to: rrmFrom === null ? calendar.rrmEndsOn : addDays(rrmFrom, -1) });
  }
  if (rrmFrom !== null) segments.push({ phase: 'rrm', from: rrmFrom, to: calendar.rrmEndsOn });
  segments.push({ phase: 'post_rrm', from: calendar.postRrmFrom, to: calendar.postRrmEndsOn });
  segments.push({ phase: 'resilience', from: calendar.resilienceFrom, to: null });
  return segments;
}

/** Every shock of a locality with its own state at `at`, oldest shock first: shocks never merge. */
export function continuumAt<T extends ShockTiming & { firstRrmResponseOn: string | null }>(
  shocks: readonly T[],
  at: string,
  settings: PhaseSettings = defaultPhaseSettings,
): (ShockStateAt & { shock: T })[] {
  return [...shocks]
    .sort((a, b) => (a.shockDate < b.shockDate ? -1 : a.shockDate > b.shockDate ? 1 : 0))
    .map((shock) => ({ shock, ...shockStateAt(shock, at, settings) }));
}
