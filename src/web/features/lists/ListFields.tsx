import { useState } from 'react';
import { currentProtocol, legalBases, listPurposes, sensitivityClasses } from '../../../shared/list-protocol.ts';
import { sectors } from '../../../shared/sectors.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { useListsT } from './i18n.ts';
import { useListLabels } from './labels.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** A list's registration under the protocol (purpose, legal basis, retention…), as the upload and the encoded upload ask it. */
export function useListFields() {
  const [fields, setFields] = useState({
    title: '',
    purpose: 'coverage',
    legalBasis: 'consent',
    legalBasisNote: '',
    sensitivity: 'high',
    sector: 'abris_ame',
    assistanceDate: today(),
    retentionUntil: '',
  });
  const set = (name: keyof typeof fields) => (event: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: event.target.value }));
  /** The fields filled in, as the upload's query. */
  const query = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  return { fields, set, query };
}

export function ListFields({ fields, set }: Pick<ReturnType<typeof useListFields>, 'fields' | 'set'>) {
  const lt = useListsT();
  const labels = useListLabels();
  return (
    <div className="list-upload-fields">
      <TextField label={lt('form.title')} hint={lt('form.titleHint')} required value={fields.title} onChange={set('title')} />
      <SelectField
        label={lt('form.purpose')}
        value={fields.purpose}
        onChange={set('purpose')}
        options={listPurposes.map((p) => ({ value: p, label: labels.purpose(p) }))}
      />
      <SelectField
        label={lt('form.legalBasis')}
        value={fields.legalBasis}
        onChange={set('legalBasis')}
        options={legalBases.map((b) => ({ value: b, label: labels.legalBasis(b) }))}
      />
      <TextField label={lt('form.legalBasisNote')} value={fields.legalBasisNote} onChange={set('legalBasisNote')} />
      <SelectField
        label={lt('form.sensitivity')}
        value={fields.sensitivity}
        onChange={set('sensitivity')}
        options={sensitivityClasses.map((s) => ({ value: s, label: labels.sensitivity(s) }))}
      />
      <SelectField
        label={lt('form.sector')}
        value={fields.sector}
        onChange={set('sector')}
        options={sectors.map((s) => ({ value: s, label: labels.sector(s) }))}
      />
      <TextField label={lt('form.assistanceDate')} type="date" required value={fields.assistanceDate} onChange={set('assistanceDate')} />
      <TextField
        label={lt('form.retentionUntil')}
        type="date"
        hint={lt('form.retentionHint', { months: currentProtocol.defaultRetentionMonths })}
        value={fields.retentionUntil}
        onChange={set('retentionUntil')}
      />
    </div>
  );
}
