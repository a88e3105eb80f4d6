import { describe, expect, it } from 'vitest';
import {
  type AssessmentNeedRecord,
  coverageOn,
  countedResponses,
  coverageSteps,
  defaultGapSettings,
  evaluateGap,
  gapFromRecords,
  latestAssessment,
  measureGap,
  needAt,
  priorityOf,
  type ReportedResponse,
  type ShockNeedRecord,
  stepsFromChanges,
} from './gaps.ts';

const settings = defaultGapSettings;
const shock = (code: string, shockDate: string, households: number, severity: number | null = null): ShockNeedRecord => ({
  alertId: `alert-${code}`,
  code,
  shockDate,
  households,
  severity,
});
const assessment = (id: string, date: string, households: number, severity: number | null = null, step = 2): AssessmentNeedRecord => ({
  assessmentId: id,
  step,
  date,
  households,
  severity,
});
let responseCount = 0;
/** An RRM response (no reporting month), each from its own organisation unless told. */
const response = (start: string, end: string | null, households: number, organisationId = `org-${++responseCount}`): ReportedResponse => ({
  id: `response-${++responseCount}`,
  organisationId,
  period: null,
  start,
  end,
  households,
});
/** A monthly 5W report. */
const report = (organisationId: string, period: string, start: string, end: string | null, households: number): ReportedResponse => ({
  ...response(start, end, households, organisationId),
  period,
});

describe('measureGap', () => {
  it('caps coverage at the need, never goes below zero, and applies the thresholds inclusively', () => {
    expect(measureGap(100, 150, settings)).toEqual({ covered: 100, gap: 0, ratio: 1, status: 'covered' });
    expect(measureGap(100, 80, settings)).toMatchObject({ gap: 20, ratio: 0.8, status: 'covered' });
    expect(measureGap(100, 79, settings)).toMatchObject({ gap: 21, status: 'partial' });
    expect(measureGap(100, 25, settings)).toMatchObject({ status: 'partial' });
    expect(measureGap(100, 24, settings)).toMatchObject({ gap: 76, status: 'uncovered' });
    expect(measureGap(100, 0, settings)).toMatchObject({ covered: 0, gap: 100, ratio: 0, status: 'uncovered' });
  });

  it('treats a need of zero as covered', () => {
    expect(measureGap(0, 0, settings)).toEqual({ covered: 0, gap: 0, ratio: 1, status: 'covered' });
  });
});

describe('needAt', () => {
  it('knows no need without an assessment or a flagged shock', () => {
    expect(needAt([], [], '2026-03-01')).toBeNull();
    expect(needAt([assessment('a', '2026-04-01', 100)], [shock('S1', '2026-04-02', 50)], '2026-03-01')).toBeNull();
  });

  it("takes the shock's households before any assessment, then the latest assessment", () => {
    const shocks = [shock('S1', '2026-01-05', 200, 4)];
    const assessments = [assessment('t', '2026-02-10', 120, 3, 1), assessment('m', '2026-03-20', 150, 2, 2)];
    expect(needAt(assessments, shocks, '2026-02-01')).toMatchObject({ households: 200, severity: 4, since: '2026-01-05', assessment: null });
    expect(needAt(assessments, shocks, '2026-03-01')).toMatchObject({ households: 120, severity: 3, since: '2026-02-10', assessment: { assessmentId: 't' } });
    expect(needAt(assessments, shocks, '2026-03-20')).toMatchObject({ households: 150, severity: 2, assessment: { assessmentId: 'm' }, shocks: [] });
  });

  it('adds the households of shocks after the latest assessment, several shocks in one locality', () => {
    const shocks = [shock('S1', '2026-01-05', 200, 3), shock('S2', '2026-04-01', 80, 4), shock('S3', '2026-04-15', 40, null)];
    const need = needAt([assessment('m', '2026-03-01', 150, 3)], shocks, '2026-04-20')!;
    expect(need.households).toBe(150 + 80 + 40);
    expect(need.severity).toBe(4);
    expect(need.since).toBe('2026-03-01');
    expect(need.shocks.map((s) => s.code)).toEqual(['S2', 'S3']);
    // Before any assessment, every flagged shock counts.
    expect(needAt([], shocks, '2026-04-20')).toMatchObject({ households: 320, since: '2026-01-05' });
  });

  it('stops counting a shock once it reaches the resilience phase (month 13)', () => {
    const shocks = [shock('S1', '2025-01-10', 200), shock('S2', '2025-06-01', 50)];
    expect(needAt([], shocks, '2026-01-09')!.households).toBe(250);
    expect(needAt([], shocks, '2026-01-10')!.households).toBe(50);
    expect(needAt([], shocks, '2026-06-01')).toBeNull();
  });

  it('takes an MSA that found no need in the sector as a known need of zero: no gap, with the shock as its source', () => {
    const noNeed = shock('S1', '2026-01-05', 0);
    const result = gapFromRecords({ assessments: [], shocks: [noNeed], responses: [response('2026-01-10', '2026-03-31', 40)] }, '2026-02-01', 30);
    expect(result.need).toMatchObject({ households: 0, since: '2026-01-05', assessment: null, shocks: [noNeed] });
    expect(result.evaluation).toMatchObject({ need: 0, gap: 0, status: 'covered', upcoming: null, priority: { score: 0 } });
    // Without any response either: still known, still no gap.
    expect(gapFromRecords({ assessments: [], shocks: [noNeed], responses: [] }, '2026-02-01', 30).evaluation).toMatchObject({ need: 0, gap: 0, status: 'covered' });
    // A later shock whose MSA does flag the sector adds its households.
    expect(needAt([], [noNeed, shock('S2', '2026-01-20', 90)], '2026-02-01')).toMatchObject({ households: 90, since: '2026-01-05' });
  });

  it('breaks ties on the same date by the later step of the sequence, then by id', () => {
    const records = [assessment('b', '2026-03-01', 10, null, 1), assessment('a', '2026-03-01', 20, null, 3), assessment('c', '2026-03-01', 30, null, 3)];
    expect(latestAssessment(records, '2026-03-01')!.assessmentId).toBe('c');
    expect(latestAssessment(records, '2026-02-28')).toBeNull();
  });
});

describe('coverage steps', () => {
  it('adds overlapping responses and drops the day after each one ends', () => {
    const steps = coverageSteps([response('2026-03-01', '2026-03-31', 60), response('2026-03-15', '2026-04-15', 50)]);
    expect(steps).toEqual([
      { from: '2026-03-01', households: 60 },
      { from: '2026-03-15', households: 110 },
      { from: '2026-04-01', households: 50 },
      { from: '2026-04-16', households: 0 },
    ]);
    expect(coverageOn(steps, '2026-02-28')).toBe(0);
    expect(coverageOn(steps, '2026-03-31')).toBe(110);
    expect(coverageOn(steps, '2026-04-15')).toBe(50);
    expect(coverageOn(steps, '2026-05-01')).toBe(0);
  });

  it('leaves no hole between a response and the next one starting the day after', () => {
    const steps = coverageSteps([response('2026-01-10', '2026-03-31', 100), response('2026-04-01', '2026-06-30', 100)]);
    expect(steps.map((s) => coverageOn(steps, s.from))).toEqual([100, 100, 0]);
  });

  it('builds the same steps from changes in any order, summing changes on one date', () => {
    const changes = [
      ['2026-04-16', -50],
      ['2026-03-15', 50],
      ['2026-04-01', -60],
      ['2026-03-01', 60],
      ['2026-04-01', 20],
    ] as const;
    expect(stepsFromChanges(changes)).toEqual([
      { from: '2026-03-01', households: 60 },
      { from: '2026-03-15', households: 110 },
      { from: '2026-04-01', households: 70 },
      { from: '2026-04-16', households: 20 },
    ]);
    expect(stepsFromChanges([])).toEqual([]);
  });
});

describe('counted responses', () => {
  it("counts an organisation's monthly reports of one activity once: each month by its own report", () => {
    const reports = [
      report('nrc', '2026-03', '2026-03-05', '2026-06-30', 100),
      report('nrc', '2026-04', '2026-03-05', '2026-06-30', 120),
      report('nrc', '2026-06', '2026-03-05', '2026-06-30', 90),
    ];
    const counted = countedResponses(reports).map(({ start, end, households }) => ({ start, end, households }));
    // The first report from the start, May carried by April's report, the latest until the end.
    expect(counted).toEqual([
      { start: '2026-03-05', end: '2026-03-31', households: 100 },
      { start: '2026-04-01', end: '2026-05-31', households: 120 },
      { start: '2026-06-01', end: '2026-06-30', households: 90 },
    ]);
    const steps = coverageSteps(counted);
    expect([coverageOn(steps, '2026-03-20'), coverageOn(steps, '2026-05-15'), coverageOn(steps, '2026-06-15'), coverageOn(steps, '2026-07-01')]).toEqual([100, 120, 90, 0]);
  });

  it("adds an organisation's activities of one month and the reports of different organisations", () => {
    const reports = [
      report('nrc', '2026-04', '2026-04-01', null, 60),
      report('nrc', '2026-04', '2026-04-10', '2026-05-31', 30),
      report('irc', '2026-03', '2026-03-01', '2026-05-31', 50),
      response('2026-02-01', '2026-04-15', 200, 'acted'),
    ];
    const steps = coverageSteps(countedResponses(reports));
    expect(coverageOn(steps, '2026-04-12')).toBe(60 + 30 + 50 + 200);
    expect(coverageOn(steps, '2026-05-20')).toBe(60 + 30 + 50);
    // An activity with no end date keeps counting.
    expect(coverageOn(steps, '2027-01-01')).toBe(60);
  });

  it("drops a month's report whose activity ended before that month", () => {
    const counted = countedResponses([report('nrc', '2026-03', '2026-01-01', '2026-02-28', 80), report('nrc', '2026-02', '2026-01-01', '2026-02-28', 80)]);
    expect(counted.map((c) => c.response.period)).toEqual(['2026-02']);
  });
});

describe('evaluateGap', () => {
  const at = '2026-03-20';

  it('reports coverage but no gap when the need is unknown', () => {
    const result = gapFromRecords({ assessments: [], shocks: [], responses: [response('2026-03-01', '2026-04-30', 70)] }, at, 30);
    expect(result.need).toBeNull();
    expect(result.evaluation).toMatchObject({ status: 'unknown', coverage: 70, need: null, gap: null, ratio: null, daysUncovered: null, upcoming: null, priority: null });
  });

  it('caps coverage above the need: covered, no gap, no priority', () => {
    const result = gapFromRecords(
      { assessments: [assessment('m', '2026-02-01', 100, 4)], shocks: [], responses: [response('2026-02-10', '2026-06-30', 90), response('2026-03-01', '2026-06-30', 60)] },
      at,
      30,
    );
    expect(result.evaluation).toMatchObject({ coverage: 150, covered: 100, gap: 0, ratio: 1, status: 'covered', openSince: null, daysUncovered: 0, upcoming: null });
    expect(result.evaluation.priority!.score).toBe(0);
  });

  it('sums overlapping responses of several organisations', () => {
    const records = { assessments: [assessment('m', '2026-02-01', 100)], shocks: [], responses: [response('2026-03-01', '2026-03-31', 60), response('2026-03-15', '2026-04-15', 50)] };
    expect(gapFromRecords(records, '2026-03-10', 0).evaluation).toMatchObject({ coverage: 60, gap: 40, status: 'partial' });
    expect(gapFromRecords(records, '2026-03-20', 0).evaluation).toMatchObject({ coverage: 110, gap: 0, status: 'covered' });
    expect(gapFromRecords(records, '2026-04-05', 0).evaluation).toMatchObject({ coverage: 50, gap: 50, status: 'partial', openSince: '2026-04-01', daysUncovered: 4 });
  });

  it('sees the gap coming when the RRM response ends mid-window and nothing follows', () => {
    const records = { assessments: [], shocks: [shock('S1', '2026-01-05', 100, 4)], responses: [response('2026-01-20', '2026-03-31', 100)] };
    const result = gapFromRecords(records, at, 30).evaluation;
    expect(result).toMatchObject({ status: 'covered', gap: 0 });
    expect(result.upcoming).toEqual({ on: '2026-04-01', daysUntil: 12, coverage: 0, gap: 100, ratio: 0, status: 'uncovered' });
    expect(result.priority!.gapHouseholds).toBe(100);
    expect(result.priority!.score).toBeGreaterThan(0);
    // Beyond the horizon it is not upcoming yet.
    expect(gapFromRecords(records, at, 11).evaluation.upcoming).toBeNull();
    // Once it has opened it is a current gap, open since the day after the RRM left.
    expect(gapFromRecords(records, '2026-04-10', 30).evaluation).toMatchObject({ status: 'uncovered', gap: 100, openSince: '2026-04-01', daysUncovered: 9, upcoming: null });
  });

  it('sees no upcoming gap when a post-RRM response takes over in time, and a short one when it starts late', () => {
    const base = { assessments: [], shocks: [shock('S1', '2026-01-05', 100)] };
    const inTime = gapFromRecords({ ...base, responses: [response('2026-01-20', '2026-03-31', 100), response('2026-04-01', '2026-09-30', 90)] }, at, 30);
    expect(inTime.evaluation.upcoming).toBeNull();
    const late = gapFromRecords({ ...base, responses: [response('2026-01-20', '2026-03-31', 100), response('2026-04-10', '2026-09-30', 90)] }, at, 30);
    expect(late.evaluation.upcoming).toMatchObject({ on: '2026-04-01', gap: 100 });
    // A take-over too small still leaves a partial gap.
    const small = gapFromRecords({ ...base, responses: [response('2026-01-20', '2026-03-31', 100), response('2026-04-01', '2026-09-30', 40)] }, at, 30);
    expect(small.evaluation.upcoming).toMatchObject({ on: '2026-04-01', gap: 60, status: 'partial' });
  });

  it('flags a gap that worsens within the horizon even when it is already open', () => {
    const records = { assessments: [assessment('m', '2026-02-01', 100)], shocks: [], responses: [response('2026-02-10', '2026-03-25', 50)] };
    const result = gapFromRecords(records, at, 30).evaluation;
    expect(result).toMatchObject({ status: 'partial', gap: 50, openSince: '2026-02-01' });
    expect(result.upcoming).toMatchObject({ on: '2026-03-26', gap: 100, status: 'uncovered' });
  });

  it('counts days uncovered from the last covered day, or from the need when never covered', () => {
    const never = gapFromRecords({ assessments: [], shocks: [shock('S1', '2026-02-01', 100)], responses: [] }, at, 30).evaluation;
    expect(never).toMatchObject({ openSince: '2026-02-01', daysUncovered: 47 });
    // Covered until 10 March, then only partly: open since 11 March even though a response still runs.
    const partly = gapFromRecords(
      { assessments: [], shocks: [shock('S1', '2026-02-01', 100)], responses: [response('2026-02-05', '2026-06-30', 40), response('2026-02-05', '2026-03-10', 60)] },
      at,
      30,
    ).evaluation;
    expect(partly).toMatchObject({ status: 'partial', openSince: '2026-03-11', daysUncovered: 9 });
    // Opened today: zero days.
    const today = gapFromRecords({ assessments: [], shocks: [shock('S1', '2026-02-01', 100)], responses: [response('2026-02-05', '2026-03-19', 100)] }, at, 30).evaluation;
    expect(today).toMatchObject({ openSince: at, daysUncovered: 0 });
  });

  it('evaluates several shocks in one locality against the coverage of all responses', () => {
    const records = {
      assessments: [assessment('m', '2026-02-15', 150, 3)],
      shocks: [shock('S1', '2026-01-05', 200, 3), shock('S2', '2026-03-01', 80, 4)],
      responses: [response('2026-01-20', '2026-04-30', 150)],
    };
    const result = gapFromRecords(records, at, 30);
    expect(result.need).toMatchObject({ households: 230, severity: 4, since: '2026-02-15' });
    expect(result.evaluation).toMatchObject({ coverage: 150, covered: 150, gap: 80, status: 'partial', openSince: '2026-03-01', daysUncovered: 19 });
  });
});

describe('priority', () => {
  it('grows with the gap, the severity and the days uncovered, and says how', () => {
    const small = priorityOf(50, 3, 10, settings);
    expect(priorityOf(500, 3, 10, settings).score).toBeGreaterThan(small.score);
    expect(priorityOf(50, 5, 10, settings).score).toBeGreaterThan(small.score);
    expect(priorityOf(50, 3, 60, settings).score).toBeGreaterThan(small.score);
    const full = priorityOf(5000, 5, 365, settings);
    expect(full).toMatchObject({ score: 100, gapPart: 1, severityPart: 1, daysPart: 1 });
    const parts = small.gapPart * 0.5 + small.severityPart * 0.3 + small.daysPart * 0.2;
    expect(small.score).toBeCloseTo(100 * parts, 1);
  });

  it('assumes the default severity when none is known, and says so', () => {
    expect(priorityOf(100, null, 0, settings)).toMatchObject({ severity: 3, severityAssumed: true, severityPart: 0.5 });
  });

  it('follows the weights', () => {
    const sizeOnly = { ...settings, weights: { gap: 1, severity: 0, days: 0 } };
    expect(priorityOf(1000, 1, 0, sizeOnly).score).toBe(100);
    expect(priorityOf(1000, 5, 300, { ...settings, weights: { gap: 0, severity: 0, days: 1 } }).score).toBe(100);
  });

  it('ranks an upcoming gap by its size with no days uncovered yet', () => {
    const result = evaluateGap({ need: { households: 300, severity: 3, since: '2026-01-01', parts: [{ on: '2026-01-01', households: 300 }] }, steps: coverageSteps([response('2026-01-02', '2026-03-25', 300)]) }, '2026-03-20', 30);
    expect(result.priority).toMatchObject({ gapHouseholds: 300, days: 0 });
  });
});
