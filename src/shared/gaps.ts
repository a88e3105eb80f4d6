import type { Language } from './contracts/common.ts';
import { addDays, addMonths, defaultPhaseSettings, type PhaseSettings } from './phases.ts';

/**
 * The gap arithmetic, defined once. The server's SQL only sums households and finds dates (the
 * need of each locality × sector and its coverage as a step function of time); everything that
 * turns those figures into a status, a ratio, days uncovered, an upcoming gap or a priority is
 * here, and the same functions explain a single gap from its records (see `gapFromRecords`).
 *
 * Dates are 'YYYY-MM-DD' strings, compared as strings (see phases.ts).
 */

export const gapStatuses = ['uncovered', 'partial', 'covered', 'unknown'] as const;
export type GapStatus = (typeof gapStatuses)[number];

export const gapStatusLabels: Record<GapStatus, Record<Language, string>> = {
  uncovered: { fr: 'Non couvert', en: 'Uncovered' },
  partial: { fr: 'Partiellement couvert', en: 'Partly covered' },
  covered: { fr: 'Couvert', en: 'Covered' },
  unknown: { fr: 'Besoin inconnu', en: 'Need unknown' },
};

export interface PriorityWeights {
  gap: number;
  severity: number;
  days: number;
}

export interface GapSettings {
  /** Covered when coverage reaches this share of the need. */
  coveredFromRatio: number;
  /** Partly covered from this share of the need; below it, uncovered. */
  partialFromRatio: number;
  /** How far ahead upcoming gaps are looked for, by default. */
  horizonDays: number;
  weights: PriorityWeights;
  /** A gap of this many households (or more) gets the full size part of the priority. */
  gapScaleHouseholds: number;
  /** A gap open this many days (or more) gets the full duration part of the priority. */
  daysScale: number;
  /** JIAF severity assumed when no source gives one. */
  defaultSeverity: number;
  /** Coordinators are alerted when a gap stays open this many days. */
  alertAfterDaysOpen: number;
}

export const defaultGapSettings: Readonly<GapSettings> = Object.freeze({
  coveredFromRatio: 0.8,
  partialFromRatio: 0.25,
  horizonDays: 30,
  weights: Object.freeze({ gap: 0.5, severity: 0.3, days: 0.2 }),
  gapScaleHouseholds: 1000,
  daysScale: 90,
  defaultSeverity: 3,
  alertAfterDaysOpen: 30,
});

// ---- need ------------------------------------------------------------------------------------

/** One sector's result of a completed assessment, with a households figure. */
export interface AssessmentNeedRecord {
  assessmentId: string;
  /** 1 territorial, 2 multisector, 3 impact: on the same date, the later step wins. */
  step: number;
  /** The date the figures describe: the end of data collection. */
  date: string;
  households: number;
  severity: number | null;
}

/**
 * A shock whose multisector assessment (MSA) recorded the sector: a need, or no need, which is a
 * known need of zero (no gap), not an unknown one. Rejected alerts never come here.
 */
export interface ShockNeedRecord {
  alertId: string;
  code: string;
  shockDate: string;
  /** The MSA's households in need, or else the alert's displaced households; 0 when the MSA found no need. */
  households: number;
  severity: number | null;
}

export interface NeedFigure {
  households: number;
  severity: number | null;
  /** Since when this need exists: the earliest date among the sources counted. */
  since: string;
  assessment: AssessmentNeedRecord | null;
  shocks: ShockNeedRecord[];
}

/** The latest of the assessments on or before `at`; ties go to the later step, then the greater id (as the SQL orders). */
export function latestAssessment<T extends AssessmentNeedRecord>(records: readonly T[], at: string): T | null {
  let best: T | null = null;
  for (const r of records) {
    if (r.date > at) continue;
    if (!best || r.date > best.date || (r.date === best.date && (r.step > best.step || (r.step === best.step && r.assessmentId > best.assessmentId)))) best = r;
  }
  return best;
}

/**
 * The need that counts at `at` for one locality × sector: the latest assessment's figure, plus
 * the households of shocks that came after it (the assessment could not count them); before any
 * assessment, the households of the shocks whose MSA flagged the sector. A shock stops adding to
 * the need once it reaches the resilience phase: development actors have taken over.
 * Null when nothing is known.
 */
export function needAt(
  assessments: readonly AssessmentNeedRecord[],
  shocks: readonly ShockNeedRecord[],
  at: string,
  phaseSettings: PhaseSettings = defaultPhaseSettings,
): NeedFigure | null {
  const assessment = latestAssessment(assessments, at);
  const counted = shocks
    .filter((s) => s.shockDate <= at && at < addMonths(s.shockDate, phaseSettings.postRrmUntilMonth))
    .filter((s) => !assessment || s.shockDate > assessment.date)
    .sort((a, b) => (a.shockDate < b.shockDate ? -1 : a.shockDate > b.shockDate ? 1 : a.code < b.code ? -1 : 1));
  if (!assessment && counted.length === 0) return null;
  const severities = [assessment?.severity ?? null, ...counted.map((s) => s.severity)].filter((s): s is number => s !== null);
  const dates = [...(assessment ? [assessment.date] : []), ...counted.map((s) => s.shockDate)].sort();
  return {
    households: (assessment?.households ?? 0) + counted.reduce((sum, s) => sum + s.households, 0),
    severity: severities.length ? Math.max(...severities) : null,
    since: dates[0]!,
    assessment,
    shocks: counted,
  };
}

// ---- coverage --------------------------------------------------------------------------------

/** A response as coverage sees it: households served every day from `start` to `end` inclusive (no end: still running). */
export interface CoverageRecord {
  start: string;
  end: string | null;
  households: number;
}

/**
 * A response as recorded. RRM responses stand alone (`period` null); post-RRM 5W records are
 * monthly reports, each giving an activity's dates and that month's households.
 */
export interface ReportedResponse {
  id: string;
  organisationId: string;
  /** Reporting month 'YYYY-MM' of a 5W record; null for an RRM response. */
  period: string | null;
  start: string;
  end: string | null;
  households: number;
}

/** The days a response counts for coverage: its own dates, cut where a newer report of its organisation takes over. */
export interface CountedResponse<T extends ReportedResponse = ReportedResponse> extends CoverageRecord {
  response: T;
}

/**
 * An organisation reports the same activity month after month, so adding its monthly records
 * would count the same families several times (the cluster rule, src/shared/households.ts).
 * Within one locality × sector, an organisation's report of a month counts from that month's
 * first day (its first report, from the activity's start) until the day before its next
 * reported month (its latest report, until the activity ends). A month it did not report is
 * carried by its previous report. Records of one month add up; organisations add up.
 * The SQL engine applies the same cut; records whose counted days are empty are dropped.
 */
export function countedResponses<T extends ReportedResponse>(responses: readonly T[]): CountedResponse<T>[] {
  const periodsOf = new Map<string, string[]>();
  for (const r of responses) {
    if (r.period === null) continue;
    const list = periodsOf.get(r.organisationId) ?? [];
    if (!list.includes(r.period)) list.push(r.period);
    periodsOf.set(r.organisationId, list);
  }
  for (const list of periodsOf.values()) list.sort();
  const counted: CountedResponse<T>[] = [];
  for (const r of responses) {
    let start = r.start;
    let end = r.end;
    if (r.period !== null) {
      const periods = periodsOf.get(r.organisationId)!;
      const index = periods.indexOf(r.period);
      const monthStart = `${r.period}-01`;
      if (index > 0 && monthStart > start) start = monthStart;
      const next = periods[index + 1];
      if (next !== undefined) {
        const dayBeforeNext = addDays(`${next}-01`, -1);
        if (end === null || dayBeforeNext < end) end = dayBeforeNext;
      }
    }
    if (end === null || end >= start) counted.push({ start, end, households: r.households, response: r });
  }
  return counted;
}

/** Coverage is constant from `from` until the next step's `from` (exclusive). */
export interface CoverageStep {
  from: string;
  households: number;
}

/**
 * Coverage as a step function: at each date where it changes, the households served from then
 * on. Responses in one sector add up, whoever runs them, overlapping or not (the cap at the need
 * comes later). The SQL engine builds the same steps from running sums.
 */
export function coverageSteps(records: readonly CoverageRecord[]): CoverageStep[] {
  const changes: [string, number][] = [];
  for (const r of records) {
    if (r.end !== null && r.end < r.start) continue;
    changes.push([r.start, r.households]);
    if (r.end !== null) changes.push([addDays(r.end, 1), -r.households]);
  }
  return stepsFromChanges(changes);
}

/**
 * Steps from the dated changes of coverage (households added, or removed when negative), in any
 * order: changes on one date are summed, then accumulated in date order. The SQL engine sends a
 * pair's changes this way.
 */
export function stepsFromChanges(changes: Iterable<readonly [on: string, delta: number]>): CoverageStep[] {
  const sorted = [...changes].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const steps: CoverageStep[] = [];
  let running = 0;
  for (const [on, delta] of sorted) {
    running += delta;
    const last = steps[steps.length - 1];
    if (last?.from === on) last.households = running;
    else steps.push({ from: on, households: running });
  }
  return steps;
}

/** Households covered on `date`: the last step on or before it (0 before the first). */
export function coverageOn(steps: readonly CoverageStep[], date: string): number {
  let households = 0;
  for (const step of steps) {
    if (step.from > date) break;
    households = step.households;
  }
  return households;
}

// ---- status, days uncovered, upcoming gap, priority -----------------------------------------

export interface GapMeasure {
  /** Households covered, capped at the need. */
  covered: number;
  gap: number;
  /** Covered share of the need, 0–1 (1 when nothing is needed). */
  ratio: number;
  status: Exclude<GapStatus, 'unknown'>;
}

/** Need − coverage, never below 0, and the status its ratio gives. */
export function measureGap(need: number, coverage: number, settings: Pick<GapSettings, 'coveredFromRatio' | 'partialFromRatio'>): GapMeasure {
  const covered = Math.min(Math.max(coverage, 0), need);
  const ratio = need === 0 ? 1 : covered / need;
  const status = ratio >= settings.coveredFromRatio ? 'covered' : ratio >= settings.partialFromRatio ? 'partial' : 'uncovered';
  return { covered, gap: need - covered, ratio, status };
}

export interface UpcomingGap {
  /** First day of the lower coverage. */
  on: string;
  daysUntil: number;
  coverage: number;
  gap: number;
  ratio: number;
  status: Exclude<GapStatus, 'unknown' | 'covered'>;
}

export interface PriorityBreakdown {
  /** 0–100: the weighted mean of the three parts below. */
  score: number;
  /** The gap the score is about: the current one, or the upcoming one when larger. */
  gapHouseholds: number;
  gapPart: number;
  severity: number;
  severityAssumed: boolean;
  severityPart: number;
  days: number;
  daysPart: number;
}

export interface GapEvaluation {
  at: string;
  horizonDays: number;
  need: number | null;
  severity: number | null;
  needSince: string | null;
  /** Households served on `at` by every response, before the cap at the need. */
  coverage: number;
  covered: number | null;
  gap: number | null;
  ratio: number | null;
  status: GapStatus;
  /** First day of the current gap; null when covered or the need is unknown. */
  openSince: string | null;
  daysUncovered: number | null;
  upcoming: UpcomingGap | null;
  priority: PriorityBreakdown | null;
}

/** A dated part of a need: an assessment's figure from its date, a shock's households from its shock date. */
export interface NeedPart {
  on: string;
  households: number;
}

/** What the engine knows of a locality × sector: its need (with its dated parts) and its coverage steps. */
export interface GapFigures {
  need: { households: number; severity: number | null; since: string; parts: readonly NeedPart[] } | null;
  steps: readonly CoverageStep[];
}

/** The need just before a day: the parts of today's need dated earlier (a later shock had not happened yet). */
function needBefore(parts: readonly NeedPart[], day: string): number {
  let households = 0;
  for (const part of parts) if (part.on < day) households += part.households;
  return households;
}

/** Households covered the day before `day`. */
function coverageBefore(steps: readonly CoverageStep[], day: string): number {
  let households = 0;
  for (const step of steps) {
    if (step.from >= day) break;
    households = step.households;
  }
  return households;
}

/**
 * The first day of the current gap: the day after the last day from `since` on the pair was
 * covered, or `since` if it never was. Coverage only drops on a step's date and the need only
 * grows on a part's date, so a covered stretch ends the day before one of those dates (or the
 * day before `at`): checking those days is enough, and needs no date arithmetic.
 */
function gapOpenedOn(steps: readonly CoverageStep[], parts: readonly NeedPart[], since: string, at: string, settings: GapSettings): string {
  let opened = since > at ? at : since;
  const check = (day: string) => {
    if (day > opened && day > since && day <= at && measureGap(needBefore(parts, day), coverageBefore(steps, day), settings).status === 'covered') opened = day;
  };
  check(at);
  for (const step of steps) check(step.from);
  for (const part of parts) check(part.on);
  return opened;
}

/** Day count of an ISO date already validated: the hot path skips `phases.ts`'s checks. */
function dayIndex(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
}

/** The first day within the horizon the gap grows to an uncovered or partial status, if any. */
function upcomingGap(steps: readonly CoverageStep[], need: number, at: string, horizonDays: number, current: GapMeasure, settings: GapSettings): UpcomingGap | null {
  const today = dayIndex(at);
  for (const step of steps) {
    if (step.from <= at) continue;
    const daysUntil = dayIndex(step.from) - today;
    if (daysUntil > horizonDays) break;
    const later = measureGap(need, step.households, settings);
    if (later.status !== 'covered' && later.gap > current.gap) {
      return { on: step.from, daysUntil, coverage: step.households, gap: later.gap, ratio: later.ratio, status: later.status };
    }
  }
  return null;
}

export function priorityOf(gapHouseholds: number, severity: number | null, days: number, settings: GapSettings): PriorityBreakdown {
  const severityUsed = severity ?? settings.defaultSeverity;
  const gapPart = gapHouseholds <= 0 ? 0 : Math.min(1, Math.log1p(gapHouseholds) / Math.log1p(settings.gapScaleHouseholds));
  const severityPart = (Math.min(Math.max(severityUsed, 1), 5) - 1) / 4;
  const daysPart = Math.min(1, Math.max(days, 0) / settings.daysScale);
  const { weights } = settings;
  const total = weights.gap + weights.severity + weights.days;
  // Severity alone never ranks a pair with nothing missing.
  const score = gapHouseholds <= 0 || total <= 0 ? 0 : (100 * (weights.gap * gapPart + weights.severity * severityPart + weights.days * daysPart)) / total;
  return {
    score: Math.round(score * 10) / 10,
    gapHouseholds,
    gapPart,
    severity: severityUsed,
    severityAssumed: severity === null,
    severityPart,
    days: Math.max(days, 0),
    daysPart,
  };
}

/** Everything about one locality × sector at `at`, from its figures. */
export function evaluateGap(figures: GapFigures, at: string, horizonDays: number, settings: GapSettings = defaultGapSettings): GapEvaluation {
  const coverage = coverageOn(figures.steps, at);
  // Object literals, not spreads: V8 (Node 20) builds spread objects tens of times slower, and
  // this runs once per locality × sector.
  if (!figures.need) {
    return { at, horizonDays, coverage, need: null, severity: null, needSince: null, covered: null, gap: null, ratio: null, status: 'unknown', openSince: null, daysUncovered: null, upcoming: null, priority: null };
  }
  const { households: need, severity, since, parts } = figures.need;
  const now = measureGap(need, coverage, settings);
  const openSince = now.status === 'covered' ? null : gapOpenedOn(figures.steps, parts, since, at, settings);
  const daysUncovered = openSince ? dayIndex(at) - dayIndex(openSince) : 0;
  const upcoming = upcomingGap(figures.steps, need, at, horizonDays, now, settings);
  return {
    at,
    horizonDays,
    coverage,
    need,
    severity,
    needSince: since,
    covered: now.covered,
    gap: now.gap,
    ratio: now.ratio,
    status: now.status,
    openSince,
    daysUncovered,
    upcoming,
    priority: priorityOf(Math.max(now.gap, upcoming?.gap ?? 0), severity, daysUncovered, settings),
  };
}

export function needParts(need: NeedFigure): NeedPart[] {
  return [...(need.assessment ? [{ on: need.assessment.date, households: need.assessment.households }] : []), ...need.shocks.map((s) => ({ on: s.shockDate, households: s.households }))];
}

/** One gap computed from its records: what explanations use, and what the SQL engine must agree with. */
export function gapFromRecords(
  records: { assessments: readonly AssessmentNeedRecord[]; shocks: readonly ShockNeedRecord[]; responses: readonly ReportedResponse[] },
  at: string,
  horizonDays: number,
  settings: GapSettings = defaultGapSettings,
  phaseSettings: PhaseSettings = defaultPhaseSettings,
): { need: NeedFigure | null; evaluation: GapEvaluation } {
  const need = needAt(records.assessments, records.shocks, at, phaseSettings);
  const evaluation = evaluateGap({ need: need && { ...need, parts: needParts(need) }, steps: coverageSteps(countedResponses(records.responses)) }, at, horizonDays, settings);
  return { need, evaluation };
}

/** Statuses from worst to best, for sorting and colour scales. */
export const gapStatusRank: Record<GapStatus, number> = { uncovered: 0, partial: 1, covered: 2, unknown: 3 };
