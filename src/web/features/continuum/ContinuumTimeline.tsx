import { type AssessmentKind, assessmentKindLabels } from '../../../shared/contracts/assessments.ts';
import { useId, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverSummary, LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import { handoverStatusLabels } from '../../../shared/contracts/handovers.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { useHandoversT } from '../handovers/i18n.ts';
import { handoverSteps } from '../handovers/steps.ts';
import { type Phase, phases } from '../../../shared/phases.ts';
import { type AlertLabels, useAlertLabels } from '../alerts/labels.ts';
import { contains, dateScale, type Domain, focusDate, labelStep, monthStarts, spanOf, timelineDomain } from './timeline.ts';

type Shock = LocalityContinuum['shocks'][number];
type Response = LocalityContinuum['responses'][number];

type Row =
  | { kind: 'milestones'; y: number }
  | { kind: 'shock'; y: number; shock: Shock }
  | { kind: 'response'; y: number; response: Response }
  | { kind: 'group'; y: number; label: string };

const width = 1000;
const labelWidth = 220;
const plotLeft = labelWidth + 8;
const plotRight = width - 12;
const axisHeight = 30;
/** Room under the month labels for the "today" and chosen-date labels, above the first row. */
const lineLabelBand = 16;
const shockHeight = 28;
const responseHeight = 18;
const groupGap = 12;

/** Lays the rows out top to bottom: assessments, then each shock followed by its responses, then responses tied to no shock. */
function layout(data: LocalityContinuum, otherLabel: string): { rows: Row[]; height: number } {
  const rows: Row[] = [];
  let y = axisHeight + lineLabelBand + 4;
  if (data.milestones.length > 0) {
    rows.push({ kind: 'milestones', y });
    y += 24 + groupGap;
  }
  const shockIds = new Set(data.shocks.map((s) => s.alert.id));
  for (const shock of data.shocks) {
    rows.push({ kind: 'shock', y, shock });
    y += shockHeight + 4;
    for (const response of data.responses.filter((r) => r.alertId === shock.alert.id)) {
      rows.push({ kind: 'response', y, response });
      y += responseHeight + 2;
    }
    y += groupGap;
  }
  const others = data.responses.filter((r) => r.alertId === null || !shockIds.has(r.alertId));
  if (others.length > 0) {
    rows.push({ kind: 'group', y, label: otherLabel });
    y += 20;
    for (const response of others) {
      rows.push({ kind: 'response', y, response });
      y += responseHeight + 2;
    }
  }
  return { rows, height: y + 4 };
}

interface TimelineProps {
  data: LocalityContinuum;
  today: string;
}

/**
 * The continuum of a locality drawn as one row per shock, its phases shaded (hatched, solid,
 * dotted, plain: legible in black and white), its responses as bars by sector underneath, the
 * assessments as milestones, and lines for today and for the date chosen.
 */
export function ContinuumTimeline({ data, today }: TimelineProps) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const id = useId().replace(/:/g, '');
  const domain = timelineDomain(data, today);
  const x = dateScale(domain, plotLeft, plotRight);
  const { rows, height } = layout(data, t('continuum.otherResponses'));
  const months = monthStarts(domain);
  const step = labelStep(months.length);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const scrollRef = useRef<HTMLDivElement>(null);
  const focus = focusDate(data);
  const focusX = focus === null ? null : x(focus);

  // On a narrow screen the drawing scrolls sideways: open it at the shock, not at its left edge.
  useLayoutEffect(() => {
    const box = scrollRef.current;
    const drawing = box?.firstElementChild;
    if (!box || !drawing || focusX === null || box.scrollWidth <= box.clientWidth) return;
    const pixelsPerUnit = drawing.getBoundingClientRect().width / width;
    box.scrollLeft = Math.max(0, (focusX - 24) * pixelsPerUnit);
  }, [focusX]);

  return (
    <div className="timeline-scroll" ref={scrollRef} data-focus={focus ?? undefined}>
      <svg
        className="timeline"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        data-from={domain.from}
        data-to={domain.to}
      >
        <title id={titleId}>{t('continuum.timelineTitle', { name: data.locality.name })}</title>
        <desc id={descId}>{t('continuum.timelineDesc')}</desc>
        <Patterns id={id} />
        <g className="timeline-axis" aria-hidden="true">
          {months.map((month, index) => (
            <g key={month}>
              <line x1={x(month)} x2={x(month)} y1={axisHeight - 6} y2={height} className={month.endsWith('-01-01') ? 'grid-year' : 'grid-month'} />
              {index % step === 0 && (
                <text x={x(month) + 3} y={axisHeight - 10} className="tick-label">
                  {labels.month(month)}
                </text>
              )}
            </g>
          ))}
        </g>
        {rows.map((row) => {
          switch (row.kind) {
            case 'milestones':
              return <Milestones key="milestones" data={data} y={row.y} x={x} />;
            case 'shock':
              return <ShockRow key={row.shock.alert.id} shock={row.shock} y={row.y} x={x} domain={domain} at={data.at} id={id} labels={labels} />;
            case 'response':
              return <ResponseRow key={`${row.response.kind}-${row.response.id ?? `${row.response.alertId ?? ''}-${row.response.sector}`}`} response={row.response} y={row.y} x={x} domain={domain} labels={labels} />;
            case 'group':
              return (
                <text key="group" x={8} y={row.y + 14} className="row-label row-group">
                  {row.label}
                </text>
              );
          }
        })}
        <DateLine x={x(today)} height={height} className="line-today" label={t('continuum.today')} side={data.at > today ? 'left' : 'right'} />
        {data.at !== today && (
          <DateLine x={x(data.at)} height={height} className="line-at" label={t('continuum.atShort', { date: labels.day(data.at) })} side={data.at > today ? 'right' : 'left'} />
        )}
      </svg>
    </div>
  );
}

/**
 * A vertical line across the rows. Its label goes on the side given, unless that side has no
 * room; "today" and the chosen date put theirs on opposite sides so they never overlap.
 */
function DateLine({ x, height, className, label, side }: { x: number; height: number; className: string; label: string; side: 'left' | 'right' }) {
  const room = label.length * 6.5 + 8;
  const left = side === 'left' ? x - room >= plotLeft : x + room > plotRight;
  return (
    <g className={className}>
      <line x1={x} x2={x} y1={axisHeight - 4} y2={height} />
      <text x={left ? x - 4 : x + 4} y={axisHeight + lineLabelBand - 4} textAnchor={left ? 'end' : 'start'} className="line-label">
        {label}
      </text>
    </g>
  );
}

function ShockRow({ shock, y, x, domain, at, id, labels }: { shock: Shock; y: number; x: (d: string) => number; domain: Domain; at: string; id: string; labels: AlertLabels }) {
  const { t } = useTranslation();
  return (
    <g className="shock-row" data-alert={shock.alert.code}>
      <text x={8} y={y + 12} className="row-label row-shock">
        {shock.alert.code}
      </text>
      <text x={8} y={y + 25} className="row-sublabel">
        {labels.shockType(shock.alert.shockType)} · {labels.day(shock.alert.shockDate)}
      </text>
      {shock.segments.length === 0 && (
        <text x={x(shock.alert.shockDate) + 4} y={y + 18} className="segment-label">
          {t('continuum.rejected')}
        </text>
      )}
      {shock.segments.map((segment) => {
        const span = spanOf(segment.from, segment.to, domain);
        const x0 = x(span.from);
        const x1 = x(span.to);
        const current = contains(segment, at);
        const name = labels.phase(segment.phase);
        return (
          <g key={segment.phase} className={current ? 'segment current' : 'segment'} data-phase={segment.phase} data-from={segment.from} data-to={segment.to ?? ''}>
            <rect x={x0} y={y} width={Math.max(0, x1 - x0)} height={shockHeight} className={`phase-fill phase-${segment.phase}`} fill={`url(#${id}-${segment.phase})`}>
              <title>
                {segment.to
                  ? t('continuum.segmentTitle', { phase: name, from: labels.day(segment.from), to: labels.day(segment.to) })
                  : t('continuum.segmentOpenTitle', { phase: name, from: labels.day(segment.from) })}
              </title>
            </rect>
            {x1 - x0 > name.length * 6.5 + 8 && (
              <text x={x0 + 4} y={y + 18} className={`segment-label segment-label-${segment.phase}`}>
                {segment.phase === 'resilience' ? labels.phase(segment.phase).split(' / ')[0] : name}
              </text>
            )}
          </g>
        );
      })}
      {shock.handover && <HandoverSteps shock={shock} handover={shock.handover} y={y} x={x} labels={labels} />}
    </g>
  );
}

/** The dated steps of a shock's handover, as flags on its row linking to the handover's page. */
function HandoverSteps({ shock, handover, y, x, labels }: { shock: Shock; handover: HandoverSummary; y: number; x: (d: string) => number; labels: AlertLabels }) {
  const ht = useHandoversT();
  const language = currentLanguage();
  return (
    <a href={`/handovers/${handover.id}`} className="handover-steps" data-status={handover.status}>
      {handoverSteps(handover).map((step) => {
        const cx = x(step.on);
        return (
          <g key={step.status} className={`handover-step handover-step-${step.status}`} data-step={step.status} data-on={step.on}>
            <line x1={cx} x2={cx} y1={y - 3} y2={y + shockHeight} />
            <path d={`M ${cx} ${y - 3} l 9 4 l -9 4 z`} />
            <title>{ht('continuum.stepTitle', { code: shock.alert.code, step: handoverStatusLabels[step.status][language], date: labels.day(step.on) })}</title>
          </g>
        );
      })}
    </a>
  );
}

function ResponseRow({ response, y, x, domain, labels }: { response: Response; y: number; x: (d: string) => number; domain: Domain; labels: AlertLabels }) {
  const { t } = useTranslation();
  const span = spanOf(response.start, response.end, domain);
  const x0 = x(span.from);
  const x1 = Math.max(x(span.to), x0 + 2);
  const sector = labels.sector(response.sector);
  // "EHA (eau, hygiène, assainissement)" → "EHA": the row label has little room; the tooltip keeps the full name.
  const shortSector = sector.replace(/\s*\(.*\)$/, '');
  const kind = t(`continuum.kinds.${response.kind}`);
  // The aggregated view (donors) names no organisation: the bar sums them.
  const who = response.organisation?.acronym ?? t('continuum.allOrganisations');
  return (
    <g className={`response-row response-${response.kind}`} data-sector={response.sector}>
      <text x={20} y={y + 13} className="row-label row-response">
        {truncate(shortSector, 24)} · {who}
      </text>
      <rect x={x0} y={y + 3} width={x1 - x0} height={responseHeight - 6} className={`response-bar bar-${response.kind}`}>
        <title>
          {t('continuum.responseTitle', {
            kind,
            sector,
            organisation: who,
            from: labels.day(response.start),
            to: response.end ? labels.day(response.end) : t('continuum.ongoing'),
          })}
        </title>
      </rect>
    </g>
  );
}

function Milestones({ data, y, x }: { data: LocalityContinuum; y: number; x: (d: string) => number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <g className="milestones">
      <text x={8} y={y + 16} className="row-label">
        {t('continuum.assessments')}
      </text>
      {data.milestones.map((m) => {
        const cx = x(m.date);
        return (
          <g key={m.id} className={`milestone milestone-${m.kind}`}>
            <path d={`M ${cx} ${y + 4} l 7 8 l -7 8 l -7 -8 z`}>
              <title>{`${assessmentKindLabels[m.kind.replace('_assessment', '') as AssessmentKind][language]} · ${m.label} · ${m.date}`}</title>
            </path>
          </g>
        );
      })}
    </g>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Fills that stay distinct without colour: a printer in black and white keeps the patterns. */
function Patterns({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-alerte`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" className="pattern-bg-alerte" />
        <line x1="0" y1="0" x2="0" y2="6" className="pattern-line-alerte" />
      </pattern>
      <pattern id={`${id}-rrm`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pattern-bg-rrm" />
      </pattern>
      <pattern id={`${id}-post_rrm`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pattern-bg-post_rrm" />
        <circle cx="3" cy="3" r="1.1" className="pattern-dot-post_rrm" />
      </pattern>
      <pattern id={`${id}-resilience`} width="6" height="6" patternUnits="userSpaceOnUse">
        <rect width="6" height="6" className="pattern-bg-resilience" />
      </pattern>
    </defs>
  );
}

/** The legend, as HTML so it wraps on narrow screens and reads as a list. */
export function TimelineLegend() {
  const { t } = useTranslation();
  const ht = useHandoversT();
  const labels = useAlertLabels();
  return (
    <ul className="timeline-legend" aria-label={t('continuum.legend')}>
      {phases.map((phase: Phase) => (
        <li key={phase}>
          <span className={`legend-swatch swatch-${phase}`} aria-hidden="true" />
          {labels.phase(phase)}
        </li>
      ))}
      <li>
        <span className="legend-swatch swatch-bar-rrm" aria-hidden="true" />
        {t('continuum.kinds.rrm')}
      </li>
      <li>
        <span className="legend-swatch swatch-bar-post_rrm" aria-hidden="true" />
        {t('continuum.kinds.post_rrm')}
      </li>
      <li>
        <span className="legend-swatch swatch-milestone" aria-hidden="true" />
        {t('continuum.assessments')}
      </li>
      <li>
        <span className="legend-swatch swatch-handover" aria-hidden="true" />
        {ht('continuum.steps')}
      </li>
      <li>
        <span className="legend-swatch swatch-today" aria-hidden="true" />
        {t('continuum.today')}
      </li>
    </ul>
  );
}
