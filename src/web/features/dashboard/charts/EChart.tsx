import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, type EChartsType, init, use as register } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './chart.css';

// Only what the dashboard draws: the whole of ECharts is five times larger.
register([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One chart in a figure with its caption and a PNG export of what it shows. */
export function EChart({ title, option, exportName, height = 280 }: { title: string; option: ChartOption; exportName: string; height?: number }) {
  const { t } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!element.current) return;
    let instance: EChartsType;
    try {
      // Without a 2D canvas (some old browsers, test DOMs) ECharts fails later, mid-drawing.
      if (!document.createElement('canvas').getContext('2d')) throw new Error('no canvas');
      instance = init(element.current, undefined, { renderer: 'canvas' });
    } catch {
      // A browser without canvas still has the figures and the tables.
      setFailed(true);
      return;
    }
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ aria: { enabled: true }, animation: false, ...option }, { notMerge: true });
  }, [option]);

  function exportPng() {
    if (!chart.current) return;
    const link = document.createElement('a');
    link.href = chart.current.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    link.download = `${exportName}.png`;
    link.click();
  }

  return (
    <figure className="chart">
      <figcaption>
        <span>{title}</span>
        <button type="button" className="link-button" onClick={exportPng}>
          {t('charts.exportPng')}
        </button>
      </figcaption>
      {failed ? <p className="muted">{t('charts.unavailable')}</p> : <div ref={element} className="chart-canvas" style={{ height }} />}
    </figure>
  );
}
