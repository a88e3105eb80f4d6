import { useState } from 'react';
import { Link } from 'react-router';
import type { AgendaEntry, AgendaItem, Meeting } from '../../../shared/contracts/meetings.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { TextField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { MarkdownView } from './MarkdownView.tsx';
import { useRefreshAgenda, useUpdateAgenda } from './meetings.api.ts';
import { NotesEditor } from './NotesEditor.tsx';

interface DraftItem {
  id?: string;
  key: string;
  kind: AgendaItem['kind'];
  title: string;
  description: string;
  entries: AgendaEntry[];
}

function EntryLine({ entry }: { entry: AgendaEntry }) {
  const labels = useMeetingLabels();
  const { head, detail } = labels.format.entryParts(entry);
  return (
    <>
      {entry.link ? <Link to={entry.link}>{head}</Link> : <strong>{head}</strong>}
      {detail && ` — ${detail}`}
    </>
  );
}

/**
 * The agenda: what the data showed for each item, then the notes taken. Before the meeting its
 * managers reorder, rename, remove and add items and refresh it from the data.
 */
export function AgendaPanel({ meeting, onSaved, onAddDecision, onAddAction }: { meeting: Meeting; onSaved: (message: string) => void; onAddDecision: (itemId: string) => void; onAddAction: (itemId: string) => void }) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const { agenda, permissions } = meeting;
  const [draft, setDraft] = useState<DraftItem[] | null>(null);
  const [notesOf, setNotesOf] = useState<string | null>(null);
  const [confirmRefresh, setConfirmRefresh] = useState(false);
  const update = useUpdateAgenda(meeting.id);
  const refresh = useRefreshAgenda(meeting.id);
  const titleOf = (item: Pick<AgendaItem, 'kind' | 'title'>) => labels.format.itemTitle(item);
  const scope = meeting.level === 'national' ? mt('agenda.national') : meeting.regions.map((r) => r.name).join(', ');

  function startEditing() {
    setDraft(agenda.items.map((i) => ({ id: i.id, key: i.id, kind: i.kind, title: i.title ?? '', description: i.description ?? '', entries: i.entries })));
  }
  function change(index: number, patch: Partial<DraftItem>) {
    setDraft((items) => items && items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  }
  function move(index: number, by: -1 | 1) {
    setDraft((items) => {
      if (!items) return items;
      const next = [...items];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });
  }
  function save() {
    if (!draft) return;
    update.mutate(
      {
        version: agenda.version,
        items: draft.map((item) => ({ id: item.id, title: item.title.trim() || null, description: item.description.trim() || null, entryIds: item.entries.map((e) => e.id) })),
      },
      {
        onSuccess: () => {
          setDraft(null);
          onSaved(mt('agenda.saved'));
        },
      },
    );
  }

  const lead =
    agenda.sinceMeeting !== null
      ? mt('agenda.lead', { at: labels.day(agenda.at), scope, since: mt('agenda.sinceMeeting', { title: `${agenda.sinceMeeting.title}, ${labels.day(agenda.sinceMeeting.date)}` }) })
      : mt('agenda.leadFirst', { at: labels.day(agenda.at), scope });

  return (
    <section className="panel agenda-panel" aria-labelledby="agenda-heading">
      <div className="panel-heading">
        <h2 id="agenda-heading">{mt('agenda.title')}</h2>
        {permissions.editAgenda && !draft && (
          <span className="panel-actions">
            <button type="button" className="button button-secondary" onClick={startEditing}>
              {mt('agenda.edit')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirmRefresh(true)}>
              {mt('agenda.refresh')}
            </button>
          </span>
        )}
      </div>
      <p className="muted">
        {lead} {agenda.builtAt && mt('agenda.builtAt', { date: labels.day(agenda.builtAt) })}
      </p>
      {refresh.error && <ProblemNotice error={refresh.error} />}

      {draft ? (
        <div className="agenda-editor">
          {isApiError(update.error, 'version_conflict') ? <VersionConflictNotice error={update.error} onReload={() => setDraft(null)} /> : update.error && <ProblemNotice error={update.error} />}
          <ol className="agenda-edit-list">
            {draft.map((item, index) => {
              const name = item.title || titleOf({ kind: item.kind, title: null });
              return (
                <li key={item.key} className="agenda-edit-item">
                  <div className="agenda-edit-head">
                    <TextField
                      label={`${index + 1}. ${mt('agenda.itemTitle')}`}
                      value={item.title}
                      placeholder={item.kind === 'custom' && !item.id ? '' : titleOf({ kind: item.kind, title: null })}
                      required={!item.id}
                      maxLength={300}
                      onChange={(event) => change(index, { title: event.target.value })}
                    />
                    <span className="row-actions">
                      <button type="button" className="button button-secondary button-small" disabled={index === 0} onClick={() => move(index, -1)} aria-label={mt('agenda.moveUp', { title: name })}>
                        ↑
                      </button>
                      <button type="button" className="button button-secondary button-small" disabled={index === draft.length - 1} onClick={() => move(index, 1)} aria-label={mt('agenda.moveDown', { title: name })}>
                        ↓
                      </button>
                      <button type="button" className="button button-secondary button-small" onClick={() => setDraft(draft.filter((_, i) => i !== index))} aria-label={mt('agenda.removeItem', { title: name })}>
                        ✕
                      </button>
                    </span>
                  </div>
                  <TextAreaField label={mt('agenda.itemDescription')} rows={2} maxLength={4000} value={item.description} onChange={(event) => change(index, { description: event.target.value })} />
                  {item.entries.length > 0 && (
                    <ul className="agenda-entries">
                      {item.entries.map((entry) => (
                        <li key={entry.id}>
                          <span>
                            <EntryLine entry={entry} />
                          </span>
                          <button type="button" className="link-button" onClick={() => change(index, { entries: item.entries.filter((e) => e.id !== entry.id) })}>
                            {mt('agenda.removeEntry')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ol>
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={() => setDraft([...draft, { key: `new-${draft.length}-${Date.now()}`, kind: 'custom', title: mt('agenda.newItemTitle'), description: '', entries: [] }])}>
              {mt('agenda.addItem')}
            </button>
            <button type="button" className="button" onClick={save} disabled={update.isPending}>
              {mt('agenda.editDone')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDraft(null)}>
              {mt('agenda.editCancel')}
            </button>
          </div>
        </div>
      ) : (
        <ol className="agenda-list">
          {agenda.items.map((item, index) => (
            <li key={item.id} className="agenda-item" id={`item-${item.id}`}>
              <h3>
                {index + 1}. {titleOf(item)}
              </h3>
              {item.description && <p>{item.description}</p>}
              {item.kind !== 'custom' &&
                (item.entries.length === 0 ? (
                  <p className="muted">{mt('agenda.empty')}</p>
                ) : (
                  <ul className="agenda-entries">
                    {item.entries.map((entry) => (
                      <li key={entry.id} className={entry.kind === 'action_point' && entry.currentStatus !== 'open' ? 'entry-closed' : undefined}>
                        <EntryLine entry={entry} />
                      </li>
                    ))}
                  </ul>
                ))}
              {notesOf === item.id ? (
                <NotesEditor
                  meetingId={meeting.id}
                  item={item}
                  label={titleOf(item)}
                  onCancel={() => setNotesOf(null)}
                  onSaved={(message) => {
                    setNotesOf(null);
                    onSaved(message);
                  }}
                />
              ) : (
                <>
                  {item.notes.trim() && (
                    <div className="agenda-notes">
                      <MarkdownView source={item.notes} />
                    </div>
                  )}
                  {permissions.writeMinutes && (
                    <p className="agenda-item-actions">
                      <button type="button" className="button button-secondary button-small" onClick={() => setNotesOf(item.id)}>
                        {item.notes.trim() ? mt('notes.editExisting') : mt('notes.edit')}
                        <span className="visually-hidden"> — {titleOf(item)}</span>
                      </button>
                      <button type="button" className="button button-secondary button-small" onClick={() => onAddDecision(item.id)}>
                        {mt('decisions.add')}
                        <span className="visually-hidden"> — {titleOf(item)}</span>
                      </button>
                      <button type="button" className="button button-secondary button-small" onClick={() => onAddAction(item.id)}>
                        {mt('actions.add')}
                        <span className="visually-hidden"> — {titleOf(item)}</span>
                      </button>
                    </p>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <ConfirmDialog
        open={confirmRefresh}
        title={mt('agenda.refreshTitle')}
        confirmLabel={mt('agenda.refresh')}
        busy={refresh.isPending}
        onCancel={() => setConfirmRefresh(false)}
        onConfirm={() =>
          refresh.mutate(
            { version: agenda.version },
            {
              onSuccess: () => {
                setConfirmRefresh(false);
                onSaved(mt('agenda.refreshed'));
              },
              onError: () => setConfirmRefresh(false),
            },
          )
        }
      >
        <p>{mt('agenda.refreshText')}</p>
      </ConfirmDialog>
    </section>
  );
}
