import type { MultiPolygon, Polygon, Position } from 'geojson';

/** Small geometry helpers shared by the on-screen map and the PDF brief's map (no dependency needed for these). */

/** Twice the signed area of a ring (shoelace), in square degrees. */
function ringArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return sum;
}

function insideRing(ring: readonly Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = [ring[i]![0]!, ring[i]![1]!];
    const [xj, yj] = [ring[j]![0]!, ring[j]![1]!];
    if (yi > y! !== yj > y! && x! < ((xj - xi) * (y! - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Where an area's name goes: the centroid of its largest polygon when it falls inside it; for a
 * crescent-shaped area, the middle of the widest horizontal chord through that centroid instead.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): Position | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let best: Position[] | null = null;
  let bestArea = 0;
  for (const polygon of polygons) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    const area = Math.abs(ringArea2(outer));
    if (area > bestArea) [best, bestArea] = [outer, area];
  }
  if (!best) return null;
  const a2 = ringArea2(best);
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const cross = best[j]![0]! * best[i]![1]! - best[i]![0]! * best[j]![1]!;
    cx += (best[j]![0]! + best[i]![0]!) * cross;
    cy += (best[j]![1]! + best[i]![1]!) * cross;
  }
  const centroid: Position = [cx / (3 * a2), cy / (3 * a2)];
  if (insideRing(best, centroid)) return centroid;
  // Crossings of the horizontal line through the centroid, paired: the widest inside stretch wins.
  const y = centroid[1]!;
  const xs: number[] = [];
  for (let i = 0, j = best.length - 1; i < best.length; j = i++) {
    const [xi, yi, xj, yj] = [best[i]![0]!, best[i]![1]!, best[j]![0]!, best[j]![1]!];
    if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
  }
  xs.sort((p, q) => p - q);
  let widest: Position = best[0]!;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) [widest, width] = [[(xs[i]! + xs[i + 1]!) / 2, y], xs[i + 1]! - xs[i]!];
  }
  return widest;
}

function perpendicular2(p: Position, a: Position, b: Position): number {
  const [dx, dy] = [b[0]! - a[0]!, b[1]! - a[1]!];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / length2));
  const [x, y] = [a[0]! + t * dx - p[0]!, a[1]! + t * dy - p[1]!];
  return x * x + y * y;
}

/** Douglas–Peucker on a closed ring, iterative (no deep recursion on long borders); a ring keeps at least 4 positions. */
export function simplifyRing(ring: readonly Position[], tolerance: number): Position[] {
  if (ring.length <= 4) return [...ring];
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  // A closed ring's ends coincide: split it at its farthest point from the start so both halves simplify.
  let far = 1;
  for (let i = 1; i < ring.length - 1; i++) if (perpendicular2(ring[i]!, ring[0]!, ring[0]!) > perpendicular2(ring[far]!, ring[0]!, ring[0]!)) far = i;
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  const limit = tolerance * tolerance;
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let index = -1;
    let largest = limit;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicular2(ring[i]!, ring[first]!, ring[last]!);
      if (d > largest) [index, largest] = [i, d];
    }
    if (index >= 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  const kept = ring.filter((_, i) => keep[i]);
  return kept.length >= 4 ? kept : [...ring];
}

/** A polygon or multipolygon simplified to `tolerance` degrees and rounded to `decimals`: lighter to send and draw. */
export function simplifyGeometry<G extends Polygon | MultiPolygon>(geometry: G, tolerance: number, decimals = 4): G {
  const factor = 10 ** decimals;
  const round = (p: Position): Position => [Math.round(p[0]! * factor) / factor, Math.round(p[1]! * factor) / factor];
  const polygon = (rings: Position[][]) => rings.map((ring) => simplifyRing(ring, tolerance).map(round));
  return (geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: polygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(polygon) }) as G;
}
