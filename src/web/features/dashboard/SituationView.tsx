import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type DisplacementTable as Table, type MapArea, type OutlineCollection, type PublicSummary, publicApi, type SectorCoverage } from '../../../shared/contracts/dashboard.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import { call } from '../../api/client.ts';
import { useFormat } from '../../i18n/format.ts';
import type { LoadPlaces } from '../map/map-places.ts';
import type { SituationMapData } from '../map/SituationMap.tsx';
import type { TrendFigures } from './charts/DashboardCharts.tsx';
import { DisplacementTable } from './DisplacementTable.tsx';
import type { FigureLink } from '../../../shared/dashboard.ts';
import { KeyFigures } from './KeyFigures.tsx';
import { percentText } from './percent.ts';
import { useLanguage } from './useLanguage.ts';

// Map and charts are the heavy parts: each is its own chunk, out of the first paint.
const loadMap = () => import('../map/SituationMap.tsx');
const loadCharts = () => import('./charts/DashboardCharts.tsx');
const SituationMap = lazy(loadMap);
const DashboardCharts = lazy(loadCharts);

/**
 * Starts the map's and charts' downloads as a page showing them opens, while its figures are
 * still on their way: on a slow link they no longer wait for the figures. The map's chunk is the
 * still map only; MapLibre and its worker wait until someone reaches for the map.
 */
export function usePreloadSituation(enabled = true) {
  useEffect(() => {
    if (enabled) preloadSituation();
  }, [enabled]);
}

export function preloadSituation() {
  // A failed download is retried by the lazy component that needs it.
  loadMap().catch(() => undefined);
  loadCharts().catch(() => undefined);
}

/** Natural Earth's outline of Mali, public and cached for a day. */
export function loadOutline(signal: AbortSignal) {
  return call(publicApi.outline, { signal });
}

export interface SituationViewProps {
  figures: PublicSummary['figures'];
  coverage: SectorCoverage[];
  displacement: Table;
  trends: TrendFigures[] | undefined;
  map: SituationMapData | undefined;
  /** The area the map's sub-areas belong to. */
  parent: string | null;
  loadBoundaries: (level: number, parent: string | null, signal: AbortSignal) => Promise<OutlineCollection | null>;
  loadPlaces: LoadPlaces;
  linkTo?: (figure: FigureLink) => string;
  sectorHref?: (sector: Sector) => string;
  localityHref?: (id: string) => string;
  areaHref?: (pcode: string) => string;
  exportPrefix: string;
}

/** Areas with something to show first, the quiet ones after; each group by name as the server sorted them. */
function withFiguresFirst(areas: MapArea[]): MapArea[] {
  const active = (a: MapArea) => a.displacedHouseholds > 0 || a.need > 0;
  return [...areas.filter(active), ...areas.filter((a) => !active(a))];
}

function AreaTable({ areas, level, areaHref }: { areas: MapArea[]; level: number; areaHref?: (pcode: string) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const percent = (ratio: number | null) => (ratio === null ? t('common.empty') : percentText(ratio, language, format.number));
  return (
    <section className="panel area-table" aria-labelledby="area-table-title">
      <h2 id="area-table-title">{t(`dashboard.areas.title${level}` as 'dashboard.areas.title1')}</h2>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t(`dashboard.areas.level${level}` as 'dashboard.areas.level1')}</th>
              <th scope="col" className="numeric">{t('dashboard.areas.displaced')}</th>
              <th scope="col" className="numeric">{t('dashboard.areas.need')}</th>
              <th scope="col" className="numeric">{t('dashboard.areas.coverage')}</th>
              <th scope="col" className="numeric">{t('dashboard.areas.inGap')}</th>
              <th scope="col" className="numeric">{t('dashboard.areas.openGaps')}</th>
            </tr>
          </thead>
          <tbody>
            {withFiguresFirst(areas).map((a) => (
              <tr key={a.pcode}>
                <th scope="row">{areaHref ? <Link to={areaHref(a.pcode)}>{a.name}</Link> : a.name}</th>
                <td className="numeric" data-label={t('dashboard.areas.displaced')}>{format.number(a.displacedHouseholds)}</td>
                <td className="numeric" data-label={t('dashboard.areas.need')}>{format.number(a.need)}</td>
                <td className="numeric" data-label={t('dashboard.areas.coverage')}>{percent(a.ratio)}</td>
                <td className="numeric" data-label={t('dashboard.areas.inGap')}>{format.number(a.householdsInGap)}</td>
                <td className="numeric" data-label={t('dashboard.areas.openGaps')}>{format.number(a.openGaps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted figure-note">{t('dashboard.areas.note')}</p>
    </section>
  );
}

function CoverageTable({ coverage, sectorHref }: { coverage: SectorCoverage[]; sectorHref?: (sector: Sector) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const rows = coverage.filter((c) => c.pairs > 0);
  if (rows.length === 0) return <p className="muted">{t('dashboard.coverage.none')}</p>;
  return (
    <details className="coverage-details">
      <summary>{t('dashboard.coverage.table')}</summary>
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('dashboard.coverage.sector')}</th>
              <th scope="col" className="numeric">{t('dashboard.coverage.need')}</th>
              <th scope="col" className="numeric">{t('dashboard.coverage.covered')}</th>
              <th scope="col" className="numeric">{t('dashboard.coverage.gap')}</th>
              <th scope="col" className="numeric">{t('dashboard.coverage.open')}</th>
              <th scope="col" className="numeric">{t('dashboard.coverage.upcoming')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.sector}>
                <th scope="row">{sectorHref ? <Link to={sectorHref(c.sector)}>{sectorLabels[c.sector][language]}</Link> : sectorLabels[c.sector][language]}</th>
                <td className="numeric" data-label={t('dashboard.coverage.need')}>{format.number(c.need)}</td>
                <td className="numeric" data-label={t('dashboard.coverage.covered')}>
                  {c.ratio === null ? t('common.empty') : `${format.number(c.covered)} (${percentText(c.ratio, language, format.number)})`}
                </td>
                <td className="numeric" data-label={t('dashboard.coverage.gap')}>{format.number(c.gap)}</td>
                <td className="numeric" data-label={t('dashboard.coverage.open')}>{format.number(c.open)}</td>
                <td className="numeric" data-label={t('dashboard.coverage.upcoming')}>{format.number(c.upcoming)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** Figures, map, charts and tables of one scope: the dashboard, a region and the public page all show this. */
export function SituationView(props: SituationViewProps) {
  const { t } = useTranslation();
  const { map } = props;
  return (
    <div className="situation" data-dashboard-ready="true">
      <KeyFigures figures={props.figures} linkTo={props.linkTo} />
      <div className="situation-grid">
        <section className="panel map-panel" aria-labelledby="map-title">
          <h2 id="map-title">{t('map.title')}</h2>
          {map ? (
            <Suspense fallback={<p className="map-placeholder">{t('map.loading')}</p>}>
              <SituationMap
                data={map}
                parent={props.parent}
                loadBoundaries={props.loadBoundaries}
                loadOutline={loadOutline}
                loadPlaces={props.loadPlaces}
                localityHref={props.localityHref}
                exportName={`${props.exportPrefix}-carte`}
              />
            </Suspense>
          ) : (
            <p className="map-placeholder">{t('map.loading')}</p>
          )}
        </section>
        <div className="side-column">
          <DisplacementTable table={props.displacement} />
        </div>
      </div>
      <section className="panel" aria-labelledby="charts-title">
        <h2 id="charts-title">{t('charts.title')}</h2>
        <Suspense fallback={<p className="muted">{t('charts.loading')}</p>}>
          <DashboardCharts coverage={props.coverage} trends={props.trends} exportPrefix={props.exportPrefix} />
        </Suspense>
        <CoverageTable coverage={props.coverage} sectorHref={props.sectorHref} />
      </section>
      {map && map.areas.length > 0 && <AreaTable areas={map.areas} level={map.areaLevel} areaHref={props.areaHref} />}
    </div>
  );
}
