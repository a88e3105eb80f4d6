import 'maplibre-gl/dist/maplibre-gl.css';
import type { FeatureCollection, Point } from 'geojson';
import { labelPoint } from '../../../shared/geo.ts';
import type { MultiPolygon, Polygon } from 'geojson';
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, Marker, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MapArea, MapPoints, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { gapStatusLabels } from '../../../shared/gaps.ts';
import { type MapPoint, pointsOf } from '../../../shared/map-columns.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { MapLegend } from './MapLegend.tsx';
import { placeLabels } from './map-labels.ts';
import { mapWorker } from './map-worker.ts';
import { type LoadPlaces, type Places, useMapPlaces } from './map-places.ts';
import { type AreaMetric, areaColour, baseStyle, circleColour, circleRadius, type ColourBy } from './map-style.ts';


export interface SituationMapData {
  at: string;
  regions: string[];
  points: MapPoints;
  places: Places | null;
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
  /** Names and ids of one region's points, when the map's answer does not carry them (the national map). */
  loadPlaces: LoadPlaces;
  /** Where a locality's card links to; none on the public page. */
  localityHref?: (id: string) => string;
  /** File name of the PNG export, without extension. */
  exportName: string;
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
export default function SituationMap({ data, parent, loadBoundaries, loadOutline, loadPlaces, localityHref, exportName }: SituationMapProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [colourBy, setColourBy] = useState<ColourBy>('gap');
  const [metric, setMetric] = useState<AreaMetric>('coverage');
  // The chosen locality, by its position in the points it was chosen among (another map, another list).
  const [selection, setSelection] = useState<{ points: MapPoints; index: number } | null>(null);
  const [boundaries, setBoundaries] = useState<OutlineCollection | null>(null);
  const [context, setContext] = useState<OutlineCollection | null>(null);
  const points = useMemo(() => pointsOf(data.regions, data.points), [data.regions, data.points]);
  const { placeOf, request: requestPlaces } = useMapPlaces(points, data.places, data.at, loadPlaces);
  // Sorted by the server, largest first: the first point is the largest.
  const largestDisplaced = Math.max(1, points[0]?.displacedHouseholds ?? 0);
  const largestGap = useMemo(() => Math.max(0, ...data.areas.map((a) => a.householdsInGap)), [data.areas]);
  const selected = selection && selection.points === data.points ? (points[selection.index] ?? null) : null;
  const selectedPlace = selected ? placeOf(selected.index) : null;
  // The click handler is bound once with the map; it reads the points drawn now.
  const pointsRef = useRef(data.points);
  useEffect(() => {
    pointsRef.current = data.points;
  }, [data.points]);
  const showsAreas = data.boundariesAvailable && boundaries !== null;

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
          setSelection(typeof index === 'number' ? { points: pointsRef.current, index } : null);
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
    // The worker's script first (most likely already fetched while this chunk came): MapLibre starts it with the map.
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
      // Largest first (the server's order); only the places whose names are here (a region, or the regions zoomed into).
      ...points.flatMap((p) => {
        const place = placeOf(p.index);
        return place ? [{ kind: 'locality' as const, name: place.name, at: [p.lon, p.lat] as [number, number] }] : [];
      }),
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
  }, [ready, boundaries, context, points, placeOf]);

  useEffect(() => {
    mapRef.current?.getSource<GeoJSONSource>('localities')?.setData(featuresOf(points));
  }, [ready, points]);

  // Zoomed in past the first view, the names of the regions in sight; a chosen locality, its region's.
  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map || data.places) return;
    const firstZoom = map.getZoom();
    const inSight = () => {
      if (map.getZoom() < firstZoom + namesZoomStep) return;
      const bounds = map.getBounds();
      requestPlaces(new Set(points.filter((p) => bounds.contains([p.lon, p.lat])).map((p) => p.region)));
    };
    map.on('moveend', inSight);
    return () => {
      map.off('moveend', inSight);
    };
  }, [ready, points, data.places, requestPlaces]);

  useEffect(() => {
    if (selected) requestPlaces([selected.region]);
  }, [selected, requestPlaces]);

  useEffect(() => {
    const map = mapRef.current;
    if (!ready || !map) return;
    map.setPaintProperty('localities-circle', 'circle-color', circleColour(colourBy));
    map.setPaintProperty('localities-circle', 'circle-radius', circleRadius(largestDisplaced, points.length));
    map.setPaintProperty('areas-fill', 'fill-color', showsAreas ? areaColour(metric, largestGap) : '#f1ede4');
  }, [ready, colourBy, metric, largestDisplaced, largestGap, showsAreas, points.length]);

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
            <button type="button" className="locality-card-close link-button" onClick={() => setSelection(null)} aria-label={t('common.close')}>
              ×
            </button>
            <h3>{selectedPlace?.name ?? (data.places || selected.region === null ? t('common.empty') : t('common.loading'))}</h3>
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
            {localityHref && selectedPlace && <Link to={localityHref(selectedPlace.id)}>{t('map.card.open')}</Link>}
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
