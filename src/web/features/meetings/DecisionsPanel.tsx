import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { Decision, Meeting } from '../../../shared/contracts/meetings.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { ConcernSelect, type ConcernValue, noConcern } from './ConcernSelect.tsx';
import { useMeetingsT } from './i18n.ts';
import { concernLink, useMeetingLabels } from './labels.ts';
import { useDeleteDecision, useSaveDecision } from './meetings.api.ts';

/** A decision being written: new (possibly from an agenda item) or an existing one. */
export function DecisionDialog({ meeting, decision, agendaItemId, onClose, onSaved }: { meeting: Meeting; decision?: Decision; agendaItemId?: string; onClose: () => void; onSaved: (message: string) => void }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const [text, setText] = useState(decision?.text ?? '');
  const [itemId, setItemId] = useState(decision?.agendaItemId ?? agendaItemId ?? '');
  const [concern, setConcern] = useState<ConcernValue>(
    decision ? { localityId: decision.concern.locality?.id ?? null, sector: decision.concern.sector, alertId: decision.concern.alert?.id ?? null } : noConcern,
  );
  const save = useSaveDecision(meeting.id);
  const textError = isApiError(save.error) ? save.error.fieldErrors.find((e) => e.path === 'text')?.message : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ id: decision?.id, version: decision?.version, text, agendaItemId: itemId || null, ...concern }, { onSuccess: () => onSaved(mt('decisions.saved')) });
  }

  return (
    <Modal open title={decision ? `D${decision.number}` : mt('decisions.add')} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        {isApiError(save.error, 'version_conflict') ? <VersionConflictNotice error={save.error} onReload={onClose} /> : save.error && <ProblemNotice error={save.error} />}
        <TextAreaField label={mt('decisions.text')} required rows={3} maxLength={4000} value={text} error={textError} onChange={(event) => setText(event.target.value)} autoFocus />
        <SelectField
          label={mt('decisions.item')}
          value={itemId}
          onChange={(event) => setItemId(event.target.value)}
          options={[{ value: '', label: mt('concern.none') }, ...meeting.agenda.items.map((item, i) => ({ value: item.id, label: `${i + 1}. ${labels.format.itemTitle(item)}` }))]}
        />
        <ConcernSelect agenda={meeting.agenda} value={concern} onChange={setConcern} initial={decision?.concern} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {mt('decisions.save')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {mt('decisions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The meeting's decisions, numbered; written and changed while the minutes are open. */
export function DecisionsPanel({ meeting, onSaved, onAdd }: { meeting: Meeting; onSaved: (message: string) => void; onAdd: () => void }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const [editing, setEditing] = useState<Decision | null>(null);
  const [deleting, setDeleting] = useState<Decision | null>(null);
  const remove = useDeleteDecision(meeting.id);
  const writable = meeting.permissions.writeMinutes;
  return (
    <section className="panel" aria-labelledby="decisions-heading">
      <div className="panel-heading">
        <h2 id="decisions-heading">{mt('decisions.title')}</h2>
        {writable && (
          <button type="button" className="button button-secondary" onClick={onAdd}>
            {mt('decisions.add')}
          </button>
        )}
      </div>
      {meeting.decisionList.length === 0 ? (
        <p className="muted">{mt('decisions.none')}</p>
      ) : (
        <ol className="decision-list">
          {meeting.decisionList.map((d) => {
            const about = labels.concern(d.concern);
            const link = concernLink(d.concern);
            return (
              <li key={d.id} id={`decision-${d.id}`}>
                <strong className="decision-number">D{d.number}</strong>
                <div>
                  <p>{d.text}</p>
                  {about && <p className="muted">{link ? <Link to={link}>{about}</Link> : about}</p>}
                  {writable && (
                    <p className="row-actions">
                      <button type="button" className="link-button" onClick={() => setEditing(d)}>
                        {mt('decisions.edit')}
                        <span className="visually-hidden"> D{d.number}</span>
                      </button>
                      <button type="button" className="link-button" onClick={() => setDeleting(d)}>
                        {mt('decisions.delete')}
                        <span className="visually-hidden"> D{d.number}</span>
                      </button>
                    </p>
                  )}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {editing && (
        <DecisionDialog
          meeting={meeting}
          decision={editing}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            onSaved(message);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={mt('decisions.deleteTitle', { number: deleting?.number ?? '' })}
        confirmLabel={mt('decisions.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, version: deleting.version },
            {
              onSuccess: () => {
                setDeleting(null);
                onSaved(mt('decisions.deleted'));
              },
            },
          )
        }
      >
        <p>{mt('decisions.deleteText')}</p>
        {remove.error && <ProblemNotice error={remove.error} />}
      </ConfirmDialog>
    </section>
  );
}
