import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SectorCoverage, TrendPoint } from '../../../../shared/contracts/dashboard.ts';
import { sectorLabels } from '../../../../shared/sectors.ts';
import { useLanguage } from '../useLanguage.ts';
import { useFormat } from '../../../i18n/format.ts';
import { type ChartOption, EChart } from './EChart.tsx';

export type TrendFigures = Pick<TrendPoint, 'month' | 'responses' | 'householdsReached' | 'openGaps' | 'householdsInGap' | 'alerts' | 'displacedHouseholds'>;

const colours = { covered: '#1b7837', gap: '#b2182b', responses: '#1f5f99', reached: '#f4a261', gaps: '#b2182b', open: '#8e9aa6', alerts: '#7b3294' };

function monthLabel(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));
}

/** The dashboard's charts, in their own chunk with ECharts: coverage by sector, responses over time, gaps over time. */
export default function DashboardCharts({ coverage, trends, exportPrefix }: { coverage: SectorCoverage[]; trends: TrendFigures[] | undefined; exportPrefix: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const locale = language === 'en' ? 'en-GB' : 'fr-FR';
  const number = (value: unknown) => format.number(Number(value));

  const coverageOption = useMemo<ChartOption>(() => {
    const known = coverage.filter((c) => c.need > 0);
    const labels = known.map((c) => sectorLabels[c.sector][language].replace(/ \(.*\)$/, ''));
    return {
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('charts.covered'), t('charts.gap')] },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: number },
      xAxis: { type: 'value', axisLabel: { formatter: number, hideOverlap: true } },
      yAxis: { type: 'category', data: labels, inverse: true },
      series: [
        { name: t('charts.covered'), type: 'bar', stack: 'need', data: known.map((c) => c.covered), itemStyle: { color: colours.covered } },
        { name: t('charts.gap'), type: 'bar', stack: 'need', data: known.map((c) => c.gap), itemStyle: { color: colours.gap } },
      ],
    };
  }, [coverage, language, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const responsesOption = useMemo<ChartOption>(() => {
    const points = trends ?? [];
    return {
      grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('charts.responses'), t('charts.householdsReached')] },
      tooltip: { trigger: 'axis', valueFormatter: number },
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month, locale)) },
      yAxis: [
        { type: 'value', name: t('charts.responsesAxis'), axisLabel: { formatter: number, hideOverlap: true } },
        { type: 'value', name: t('charts.householdsAxis'), axisLabel: { formatter: number, hideOverlap: true }, splitLine: { show: false } },
      ],
      series: [
        { name: t('charts.responses'), type: 'bar', data: points.map((p) => p.responses), itemStyle: { color: colours.responses } },
        { name: t('charts.householdsReached'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.householdsReached), itemStyle: { color: colours.reached }, lineStyle: { width: 3 } },
      ],
    };
  }, [trends, locale, t]); // eslint-disable-line react-hooks/exhaustive-deps

  const gapsOption = useMemo<ChartOption>(() => {
    const points = trends ?? [];
    return {
      grid: { left: 8, right: 8, top: 64, bottom: 8, containLabel: true },
      legend: { top: 0, data: [t('charts.householdsInGap'), t('charts.openGaps'), t('charts.newDisplaced')] },
      tooltip: { trigger: 'axis', valueFormatter: number },
      xAxis: { type: 'category', data: points.map((p) => monthLabel(p.month, locale)) },
      yAxis: [
        { type: 'value', name: t('charts.householdsAxis'), axisLabel: { formatter: number, hideOverlap: true } },
        { type: 'value', name: t('charts.gapsAxis'), axisLabel: { formatter: number, hideOverlap: true }, splitLine: { show: false } },
      ],
      series: [
        { name: t('charts.householdsInGap'), type: 'line', data: points.map((p) => p.householdsInGap), areaStyle: { opacity: 0.15 }, itemStyle: { color: colours.gaps }, lineStyle: { width: 3 } },
        { name: t('charts.newDisplaced'), type: 'bar', data: points.map((p) => p.displacedHouseholds), itemStyle: { color: colours.alerts, opacity: 0.6 } },
        { name: t('charts.openGaps'), type: 'line', yAxisIndex: 1, data: points.map((p) => p.openGaps), itemStyle: { color: colours.open }, lineStyle: { type: 'dashed' } },
      ],
    };
  }, [trends, locale, t]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <div className="chart-grid">
      <EChart title={t('charts.coverageTitle')} option={coverageOption} exportName={`${exportPrefix}-couverture`} height={Math.max(200, 36 * coverage.filter((c) => c.need > 0).length + 60)} />
      <EChart title={t('charts.responsesTitle')} option={responsesOption} exportName={`${exportPrefix}-reponses`} />
      <EChart title={t('charts.gapsTitle')} option={gapsOption} exportName={`${exportPrefix}-gaps`} />
    </div>
  );
}
