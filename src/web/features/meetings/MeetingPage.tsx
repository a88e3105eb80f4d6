import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { InvitationResult, Meeting, MeetingStatus } from '../../../shared/contracts/meetings.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { ActionPointDialog } from './ActionPointDialog.tsx';
import { ActionPointTable } from './ActionPointTable.tsx';
import { AgendaPanel } from './AgendaPanel.tsx';
import { MeetingStatusBadge } from './badges.tsx';
import { DecisionDialog, DecisionsPanel } from './DecisionsPanel.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { meetingFiles, useMeeting, useMeetingStatus, useSendInvitations } from './meetings.api.ts';
import './meetings.css';

function Participants({ meeting }: { meeting: Meeting }) {
  const mt = useMeetingsT();
  const who = (p: Meeting['participants'][number]) => [p.organisation?.acronym, p.user?.name ?? p.name].filter(Boolean).join(' — ');
  const attendanceTaken = meeting.participants.some((p) => p.present !== null);
  if (meeting.participants.length === 0) return <p className="muted">{mt('page.noParticipant')}</p>;
  if (!attendanceTaken) return <p>{meeting.participants.map(who).join(', ')}</p>;
  const present = meeting.participants.filter((p) => p.present);
  const absent = meeting.participants.filter((p) => p.invited && p.present === false);
  return (
    <dl className="meeting-facts">
      <dt>{mt('page.present')}</dt>
      <dd>{present.map(who).join(', ') || '—'}</dd>
      {absent.length > 0 && (
        <>
          <dt>{mt('page.absent')}</dt>
          <dd>{absent.map(who).join(', ')}</dd>
        </>
      )}
    </dl>
  );
}

type Transition = { to: MeetingStatus; label: string; confirm?: { title: string; text: string; danger?: boolean } };

/** One meeting: its details, the agenda drawn from the data, notes, decisions and action points, and its files. */
export default function MeetingPage() {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const { id = '' } = useParams();
  const query = useMeeting(id);
  const status = useMeetingStatus(id);
  const invitations = useSendInvitations(id);
  const [message, setMessage] = useState<string | null>(null);
  const [invited, setInvited] = useState<InvitationResult | null>(null);
  const [pending, setPending] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const [decisionFor, setDecisionFor] = useState<{ itemId?: string } | null>(null);
  const [actionFor, setActionFor] = useState<{ itemId?: string } | null>(null);
  const back = <Link to="/meetings">{mt('back')}</Link>;

  if (query.error) {
    return (
      <>
        <PageHeader title={mt('title')} back={back} />
        <ProblemNotice error={query.error} />
      </>
    );
  }
  const meeting = query.data;
  if (!meeting) return <p className="page-loading">{t('common.loading')}</p>;
  const { permissions } = meeting;
  const saved = (text: string) => {
    setMessage(text);
    setInvited(null);
  };

  const transitions: Transition[] = !permissions.manage
    ? []
    : meeting.status === 'planned'
      ? [
          { to: 'held', label: mt('page.markHeld') },
          { to: 'cancelled', label: mt('page.cancelMeeting'), confirm: { title: mt('page.cancelTitle'), text: mt('page.cancelText'), danger: true } },
        ]
      : meeting.status === 'held'
        ? [
            { to: 'minutes_published', label: mt('page.publish'), confirm: { title: mt('page.publishTitle'), text: mt('page.publishText') } },
            { to: 'planned', label: mt('page.backToPlanned') },
          ]
        : meeting.status === 'minutes_published'
          ? [{ to: 'held', label: mt('page.reopen') }]
          : [];

  function changeStatus(transition: Transition) {
    status.mutate(
      { status: transition.to, version: meeting!.version, reason: transition.to === 'cancelled' ? reason || null : null },
      {
        onSuccess: (after) => {
          setPending(null);
          setReason('');
          saved(after.status === 'cancelled' ? mt('page.cancelled') : mt('page.statusChanged', { status: labels.status(after.status) }));
        },
        onError: () => setPending(null),
      },
    );
  }

  const mailError = status.error ?? invitations.error;
  return (
    <>
      <PageHeader
        title={meeting.title}
        back={back}
        actions={
          <>
            {permissions.manage && meeting.status !== 'minutes_published' && (
              <Link className="button button-secondary" to={`/meetings/${meeting.id}/edit`}>
                {mt('page.edit')}
              </Link>
            )}
            {transitions.map((transition) => (
              <button
                key={transition.to}
                type="button"
                className={transition.to === 'cancelled' || transition.to === 'planned' ? 'button button-secondary' : 'button'}
                disabled={status.isPending}
                onClick={() => (transition.confirm ? setPending(transition) : changeStatus(transition))}
              >
                {transition.label}
              </button>
            ))}
          </>
        }
      >
        <p className="page-meta">
          <MeetingStatusBadge status={meeting.status} />
          <span>{meeting.level === 'national' ? labels.level('national') : `${labels.level('regional')} — ${meeting.regions.map((r) => r.name).join(', ')}`}</span>
          <span>
            {labels.longDay(meeting.date)}, {mt('time', { start: meeting.startTime, end: meeting.endTime })}
          </span>
        </p>
      </PageHeader>
      {message && <Notice tone="success" title={message} />}
      {invited && (
        <Notice tone={invited.failed.length ? 'warning' : 'success'} title={invited.emailEnabled ? mt('page.invitationsResult', { count: invited.sent, notified: invited.notified }) : mt('page.invitationsNoEmail')}>
          {invited.failed.length > 0 && <p>{mt('page.invitationsFailed', { list: invited.failed.join(', ') })}</p>}
        </Notice>
      )}
      {isApiError(mailError, 'version_conflict') ? <VersionConflictNotice error={mailError} onReload={() => void query.refetch()} /> : mailError && <ProblemNotice error={mailError} />}
      {meeting.status === 'cancelled' && <Notice tone="warning" title={mt('page.cancelledNotice')}>{meeting.cancelReason && <p>{meeting.cancelReason}</p>}</Notice>}

      <section className="panel" aria-labelledby="meeting-details">
        <div className="panel-heading">
          <h2 id="meeting-details">{mt('page.details')}</h2>
          <span className="panel-actions">
            <a className="button button-secondary button-small" href={meetingFiles.invitation(meeting.id)} download>
              {mt('page.ics')}
            </a>
            {permissions.manage && meeting.status === 'planned' && (
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={invitations.isPending}
                onClick={() => invitations.mutate({ version: meeting.version }, { onSuccess: (result) => (setInvited(result), setMessage(null)) })}
              >
                {meeting.invitationsSentAt ? mt('page.resendInvitations') : mt('page.sendInvitations')}
              </button>
            )}
          </span>
        </div>
        <dl className="meeting-facts">
          {meeting.place && (
            <>
              <dt>{mt('page.place')}</dt>
              <dd>{meeting.place}</dd>
            </>
          )}
          {meeting.callLink && (
            <>
              <dt>{mt('page.callLink')}</dt>
              <dd>
                <a href={meeting.callLink} target="_blank" rel="noopener noreferrer">
                  {meeting.callLink}
                </a>
              </dd>
            </>
          )}
          {(meeting.chairOrganisation || meeting.chairName) && (
            <>
              <dt>{mt('page.chair')}</dt>
              <dd>{[meeting.chairOrganisation?.acronym, meeting.chairName].filter(Boolean).join(' — ')}</dd>
            </>
          )}
          <dt>{mt('page.participants')}</dt>
          <dd>
            <Participants meeting={meeting} />
          </dd>
        </dl>
        <p className="muted">
          {[meeting.createdBy && mt('page.createdBy', { name: meeting.createdBy }), meeting.invitationsSentAt && mt('page.invitationsSent', { date: labels.day(meeting.invitationsSentAt) })].filter(Boolean).join(' · ')}
        </p>
        <div className="minutes-links" role="group" aria-label={mt('page.minutesPdf')}>
          <span>{mt('page.minutesPdf')}</span>
          <a className="button button-secondary button-small" href={meetingFiles.minutes(meeting.id, 'fr')} download lang="fr">
            {mt('page.minutesFr')}
          </a>
          <a className="button button-secondary button-small" href={meetingFiles.minutes(meeting.id, 'en')} download lang="en">
            {mt('page.minutesEn')}
          </a>
          {meeting.status !== 'minutes_published' && <span className="muted">{mt('page.draftNotice')}</span>}
        </div>
      </section>

      <AgendaPanel meeting={meeting} onSaved={saved} onAddDecision={(itemId) => setDecisionFor({ itemId })} onAddAction={(itemId) => setActionFor({ itemId })} />
      <DecisionsPanel meeting={meeting} onSaved={saved} onAdd={() => setDecisionFor({})} />

      <section className="panel" aria-labelledby="actions-heading">
        <div className="panel-heading">
          <h2 id="actions-heading">{mt('actions.title')}</h2>
          {permissions.writeMinutes && (
            <button type="button" className="button button-secondary" onClick={() => setActionFor({})}>
              {mt('actions.add')}
            </button>
          )}
        </div>
        {meeting.actionPointList.length === 0 ? <p className="muted">{mt('actions.none')}</p> : <ActionPointTable points={meeting.actionPointList} meeting={meeting} caption={mt('actions.title')} onSaved={saved} />}
      </section>

      {decisionFor && (
        <DecisionDialog
          meeting={meeting}
          agendaItemId={decisionFor.itemId}
          onClose={() => setDecisionFor(null)}
          onSaved={(text) => {
            setDecisionFor(null);
            saved(text);
          }}
        />
      )}
      {actionFor && (
        <ActionPointDialog
          mode={{ kind: 'create', meeting, agendaItemId: actionFor.itemId }}
          onClose={() => setActionFor(null)}
          onSaved={(text) => {
            setActionFor(null);
            saved(text);
          }}
        />
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.confirm?.title ?? ''}
        confirmLabel={pending?.label ?? ''}
        danger={pending?.confirm?.danger}
        busy={status.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && changeStatus(pending)}
      >
        <p>{pending?.confirm?.text}</p>
        {pending?.to === 'cancelled' && <TextAreaField label={mt('page.cancelReason')} rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </ConfirmDialog>
    </>
  );
}
