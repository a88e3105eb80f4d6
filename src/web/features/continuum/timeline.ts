import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { addDays, addMonths, daysBetween } from '../../../shared/phases.ts';

/** The dates a timeline shows, first day included, last day excluded. */
export interface Domain {
  from: string;
  to: string;
}

const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/**
 * From the month of the earliest event to the month after the latest date worth seeing: the
 * chosen date, today, every response's end and the start of each shock's resilience phase
 * (so a recent shock shows the phases still to come).
 */
export function timelineDomain(data: Pick<LocalityContinuum, 'shocks' | 'responses' | 'milestones' | 'at'>, today: string): Domain {
  const starts = [data.at, today, ...data.shocks.map((s) => s.alert.shockDate), ...data.responses.map((r) => r.start), ...data.milestones.map((m) => m.date)];
  const ends = [data.at, today, ...data.shocks.map((s) => s.resilienceFrom), ...data.responses.map((r) => r.end ?? r.start)];
  const first = starts.reduce((a, b) => (a < b ? a : b));
  const last = ends.reduce((a, b) => (a > b ? a : b));
  return { from: firstOfMonth(first), to: addMonths(firstOfMonth(last), 2) };
}

/**
 * Where a timeline too wide for the screen opens: the shock of the date shown (the latest one on
 * or before it), else the first shock; null without shocks. Earlier responses and assessments
 * stay a scroll to the left.
 */
export function focusDate(data: Pick<LocalityContinuum, 'shocks' | 'at'>): string | null {
  const dates = data.shocks.map((s) => s.alert.shockDate).sort();
  return dates.filter((d) => d <= data.at).at(-1) ?? dates[0] ?? null;
}

/** A linear scale from dates to x positions between `x0` and `x1`. */
export function dateScale(domain: Domain, x0: number, x1: number) {
  const total = daysBetween(domain.from, domain.to);
  return (date: string) => {
    const clamped = date < domain.from ? domain.from : date > domain.to ? domain.to : date;
    return x0 + ((x1 - x0) * daysBetween(domain.from, clamped)) / total;
  };
}

/** The first day of every month inside the domain. */
export function monthStarts(domain: Domain): string[] {
  const months: string[] = [];
  for (let month = firstOfMonth(domain.from); month < domain.to; month = addMonths(month, 1)) months.push(month);
  return months;
}

/** Labels every month, or every second or third one when the timeline is long. */
export function labelStep(monthCount: number): number {
  return monthCount > 30 ? 3 : monthCount > 16 ? 2 : 1;
}

/** A date range drawn up to the end of its last day; an open range runs to the edge of the timeline. */
export function spanOf(from: string, to: string | null, domain: Domain): { from: string; to: string } {
  return { from, to: to === null ? domain.to : addDays(to, 1) };
}

/** Whether `at` falls within a range whose last day is `to` (null: no end). */
export function contains(range: { from: string; to: string | null }, at: string): boolean {
  return range.from <= at && (range.to === null || at <= range.to);
}
