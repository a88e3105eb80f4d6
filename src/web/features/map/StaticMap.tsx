import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import type { MapPoint } from '../../../shared/map-columns.ts';
import { placeLabels } from './map-labels.ts';
import { type AreaMetric, areaFill, circleFill, circleRadiusAt, type ColourBy } from './map-style.ts';
import { boundsOf, fitView, type MapView } from './map-view.ts';
import type { MapLabel } from './SituationMap.tsx';

export interface StaticMapProps {
  bbox: [number, number, number, number] | null;
  areas: FeatureCollection | null;
  context: OutlineCollection | null;
  points: readonly MapPoint[];
  labels: readonly MapLabel[];
  colourBy: ColourBy;
  metric: AreaMetric;
  showsAreas: boolean;
  largestDisplaced: number;
  largestGap: number;
  /** The text alternative of the drawing. */
  description: string;
  onSelect: (index: number) => void;
  /** The drawing is on screen (the areas are in). */
  onDrawn: () => void;
  /** The drawing, for the PNG export. */
  svgRef: RefObject<SVGSVGElement | null>;
}

const ringsOf = (geometry: Polygon | MultiPolygon) => (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates);

function pathOf(geometry: unknown, view: MapView): string {
  const shape = geometry as Polygon | MultiPolygon | null;
  if (!shape || (shape.type !== 'Polygon' && shape.type !== 'MultiPolygon')) return '';
  return ringsOf(shape)
    .flat()
    .map(
      (ring) =>
        `M${ring
          .map((p) =>
            view
              .project(p)
              .map((v) => v.toFixed(1))
              .join(' '),
          )
          .join('L')}Z`,
    )
    .join('');
}

/** The scale bar MapLibre's ScaleControl draws (at most 100 px, a round distance), at the view's middle latitude. */
function scaleBar(view: MapView, latitude: number): { width: number; label: string } {
  const metresPerPixel = (40_075_016.686 * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** view.zoom);
  const most = 100 * metresPerPixel;
  const power = 10 ** Math.floor(Math.log10(most));
  const step = [5, 3, 2, 1].find((d) => d * power <= most)! * power;
  return { width: step / metresPerPixel, label: step >= 1000 ? `${step / 1000} km` : `${step} m` };
}

/**
 * The situation map drawn as SVG, without MapLibre: the same view (Web Mercator, framed as
 * MapLibre frames it), the same colours, circles and names, shown as soon as the figures and
 * boundaries are in. MapLibre (and its worker, 350 KB on a 3G link) comes only when someone
 * reaches for the map; this drawing stays until it has drawn the same view.
 */
export function StaticMap(props: StaticMapProps) {
  const { bbox, areas, context, points, labels, colourBy, metric, showsAreas, largestDisplaced, largestGap } = props;
  const frame = useRef<HTMLDivElement>(null);
  const labelLayer = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useLayoutEffect(() => {
    const element = frame.current!;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const bounds = useMemo(
    () =>
      bbox ??
      boundsOf(
        (areas?.features ?? []).flatMap((f: Feature) =>
          f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon' ? ringsOf(f.geometry).flat() : [],
        ),
      ),
    [bbox, areas],
  );
  const view = useMemo(() => (size && bounds && size.width > 0 ? fitView(bounds, size.width, size.height, 16) : null), [size, bounds]);
  const shapes = useMemo(() => (view && areas ? areas.features.map((f) => ({ feature: f, path: pathOf(f.geometry, view) })) : []), [view, areas]);
  const contextPaths = useMemo(() => (view && context ? context.features.map((f) => ({ id: f.id, path: pathOf(f.geometry, view) })) : []), [view, context]);
  const drawn = view !== null && areas !== null;

  const onDrawn = useRef(props.onDrawn);
  useEffect(() => {
    onDrawn.current = props.onDrawn;
  });
  useLayoutEffect(() => {
    if (!drawn) return;
    // Biggest places first, those that would overlap or fall outside hidden, as on the interactive map.
    placeLabels(Array.from(labelLayer.current?.children ?? []) as HTMLElement[]);
    onDrawn.current();
  }, [drawn, view, labels]);

  const scale = view && bounds ? scaleBar(view, (bounds[1] + bounds[3]) / 2) : null;
  return (
    <div ref={frame} className="map-static">
      {view && size && (
        <svg
          ref={props.svgRef}
          xmlns="http://www.w3.org/2000/svg"
          width={size.width}
          height={size.height}
          viewBox={`0 0 ${size.width} ${size.height}`}
          role="img"
          aria-label={props.description}
        >
          <rect width={size.width} height={size.height} fill="#dfe7ee" />
          {shapes.map(({ feature, path }, i) => {
            const properties = (feature.properties ?? {}) as { ratio?: number | null; householdsInGap?: number };
            const fill = showsAreas
              ? areaFill(metric, largestGap, { ratio: properties.ratio ?? null, householdsInGap: properties.householdsInGap ?? 0 })
              : '#f1ede4';
            return <path key={i} d={path} fill={fill} fillOpacity={0.85} stroke="#6b7280" strokeWidth={0.8} strokeLinejoin="round" />;
          })}
          {contextPaths.map(({ id, path }) => (
            <path key={id} d={path} fill="none" stroke="#374151" strokeWidth={1.6} strokeLinejoin="round" />
          ))}
          {points.map((p) => {
            const [x, y] = view.project([p.lon, p.lat]);
            return (
              <circle
                key={p.index}
                className="map-static-circle"
                cx={x.toFixed(1)}
                cy={y.toFixed(1)}
                r={circleRadiusAt(view.zoom, p.displacedHouseholds, largestDisplaced, points.length).toFixed(2)}
                fill={circleFill(colourBy, p)}
                fillOpacity={0.85}
                stroke="#ffffff"
                strokeWidth={1.2}
                onClick={() => props.onSelect(p.index)}
              />
            );
          })}
        </svg>
      )}
      <div ref={labelLayer} className="map-static-labels" aria-hidden="true">
        {view &&
          labels.map((label, i) => {
            const [x, y] = view.project(label.at);
            return (
              <span
                key={i}
                className={`map-label map-label-${label.kind}`}
                style={{ left: x, top: y, transform: label.kind === 'locality' ? 'translate(8px, -50%)' : 'translate(-50%, -50%)' }}
              >
                {label.name}
              </span>
            );
          })}
      </div>
      {scale && (
        <div className="map-static-scale" style={{ width: scale.width }} aria-hidden="true">
          {scale.label}
        </div>
      )}
    </div>
  );
}

/** The drawing as a PNG data URL, at the screen's pixel density (the labels, HTML over it, are left out as on the interactive map's export). */
export async function svgPng(svg: SVGSVGElement): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  await image.decode();
  const ratio = window.devicePixelRatio || 1;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(svg.width.baseVal.value * ratio);
  canvas.height = Math.round(svg.height.baseVal.value * ratio);
  const context = canvas.getContext('2d')!;
  context.scale(ratio, ratio);
  context.drawImage(image, 0, 0);
  return canvas.toDataURL('image/png');
}
