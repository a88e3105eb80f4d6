import { describe, expect, it } from 'vitest';
import { areaFill, circleRadiusAt, coverageRamp, noDataColour } from './map-style.ts';
import { fitView } from './map-view.ts';

describe('the still map draws what MapLibre shows', () => {
  it('frames the bounds as fitBounds does: the longer side touches the padding, the other is centred', () => {
    const view = fitView([-12.2, 10.1, 4.3, 25], 800, 440, 16);
    const [left, bottom] = view.project([-12.2, 10.1]);
    const [right, top] = view.project([4.3, 25]);
    // The frame is wider than Mali in proportion (Web Mercator): the height is filled.
    expect(top).toBeCloseTo(16, 6);
    expect(bottom).toBeCloseTo(440 - 16, 6);
    expect((left + right) / 2).toBeCloseTo(400, 6);
    // MapLibre's zoom: 512 pixels for the world at zoom 0.
    expect(512 * 2 ** view.zoom * ((4.3 + 12.2) / 360)).toBeCloseTo(right - left, 6);
  });

  it('colours areas and sizes circles with the interactive map’s stops', () => {
    expect(areaFill('coverage', 0, { ratio: null, householdsInGap: 0 })).toBe(noDataColour);
    expect(areaFill('coverage', 0, { ratio: 1, householdsInGap: 0 })).toBe('rgb(26,152,80)');
    expect(coverageRamp.at(-1)![1]).toBe('#1a9850');
    expect(areaFill('gaps', 100, { ratio: 0.5, householdsInGap: 0 })).toBe(noDataColour);
    expect(areaFill('gaps', 100, { ratio: 0.5, householdsInGap: 100 })).toBe('rgb(103,0,13)');
    // Between zoom stops 4 and 7 the largest circle grows from its national size (7 px with many points) to 16 px.
    expect(circleRadiusAt(4, 400, 400, 100)).toBeCloseTo(7, 6);
    expect(circleRadiusAt(5.5, 400, 400, 100)).toBeCloseTo(11.5, 6);
    expect(circleRadiusAt(3, 0, 400, 100)).toBeCloseTo(2.5, 6);
  });
});
