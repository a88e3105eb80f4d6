import { useState } from 'react';
import type { ListDetail, SharingRequestInput } from '../../../shared/contracts/lists.ts';
import { currentProtocol, listPurposes, shareableFields } from '../../../shared/list-protocol.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { type Place, PlacePicker } from '../gazetteer/PlacePicker.tsx';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';
import { useRequestSharing } from './lists.api.ts';

/** What is asked for: one list, or the households of a locality and sector whoever holds them. */
type Target = { list: ListDetail } | { list?: undefined };

/**
 * An organisation's request for another organisation's households, for a purpose, a set of
 * fields and a period: the button and its dialog, on a list's page or on the sharing page.
 */
export function SharingRequestButton({ target, onDone }: { target: Target; onDone: (message: string) => void }) {
  const lt = useListsT();
  const labels = useListLabels();
  const request = useRequestSharing();
  const [open, setOpen] = useState(false);
  const today = new Date().toISOString().slice(0, 10);
  const [form, setForm] = useState({ purpose: 'deduplication', justification: '', fields: ['headName', 'phones'] as string[], from: today, to: '' });
  const [locality, setLocality] = useState<Place | null>(null);
  const [sector, setSector] = useState<Sector | ''>('');
  const fieldOptions = shareableFields.map((f) => ({ value: f, label: currentProtocol.fields.find((p) => p.field === f)!.label[labels.lang] }));
  const fieldError = (path: string) => request.error?.fieldErrors.find((e) => e.path === `body.${path}`)?.message;
  const scope: Pick<SharingRequestInput, 'listId' | 'localityId' | 'sector'> = target.list
    ? { listId: target.list.id }
    : { localityId: locality?.id, sector: sector || undefined };
  return (
    <>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {target.list ? lt('request.action') : lt('request.actionByPlace')}
      </button>
      <Modal open={open} title={target.list ? lt('request.title') : lt('request.titleByPlace')} onClose={() => setOpen(false)} wide>
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            request.mutate(
              {
                ...scope,
                purpose: form.purpose as (typeof listPurposes)[number],
                justification: form.justification,
                fields: form.fields as SharingRequestInput['fields'],
                from: form.from,
                to: form.to,
              },
              {
                onSuccess: () => {
                  setOpen(false);
                  onDone(lt('request.sent'));
                },
              },
            );
          }}
          noValidate
        >
          <p className="field-hint">{target.list ? lt('request.intro') : lt('request.introByPlace')}</p>
          {!target.list && (
            <div className="form-grid">
              <PlacePicker kind="locality" label={lt('request.locality')} required value={locality} onChange={setLocality} error={fieldError('localityId')} />
              <SelectField
                label={lt('request.sector')}
                required
                value={sector}
                onChange={(event) => setSector(event.target.value as Sector | '')}
                options={[{ value: '', label: lt('request.chooseSector') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
                error={fieldError('sector')}
              />
            </div>
          )}
          <SelectField
            label={lt('request.purpose')}
            value={form.purpose}
            onChange={(event) => setForm((f) => ({ ...f, purpose: event.target.value }))}
            options={listPurposes.map((p) => ({ value: p, label: labels.purpose(p) }))}
          />
          <TextField
            label={lt('request.justification')}
            required
            value={form.justification}
            onChange={(event) => setForm((f) => ({ ...f, justification: event.target.value }))}
            error={fieldError('justification')}
          />
          <CheckboxGroup
            label={lt('request.fields')}
            options={fieldOptions}
            value={form.fields}
            onChange={(fields) => setForm((f) => ({ ...f, fields }))}
            columns
          />
          <div className="form-grid">
            <TextField
              label={lt('request.from')}
              type="date"
              required
              value={form.from}
              onChange={(event) => setForm((f) => ({ ...f, from: event.target.value }))}
              error={fieldError('from')}
            />
            <TextField
              label={lt('request.to')}
              type="date"
              required
              value={form.to}
              onChange={(event) => setForm((f) => ({ ...f, to: event.target.value }))}
              error={fieldError('to')}
            />
          </div>
          {request.error && request.error.fieldErrors.length === 0 && <ProblemNotice error={request.error} />}
          <div className="form-actions">
            <button type="submit" className="button" disabled={request.isPending}>
              {lt('request.send')}
            </button>
          </div>
        </form>
      </Modal>
    </>
  );
}
