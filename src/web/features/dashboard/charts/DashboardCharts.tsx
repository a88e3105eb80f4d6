import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectorCoverage, TrendPoint } from '../../../../shared/contracts/dashboard.ts';
import { sectorLabels } from '../../../../shared/sectors.ts';
import { useLanguage } from '../useLanguage.ts';
import { useFormat } from '../../../i18n/format.ts';
import type { ChartSpec } from './chart-layout.ts';
import { SvgChart } from './SvgChart.tsx';

export type TrendFigures = Pick<TrendPoint, 'month' | 'responses' | 'householdsReached' | 'openGaps' | 'householdsInGap' | 'alerts' | 'displacedHouseholds'>;

const colours = { covered: '#1b7837', gap: '#b2182b', responses: '#1f5f99', reached: '#f4a261', gaps: '#b2182b', open: '#6b7682', alerts: '#7b3294' };

function monthLabel(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The dashboard's charts, in their own chunk: coverage by sector, responses over time, gaps over time. */
export default function DashboardCharts({ coverage, trends, exportPrefix }: { coverage: SectorCoverage[]; trends: TrendFigures[] | undefined; exportPrefix: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';

  const coverageSpec = useMemo<ChartSpec>(() => {
    const known = coverage.filter((c) => c.need > 0);
    return {
      horizontal: true,
      categories: known.map((c) => sectorLabels[c.sector][language].replace(/ \(.*\)$/, '')),
      series: [
        { name: t('charts.covered'), kind: 'bar', stack: true, values: known.map((c) => c.covered), colour: colours.covered },
        { name: t('charts.gap'), kind: 'bar', stack: true, values: known.map((c) => c.gap), colour: colours.gap },
      ],
    };
  }, [coverage, language, t]);

  const responsesSpec = useMemo<ChartSpec>(() => {
    const points = trends ?? [];
    return {
      categories: points.map((p) => monthLabel(p.month, locale)),
      axisNames: [t('charts.responsesAxis'), t('charts.householdsAxis')],
      series: [
        { name: t('charts.responses'), kind: 'bar', values: points.map((p) => p.responses), colour: colours.responses },
        { name: t('charts.householdsReached'), kind: 'line', axis: 1, values: points.map((p) => p.householdsReached), colour: colours.reached },
      ],
    };
  }, [trends, locale, t]);

  const gapsSpec = useMemo<ChartSpec>(() => {
    const points = trends ?? [];
    return {
      categories: points.map((p) => monthLabel(p.month, locale)),
      axisNames: [t('charts.householdsAxis'), t('charts.gapsAxis')],
      series: [
        { name: t('charts.householdsInGap'), kind: 'line', area: true, values: points.map((p) => p.householdsInGap), colour: colours.gaps },
        { name: t('charts.newDisplaced'), kind: 'bar', values: points.map((p) => p.displacedHouseholds), colour: colours.alerts, opacity: 0.6 },
        { name: t('charts.openGaps'), kind: 'line', axis: 1, dashed: true, values: points.map((p) => p.openGaps), colour: colours.open },
      ],
    };
  }, [trends, locale, t]);

  return (
    <div className="chart-grid">
      <SvgChart
        title={t('charts.coverageTitle')}
        spec={coverageSpec}
        format={format.number}
        exportName={`${exportPrefix}-couverture`}
        height={Math.max(200, 36 * coverageSpec.categories.length + 60)}
      />
      <SvgChart title={t('charts.responsesTitle')} spec={responsesSpec} format={format.number} exportName={`${exportPrefix}-reponses`} />
      <SvgChart title={t('charts.gapsTitle')} spec={gapsSpec} format={format.number} exportName={`${exportPrefix}-gaps`} />
    </div>
  );
}
