import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Assessment, type AssessmentKind, type AssessmentStatus, assessmentKinds, assessmentStatuses, severityLevels } from '../../../shared/contracts/assessments.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { type Sector, sectors } from '../../../shared/sectors.ts';
import type { ApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary, ProblemNotice } from '../../ui/Notice.tsx';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { type Place, PlacePicker } from '../gazetteer/PlacePicker.tsx';
import { useGapsT } from '../gaps/i18n.ts';
import { useGapLabels } from '../gaps/labels.ts';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';

interface ResultDraft {
  sector: Sector;
  severity: string;
  householdsInNeed: string;
  personsInNeed: string;
  findings: string;
}

export interface AssessmentValues {
  localityId: string;
  kind: AssessmentKind;
  status: AssessmentStatus;
  organisationId: string | undefined;
  startDate: string;
  endDate: string | null;
  title: string | null;
  notes: string | null;
  results: { sector: Sector; severity: number | null; householdsInNeed: number | null; personsInNeed: number | null; findings: string | null }[];
}

const count = (value: string) => (value.trim() === '' ? null : Number(value.replace(/\s/g, '')));

/** An assessment and its results by sector, for a new one or to edit one. */
export function AssessmentForm({ initial, onSubmit, busy, error }: { initial: Assessment | null; onSubmit: (values: AssessmentValues) => void; busy: boolean; error: ApiError | null }) {
  const { t } = useTranslation();
  const gt = useGapsT();
  const labels = useGapLabels();
  const user = useCurrentUser();
  const organisations = useActiveOrganisations();
  const ownOnly = scopeOf(user, 'assessment:write') === 'organisation';
  const [locality, setLocality] = useState<Place | null>(
    // The record carries a locality reference, not the gazetteer's full locality: its kind is not known here.
    initial ? { kind: 'locality', id: initial.locality.id, name: initial.locality.name, pcode: initial.locality.pcode, locality: { ...initial.locality, kind: 'other', lat: null, lon: null, version: 0 } } : null,
  );
  const [kind, setKind] = useState<AssessmentKind>(initial?.kind ?? 'territorial');
  const [status, setStatus] = useState<AssessmentStatus>(initial?.status ?? 'planned');
  const [organisationId, setOrganisationId] = useState(initial?.organisation.id ?? user.organisationId ?? '');
  const [startDate, setStartDate] = useState(initial?.startDate ?? '');
  const [endDate, setEndDate] = useState(initial?.endDate ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [notes, setNotes] = useState(initial?.notes ?? '');
  const [results, setResults] = useState<ResultDraft[]>(
    (initial?.results ?? []).map((r) => ({
      sector: r.sector,
      severity: r.severity === null ? '' : String(r.severity),
      householdsInNeed: r.householdsInNeed === null ? '' : String(r.householdsInNeed),
      personsInNeed: r.personsInNeed === null ? '' : String(r.personsInNeed),
      findings: r.findings ?? '',
    })),
  );
  const errorOf = (path: string) => error?.fieldErrors.find((e) => e.path === path)?.message;
  const unusedSectors = sectors.filter((s) => !results.some((r) => r.sector === s));
  const setResult = (index: number, change: Partial<ResultDraft>) => setResults((list) => list.map((r, i) => (i === index ? { ...r, ...change } : r)));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit({
      localityId: locality?.id ?? '',
      kind,
      status,
      organisationId: organisationId || undefined,
      startDate,
      endDate: endDate || null,
      title: title.trim() || null,
      notes: notes.trim() || null,
      results: results.map((r) => ({ sector: r.sector, severity: count(r.severity), householdsInNeed: count(r.householdsInNeed), personsInNeed: count(r.personsInNeed), findings: r.findings.trim() || null })),
    });
  }

  return (
    <form className="form panel" onSubmit={submit} noValidate>
      <FormErrorSummary show={Boolean(error && error.fieldErrors.length > 0)} />
      {error && error.fieldErrors.length === 0 && <ProblemNotice error={error} />}
      <PlacePicker kind="locality" label={gt('assessments.form.locality')} value={locality} onChange={setLocality} error={errorOf('localityId')} required />
      <div className="form-grid">
        <SelectField label={gt('assessments.form.kind')} value={kind} onChange={(e) => setKind(e.target.value as AssessmentKind)} options={assessmentKinds.map((k) => ({ value: k, label: labels.kind(k) }))} required />
        <SelectField
          label={gt('assessments.form.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as AssessmentStatus)}
          options={assessmentStatuses.map((s) => ({ value: s, label: labels.assessmentStatus(s) }))}
          error={errorOf('status')}
          required
        />
        <SelectField
          label={gt('assessments.form.organisation')}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          disabled={ownOnly}
          options={[{ value: '', label: t('common.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
          error={errorOf('organisationId')}
          required
        />
        <TextField type="date" label={gt('assessments.form.startDate')} value={startDate} onChange={(e) => setStartDate(e.target.value)} error={errorOf('startDate')} required />
        <TextField type="date" label={gt('assessments.form.endDate')} hint={gt('assessments.form.endHint')} value={endDate} onChange={(e) => setEndDate(e.target.value)} error={errorOf('endDate')} />
      </div>
      <TextField label={gt('assessments.form.title')} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={300} error={errorOf('title')} />
      <TextAreaField label={gt('assessments.form.notes')} value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} maxLength={4000} />

      <fieldset className="fieldset results-editor">
        <legend>{gt('assessments.form.results')}</legend>
        <p className="field-hint">{gt('assessments.form.resultsHint')}</p>
        {errorOf('results') && <p className="field-error">{errorOf('results')}</p>}
        {results.map((r, index) => (
          <fieldset key={r.sector}>
            <legend>{labels.sector(r.sector)}</legend>
            <SelectField
              label={gt('assessments.form.severity')}
              value={r.severity}
              onChange={(e) => setResult(index, { severity: e.target.value })}
              options={[{ value: '', label: t('common.empty') }, ...severityLevels.map((s) => ({ value: String(s), label: labels.severity(s) }))]}
              error={errorOf(`results.${index}.severity`)}
            />
            <TextField inputMode="numeric" label={gt('assessments.form.households')} value={r.householdsInNeed} onChange={(e) => setResult(index, { householdsInNeed: e.target.value })} error={errorOf(`results.${index}.householdsInNeed`)} />
            <TextField inputMode="numeric" label={gt('assessments.form.persons')} value={r.personsInNeed} onChange={(e) => setResult(index, { personsInNeed: e.target.value })} error={errorOf(`results.${index}.personsInNeed`)} />
            <TextAreaField label={gt('assessments.form.findings')} value={r.findings} onChange={(e) => setResult(index, { findings: e.target.value })} rows={2} maxLength={4000} />
            <button type="button" className="link-button" onClick={() => setResults((list) => list.filter((_, i) => i !== index))}>
              {gt('assessments.form.removeResult')}
            </button>
          </fieldset>
        ))}
        {unusedSectors.length > 0 && (
          <SelectField
            label={gt('assessments.form.addResult')}
            value=""
            onChange={(e) => e.target.value && setResults((list) => [...list, { sector: e.target.value as Sector, severity: '', householdsInNeed: '', personsInNeed: '', findings: '' }])}
            options={[{ value: '', label: t('common.choose') }, ...unusedSectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
          />
        )}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : gt('assessments.form.save')}
        </button>
      </div>
    </form>
  );
}

