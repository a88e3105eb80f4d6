import { describe, expect, it } from 'vitest';
import { axisMax, labelEvery, legendRows, niceTicks } from './chart-layout.ts';

describe('chart layout', () => {
  it('ticks in round steps of 1, 2 or 5 from zero to at least the largest value', () => {
    expect(niceTicks(930)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(47)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('adds stacked bars up per category for their axis, and keeps each axis apart', () => {
    const spec = {
      categories: ['a', 'b'],
      series: [
        { name: 'covered', kind: 'bar' as const, stack: true, values: [300, 50], colour: '' },
        { name: 'gap', kind: 'bar' as const, stack: true, values: [100, 400], colour: '' },
        { name: 'open', kind: 'line' as const, axis: 1 as const, values: [7, 2], colour: '' },
      ],
    };
    expect(axisMax(spec, 0)).toBe(450);
    expect(axisMax(spec, 1)).toBe(7);
  });

  it('wraps the legend to the width and thins month labels that would overlap', () => {
    const rows = legendRows(['Ménages en gap (fin de mois)', 'Ménages déplacés (nouvelles alertes)', 'Gaps ouverts'], 400);
    expect(rows.map((r) => r.row)).toEqual([0, 1, 1]);
    expect(rows[0]!.x).toBe(0);
    const months = Array.from({ length: 24 }, () => 'janv. 26');
    expect(labelEvery(months, 1500)).toBe(1);
    expect(labelEvery(months, 400)).toBe(4);
  });
});
