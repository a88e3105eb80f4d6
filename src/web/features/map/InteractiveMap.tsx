import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import type { MapPoint } from '../../../shared/map-columns.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { placeLabels } from './map-labels.ts';
import { type AreaMetric, areaColour, baseStyle, circleColour, circleRadius, type ColourBy } from './map-style.ts';
import { mapWorker } from './map-worker.ts';
import type { MapLabel } from './SituationMap.tsx';

export interface InteractiveMapProps {
  bbox: [number, number, number, number] | null;
  tileUrl: string | null;
  tileAttribution: string | null;
  /** The areas with their figures joined in (or the outline alone); null until loaded. */
  areas: FeatureCollection | null;
  context: OutlineCollection | null;
  points: readonly MapPoint[];
  labels: readonly MapLabel[];
  colourBy: ColourBy;
  metric: AreaMetric;
  showsAreas: boolean;
  largestDisplaced: number;
  largestGap: number;
  /** Zoom steps asked for on the still map before this one came: applied once it is drawn. */
  initialZoomBy: number;
  onSelect: (index: number | null) => void;
  /** Zoomed in past the first view: the regions of the points in sight (when the map's answer carries no names). */
  onRegionsInSight: ((regions: Set<string | null>) => void) | null;
  /** The map is drawn, with its canvas (for the PNG export); null when it is removed. */
  onReady: (canvas: HTMLCanvasElement | null) => void;
  onFailed: () => void;
}

const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };

function featuresOf(points: readonly MapPoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => ({
      type: 'Feature',
      id: p.index,
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { index: p.index, displacedHouseholds: p.displacedHouseholds, phase: p.phase, gapStatus: p.gapStatus },
    })),
  };
}

/** Zoomed in this far past the first view, the map fetches the names of the regions in sight. */
const namesZoomStep = 1;

/**
 * The interactive situation map, drawn by MapLibre (WebGL): its own chunk, downloaded only when
 * someone reaches for the map (the still map in SituationMap.tsx is shown until then).
 */
export default function InteractiveMap(props: InteractiveMapProps) {
  const { bbox, tileUrl, tileAttribution, areas, context, points, labels, colourBy, metric, showsAreas, largestDisplaced, largestGap } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  // Callbacks bound once with the map read the latest ones.
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let map: MapLibreMap | undefined;
    let cancelled = false;
    function build(element: HTMLElement): MapLibreMap | undefined {
      let map: MapLibreMap;
      try {
        map = new MapLibreMap({
          container: element,
          style: baseStyle(tileUrl, tileAttribution),
          bounds: bbox ?? undefined,
          fitBoundsOptions: { padding: 16 },
          // Background tiles carry their own credit; the boundaries' credits are in the legend, which follows what is drawn.
          attributionControl: tileUrl ? { compact: true } : false,
          // MapLibre's own button titles, in the interface language.
          locale: {
            'NavigationControl.ZoomIn': t('map.zoomIn'),
            'NavigationControl.ZoomOut': t('map.zoomOut'),
            'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
            'ScaleControl.Kilometers': 'km',
            'ScaleControl.Meters': 'm',
            'Map.Title': t('map.label'),
          },
          // Keeps the last frame readable for the PNG export.
          canvasContextAttributes: { preserveDrawingBuffer: true },
          dragRotate: false,
          pitchWithRotate: false,
          cooperativeGestures: false,
        });
      } catch {
        latest.current.onFailed();
        return undefined;
      }
      map.touchZoomRotate.disableRotation();
      map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new ScaleControl({ maxWidth: 100, unit: 'metric' }), 'bottom-left');
      map.on('load', () => {
        map.addSource('areas', { type: 'geojson', data: emptyCollection });
        map.addSource('localities', { type: 'geojson', data: emptyCollection });
        map.addLayer({ id: 'areas-fill', type: 'fill', source: 'areas', paint: { 'fill-color': '#f1ede4', 'fill-opacity': 0.85 } });
        map.addLayer({ id: 'areas-line', type: 'line', source: 'areas', paint: { 'line-color': '#6b7280', 'line-width': 0.8 } });
        // The level above, drawn over the areas for context: regions around a region's cercles.
        map.addSource('context', { type: 'geojson', data: emptyCollection });
        map.addLayer({ id: 'context-line', type: 'line', source: 'context', paint: { 'line-color': '#374151', 'line-width': 1.6 } });
        map.addLayer({
          id: 'localities-circle',
          type: 'circle',
          source: 'localities',
          paint: { 'circle-radius': 6, 'circle-color': '#8e9aa6', 'circle-opacity': 0.85, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.2 },
        });
        map.on('click', 'localities-circle', (event) => {
          const index: unknown = event.features?.[0]?.properties?.index;
          latest.current.onSelect(typeof index === 'number' ? index : null);
        });
        map.on('mouseenter', 'localities-circle', () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', 'localities-circle', () => (map.getCanvas().style.cursor = ''));
        setReady(true);
      });
      map.on('error', (event) => {
        // A background tile that fails to load leaves the data layers usable; only say so in the console.
        console.warn('map', event.error?.message);
      });
      return map;
    }
    // The worker's script first (already on its way since the map was reached for): MapLibre starts it with the map.
    void mapWorker().then((url) => {
      if (cancelled) return;
      setWorkerUrl(url);
      map = build(element);
      mapRef.current = map ?? null;
    });
    return () => {
      cancelled = true;
      mapRef.current = null;
      setReady(false);
      map?.remove();
    };
    // The map is built once per background, language and credits; data changes only update its sources below.
  }, [tileUrl, tileAttribution, language]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    if (areas) void mapRef.current?.getSource<GeoJSONSource>('areas')?.setData(areas);
  }, [ready, areas]);

  useEffect(() => {
    void mapRef.current?.getSource<GeoJSONSource>('context')?.setData((context as FeatureCollection | null) ?? emptyCollection);
  }, [ready, context]);

  useEffect(() => {
    void mapRef.current?.getSource<GeoJSONSource>('localities')?.setData(featuresOf(points));
  }, [ready, points]);

  // Place names as HTML labels: no glyph server needed (the map stays served by Relais alone), the
  // browser's own fonts render accents, and labels that would overlap are hidden, biggest places first.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const markers = labels.map((label) => {
      const element = document.createElement('span');
      element.className = `map-label map-label-${label.kind}`;
      element.textContent = label.name;
      // A locality's name sits beside its circle; an area's on its middle.
      return new Marker({ element, anchor: label.kind === 'locality' ? 'left' : 'center', offset: label.kind === 'locality' ? [8, 0] : [0, 0] })
        .setLngLat(label.at)
        .addTo(map);
    });
    const place = () => placeLabels(markers.map((m) => m.getElement()));
    place();
    map.on('moveend', place);
    return () => {
      map.off('moveend', place);
      for (const marker of markers) marker.remove();
    };
  }, [ready, labels]);

  // Zoomed in past the first view, the names of the regions in sight.
  const asksNames = props.onRegionsInSight !== null;
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || !asksNames) return;
    const firstZoom = map.getZoom();
    const inSight = () => {
      if (map.getZoom() < firstZoom + namesZoomStep) return;
      const bounds = map.getBounds();
      latest.current.onRegionsInSight?.(new Set(points.filter((p) => bounds.contains([p.lon, p.lat])).map((p) => p.region)));
    };
    map.on('moveend', inSight);
    return () => {
      map.off('moveend', inSight);
    };
  }, [ready, points, asksNames]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setPaintProperty('localities-circle', 'circle-color', circleColour(colourBy));
    map.setPaintProperty('localities-circle', 'circle-radius', circleRadius(largestDisplaced, points.length));
    map.setPaintProperty('areas-fill', 'fill-color', showsAreas ? areaColour(metric, largestGap) : '#f1ede4');
  }, [ready, colourBy, metric, largestDisplaced, largestGap, showsAreas, points.length]);

  useEffect(() => {
    if (ready && bbox) mapRef.current?.fitBounds(new LngLatBounds([bbox[0], bbox[1]], [bbox[2], bbox[3]]), { padding: 16, animate: false });
  }, [ready, bbox]);

  // Drawn: the still map gives way, and the zoom asked on it is applied here.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    if (latest.current.initialZoomBy !== 0) map.zoomTo(map.getZoom() + latest.current.initialZoomBy);
    // The frame after the sources' data is drawn, so the swap shows no empty map.
    map.once('idle', () => latest.current.onReady(map.getCanvas()));
    return () => latest.current.onReady(null);
  }, [ready]);

  return <div ref={container} className="map-canvas" role="region" aria-label={t('map.label')} />;
}
