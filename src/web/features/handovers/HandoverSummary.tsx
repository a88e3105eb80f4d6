import { Link, useNavigate } from 'react-router';
import type { HandoverSummary } from '../../../shared/contracts/alerts.ts';
import type { GapExplanation } from '../../../shared/contracts/gaps.ts';
import { handoverStatusLabels } from '../../../shared/contracts/handovers.ts';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { currentLanguage } from '../../i18n/i18n.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { useAlertLabels } from '../alerts/labels.ts';
import { useCreateHandover } from './handovers.api.ts';
import { useHandoversT } from './i18n.ts';
import { handoverSteps } from './steps.ts';

/** A shock's handover in a few lines: its status (a link to its page), overdue or not, and the dates of its steps. */
export function HandoverState({ handover }: { handover: HandoverSummary }) {
  const ht = useHandoversT();
  const labels = useAlertLabels();
  const language = currentLanguage();
  const steps = handoverSteps(handover);
  return (
    <span className="cell-stack handover-state" data-status={handover.status}>
      <span>
        <Link to={`/handovers/${handover.id}`} className={`badge badge-handover-${handover.status}`} title={ht('continuum.see')}>
          {handoverStatusLabels[handover.status][language]}
        </Link>
        {handover.overdue && <span className="badge badge-late">{ht('list.overdue')}</span>}
      </span>
      {steps.map((s) => (
        <span key={s.status} className="muted nowrap">
          {ht('continuum.stepOn', { step: handoverStatusLabels[s.status][language], date: labels.day(s.on) })}
        </span>
      ))}
    </span>
  );
}

/**
 * A validated shock without a handover: the coordinators of its region may open one before its
 * to-do comes at month 10, and land on its page.
 */
export function OpenHandover({ alertId, regionPcode }: { alertId: string; regionPcode: string | null }) {
  const ht = useHandoversT();
  const user = useCurrentUser();
  const create = useCreateHandover();
  const navigate = useNavigate();
  if (!can(user, 'handover:manage', { regionPcodes: regionPcode ? [regionPcode] : [] })) return null;
  return (
    <>
      <button
        type="button"
        className="button button-secondary button-small no-print"
        disabled={create.isPending}
        onClick={() => create.mutate({ alertId }, { onSuccess: (h) => void navigate(`/handovers/${h.id}`) })}
      >
        {ht('continuum.open')}
      </button>
      {create.error && <ProblemNotice error={create.error} />}
    </>
  );
}

/**
 * A gap in the resilience phase: where the handover of the shock that set the phase stands. Its
 * notes come only to readers of organisation-level detail (the server leaves them out otherwise).
 */
export function GapHandover({ handover, regionPcode }: { handover: NonNullable<GapExplanation['handover']>; regionPcode: string | null }) {
  const ht = useHandoversT();
  const labels = useAlertLabels();
  const h = handover.state;
  return (
    <section className="panel gap-handover" aria-labelledby="gap-handover">
      <h2 id="gap-handover">{ht('gap.title')}</h2>
      <p>{ht('gap.lead')}</p>
      {h === null ? (
        <p>
          {ht('gap.none', { code: handover.shock.code })} <OpenHandover alertId={handover.shock.alertId} regionPcode={regionPcode} />
        </p>
      ) : (
        <dl className="gap-figures">
          <dt>{ht('gap.shock')}</dt>
          <dd>
            <Link to={`/alerts/${handover.shock.alertId}`}>{handover.shock.code}</Link> · {labels.day(handover.shock.shockDate)}
          </dd>
          <dt>{ht('gap.status')}</dt>
          <dd>
            <HandoverState handover={h} />
          </dd>
          <dt>{ht('gap.actors')}</dt>
          <dd>{h.actors.length ? h.actors.map((a) => `${a.acronym} (${a.name})`).join(', ') : ht('gap.noActors')}</dd>
          {h.notes && (
            <>
              <dt>{ht('gap.notes')}</dt>
              <dd>{h.notes}</dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
