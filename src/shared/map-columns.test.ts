import { describe, expect, it } from 'vitest';
import type { MapLocality } from './contracts/dashboard.ts';
import { placeColumns, pointColumns, pointsOf } from './map-columns.ts';

const locality = (over: Partial<MapLocality>): MapLocality => ({
  id: '00000000-0000-4000-8000-000000000001',
  name: 'Mopti',
  lon: -4.1967,
  lat: 14.4843,
  adm1Pcode: 'ML05',
  displacedHouseholds: 300,
  phase: 'rrm',
  gapStatus: 'partial',
  gapHouseholds: 200,
  openGaps: 1,
  upcomingGaps: 0,
  ...over,
});

describe('map columns', () => {
  it('reads back what it wrote: coordinates to 1/10,000 degree, regions, phases and statuses by position, none as none', () => {
    const localities = [
      locality({}),
      locality({
        id: '00000000-0000-4000-8000-000000000002',
        name: 'Gao',
        lon: -0.04441,
        lat: 16.27166,
        adm1Pcode: 'ML07',
        phase: 'post_rrm',
        gapStatus: 'covered',
        gapHouseholds: 0,
      }),
      locality({ id: '00000000-0000-4000-8000-000000000003', name: 'Nulle part', adm1Pcode: null, phase: null, gapStatus: null, displacedHouseholds: 0 }),
    ];
    const { regions, points } = pointColumns(localities);
    expect(regions).toEqual(['ML05', 'ML07']);
    expect(points.region).toEqual([0, 1, -1]);
    expect(points.phase).toEqual([1, 2, -1]);
    expect(points.gapStatus).toEqual([1, 2, -1]);
    expect(pointsOf(regions, points)).toEqual([
      { index: 0, lon: -4.1967, lat: 14.4843, region: 'ML05', displacedHouseholds: 300, phase: 'rrm', gapStatus: 'partial', gapHouseholds: 200 },
      { index: 1, lon: -0.0444, lat: 16.2717, region: 'ML07', displacedHouseholds: 300, phase: 'post_rrm', gapStatus: 'covered', gapHouseholds: 0 },
      { index: 2, lon: -4.1967, lat: 14.4843, region: null, displacedHouseholds: 0, phase: null, gapStatus: null, gapHouseholds: 200 },
    ]);
    expect(placeColumns(localities)).toEqual({
      id: localities.map((l) => l.id),
      name: ['Mopti', 'Gao', 'Nulle part'],
      openGaps: [1, 1, 1],
      upcomingGaps: [0, 0, 0],
    });
  });
});
