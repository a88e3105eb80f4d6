import { useTranslation } from 'react-i18next';
import { gapStatusLabels } from '../../../shared/gaps.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { type AreaMetric, type ColourBy, coverageRamp, gapColours, gapRamp, noDataColour, phaseColours } from './map-style.ts';

/** What the colours and sizes of the map mean, in words next to each swatch. */
export function MapLegend({
  colourBy,
  metric,
  largestGap,
  outlineOnly,
  lines,
  credits,
}: {
  colourBy: ColourBy;
  metric: AreaMetric | null;
  largestGap: number;
  outlineOnly: boolean;
  /** The boundary levels drawn (1 regions, 2 cercles, 3 communes), thick lines for the level above the coloured areas. */
  lines: { level: number; thick: boolean }[];
  /** The sources of what is drawn, in the interface language. */
  credits: string[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const entries =
    colourBy === 'phase'
      ? (['alerte', 'rrm', 'post_rrm', 'resilience'] as const).map((phase) => ({ key: phase, colour: phaseColours[phase], label: phaseLabels[phase][language] }))
      : (['uncovered', 'partial', 'covered', 'unknown'] as const).map((status) => ({ key: status, colour: gapColours[status], label: gapStatusLabels[status][language] }));
  const noneLabel = colourBy === 'phase' ? t('map.legend.noShock') : t('map.legend.noGap');
  const noneColour = colourBy === 'phase' ? phaseColours.none : gapColours.none;
  return (
    <div className="map-legend">
      <ul aria-label={t('map.legend.localities')}>
        {entries.map((e) => (
          <li key={e.key}>
            <span className="swatch swatch-circle" style={{ background: e.colour }} aria-hidden="true" />
            {e.label}
          </li>
        ))}
        <li>
          <span className="swatch swatch-circle" style={{ background: noneColour }} aria-hidden="true" />
          {noneLabel}
        </li>
        <li className="muted">{t('map.legend.size')}</li>
      </ul>
      {metric && (
        <ul aria-label={t('map.legend.areas')}>
          {metric === 'coverage'
            ? coverageRamp.map(([ratio, colour]) => (
                <li key={ratio}>
                  <span className="swatch" style={{ background: colour }} aria-hidden="true" />
                  {t('map.legend.covered', { value: Math.round(ratio * 100) })}
                </li>
              ))
            : gapRamp.slice(1).map((colour, i) => (
                <li key={colour}>
                  <span className="swatch" style={{ background: colour }} aria-hidden="true" />
                  {t('map.legend.inGap', { value: format.number(Math.round((Math.max(largestGap, 4) * (i + 1)) / (gapRamp.length - 1))) })}
                </li>
              ))}
          <li>
            <span className="swatch" style={{ background: noDataColour }} aria-hidden="true" />
            {t('map.legend.noData')}
          </li>
        </ul>
      )}
      {lines.length > 0 && (
        <ul aria-label={t('map.legend.boundaries')}>
          {lines.map(({ level, thick }) => (
            <li key={level}>
              <span className={`swatch swatch-line${thick ? '' : ' swatch-line-thin'}`} aria-hidden="true" />
              {t(`map.legend.level${level}` as 'map.legend.level1')}
            </li>
          ))}
        </ul>
      )}
      {outlineOnly && <p className="muted map-note">{t('map.legend.outlineOnly')}</p>}
      <p className="muted map-note map-credits">{credits.join(' · ')}</p>
    </div>
  );
}
