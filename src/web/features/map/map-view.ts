import type { Position } from 'geojson';

/** MapLibre's world at zoom 0 is 512 pixels wide (its tiles' size). */
const worldSize = 512;

/** Web Mercator, in pixels of the zoom-0 world: the projection MapLibre draws in. */
function mercator([lon, lat]: Position): [number, number] {
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat!)) * Math.PI) / 180);
  return [((lon! + 180) / 360) * worldSize, (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * worldSize];
}

export interface MapView {
  zoom: number;
  /** Screen pixels of a point, in the frame of the given size. */
  project: (position: Position) => [number, number];
}

/**
 * The view MapLibre opens on for `bounds` in a frame of `width` × `height` pixels (its `fitBounds`
 * with the same padding): the still map draws exactly what the interactive one then shows.
 */
export function fitView(bounds: [number, number, number, number], width: number, height: number, padding: number): MapView {
  const [x0, y1] = mercator([bounds[0], bounds[1]]);
  const [x1, y0] = mercator([bounds[2], bounds[3]]);
  const scale = Math.max(Number.MIN_VALUE, Math.min((width - 2 * padding) / Math.max(x1 - x0, 1e-9), (height - 2 * padding) / Math.max(y1 - y0, 1e-9)));
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return {
    zoom: Math.log2(scale),
    project(position) {
      const [x, y] = mercator(position);
      return [width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale];
    },
  };
}

/** The bounds of some polygons' rings, when the map's answer gave none. */
export function boundsOf(rings: Iterable<readonly Position[]>): [number, number, number, number] | null {
  let bounds: [number, number, number, number] | null = null;
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      bounds = bounds ? [Math.min(bounds[0], lon!), Math.min(bounds[1], lat!), Math.max(bounds[2], lon!), Math.max(bounds[3], lat!)] : [lon!, lat!, lon!, lat!];
    }
  }
  return bounds;
}
