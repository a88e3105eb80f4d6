import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type FollowUpStatus, followUpStatuses } from '../../../shared/contracts/gaps.ts';
import { can } from '../../../shared/permissions.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { useDecisionsAbout } from '../meetings/meetings.api.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useAddFollowUp } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import { useGapLabels } from './labels.ts';

/** A coordinator's decision about a gap: advocated, taken up by an organisation, or accepted, with a comment. */
export function FollowUpForm({ localityId, sector }: { localityId: string; sector: Sector }) {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const organisations = useActiveOrganisations();
  const save = useAddFollowUp(localityId, sector);
  const [status, setStatus] = useState<FollowUpStatus>('advocated');
  const [comment, setComment] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [decisionId, setDecisionId] = useState('');
  const decisions = useDecisionsAbout(localityId, sector, can(useCurrentUser(), 'meeting:read'));
  const fieldError = (path: string) => save.error?.fieldErrors.find((e) => e.path === path)?.message;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate(
      { status, comment, organisationId: organisationId || null, decisionId: decisionId || null },
      {
        onSuccess: () => {
          setComment('');
          setOrganisationId('');
          setDecisionId('');
        },
      },
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <h3>{gt('gaps.followUp.title')}</h3>
      {save.isSuccess && <Notice tone="success" title={gt('gaps.followUp.saved')} />}
      {save.error && save.error.fieldErrors.length === 0 && save.error.code !== 'organisation_required' && <ProblemNotice error={save.error} />}
      <SelectField
        label={gt('gaps.followUp.status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as FollowUpStatus)}
        options={followUpStatuses.map((s) => ({ value: s, label: labels.followUp(s) }))}
        required
      />
      {status === 'taken_up' && (
        <SelectField
          label={gt('gaps.followUp.organisation')}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          options={[{ value: '', label: t('common.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
          error={save.error?.code === 'organisation_required' ? save.error.title : undefined}
          required
        />
      )}
      {(decisions.data?.items.length ?? 0) > 0 && (
        <SelectField
          label={gt('gaps.followUp.decision')}
          value={decisionId}
          onChange={(e) => setDecisionId(e.target.value)}
          options={[
            { value: '', label: gt('gaps.followUp.noDecision') },
            ...decisions.data!.items.map((d) => ({ value: d.id, label: `${gt('gaps.followUp.decisionRef', { number: d.number, meeting: d.meeting.title, date: labels.day(d.meeting.date) })} — ${d.text}` })),
          ]}
        />
      )}
      <TextAreaField label={gt('gaps.followUp.comment')} value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} error={fieldError('comment')} required />
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t('common.saving') : gt('gaps.followUp.save')}
        </button>
      </div>
    </form>
  );
}
