/** One series of a chart: bars (side by side, or stacked) or a line (with an area under it if asked). */
export interface ChartSeries {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  colour: string;
  /** 0: the left (or bottom) axis, 1: the right one. */
  axis?: 0 | 1;
  /** Bars of the series with `stack` set are piled in one bar. */
  stack?: boolean;
  area?: boolean;
  dashed?: boolean;
  opacity?: number;
}

export interface ChartSpec {
  categories: string[];
  series: ChartSeries[];
  /** Categories down the side and values across (the coverage by sector); months across otherwise. */
  horizontal?: boolean;
  /** The names written above the left and right value axes. */
  axisNames?: [string, string?];
}

/** Width of a text in the chart's 12 px font, near enough to lay labels out without measuring them. */
export const textWidth = (text: string) => text.length * 6.4;

/** Round ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power of ten, about `count` of them, never below 1 (the charts count). */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!,
  );
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(Math.round(value * 1e9) / 1e9);
  return ticks;
}

/** The largest value an axis must show: stacked bars added up per category. */
export function axisMax(spec: ChartSpec, axis: 0 | 1): number {
  const series = spec.series.filter((s) => (s.axis ?? 0) === axis);
  let max = 0;
  spec.categories.forEach((_, i) => {
    const stacked = series.filter((s) => s.kind === 'bar' && s.stack).reduce((sum, s) => sum + (s.values[i] ?? 0), 0);
    max = Math.max(max, stacked, ...series.filter((s) => !(s.kind === 'bar' && s.stack)).map((s) => s.values[i] ?? 0));
  });
  return max;
}

/** Legend items in rows that fit `width`, each with its x and row. */
export function legendRows(names: string[], width: number): { name: string; x: number; row: number }[] {
  const placed: { name: string; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const name of names) {
    const itemWidth = 18 + textWidth(name) + 14;
    if (x > 0 && x + itemWidth > width) {
      row += 1;
      x = 0;
    }
    placed.push({ name, x, row });
    x += itemWidth;
  }
  return placed;
}

/** Every how many category labels one is written, so that they do not overlap. */
export function labelEvery(labels: string[], room: number): number {
  const widest = Math.max(1, ...labels.map(textWidth)) + 8;
  return Math.max(1, Math.ceil((widest * labels.length) / Math.max(room, 1)));
}
