import { useMemo } from 'react';
import type { GapExplanation } from '../../../shared/contracts/gaps.ts';
import { type ChartOption, EChart } from '../dashboard/charts/EChart.tsx';
import { coverageChartOption } from './coverage-chart.ts';
import { useGapsT } from './i18n.ts';
import type { GapLabels } from './labels.ts';

/** Coverage over time against the need, in its own chunk with ECharts. */
export default function GapCoverageChart({ explanation, labels }: { explanation: GapExplanation; labels: GapLabels }) {
  const gt = useGapsT();
  const option = useMemo(
    () =>
      coverageChartOption(explanation, {
        coverage: gt('gaps.page.chartCoverage'),
        need: gt('gaps.page.chartNeed'),
        today: gt('gaps.page.chartToday'),
        households: gt('gaps.page.chartHouseholds'),
        number: labels.number,
        day: labels.day,
      }) as ChartOption,
    [explanation, labels, gt],
  );
  return <EChart title={gt('gaps.page.steps')} option={option} exportName={`gap-${explanation.row.locality.pcode ?? explanation.row.locality.id}-${explanation.row.sector}`} height={240} />;
}
