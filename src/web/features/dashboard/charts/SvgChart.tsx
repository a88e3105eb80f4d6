import { type PointerEvent, type ReactNode, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { axisMax, type ChartSpec, labelEvery, legendRows, niceTicks, textWidth } from './chart-layout.ts';
import './chart.css';

const font = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const ink = '#3b4450';
const grid = '#e3e7ec';

/** Draws the chart's SVG on a white canvas twice its size and downloads it as a PNG. */
async function downloadPng(svg: SVGSVGElement, fileName: string) {
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = width * 2;
  canvas.height = height * 2;
  const context = canvas.getContext('2d');
  if (!context) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const link = document.createElement('a');
  link.href = canvas.toDataURL('image/png');
  link.download = `${fileName}.png`;
  link.click();
}

/**
 * One chart drawn as SVG by the page itself (bars, stacked bars, lines, areas, one or two value
 * axes): the dashboard's three charts need no charting library, which on a 3G link was the
 * heaviest download after the map. Its figures are also in a table for screen readers, and the
 * PNG export draws the same SVG.
 */
export function SvgChart({
  title,
  spec,
  exportName,
  format,
  height = 280,
}: {
  title: string;
  spec: ChartSpec;
  exportName: string;
  format: (value: number) => string;
  height?: number;
}) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(0);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const element = frame.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const { categories, series, horizontal } = spec;
  const legend = legendRows(
    series.map((s) => s.name),
    width,
  );
  const legendHeight = (Math.max(0, ...legend.map((l) => l.row)) + 1) * 18 + 8;
  const ticks = [niceTicks(axisMax(spec, 0)), niceTicks(axisMax(spec, 1))] as const;
  const usesRight = series.some((s) => s.axis === 1);
  const tickWidth = (axis: 0 | 1) => Math.max(...ticks[axis].map((v) => textWidth(format(v)))) + 8;
  const namesHeight = spec.axisNames ? 18 : 4;
  const categoryWidth = horizontal ? Math.min(Math.max(...categories.map(textWidth), 0) + 10, width * 0.4) : 0;
  const plot = {
    left: horizontal ? categoryWidth : tickWidth(0),
    // Across, the last value label is centred on the plot's right edge: room for its half.
    right: width - (usesRight ? tickWidth(1) : horizontal ? textWidth(format(ticks[0].at(-1)!)) / 2 + 4 : 12),
    top: legendHeight + namesHeight,
    bottom: height - 22,
  };
  const band = ((horizontal ? plot.bottom - plot.top : plot.right - plot.left) || 1) / Math.max(categories.length, 1);
  const top = [ticks[0].at(-1)!, ticks[1].at(-1)!];
  /** Where a value sits along its axis: up from the bottom, or right from the left when horizontal. */
  const along = (value: number, axis: 0 | 1) =>
    horizontal ? plot.left + (value / top[axis]!) * (plot.right - plot.left) : plot.bottom - (value / top[axis]!) * (plot.bottom - plot.top);
  const centre = (i: number) => (horizontal ? plot.top : plot.left) + band * (i + 0.5);

  const bars = series.filter((s) => s.kind === 'bar');
  const slots = [...bars.filter((s) => !s.stack).map((s) => [s]), ...(bars.some((s) => s.stack) ? [bars.filter((s) => s.stack)] : [])];
  const slotSize = (band * 0.7) / Math.max(slots.length, 1);

  const shapes: ReactNode[] = [];
  slots.forEach((slot, slotIndex) => {
    categories.forEach((_, i) => {
      let base = 0;
      for (const s of slot) {
        const value = s.values[i] ?? 0;
        const axis = s.axis ?? 0;
        const from = along(base, axis);
        const to = along(base + value, axis);
        base += value;
        const offset = centre(i) - band * 0.35 + slotSize * slotIndex;
        shapes.push(
          horizontal ? (
            <rect key={`${s.name}-${i}`} x={from} y={offset} width={Math.max(0, to - from)} height={slotSize} fill={s.colour} fillOpacity={s.opacity ?? 1} />
          ) : (
            <rect key={`${s.name}-${i}`} x={offset} y={to} width={slotSize} height={Math.max(0, from - to)} fill={s.colour} fillOpacity={s.opacity ?? 1} />
          ),
        );
      }
    });
  });
  for (const s of series.filter((s) => s.kind === 'line')) {
    const axis = s.axis ?? 0;
    const points = s.values.map((value, i) => `${centre(i).toFixed(1)},${along(value, axis).toFixed(1)}`);
    if (s.area && points.length > 0) {
      shapes.push(
        <polygon
          key={`${s.name}-area`}
          points={`${centre(0).toFixed(1)},${plot.bottom} ${points.join(' ')} ${centre(s.values.length - 1).toFixed(1)},${plot.bottom}`}
          fill={s.colour}
          fillOpacity={0.15}
        />,
      );
    }
    shapes.push(
      <polyline
        key={`${s.name}-line`}
        points={points.join(' ')}
        fill="none"
        stroke={s.colour}
        strokeWidth={s.dashed ? 2 : 3}
        strokeDasharray={s.dashed ? '6 4' : undefined}
      />,
    );
    s.values.forEach((value, i) =>
      shapes.push(<circle key={`${s.name}-dot-${i}`} cx={centre(i)} cy={along(value, axis)} r={3} fill="#ffffff" stroke={s.colour} strokeWidth={2} />),
    );
  }

  const every = labelEvery(categories, horizontal ? plot.bottom - plot.top : plot.right - plot.left);
  const words = categories.length > 0 && !horizontal ? every : 1;

  function pointerMove(event: PointerEvent<SVGSVGElement>) {
    const box = event.currentTarget.getBoundingClientRect();
    const position = horizontal ? event.clientY - box.top - plot.top : event.clientX - box.left - plot.left;
    const index = Math.floor(position / band);
    setHover(index >= 0 && index < categories.length ? { index, x: event.clientX - box.left, y: event.clientY - box.top } : null);
  }

  return (
    <figure className="chart">
      <figcaption>
        <span id={titleId}>{title}</span>
        <button type="button" className="link-button" onClick={() => svg.current && void downloadPng(svg.current, exportName)}>
          {t('charts.exportPng')}
        </button>
      </figcaption>
      <div ref={frame} className="chart-canvas" style={{ height, position: 'relative' }}>
        {width > 0 && (
          <svg
            ref={svg}
            xmlns="http://www.w3.org/2000/svg"
            width={width}
            height={height}
            viewBox={`0 0 ${width} ${height}`}
            role="img"
            aria-labelledby={titleId}
            fontFamily={font}
            fontSize={12}
            onPointerMove={pointerMove}
            onPointerLeave={() => setHover(null)}
          >
            {legend.map((item) => {
              const s = series.find((entry) => entry.name === item.name)!;
              const y = 4 + item.row * 18;
              return (
                <g key={item.name}>
                  {s.kind === 'bar' ? (
                    <rect x={item.x} y={y + 3} width={14} height={10} rx={2} fill={s.colour} fillOpacity={s.opacity ?? 1} />
                  ) : (
                    <line x1={item.x} x2={item.x + 14} y1={y + 8} y2={y + 8} stroke={s.colour} strokeWidth={3} strokeDasharray={s.dashed ? '4 2' : undefined} />
                  )}
                  <text x={item.x + 18} y={y + 12} fill={ink}>
                    {item.name}
                  </text>
                </g>
              );
            })}
            {spec.axisNames && (
              <>
                <text x={4} y={legendHeight + 10} fill={ink}>
                  {spec.axisNames[0]}
                </text>
                {spec.axisNames[1] && (
                  <text x={width - 4} y={legendHeight + 10} fill={ink} textAnchor="end">
                    {spec.axisNames[1]}
                  </text>
                )}
              </>
            )}
            {ticks[0].map((value) =>
              horizontal ? (
                <g key={value}>
                  <line x1={along(value, 0)} x2={along(value, 0)} y1={plot.top} y2={plot.bottom} stroke={grid} />
                  <text x={along(value, 0)} y={plot.bottom + 16} fill={ink} textAnchor="middle">
                    {format(value)}
                  </text>
                </g>
              ) : (
                <g key={value}>
                  <line x1={plot.left} x2={plot.right} y1={along(value, 0)} y2={along(value, 0)} stroke={grid} />
                  <text x={plot.left - 6} y={along(value, 0) + 4} fill={ink} textAnchor="end">
                    {format(value)}
                  </text>
                </g>
              ),
            )}
            {usesRight &&
              ticks[1].map((value) => (
                <text key={value} x={plot.right + 6} y={along(value, 1) + 4} fill={ink}>
                  {format(value)}
                </text>
              ))}
            {shapes}
            {categories.map((label, i) =>
              i % words !== 0 ? null : horizontal ? (
                <text key={label} x={plot.left - 6} y={centre(i) + 4} fill={ink} textAnchor="end">
                  {label}
                </text>
              ) : (
                <text key={label} x={centre(i)} y={plot.bottom + 16} fill={ink} textAnchor="middle">
                  {label}
                </text>
              ),
            )}
            <line x1={plot.left} x2={horizontal ? plot.left : plot.right} y1={horizontal ? plot.top : plot.bottom} y2={plot.bottom} stroke={ink} />
            {hover &&
              (horizontal ? (
                <rect x={plot.left} y={centre(hover.index) - band / 2} width={plot.right - plot.left} height={band} fill={ink} fillOpacity={0.06} />
              ) : (
                <rect x={centre(hover.index) - band / 2} y={plot.top} width={band} height={plot.bottom - plot.top} fill={ink} fillOpacity={0.06} />
              ))}
          </svg>
        )}
        {hover && (
          <div className="chart-tooltip" style={{ left: Math.min(hover.x + 12, Math.max(0, width - 220)), top: hover.y + 12 }} aria-hidden="true">
            <strong>{categories[hover.index]}</strong>
            {series.map((s) => (
              <span key={s.name} className="chart-tooltip-row">
                <span className="chart-tooltip-swatch" style={{ background: s.colour }} />
                <span>{s.name}</span>
                <b>{format(s.values[hover.index] ?? 0)}</b>
              </span>
            ))}
          </div>
        )}
      </div>
      {/* Hidden by a wrapper: a table keeps its content's width whatever its own, and widened a phone's page to 852 px. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <td />
              {series.map((s) => (
                <th key={s.name} scope="col">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {categories.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.name}>{format(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
