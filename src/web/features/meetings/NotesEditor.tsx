import { type FormEvent, useState } from 'react';
import type { AgendaItem } from '../../../shared/contracts/meetings.ts';
import { isApiError } from '../../api/client.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { useMeetingsT } from './i18n.ts';
import { MarkdownView } from './MarkdownView.tsx';
import { useSaveNotes } from './meetings.api.ts';

/** The notes of one agenda item, written during the meeting, with a preview of the Markdown. */
export function NotesEditor({ meetingId, item, label, onSaved, onCancel }: { meetingId: string; item: AgendaItem; label: string; onSaved: (message: string) => void; onCancel: () => void }) {
  const mt = useMeetingsT();
  const [notes, setNotes] = useState(item.notes);
  const [preview, setPreview] = useState(false);
  const save = useSaveNotes(meetingId);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ itemId: item.id, notes, version: item.version }, { onSuccess: () => onSaved(mt('notes.saved')) });
  }

  return (
    <form className="form notes-editor" onSubmit={submit}>
      {isApiError(save.error, 'version_conflict') ? <VersionConflictNotice error={save.error} onReload={onCancel} /> : save.error && <ProblemNotice error={save.error} />}
      <TextAreaField label={`${mt('notes.label')} — ${label}`} hint={mt('notes.hint')} rows={6} maxLength={50_000} value={notes} onChange={(event) => setNotes(event.target.value)} autoFocus />
      <label className="checkbox">
        <input type="checkbox" checked={preview} onChange={(event) => setPreview(event.target.checked)} />
        <span>{mt('notes.preview')}</span>
      </label>
      {preview && (notes.trim() ? <MarkdownView source={notes} /> : <p className="muted">{mt('notes.none')}</p>)}
      <div className="form-actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {mt('notes.save')}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {mt('notes.cancel')}
        </button>
      </div>
    </form>
  );
}
