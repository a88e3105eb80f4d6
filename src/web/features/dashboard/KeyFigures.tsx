import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicSummary } from '../../../shared/contracts/dashboard.ts';
import type { FigureLink } from '../../../shared/dashboard.ts';
import { phaseLabels } from '../../../shared/phases.ts';
import { useFormat } from '../../i18n/format.ts';
import { useLanguage } from './useLanguage.ts';


interface FigureProps {
  value: string;
  label: string;
  detail?: ReactNode;
  to?: string;
  tone?: 'alert' | 'good';
}

function Figure({ value, label, detail, to, tone }: FigureProps) {
  const body = (
    <>
      <span className="figure-value">{value}</span>
      <span className="figure-label">{label}</span>
      {detail && <span className="figure-detail">{detail}</span>}
    </>
  );
  const className = `figure${tone ? ` figure-${tone}` : ''}`;
  return <li className={className}>{to ? <Link to={to}>{body}</Link> : <div>{body}</div>}</li>;
}

/** The key figures; on the signed-in dashboard each opens the list behind it. */
export function KeyFigures({ figures, linkTo }: { figures: PublicSummary['figures']; linkTo?: (figure: FigureLink) => string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  const { alertsByPhase, rrm, gaps } = figures;
  const active = alertsByPhase.alerte + alertsByPhase.rrm + alertsByPhase.post_rrm;
  const delayTone = rrm.medianDays === null ? undefined : rrm.medianDays <= rrm.targetDays ? 'good' : 'alert';
  return (
    <ul className="figures" aria-label={t('dashboard.figures.label')}>
      <Figure
        value={format.number(active)}
        label={t('dashboard.figures.activeAlerts')}
        detail={
          <span className="phase-split">
            {(['alerte', 'rrm', 'post_rrm'] as const).map((phase) =>
              linkTo ? (
                <Link key={phase} to={linkTo(phase)} className={`phase-chip phase-${phase}`}>
                  {phaseLabels[phase][language]} {format.number(alertsByPhase[phase])}
                </Link>
              ) : (
                <span key={phase} className={`phase-chip phase-${phase}`}>
                  {phaseLabels[phase][language]} {format.number(alertsByPhase[phase])}
                </span>
              ),
            )}
          </span>
        }
      />
      <Figure
        value={format.number(figures.displacedHouseholds)}
        label={t('dashboard.figures.displaced')}
        detail={t('dashboard.figures.persons', { value: format.number(figures.displacedPersons) })}
        to={linkTo?.('displaced')}
      />
      <Figure value={format.number(figures.postRrmLocalities)} label={t('dashboard.figures.postRrmLocalities')} to={linkTo?.('postRrmLocalities')} />
      <Figure
        value={format.number(gaps.open)}
        label={t('dashboard.figures.openGaps')}
        detail={t('dashboard.figures.householdsInGap', { value: format.number(gaps.householdsInGap) })}
        to={linkTo?.('openGaps')}
        tone={gaps.open > 0 ? 'alert' : undefined}
      />
      <Figure value={format.number(gaps.upcoming)} label={t('dashboard.figures.upcomingGaps')} to={linkTo?.('upcomingGaps')} tone={gaps.upcoming > 0 ? 'alert' : undefined} />
      <Figure value={format.number(figures.rrmExits)} label={t('dashboard.figures.rrmExits', { days: figures.rrmExitDays })} to={linkTo?.('rrmExits')} />
      <Figure
        value={rrm.medianDays === null ? t('common.empty') : t('dashboard.figures.days', { value: format.number(rrm.medianDays) })}
        label={t('dashboard.figures.rrmDelay')}
        detail={
          <>
            {rrm.responded > 0
              ? t('dashboard.figures.rrmTarget', { target: rrm.targetDays, within: format.number(rrm.withinTarget), responded: format.number(rrm.responded) })
              : t('dashboard.figures.rrmNone')}
            {/* The figure opens the late ones: their count is written here, so the list's total is on the card. */}
            {'lateNow' in rrm && <span className="figure-late">{t('dashboard.figures.rrmLateNow', { count: Number(rrm.lateNow) })}</span>}
          </>
        }
        to={linkTo?.('rrmDelay')}
        tone={delayTone}
      />
    </ul>
  );
}
