import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Alert, type AlertStatus, alertTransitions, transitionNeedsMsa } from '../../../shared/contracts/alerts.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { todayIso } from '../../../shared/phases.ts';
import { isApiError } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { AlertStatusBadge } from './AlertBadges.tsx';
import { alertKeys, useTransitionAlert } from './alerts.api.ts';
import { useAlertLabels } from './labels.ts';
import { TextAreaField } from './TextAreaField.tsx';

/** The normal path of an alert; rejection leaves it before validation. */
const path: readonly AlertStatus[] = ['reported', 'verified', 'assessed', 'validated', 'responded', 'closed'];

/** Statuses whose day is recorded, so a change entered afterwards may carry the day it happened. */
const datedStatuses: readonly AlertStatus[] = ['verified', 'assessed', 'validated', 'responded', 'closed', 'rejected'];

function statusDate(alert: Alert, status: AlertStatus): string | null {
  if (status === 'reported') return alert.alertDate;
  const at = {
    verified: alert.verifiedAt,
    assessed: alert.assessedAt,
    validated: alert.validatedAt,
    responded: alert.respondedAt,
    closed: alert.closedAt,
    rejected: alert.rejectedAt,
  }[status];
  return at ? at.slice(0, 10) : null;
}

/**
 * Where the alert is in its workflow and, for those who manage it, the next steps the shared
 * transition table allows, and only those.
 */
export function WorkflowPanel({ alert, canManage }: { alert: Alert; canManage: boolean }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const headingId = useId();
  const [target, setTarget] = useState<AlertStatus | null>(null);
  const next = alertTransitions[alert.status];
  const reached = alert.status === 'rejected' ? -1 : path.indexOf(alert.status);
  const needsResponse = alert.rrmResponseCount === 0;
  const needsMsa = alert.msaFindings.length === 0;
  const blockedBy = (to: AlertStatus) =>
    to === 'responded' && needsResponse ? 'alert_needs_rrm_response' : transitionNeedsMsa(to) && needsMsa ? 'alert_needs_msa' : null;
  const blockers = [...new Set(next.map(blockedBy).filter((code) => code !== null))];
  const hintId = useId();

  return (
    <section className="panel workflow" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('alerts.workflow.title')}</h2>
      <ol className="workflow-steps">
        {path.map((status, index) => {
          const state = index < reached ? 'done' : index === reached ? 'current' : 'todo';
          const date = index <= reached ? statusDate(alert, status) : null;
          return (
            <li key={status} className={`workflow-step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-marker" aria-hidden="true">
                {state === 'done' ? '✓' : index + 1}
              </span>
              <span className="step-label">
                {labels.status(status)}
                <span className="visually-hidden"> ({t(`alerts.workflow.states.${state}`)})</span>
                {date && <span className="step-date">{labels.day(date)}</span>}
              </span>
            </li>
          );
        })}
      </ol>
      {alert.status === 'rejected' && (
        <div className="rejection">
          <p>
            <AlertStatusBadge status="rejected" /> {alert.rejectedAt && labels.day(alert.rejectedAt.slice(0, 10))}
          </p>
          <p>
            <strong>{t('alerts.workflow.reason')}</strong> {alert.rejectionReason}
          </p>
        </div>
      )}
      {canManage && next.length > 0 && (
        <div className="workflow-actions" role="group" aria-label={t('alerts.workflow.actions')}>
          {next.map((to) => {
            const blocked = blockedBy(to) !== null;
            return (
              <button
                key={to}
                type="button"
                className={to === 'rejected' ? 'button button-danger-outline' : 'button'}
                disabled={blocked}
                aria-describedby={blocked ? hintId : undefined}
                onClick={() => setTarget(to)}
              >
                {to === 'rejected' ? t('alerts.workflow.reject') : t('alerts.workflow.moveTo', { status: labels.status(to) })}
              </button>
            );
          })}
        </div>
      )}
      {canManage && blockers.length > 0 && (
        <p className="field-hint" id={hintId}>
          {blockers.map((code) => errorMessage(code, currentLanguage())).join(' ')}
        </p>
      )}
      {!canManage && next.length > 0 && <p className="muted">{t('alerts.workflow.readOnly')}</p>}
      {target && <TransitionDialog alert={alert} to={target} onClose={() => setTarget(null)} />}
    </section>
  );
}

function TransitionDialog({ alert, to, onClose }: { alert: Alert; to: AlertStatus; onClose: () => void }) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const queryClient = useQueryClient();
  const transition = useTransitionAlert(alert.id);
  const today = todayIso();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [date, setDate] = useState(today);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const rejecting = to === 'rejected';
  const dated = datedStatuses.includes(to);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (rejecting && reason.trim() === '') {
      setReasonError(errorMessage('rejection_reason_required', currentLanguage()));
      reasonRef.current?.focus();
      return;
    }
    transition.mutate(
      { to, version: alert.version, ...(rejecting ? { reason: reason.trim() } : {}), ...(dated && date && date !== today ? { date } : {}) },
      {
        onSuccess: onClose,
        onError: (error) => {
          const field = error.fieldErrors.find((e) => e.path === 'reason');
          if (field) setReasonError(field.message);
        },
      },
    );
  }

  function reloadCurrent() {
    const current = transition.error?.current as Alert | undefined;
    if (current) queryClient.setQueryData(alertKeys.detail(alert.id), current);
    else void queryClient.invalidateQueries({ queryKey: alertKeys.detail(alert.id) });
    onClose();
  }

  const title = rejecting ? t('alerts.workflow.rejectTitle', { code: alert.code }) : t('alerts.workflow.moveTitle', { status: labels.status(to) });
  return (
    <Modal open title={title} onClose={onClose}>
      <form className="form" noValidate onSubmit={submit}>
        {transition.error &&
          (isApiError(transition.error, 'version_conflict') ? (
            <VersionConflictNotice error={transition.error} onReload={reloadCurrent} />
          ) : (
            !reasonError && <ProblemNotice error={transition.error} />
          ))}
        <p>{rejecting ? t('alerts.workflow.rejectText') : t('alerts.workflow.moveText', { from: labels.status(alert.status), to: labels.status(to) })}</p>
        {rejecting && (
          <TextAreaField
            ref={reasonRef}
            label={t('alerts.workflow.reason')}
            required
            rows={3}
            maxLength={1000}
            value={reason}
            error={reasonError}
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(undefined);
            }}
          />
        )}
        {dated && (
          <TextField
            type="date"
            label={t('alerts.workflow.date')}
            hint={t('alerts.workflow.dateHint')}
            min={alert.alertDate}
            max={today}
            value={date}
            onChange={(event) => setDate(event.target.value)}
          />
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={transition.isPending}>
            {t('common.cancel')}
          </button>
          <button type="submit" className={rejecting ? 'button button-danger' : 'button'} disabled={transition.isPending}>
            {transition.isPending ? t('common.saving') : rejecting ? t('alerts.workflow.reject') : t('common.confirm')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
