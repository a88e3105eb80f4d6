import type { GapExplanation } from '../../../shared/contracts/gaps.ts';
import { addDays } from '../../../shared/phases.ts';

export interface CoverageChartText {
  coverage: string;
  need: string;
  today: string;
  households: string;
  number: (value: number) => string;
  day: (iso: string) => string;
}

const colours = { coverage: '#1f5f99', need: '#8a1c16', today: '#47525d' };

/**
 * The gap page's chart as plain ECharts options: households covered day by day (a step line)
 * against the need (dashed), on a time axis from the first change to the end of the horizon,
 * with today marked, dated axis labels and a legend.
 */
export function coverageChartOption(explanation: Pick<GapExplanation, 'at' | 'horizonDays' | 'row' | 'steps'>, text: CoverageChartText) {
  const { at, horizonDays, row, steps } = explanation;
  const end = addDays(at, horizonDays);
  const start = steps[0] && steps[0].from < at ? steps[0].from : at;
  // The step in force on the first day, then every change until the end of the horizon.
  const points: [string, number][] = [];
  let current = 0;
  for (const step of steps) {
    if (step.from <= start) current = step.households;
  }
  points.push([start, current]);
  for (const step of steps) if (step.from > start && step.from <= end) points.push([step.from, step.households]);
  points.push([end, points.at(-1)![1]]);
  const top = Math.max(row.need ?? 0, ...points.map(([, households]) => households), 1);

  return {
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    legend: { top: 0, data: [text.coverage, ...(row.need !== null ? [text.need] : []), text.today] },
    tooltip: { trigger: 'axis' as const, valueFormatter: (value: unknown) => text.number(Number(value)) },
    xAxis: { type: 'time' as const, min: start, max: end, axisLabel: { formatter: (value: number) => text.day(new Date(value).toISOString().slice(0, 10)), hideOverlap: true } },
    yAxis: { type: 'value' as const, name: text.households, max: Math.ceil((top * 11) / 10), axisLabel: { formatter: (value: number) => text.number(value) } },
    series: [
      { name: text.coverage, type: 'line' as const, step: 'end' as const, data: points, symbol: 'none', areaStyle: { opacity: 0.2 }, itemStyle: { color: colours.coverage }, lineStyle: { width: 2 } },
      ...(row.need !== null
        ? [{ name: text.need, type: 'line' as const, data: [[start, row.need], [end, row.need]], symbol: 'none', itemStyle: { color: colours.need }, lineStyle: { type: 'dashed' as const, width: 2 } }]
        : []),
      { name: text.today, type: 'line' as const, data: [[at, 0], [at, Math.ceil((top * 11) / 10)]], symbol: 'none', itemStyle: { color: colours.today }, lineStyle: { type: 'dotted' as const, width: 1 } },
    ],
  };
}
