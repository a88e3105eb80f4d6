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

/**
 * Circle area proportional to the households displaced, so a locality twice as hit looks twice as
 * big; the largest circle grows with the zoom, and stays small nationally when many localities
 * are shown, so neighbouring circles stay apart instead of merging into one blob.
 */
export function circleRadius(largest: number, count = 1): DataDrivenPropertyValueSpecification<number> {
  const top = Math.sqrt(Math.max(largest, 1));
  const national = count > 40 ? 7 : count > 15 ? 9 : 12;
  const bySize = (smallest: number, biggest: number) => ['interpolate', ['linear'], ['sqrt', ['get', 'displacedHouseholds']], 0, smallest, top, biggest];
  return ['interpolate', ['linear'], ['zoom'], 4, bySize(2.5, national), 7, bySize(4, 16), 10, bySize(5, 22)] as unknown as DataDrivenPropertyValueSpecification<number>;
}

export function areaColour(metric: AreaMetric, largestGap: number): ExpressionSpecification {
  if (metric === 'coverage') {
    return ['case', ['==', ['get', 'ratio'], null], noDataColour, ['interpolate', ['linear'], ['get', 'ratio'], ...coverageRamp.flat()]] as unknown as ExpressionSpecification;
  }
  const top = Math.max(largestGap, 4);
  const stops = gapRamp.flatMap((colour, i) => [(top * i) / (gapRamp.length - 1), colour]);
  return ['case', ['<=', ['get', 'householdsInGap'], 0], noDataColour, ['interpolate', ['linear'], ['get', 'householdsInGap'], ...stops]] as unknown as ExpressionSpecification;
}

/** A background colour only, or raster tiles when the deployment configured a tile address. */
export function baseStyle(tileUrl: string | null, attribution: string | null): StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { background: { type: 'raster', tiles: [tileUrl], tileSize: 256, attribution: attribution ?? undefined } } : {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#dfe7ee' } }, ...(tileUrl ? [{ id: 'tiles', type: 'raster' as const, source: 'background' }] : [])],
  };
}
