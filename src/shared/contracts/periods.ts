import { z } from 'zod';
import { timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

/**
 * Monthly reporting periods, written 'YYYY-MM' everywhere (API, files, URLs). The coordination
 * locks a month once its reports are validated: a locked month refuses changes to its 5W records
 * and capacities, except by an administrator.
 */
export const periodPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const period = z.string().trim().regex(periodPattern, { error: 'period_invalid' });
export type Period = string;

/** '2026-03' → '2026-03-01', the date the database stores. */
export function periodStart(value: Period): string {
  return `${value}-01`;
}

/** '2026-02' → '2026-02-28'. */
export function periodEnd(value: Period): string {
  const [year, month] = value.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, '0')}`;
}

/** The period a date ('YYYY-MM-DD') falls in. */
export function periodOf(date: string): Period {
  return date.slice(0, 7);
}

export function addPeriods(value: Period, months: number): Period {
  const [year, month] = value.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Periods from `from` to `to`, both included, oldest first. */
export function periodRange(from: Period, to: Period): Period[] {
  const periods: Period[] = [];
  for (let p = from; p <= to; p = addPeriods(p, 1)) periods.push(p);
  return periods;
}

export const reportingPeriod = z.object({
  period,
  locked: z.boolean(),
  lockedAt: timestamp.nullable(),
  lockedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** 5W records and capacities reported for the month. */
  responses: z.number().int(),
  capacities: z.number().int(),
  /** 0 while the month has never been locked or unlocked. */
  version: z.number().int(),
});
export type ReportingPeriod = z.infer<typeof reportingPeriod>;

export const periodListQuery = z.object({
  /** Oldest and newest months listed; default the last twelve months and the next one. */
  from: period.optional(),
  to: period.optional(),
});
export const periodList = z.object({ items: z.array(reportingPeriod) });

export const periodParams = z.object({ period });
export const periodLockInput = z.object({ locked: z.boolean(), version: z.number().int().min(0) });
export type PeriodLockInput = z.infer<typeof periodLockInput>;

const monthNames: Record<string, number> = {
  janvier: 1, janv: 1, jan: 1, january: 1,
  fevrier: 2, fevr: 2, fev: 2, feb: 2, february: 2,
  mars: 3, mar: 3, march: 3,
  avril: 4, avr: 4, apr: 4, april: 4,
  mai: 5, may: 5,
  juin: 6, jun: 6, june: 6,
  juillet: 7, juil: 7, jul: 7, july: 7,
  aout: 8, aou: 8, aug: 8, august: 8,
  septembre: 9, sept: 9, sep: 9, september: 9,
  octobre: 10, oct: 10, october: 10,
  novembre: 11, nov: 11, november: 11,
  decembre: 12, dec: 12, december: 12,
};

function monthText(year: number, month: number): Period | null {
  return year >= 2000 && year <= 2100 && month >= 1 && month <= 12 ? `${year}-${String(month).padStart(2, '0')}` : null;
}

/**
 * A month as people write it in a spreadsheet: 2026-03, 2026-03-15 (a date cell), 03/2026,
 * 15/03/2026 (day first), "mars 2026", "Mar-26". Null when it is not a month.
 */
export function parsePeriodText(text: string): Period | null {
  const value = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
  let match = /^(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2}(?:[t ].*)?)?$/.exec(value);
  if (match) return monthText(Number(match[1]), Number(match[2]));
  match = /^(?:\d{1,2}[-/.])?(\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) return monthText(Number(match[2]), Number(match[1]));
  match = /^([a-z]+)\.?[\s-]+(\d{2}|\d{4})$/.exec(value);
  if (match && monthNames[match[1]!] !== undefined) {
    const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
    return monthText(year, monthNames[match[1]!]!);
  }
  return null;
}

export const periodsApi = {
  list: endpoint({ operationId: 'listPeriods', method: 'GET', path: '/api/v1/periods', access: 'dashboard:read', query: periodListQuery, response: periodList }),
  setLock: endpoint({
    operationId: 'setPeriodLock',
    method: 'PATCH',
    path: '/api/v1/periods/:period',
    access: 'period:lock',
    params: periodParams,
    body: periodLockInput,
    response: reportingPeriod,
  }),
};
