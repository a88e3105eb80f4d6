import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
import type { GapStatus } from '../../../shared/gaps.ts';
import type { Phase } from '../../../shared/phases.ts';

export type ColourBy = 'phase' | 'gap';
export type AreaMetric = 'coverage' | 'gaps';

/** Colour-blind-safe enough: hue and lightness both change, and the legend names each colour. */
export const phaseColours: Record<Phase | 'none', string> = {
  alerte: '#7b3294',
  rrm: '#d6604d',
  post_rrm: '#f4a582',
  resilience: '#4393c3',
  none: '#8e9aa6',
};

export const gapColours: Record<GapStatus | 'none', string> = {
  uncovered: '#b2182b',
  partial: '#ef8a62',
  covered: '#1b7837',
  unknown: '#8e9aa6',
  none: '#c9d1d9',
};

/** Coverage from none (red) to full (green); gaps from none (pale) to the largest (dark red). */
export const coverageRamp = [
  [0, '#d73027'],
  [0.25, '#fc8d59'],
  [0.5, '#fee08b'],
  [0.8, '#91cf60'],
  [1, '#1a9850'],
] as const;
export const gapRamp = ['#fff5f0', '#fcbba1', '#fb6a4a', '#cb181d', '#67000d'] as const;
export const noDataColour = '#e6e9ed';

export function circleColour(colourBy: ColourBy): ExpressionSpecification {
  const colours: Record<string, string> = colourBy === 'phase' ? phaseColours : gapColours;
  const property = colourBy === 'phase' ? 'phase' : 'gapStatus';
  const cases = Object.entries(colours).flatMap(([key, colour]) => (key === 'none' ? [] : [key, colour]));
  return ['match', ['coalesce', ['get', property], 'none'], ...cases, colours.none!] as unknown as ExpressionSpecification;
}

/** The colour `circleColour` gives one locality, for the map drawn without MapLibre. */
export function circleFill(colourBy: ColourBy, point: { phase: Phase | null; gapStatus: GapStatus | null }): string {
  return colourBy === 'phase' ? phaseColours[point.phase ?? 'none'] : gapColours[point.gapStatus ?? 'none'];
}

/**
 * Circle area proportional to the households displaced, so a locality twice as hit looks twice as
 * big; the largest circle grows with the zoom, and stays small nationally when many localities
 * are shown, so neighbouring circles stay apart instead of merging into one blob.
 * Each stop: [zoom, radius of the smallest, radius of the largest] in pixels.
 */
function radiusStops(count: number): [number, number, number][] {
  const national = count > 40 ? 7 : count > 15 ? 9 : 12;
  return [
    [4, 2.5, national],
    [7, 4, 16],
    [10, 5, 22],
  ];
}

export function circleRadius(largest: number, count = 1): DataDrivenPropertyValueSpecification<number> {
  const top = Math.sqrt(Math.max(largest, 1));
  const bySize = (smallest: number, biggest: number) => ['interpolate', ['linear'], ['sqrt', ['get', 'displacedHouseholds']], 0, smallest, top, biggest];
  return ['interpolate', ['linear'], ['zoom'], ...radiusStops(count).flatMap(([zoom, smallest, biggest]) => [zoom, bySize(smallest, biggest)])] as unknown as DataDrivenPropertyValueSpecification<number>;
}

/** Linear interpolation through [input, output] stops, clamped at both ends, as MapLibre's `interpolate`. */
function interpolate(stops: readonly (readonly [number, number])[], x: number): number {
  const first = stops[0]!;
  if (x <= first[0]) return first[1];
  for (let i = 1; i < stops.length; i++) {
    const [x1, y1] = stops[i]!;
    const [x0, y0] = stops[i - 1]!;
    if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return stops[stops.length - 1]![1];
}

/** The radius `circleRadius` gives one locality at a zoom, for the map drawn without MapLibre. */
export function circleRadiusAt(zoom: number, displacedHouseholds: number, largest: number, count: number): number {
  const top = Math.sqrt(Math.max(largest, 1));
  const size = Math.sqrt(Math.max(displacedHouseholds, 0));
  return interpolate(
    radiusStops(count).map(([z, smallest, biggest]) => [
      z,
      interpolate(
        [
          [0, smallest],
          [top, biggest],
        ],
        size,
      ),
    ]),
    zoom,
  );
}

function gapStops(largestGap: number): [number, string][] {
  const top = Math.max(largestGap, 4);
  return gapRamp.map((colour, i) => [(top * i) / (gapRamp.length - 1), colour]);
}

export function areaColour(metric: AreaMetric, largestGap: number): ExpressionSpecification {
  if (metric === 'coverage') {
    return ['case', ['==', ['get', 'ratio'], null], noDataColour, ['interpolate', ['linear'], ['get', 'ratio'], ...coverageRamp.flat()]] as unknown as ExpressionSpecification;
  }
  return ['case', ['<=', ['get', 'householdsInGap'], 0], noDataColour, ['interpolate', ['linear'], ['get', 'householdsInGap'], ...gapStops(largestGap).flat()]] as unknown as ExpressionSpecification;
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** A colour between the stops' colours, channel by channel in RGB as MapLibre's `interpolate` does. */
function interpolateColour(stops: readonly (readonly [number, string])[], x: number): string {
  const channels = [0, 1, 2].map((channel) => Math.round(interpolate(stops.map(([at, colour]) => [at, rgb(colour)[channel]!] as const), x)));
  return `rgb(${channels.join(',')})`;
}

/** The colour `areaColour` gives one area, for the map drawn without MapLibre. */
export function areaFill(metric: AreaMetric, largestGap: number, area: { ratio: number | null; householdsInGap: number }): string {
  if (metric === 'coverage') return area.ratio === null ? noDataColour : interpolateColour(coverageRamp, area.ratio);
  return area.householdsInGap <= 0 ? noDataColour : interpolateColour(gapStops(largestGap), area.householdsInGap);
}

/** A background colour only, or raster tiles when the deployment configured a tile address. */
export function baseStyle(tileUrl: string | null, attribution: string | null): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { background: { type: 'raster', tiles: [tileUrl], tileSize: 256, attribution: attribution ?? undefined } } : {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } }, ...(tileUrl ? [{ id: 'tiles', type: 'raster' as const, source: 'background' }] : [])],
  };
}
