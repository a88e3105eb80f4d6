import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ActionPoint, actionPointStatuses, type ActionPointStatus, type Meeting } from '../../../shared/contracts/meetings.ts';
import { isApiError } from '../../api/client.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { ConcernSelect, type ConcernValue, noConcern } from './ConcernSelect.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { useCreateActionPoint, useOwners, useUpdateActionPoint } from './meetings.api.ts';

type Mode = { kind: 'create'; meeting: Meeting; agendaItemId?: string } | { kind: 'edit'; meeting: Meeting; point: ActionPoint } | { kind: 'progress'; point: ActionPoint };

/** An action point written during the meeting (what, who, by when, about what), or its progress reported by its owner. */
export function ActionPointDialog({ mode, onClose, onSaved }: { mode: Mode; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const point = mode.kind === 'create' ? null : mode.point;
  const meeting = mode.kind === 'progress' ? null : mode.meeting;
  const [title, setTitle] = useState(point?.title ?? '');
  const [ownerOrganisationId, setOwnerOrganisationId] = useState(point?.ownerOrganisation.id ?? '');
  const [ownerUserId, setOwnerUserId] = useState(point?.ownerUser?.id ?? '');
  const [ownerName, setOwnerName] = useState(point?.ownerName ?? '');
  const [dueDate, setDueDate] = useState(point?.dueDate ?? '');
  const [decisionId, setDecisionId] = useState(point?.decision?.id ?? '');
  const [concern, setConcern] = useState<ConcernValue>(
    point ? { localityId: point.concern.locality?.id ?? null, sector: point.concern.sector, alertId: point.concern.alert?.id ?? null } : noConcern,
  );
  const [status, setStatus] = useState<ActionPointStatus>(point?.status ?? 'open');
  const [statusNote, setStatusNote] = useState(point?.statusNote ?? '');
  const organisations = useActiveOrganisations();
  const owners = useOwners(mode.kind === 'progress' ? '' : ownerOrganisationId);
  const create = useCreateActionPoint();
  const update = useUpdateActionPoint();
  const mutation = mode.kind === 'create' ? create : update;
  const error = mutation.error;
  const fieldError = (name: string) => (isApiError(error) ? error.fieldErrors.find((e) => e.path === name)?.message : undefined);

  function submit(event: FormEvent) {
    event.preventDefault();
    const details = {
      title,
      ownerOrganisationId,
      ownerUserId: ownerUserId || null,
      ownerName: ownerUserId ? null : ownerName || null,
      dueDate,
      decisionId: decisionId || null,
      ...concern,
    };
    if (mode.kind === 'create') {
      create.mutate({ meetingId: mode.meeting.id, agendaItemId: mode.agendaItemId ?? null, ...details }, { onSuccess: () => onSaved(mt('actions.saved')) });
    } else if (mode.kind === 'edit') {
      update.mutate({ id: mode.point.id, version: mode.point.version, ...details, status, statusNote: statusNote || null }, { onSuccess: () => onSaved(mt('actions.updated')) });
    } else {
      update.mutate({ id: mode.point.id, version: mode.point.version, status, statusNote: statusNote || null }, { onSuccess: () => onSaved(mt('actions.updated')) });
    }
  }

  const heading = mode.kind === 'create' ? mt('actions.add') : mt('actions.updateTitle', { number: mode.point.number });
  return (
    <Modal open title={heading} onClose={onClose} wide={mode.kind !== 'progress'}>
      <form className="form" onSubmit={submit} noValidate>
        {isApiError(error, 'version_conflict') ? <VersionConflictNotice error={error} onReload={onClose} /> : error && <ProblemNotice error={error} />}
        {mode.kind === 'progress' ? (
          <p className="muted">{mode.point.title}</p>
        ) : (
          <>
            <TextAreaField label={mt('actions.what')} required rows={2} maxLength={2000} value={title} error={fieldError('title')} onChange={(event) => setTitle(event.target.value)} />
            <div className="form-grid">
              <SelectField
                label={mt('actions.owner')}
                required
                value={ownerOrganisationId}
                error={fieldError('ownerOrganisationId')}
                onChange={(event) => {
                  setOwnerOrganisationId(event.target.value);
                  setOwnerUserId('');
                }}
                options={[{ value: '', label: mt('form.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
              />
              <SelectField
                label={mt('actions.ownerPerson')}
                value={ownerUserId}
                disabled={!ownerOrganisationId}
                onChange={(event) => setOwnerUserId(event.target.value)}
                options={[{ value: '', label: mt('form.none') }, ...(owners.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))]}
              />
              <TextField label={mt('actions.ownerName')} value={ownerName} disabled={Boolean(ownerUserId)} maxLength={200} onChange={(event) => setOwnerName(event.target.value)} />
              <TextField type="date" label={mt('actions.due')} required value={dueDate} error={fieldError('dueDate')} onChange={(event) => setDueDate(event.target.value)} />
              <SelectField
                label={mt('actions.decision')}
                value={decisionId}
                onChange={(event) => setDecisionId(event.target.value)}
                options={[{ value: '', label: mt('actions.noDecision') }, ...(meeting?.decisionList ?? []).map((d) => ({ value: d.id, label: `D${d.number} — ${d.text.slice(0, 80)}` }))]}
              />
            </div>
            {meeting && <ConcernSelect agenda={meeting.agenda} value={concern} onChange={setConcern} initial={point?.concern} />}
          </>
        )}
        {mode.kind !== 'create' && (
          <div className="form-grid">
            <SelectField label={mt('actions.status')} value={status} onChange={(event) => setStatus(event.target.value as ActionPointStatus)} options={actionPointStatuses.map((s) => ({ value: s, label: labels.actionStatus(s) }))} />
            <TextAreaField label={mt('actions.statusNote')} rows={2} maxLength={2000} value={statusNote} onChange={(event) => setStatusNote(event.target.value)} />
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={mutation.isPending}>
            {mode.kind === 'create' ? mt('actions.save') : mt('actions.update')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
