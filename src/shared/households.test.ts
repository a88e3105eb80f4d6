import { describe, expect, it } from 'vitest';
import { acrossSectors, distinctHouseholds, sectorHouseholds, withinSector } from './households.ts';

describe('within one sector', () => {
  it('adds actors up', () => {
    expect(withinSector([120, 80, null])).toBe(200);
  });

  it('never goes beyond the need', () => {
    expect(withinSector([120, 80], 150)).toBe(150);
    expect(withinSector([120, 80], 500)).toBe(200);
    expect(withinSector([120, 80], 0)).toBe(0);
  });

  it('takes a deduplicated count as it is, even above the capped sum', () => {
    expect(withinSector([120, 80], 150, 170)).toBe(170);
    expect(withinSector([120, 80], null, 90)).toBe(90);
  });
});

describe('across sectors', () => {
  it('takes the largest sector, never the sum', () => {
    expect(acrossSectors([300, 450, 120])).toBe(450);
    expect(acrossSectors([])).toBe(0);
  });
});

describe('distinct households of a set of 5W figures', () => {
  const sevare = 'sevare';
  const mopti = 'mopti';

  it('applies the sector sum, then the maximum over sectors, then adds areas', () => {
    const figures = [
      { area: sevare, sector: 'secal', households: 300 },
      { area: sevare, sector: 'secal', households: 200 },
      { area: sevare, sector: 'eha', households: 450 },
      { area: sevare, sector: 'sante', households: null },
      { area: mopti, sector: 'eha', households: 100 },
      { area: mopti, sector: 'abris_ame', households: 60 },
    ];
    // Sévaré: food 300 + 200 = 500 beats WASH 450; Mopti: WASH 100. Areas add: 600, not 1 110.
    expect(distinctHouseholds(figures)).toBe(600);
    expect(Object.fromEntries(sectorHouseholds(figures))).toEqual({ secal: 500, eha: 550, sante: 0, abris_ame: 60 });
  });

  it('caps each sector at the need of its area before comparing sectors', () => {
    const figures = [
      { area: sevare, sector: 'secal', households: 300 },
      { area: sevare, sector: 'secal', households: 200 },
      { area: sevare, sector: 'eha', households: 450 },
    ];
    const needs: Record<string, number> = { secal: 350, eha: 1000 };
    expect(distinctHouseholds(figures, { needOf: (_area, sector) => needs[sector] })).toBe(450);
  });

  it('takes the largest month of an area and sector, since monthly reports describe the same families', () => {
    const figures = [
      { area: sevare, sector: 'secal', period: '2026-01', households: 300 },
      { area: sevare, sector: 'secal', period: '2026-01', households: 100 },
      { area: sevare, sector: 'secal', period: '2026-02', households: 350 },
      { area: sevare, sector: 'eha', period: '2026-02', households: 380 },
    ];
    expect(distinctHouseholds(figures)).toBe(400);
    expect(distinctHouseholds(figures, { needOf: () => 320 })).toBe(320);
  });

  it('uses the deduplicated count of a period where lists give one', () => {
    const figures = [
      { area: sevare, sector: 'secal', period: '2026-01', households: 300 },
      { area: sevare, sector: 'secal', period: '2026-01', households: 200 },
    ];
    const deduplicatedOf = (_area: string, _sector: string, period: string | undefined) => (period === '2026-01' ? 410 : null);
    expect(distinctHouseholds(figures, { deduplicatedOf, needOf: () => 350 })).toBe(410);
  });

  it('gives nothing for nothing', () => {
    expect(distinctHouseholds([])).toBe(0);
  });
});
