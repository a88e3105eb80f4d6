import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MapArea, MapPoints, OutlineCollection } from '../../../shared/contracts/dashboard.ts';
import { gapStatusLabels } from '../../../shared/gaps.ts';
import { labelPoint } from '../../../shared/geo.ts';
import { pointsOf } from '../../../shared/map-columns.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { useSituationMapT } from './i18n.ts';
import { MapLegend } from './MapLegend.tsx';
import { type LoadPlaces, type Places, useMapPlaces } from './map-places.ts';
import type { AreaMetric, ColourBy } from './map-style.ts';
import { mapWorker } from './map-worker.ts';
import { StaticMap, svgPng } from './StaticMap.tsx';

// MapLibre and its worker are most of the map's weight: fetched only when someone reaches for the map.
const InteractiveMap = lazy(() => import('./InteractiveMap.tsx'));

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

/** A place name on the map: areas on their middle, localities beside their circle. */
export interface MapLabel {
  kind: 'context' | 'area' | 'locality';
  name: string;
  at: [number, number];
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

function labelsOf(collection: OutlineCollection | null, kind: MapLabel['kind']): MapLabel[] {
  return (collection?.features ?? []).flatMap((f) => {
    const at = labelPoint(f.geometry as Polygon | MultiPolygon);
    return at ? [{ kind, name: f.properties.name, at: [at[0]!, at[1]!] as [number, number] }] : [];
  });
}

/** Off: the still map; loading: MapLibre on its way (the still map shown); ready: MapLibre drawn; failed: no WebGL. */
type Interactive = 'off' | 'loading' | 'ready' | 'failed';

/**
 * The situation map: localities as circles sized by households displaced and coloured by phase
 * or gap status, over the admin areas coloured by coverage or gaps when boundaries were imported
 * (Mali's outline otherwise). Drawn first as SVG (StaticMap), then by MapLibre once someone zooms,
 * drags, clicks or tabs into it, in the same view; switches, legend and card are shared by both.
 */
export default function SituationMap({ data, parent, loadBoundaries, loadOutline, loadPlaces, localityHref, exportName }: SituationMapProps) {
  const { t } = useTranslation();
  const ts = useSituationMapT();
  const format = useFormat();
  const language = useLanguage();
  const [colourBy, setColourBy] = useState<ColourBy>('gap');
  const [metric, setMetric] = useState<AreaMetric>('coverage');
  // The chosen locality, by its position in the points it was chosen among (another map, another list).
  const [selection, setSelection] = useState<{ points: MapPoints; index: number } | null>(null);
  const [boundaries, setBoundaries] = useState<OutlineCollection | null>(null);
  const [shapes, setShapes] = useState<OutlineCollection | null>(null);
  const [context, setContext] = useState<OutlineCollection | null>(null);
  const [drawn, setDrawn] = useState(false);
  // A deployment with background tiles needs MapLibre to show them: it comes at once there.
  const [interactive, setInteractive] = useState<Interactive>(data.tileUrl ? 'loading' : 'off');
  const [zoomBy, setZoomBy] = useState(0);
  const staticFrame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const points = useMemo(() => pointsOf(data.regions, data.points), [data.regions, data.points]);
  const { placeOf, request: requestPlaces } = useMapPlaces(points, data.places, data.at, loadPlaces);
  // Sorted by the server, largest first: the first point is the largest.
  const largestDisplaced = Math.max(1, points[0]?.displacedHouseholds ?? 0);
  const largestGap = useMemo(() => Math.max(0, ...data.areas.map((a) => a.householdsInGap)), [data.areas]);
  const selected = selection && selection.points === data.points ? (points[selection.index] ?? null) : null;
  const selectedPlace = selected ? placeOf(selected.index) : null;
  const showsAreas = data.boundariesAvailable && boundaries !== null;
  const select = useCallback((index: number | null) => setSelection(index === null ? null : { points: data.points, index }), [data.points]);

  useEffect(() => {
    const controller = new AbortController();
    const load = data.boundariesAvailable ? loadBoundaries(data.areaLevel, parent, controller.signal) : Promise.resolve(null);
    load
      .then(async (collection) => {
        setBoundaries(collection);
        setShapes(collection ?? (await loadOutline(controller.signal)));
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [data.areaLevel, data.boundariesAvailable, parent, loadBoundaries, loadOutline]);

  // The level above the coloured areas (the regions around a region's cercles, the cercles around a
  // cercle's communes): thicker lines and their names, so a zoomed-in map still says where it is.
  useEffect(() => {
    const controller = new AbortController();
    const level = data.areaLevel - 1;
    const above = level === 2 && parent ? parent.slice(0, 4) : null;
    const load = level >= 1 ? loadBoundaries(level, above, controller.signal) : Promise.resolve(null);
    load.then(setContext).catch(() => undefined);
    return () => controller.abort();
  }, [data.areaLevel, parent, loadBoundaries]);

  const areas = useMemo(() => (shapes ? areasOf(shapes, data.boundariesAvailable ? data.areas : []) : null), [shapes, data.boundariesAvailable, data.areas]);

  // Largest first (the server's order); only the places whose names are here (a region, or the regions zoomed into).
  const labels = useMemo(
    () => [
      ...labelsOf(context, 'context'),
      ...labelsOf(boundaries, 'area'),
      ...points.flatMap((p) => {
        const place = placeOf(p.index);
        return place ? [{ kind: 'locality' as const, name: place.name, at: [p.lon, p.lat] as [number, number] }] : [];
      }),
    ],
    [context, boundaries, points, placeOf],
  );

  useEffect(() => {
    if (selected) requestPlaces([selected.region]);
  }, [selected, requestPlaces]);

  /** Someone reached for the map: MapLibre's chunk and worker start downloading together. */
  const explore = useCallback(() => {
    setInteractive((state) => (state === 'off' ? 'loading' : state));
    void mapWorker();
  }, []);

  const onReady = useCallback((drawnCanvas: HTMLCanvasElement | null) => {
    canvas.current = drawnCanvas;
    if (!drawnCanvas) return;
    // Keyboard users keep their place: focus moves from the still map's button to the map itself.
    const hadFocus = staticFrame.current?.contains(document.activeElement) ?? false;
    setInteractive('ready');
    if (hadFocus) drawnCanvas.focus();
  }, []);
  const onFailed = useCallback(() => setInteractive('failed'), []);
  const onDrawn = useCallback(() => setDrawn(true), []);

  async function exportPng() {
    const url = interactive === 'ready' && canvas.current ? canvas.current.toDataURL('image/png') : svg.current ? await svgPng(svg.current) : null;
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = `${exportName}.png`;
    link.click();
  }

  const mounted = interactive === 'loading' || interactive === 'ready';
  const shared = { bbox: data.bbox, areas, context, points, labels, colourBy, metric, showsAreas, largestDisplaced, largestGap };
  return (
    <div className="situation-map" data-map-ready={drawn || interactive === 'ready' ? 'true' : undefined} data-map-interactive={interactive === 'ready' ? 'true' : undefined}>
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
        <button type="button" className="button button-secondary map-export" onClick={() => void exportPng()} disabled={!drawn && interactive !== 'ready'}>
          {t('charts.exportPng')}
        </button>
      </div>
      <div className="map-frame">
        {mounted && (
          <Suspense fallback={<div className="map-canvas" />}>
            <InteractiveMap
              {...shared}
              tileUrl={data.tileUrl}
              tileAttribution={data.tileAttribution}
              initialZoomBy={zoomBy}
              onSelect={select}
              onRegionsInSight={data.places ? null : requestPlaces}
              onReady={onReady}
              onFailed={onFailed}
            />
          </Suspense>
        )}
        {interactive !== 'ready' && (
          <div
            ref={staticFrame}
            className={`map-canvas map-still${mounted ? ' map-still-over' : ''}`}
            role="region"
            aria-label={t('map.label')}
            aria-busy={interactive === 'loading'}
            onPointerDown={explore}
            onWheel={explore}
          >
            <StaticMap {...shared} description={ts('description', { count: points.length, value: format.number(points.length) })} onSelect={select} onDrawn={onDrawn} svgRef={svg} />
            {interactive !== 'failed' && (
              <>
                <div className="map-still-zoom no-print">
                  {([1, -1] as const).map((step) => (
                    <button
                      key={step}
                      type="button"
                      title={t(step > 0 ? 'map.zoomIn' : 'map.zoomOut')}
                      aria-label={t(step > 0 ? 'map.zoomIn' : 'map.zoomOut')}
                      onClick={() => {
                        setZoomBy((z) => z + step);
                        explore();
                      }}
                    >
                      {step > 0 ? '+' : '−'}
                    </button>
                  ))}
                </div>
                <button type="button" className="button map-explore no-print" onFocus={explore} onClick={explore}>
                  {interactive === 'loading' ? ts('loadingInteractive') : ts('explore')}
                </button>
              </>
            )}
          </div>
        )}
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
      {interactive === 'failed' && <p className="notice notice-warning">{ts('interactiveUnavailable')}</p>}
      <MapLegend
        colourBy={colourBy}
        metric={showsAreas ? metric : null}
        largestGap={largestGap}
        outlineOnly={!data.boundariesAvailable && context === null}
        credits={[...(showsAreas || context ? [t('map.attributionBoundaries')] : []), ...(showsAreas ? [] : [t('map.attributionOutline')])]}
        lines={[...(context ? [{ level: data.areaLevel - 1, thick: true }] : []), ...(showsAreas ? [{ level: data.areaLevel, thick: false }] : [])]}
      />
    </div>
  );
}
