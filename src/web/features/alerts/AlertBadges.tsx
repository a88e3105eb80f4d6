import { useTranslation } from 'react-i18next';
import type { Alert, AlertStatus } from '../../../shared/contracts/alerts.ts';
import type { Phase } from '../../../shared/phases.ts';
import { useAlertLabels } from './labels.ts';

/** Colour helps scanning a list; the word carries the meaning (and prints in black and white). */
export function AlertStatusBadge({ status }: { status: AlertStatus }) {
  const labels = useAlertLabels();
  return <span className={`badge alert-status alert-status-${status}`}>{labels.status(status)}</span>;
}

export function PhaseBadge({ phase, month }: { phase: Phase | null; month?: number | null }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  if (phase === null) return <span className="badge phase-badge phase-none">{t('alerts.noPhase')}</span>;
  return (
    <span className={`badge phase-badge phase-${phase}`}>
      {labels.phase(phase)}
      {month ? <span className="phase-month"> · {t('alerts.month', { month })}</span> : null}
    </span>
  );
}

/** Where the RRM stands: late, ending soon, or nothing to say once its phase is over. */
export function RrmCountdown({ continuum }: { continuum: Alert['continuum'] }) {
  const { t } = useTranslation();
  if (continuum.rrmLate) return <span className="badge badge-late">{t('alerts.rrmLate')}</span>;
  // Before validation the RRM has not started: a countdown to its end would mislead.
  if (continuum.rrmDaysLeft === null || continuum.phase !== 'rrm') return null;
  const soon = continuum.rrmDaysLeft <= 15;
  return (
    <span className={soon ? 'badge badge-warning' : 'badge badge-neutral'}>
      {continuum.rrmDaysLeft === 0 ? t('alerts.rrmEndsToday') : t('alerts.rrmEndsIn', { count: continuum.rrmDaysLeft })}
    </span>
  );
}
