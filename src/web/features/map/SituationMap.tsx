import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { labelPoint } from '../../../shared/geo.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MapArea, MapLocality, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { gapStatusLabels } from '../../../shared/gaps.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { MapLegend } from './MapLegend.tsx';
import { placeLabels } from './map-labels.ts';
import { type AreaMetric, areaColour, baseStyle, circleColour, circleRadius, type ColourBy } from './map-style.ts';

// Vite serves the worker as its own file; without this MapLibre looks for it next to the page and fails at run time.
setWorkerUrl(workerUrl);

export type MapPoint = Pick<MapLocality, 'id' | 'name' | 'lon' | 'lat' | 'displacedHouseholds' | 'phase' | 'gapStatus' | 'gapHouseholds'>;

export interface SituationMapData {
  localities: MapPoint[];
  areas: MapArea[];
  areaLevel: number;
  boundariesAvailable: boolean;
  bbox: [number, number, number, number] | null;
  tileUrl: string | null;
  tileAttribution: string | null;
}

export interface SituationMapProps {
  data: SituationMapData;
  /** The admin area whose sub-areas the choropleth shows (null: the whole country). */
  parent: string | null;
  loadBoundaries: (level: number, parent: string | null, signal: AbortSignal) => Promise<OutlineCollection | null>;
  loadOutline: (signal: AbortSignal) => Promise<OutlineCollection>;
  /** Where a locality's card links to; none on the public page. */
  localityHref?: (id: string) => string;
  /** File name of the PNG export, without extension. */
  exportName: string;
}

const emptyCollection: FeatureCollection = { type: 'FeatureCollection', features: [] };

function pointsOf(localities: readonly MapPoint[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: localities.map((l) => ({
      type: 'Feature',
      id: l.id,
      geometry: { type: 'Point', coordinates: [l.lon, l.lat] },
      properties: { id: l.id, displacedHouseholds: l.displacedHouseholds, phase: l.phase, gapStatus: l.gapStatus },
    })),
  };
}

/** Boundaries with each area's figures joined in, for the choropleth; the outline alone carries none. */
function areasOf(collection: OutlineCollection, areas: readonly MapArea[]): FeatureCollection {
  const byCode = new Map(areas.map((a) => [a.pcode, a]));
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => {
      const area = byCode.get(f.properties.pcode);
      return {
        type: 'Feature',
        geometry: f.geometry as FeatureCollection['features'][number]['geometry'],
        properties: { pcode: f.properties.pcode, ratio: area?.ratio ?? null, householdsInGap: area?.householdsInGap ?? 0, figures: area !== undefined },
      };
    }),
  };
}

/**
 * The situation map: localities as circles sized by households displaced and coloured by phase
 * or gap status, over the admin areas coloured by coverage or gaps when boundaries were imported
 * (Mali's outline otherwise). Its own chunk: MapLibre is downloaded only where a map is shown.
 */
export default function SituationMap({ data, parent, loadBoundaries, loadOutline, localityHref, exportName }: SituationMapProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [colourBy, setColourBy] = useState<ColourBy>('gap');
  const [metric, setMetric] = useState<AreaMetric>('coverage');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [boundaries, setBoundaries] = useState<OutlineCollection | null>(null);
  const [context, setContext] = useState<OutlineCollection | null>(null);
  const largestDisplaced = useMemo(() => Math.max(1, ...data.localities.map((l) => l.displacedHouseholds)), [data.localities]);
  const largestGap = useMemo(() => Math.max(0, ...data.areas.map((a) => a.householdsInGap)), [data.areas]);
  const selected = data.localities.find((l) => l.id === selectedId) ?? null;
  const showsAreas = data.boundariesAvailable && boundaries !== null;

  useEffect(() => {
    if (!container.current) return;
    let map: MapLibreMap;
    try {
      map = new MapLibreMap({
        container: container.current,
        style: baseStyle(data.tileUrl, data.tileAttribution),
        bounds: data.bbox ?? undefined,
        fitBoundsOptions: { padding: 16 },
        // Background tiles carry their own credit; the boundaries' credits are in the legend, which follows what is drawn.
        attributionControl: data.tileUrl ? { compact: true } : false,
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
      setFailed(true);
      return;
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
      map.on('click', 'localities-circle', (event) => setSelectedId(String(event.features?.[0]?.properties?.id ?? '')));
      map.on('mouseenter', 'localities-circle', () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', 'localities-circle', () => (map.getCanvas().style.cursor = ''));
      setReady(true);
    });
    map.on('error', (event) => {
      // A background tile that fails to load leaves the data layers usable; only say so in the console.
      console.warn('map', event.error?.message);
    });
    mapRef.current = map;
    return () => {
      mapRef.current = null;
      setReady(false);
      map.remove();
    };
    // The map is built once per background, language and credits; data changes only update its sources below.
  }, [data.tileUrl, data.tileAttribution, language]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const controller = new AbortController();
    const load = data.boundariesAvailable ? loadBoundaries(data.areaLevel, parent, controller.signal) : Promise.resolve(null);
    load
      .then(async (collection) => {
        setBoundaries(collection);
        return collection ?? (await loadOutline(controller.signal));
      })
      .then((shapes) => {
        const source = mapRef.current?.getSource<GeoJSONSource>('areas');
        source?.setData(areasOf(shapes, data.boundariesAvailable ? data.areas : []));
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [ready, data.areaLevel, data.areas, data.boundariesAvailable, parent, loadBoundaries, loadOutline]);

  // The level above the coloured areas (the regions around a region's cercles, the cercles around a
  // cercle's communes): thicker lines and their names, so a zoomed-in map still says where it is.
  useEffect(() => {
    const controller = new AbortController();
    const level = data.areaLevel - 1;
    const above = level === 2 && parent ? parent.slice(0, 4) : null;
    const load = level >= 1 ? loadBoundaries(level, above, controller.signal) : Promise.resolve(null);
    load
      .then((collection) => {
        setContext(collection);
        mapRef.current?.getSource<GeoJSONSource>('context')?.setData((collection as FeatureCollection | null) ?? emptyCollection);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [ready, data.areaLevel, parent, loadBoundaries]);

  // Place names as HTML labels: no glyph server needed (the map stays served by Relais alone), the
  // browser's own fonts render accents, and labels that would overlap are hidden, biggest places first.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    const labelled = [
      ...(context?.features ?? []).map((f) => ({ kind: 'context' as const, name: f.properties.name, at: labelPoint(f.geometry as Polygon | MultiPolygon) })),
      ...(boundaries?.features ?? []).map((f) => ({ kind: 'area' as const, name: f.properties.name, at: labelPoint(f.geometry as Polygon | MultiPolygon) })),
      ...[...data.localities]
        .sort((a, b) => b.displacedHouseholds - a.displacedHouseholds)
        .map((l) => ({ kind: 'locality' as const, name: l.name, at: [l.lon, l.lat] as [number, number] })),
    ].filter((label) => label.at !== null);
    const markers = labelled.map((label) => {
      const element = document.createElement('span');
      element.className = `map-label map-label-${label.kind}`;
      element.textContent = label.name;
      // A locality's name sits beside its circle; an area's on its middle.
      return new Marker({ element, anchor: label.kind === 'locality' ? 'left' : 'center', offset: label.kind === 'locality' ? [8, 0] : [0, 0] })
        .setLngLat([label.at![0]!, label.at![1]!])
        .addTo(map);
    });
    const place = () => placeLabels(markers.map((m) => m.getElement()));
    place();
    map.on('moveend', place);
    return () => {
      map.off('moveend', place);
      for (const marker of markers) marker.remove();
    };
  }, [ready, boundaries, context, data.localities]);

  useEffect(() => {
    mapRef.current?.getSource<GeoJSONSource>('localities')?.setData(pointsOf(data.localities));
  }, [ready, data.localities]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setPaintProperty('localities-circle', 'circle-color', circleColour(colourBy));
    map.setPaintProperty('localities-circle', 'circle-radius', circleRadius(largestDisplaced, data.localities.length));
    map.setPaintProperty('areas-fill', 'fill-color', showsAreas ? areaColour(metric, largestGap) : '#f1ede4');
  }, [ready, colourBy, metric, largestDisplaced, largestGap, showsAreas, data.localities.length]);

  useEffect(() => {
    if (ready && data.bbox) mapRef.current?.fitBounds(new LngLatBounds([data.bbox[0], data.bbox[1]], [data.bbox[2], data.bbox[3]]), { padding: 16, animate: false });
  }, [ready, data.bbox]);

  function exportPng() {
    const canvas = mapRef.current?.getCanvas();
    if (!canvas) return;
    const link = document.createElement('a');
    link.href = canvas.toDataURL('image/png');
    link.download = `${exportName}.png`;
    link.click();
  }

  if (failed) return <p className="notice notice-warning">{t('map.unavailable')}</p>;

  return (
    <div className="situation-map" data-map-ready={ready ? 'true' : undefined}>
      <div className="map-switches">
        <fieldset className="map-switch">
          <legend>{t('map.colourBy')}</legend>
          <div className="toggle-group">
            {(['gap', 'phase'] as const).map((value) => (
              <button key={value} type="button" aria-pressed={colourBy === value} onClick={() => setColourBy(value)}>
                {t(`map.colour.${value}`)}
              </button>
            ))}
          </div>
        </fieldset>
        {data.boundariesAvailable && (
          <fieldset className="map-switch">
            <legend>{t('map.areasBy')}</legend>
            <div className="toggle-group">
              {(['coverage', 'gaps'] as const).map((value) => (
                <button key={value} type="button" aria-pressed={metric === value} onClick={() => setMetric(value)}>
                  {t(`map.metric.${value}`)}
                </button>
              ))}
            </div>
          </fieldset>
        )}
        <button type="button" className="button button-secondary map-export" onClick={exportPng} disabled={!ready}>
          {t('charts.exportPng')}
        </button>
      </div>
      <div className="map-frame">
        <div ref={container} className="map-canvas" role="region" aria-label={t('map.label')} />
        {selected && (
          <aside className="locality-card" aria-live="polite">
            <button type="button" className="locality-card-close link-button" onClick={() => setSelectedId(null)} aria-label={t('common.close')}>
              ×
            </button>
            <h3>{selected.name}</h3>
            <dl>
              <dt>{t('map.card.displaced')}</dt>
              <dd>{format.number(selected.displacedHouseholds)}</dd>
              <dt>{t('map.card.phase')}</dt>
              <dd>{selected.phase ? phaseLabels[selected.phase][language] : t('common.empty')}</dd>
              <dt>{t('map.card.gap')}</dt>
              <dd>
                {selected.gapStatus ? gapStatusLabels[selected.gapStatus][language] : t('common.empty')}
                {selected.gapHouseholds > 0 && ` · ${t('map.card.gapHouseholds', { count: selected.gapHouseholds, value: format.number(selected.gapHouseholds) })}`}
              </dd>
            </dl>
            {localityHref && <Link to={localityHref(selected.id)}>{t('map.card.open')}</Link>}
          </aside>
        )}
      </div>
      <MapLegend
        colourBy={colourBy}
        metric={showsAreas ? metric : null}
        largestGap={largestGap}
        outlineOnly={!data.boundariesAvailable && context === null}
        credits={[...(showsAreas || context ? [t('map.attributionBoundaries')] : []), ...(showsAreas ? [] : [t('map.attributionOutline')])]}
        lines={[
          ...(context ? [{ level: data.areaLevel - 1, thick: true }] : []),
          ...(showsAreas ? [{ level: data.areaLevel, thick: false }] : []),
        ]}
      />
    </div>
  );
}
