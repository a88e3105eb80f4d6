import { describe, expect, it } from 'vitest';
import { coverageChartOption } from './coverage-chart.ts';

const text = {
  coverage: 'Ménages couverts',
  need: 'Besoin',
  today: 'Aujourd’hui',
  households: 'Ménages',
  number: (v: number) => new Intl.NumberFormat('fr-FR').format(v),
  day: (iso: string) => iso.split('-').reverse().join('/'),
};
const row = { need: 200 } as Parameters<typeof coverageChartOption>[0]['row'];

describe('gap coverage chart', () => {
  it('draws coverage as steps against the need on a dated time axis, with a legend and today marked', () => {
    const steps = [
      { from: '2026-01-10', households: 0 },
      { from: '2026-01-20', households: 200 },
      { from: '2026-04-10', households: 0 },
    ];
    const option = coverageChartOption({ at: '2026-03-25', horizonDays: 30, row, steps }, text);
    expect(option.xAxis).toMatchObject({ type: 'time', min: '2026-01-10', max: '2026-04-24' });
    expect(option.xAxis.axisLabel.formatter(Date.UTC(2026, 2, 25))).toBe('25/03/2026');
    expect(option.yAxis).toMatchObject({ type: 'value', name: 'Ménages', max: 220 });
    expect(option.yAxis.axisLabel.formatter(1500)).toBe('1\u202f500');
    expect(option.legend.data).toEqual(['Ménages couverts', 'Besoin', 'Aujourd’hui']);
    const [coverage, need, today] = option.series;
    expect(coverage).toMatchObject({ step: 'end', data: [['2026-01-10', 0], ['2026-01-20', 200], ['2026-04-10', 0], ['2026-04-24', 0]] });
    expect(need!.data).toEqual([['2026-01-10', 200], ['2026-04-24', 200]]);
    expect(today!.data).toEqual([['2026-03-25', 0], ['2026-03-25', 220]]);
  });

  it('leaves the need out when it is unknown, and starts at the first change within the window', () => {
    const option = coverageChartOption({ at: '2026-03-25', horizonDays: 10, row: { ...row, need: null }, steps: [{ from: '2026-04-01', households: 40 }] }, text);
    expect(option.legend.data).toEqual(['Ménages couverts', 'Aujourd’hui']);
    expect(option.series[0]!.data).toEqual([['2026-03-25', 0], ['2026-04-01', 40], ['2026-04-04', 40]]);
  });
});
