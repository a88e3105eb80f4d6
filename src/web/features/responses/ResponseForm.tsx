import { useQuery } from '@tanstack/react-query';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsApi, modalities, populationGroups } from '../../../shared/contracts/alerts.ts';
import { currencies, type ResponseInput, responseRuleIssues, responseStatuses, sexAgeGroups } from '../../../shared/contracts/responses.ts';
import { importMessage } from '../../../shared/import-messages.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { sectors } from '../../../shared/sectors.ts';
import { call } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary, Notice } from '../../ui/Notice.tsx';
import { useZodForm } from '../../ui/useZodForm.ts';
import { TextAreaField } from '../alerts/TextAreaField.tsx';
import { PlacePicker } from '../gazetteer/PlacePicker.tsx';
import { PackageDeliveryFields } from '../packages/PackageDeliveryFields.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { useResponseLabels } from './labels.ts';
import { parseCount, type ResponseDraft, responseForm } from './response-draft.ts';
import { useFiveWT } from './i18n.ts';

export function useResponseForm(initial: ResponseDraft) {
  return useZodForm(responseForm, initial, {
    codeFields: { unknown_locality: 'localityId', unknown_organisation: 'organisationId', unknown_alert: 'alertIds', period_locked: 'period', end_before_start: 'endDate', package_unknown: 'packageId', package_sector_mismatch: 'packageId' },
  });
}

interface ResponseFormProps {
  form: ReturnType<typeof useResponseForm>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: ResponseInput) => void;
  problem?: ReactNode;
  cancel?: ReactNode;
}

/** The alerts at the chosen place, to link the record to the shock it follows up. */
function useAlertsAt(localityId: string | undefined) {
  return useQuery({
    queryKey: ['alerts', 'list', { localityId, pageSize: 50 }],
    queryFn: ({ signal }) => call(alertsApi.list, { query: { localityId, pageSize: 50 }, signal }),
    enabled: localityId !== undefined,
  });
}

/** Figures as typed, for the live warnings: what cannot be read yet counts as not given. */
const figure = (value: string) => {
  const parsed = parseCount(value);
  return typeof parsed === 'number' ? parsed : null;
};

export function ResponseForm({ form, submitLabel, busy, onSubmit, problem, cancel }: ResponseFormProps) {
  const { t } = useTranslation();
  const ft = useFiveWT();
  const labels = useResponseLabels();
  const user = useCurrentUser();
  const organisations = useActiveOrganisations();
  const { values, errors, set } = form;
  const alerts = useAlertsAt(values.locality?.id);
  // A partner reports for its own organisation only.
  const ownOnly = scopeOf(user, 'response:write') === 'organisation';

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    if (valid) onSubmit(valid);
  }

  const warnings =
    values.startDate && /^\d{4}-\d{2}$/.test(values.period)
      ? responseRuleIssues({
          period: values.period,
          status: values.status,
          startDate: values.startDate,
          endDate: values.endDate || null,
          householdsTargeted: figure(values.householdsTargeted),
          householdsReached: figure(values.householdsReached),
          personsTargeted: figure(values.personsTargeted),
          personsReached: figure(values.personsReached),
          reachedBySexAge: Object.fromEntries(sexAgeGroups.map((g) => [g, figure(values[g])])),
        })
      : [];
  const count = (name: 'householdsTargeted' | 'householdsReached' | 'personsTargeted' | 'personsReached') => (
    <TextField label={ft(`responses.fields.${name}`)} inputMode="numeric" value={values[name]} error={errors[name]} onChange={(e) => set(name, e.target.value)} />
  );

  return (
    <form ref={form.formRef} className="form response-form" noValidate onSubmit={handleSubmit}>
      {problem ?? <FormErrorSummary show={form.hasErrors} />}

      <fieldset className="form-section">
        <legend>{ft('responses.form.who')}</legend>
        <div className="form-grid">
          <SelectField
            label={ft('responses.fields.organisation')}
            required
            disabled={ownOnly}
            value={values.organisationId}
            error={errors.organisationId}
            onChange={(e) => set('organisationId', e.target.value)}
            options={[{ value: '', label: t('common.choose') }, ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }))]}
          />
          <TextField label={ft('responses.fields.implementingPartner')} value={values.implementingPartner} error={errors.implementingPartner} onChange={(e) => set('implementingPartner', e.target.value)} />
          <TextField label={ft('responses.fields.donor')} value={values.donor} error={errors.donor} onChange={(e) => set('donor', e.target.value)} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{ft('responses.form.what')}</legend>
        <div className="form-grid">
          <SelectField
            label={ft('responses.fields.sector')}
            required
            value={values.sector}
            error={errors.sector}
            onChange={(e) => set('sector', e.target.value as ResponseDraft['sector'])}
            options={[{ value: '', label: t('common.choose') }, ...sectors.map((s) => ({ value: s, label: labels.sector(s) }))]}
          />
          <TextField label={ft('responses.fields.activity')} required value={values.activity} error={errors.activity} onChange={(e) => set('activity', e.target.value)} />
          <TextField label={ft('responses.fields.package')} value={values.package} error={errors.package} onChange={(e) => set('package', e.target.value)} />
          <PackageDeliveryFields sector={values.sector} value={values} errors={errors} set={(name, value) => set(name, value as never)} />
          <SelectField
            label={ft('responses.fields.modality')}
            value={values.modality}
            error={errors.modality}
            onChange={(e) => set('modality', e.target.value as ResponseDraft['modality'])}
            options={[{ value: '', label: t('common.empty') }, ...modalities.map((m) => ({ value: m, label: labels.modality(m) }))]}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{ft('responses.form.where')}</legend>
        <PlacePicker
          kind="locality"
          label={ft('responses.fields.locality')}
          required
          value={values.locality}
          error={errors.localityId}
          onChange={(place) => {
            set('locality', place);
            set('alertIds', []);
          }}
        />
        {values.locality && (alerts.data?.items.length ?? 0) > 0 && (
          <CheckboxGroup
            label={ft('responses.fields.alerts')}
            hint={ft('responses.form.alertsHint')}
            value={values.alertIds}
            error={errors.alertIds}
            onChange={(ids) => set('alertIds', ids)}
            options={(alerts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.code} — ${labels.day(a.shockDate)}` }))}
          />
        )}
      </fieldset>

      <fieldset className="form-section">
        <legend>{ft('responses.form.when')}</legend>
        <div className="form-grid">
          <TextField type="month" label={ft('responses.fields.period')} required value={values.period} error={errors.period} onChange={(e) => set('period', e.target.value)} />
          <SelectField
            label={ft('responses.fields.status')}
            required
            value={values.status}
            error={errors.status}
            onChange={(e) => set('status', e.target.value as ResponseDraft['status'])}
            options={[{ value: '', label: t('common.choose') }, ...responseStatuses.map((s) => ({ value: s, label: labels.status(s) }))]}
          />
          <TextField type="date" label={ft('responses.fields.startDate')} required value={values.startDate} error={errors.startDate} onChange={(e) => set('startDate', e.target.value)} />
          <TextField type="date" label={ft('responses.fields.endDate')} value={values.endDate} min={values.startDate || undefined} error={errors.endDate} onChange={(e) => set('endDate', e.target.value)} />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{ft('responses.form.forWhom')}</legend>
        <div className="form-grid">
          <SelectField
            label={ft('responses.fields.populationGroup')}
            value={values.populationGroup}
            onChange={(e) => set('populationGroup', e.target.value as ResponseDraft['populationGroup'])}
            options={populationGroups.map((g) => ({ value: g, label: labels.populationGroup(g) }))}
          />
          {count('householdsTargeted')}
          {count('householdsReached')}
          {count('personsTargeted')}
          {count('personsReached')}
        </div>
        <fieldset className="field fieldset" aria-invalid={errors.reachedBySexAge ? true : undefined}>
          <legend>{ft('responses.form.bySexAge')}</legend>
          <p className="field-hint">{ft('responses.form.bySexAgeHint')}</p>
          <div className="form-grid sex-age-grid">
            {sexAgeGroups.map((g) => (
              <TextField key={g} label={labels.sexAge(g)} inputMode="numeric" value={values[g]} onChange={(e) => set(g, e.target.value)} />
            ))}
          </div>
          {errors.reachedBySexAge && <p className="field-error">{errors.reachedBySexAge}</p>}
        </fieldset>
      </fieldset>

      <fieldset className="form-section">
        <legend>{ft('responses.form.budget')}</legend>
        <div className="form-grid">
          <TextField label={ft('responses.fields.budget')} inputMode="decimal" value={values.budget} error={errors.budget} onChange={(e) => set('budget', e.target.value)} />
          <SelectField
            label={ft('responses.fields.currency')}
            value={values.currency}
            onChange={(e) => set('currency', e.target.value as ResponseDraft['currency'])}
            options={currencies.map((c) => ({ value: c, label: c === 'XOF' ? ft('responses.form.xof') : c }))}
          />
        </div>
        <TextAreaField label={ft('responses.fields.comments')} rows={3} value={values.comments} error={errors.comments} onChange={(e) => set('comments', e.target.value)} />
      </fieldset>

      {warnings.length > 0 && (
        <Notice tone="warning" title={ft('responses.form.warningsTitle')}>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.field}-${w.code}`}>{importMessage(w.code, w.params, labels.language)}</li>
            ))}
          </ul>
        </Notice>
      )}

      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}
