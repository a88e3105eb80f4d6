import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AlertInput, msaFinding, populationGroups, shockTypes } from '../../../shared/contracts/alerts.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { todayIso } from '../../../shared/phases.ts';
import { sectors } from '../../../shared/sectors.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary } from '../../ui/Notice.tsx';
import { issueMessage, useZodForm } from '../../ui/useZodForm.ts';
import { PlacePicker } from '../gazetteer/PlacePicker.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';
import { type AlertDraft, alertForm, draftViolations, type FindingDraft, findingEntered, parseCount } from './alert-draft.ts';
import { useAlertLabels } from './labels.ts';
import { TextAreaField } from './TextAreaField.tsx';

export function useAlertForm(initial: AlertDraft) {
  return useZodForm(alertForm, initial, {
    codeFields: { unknown_admin_area: 'originPcodes', unknown_organisation: 'sourceOrganisationId', unknown_locality: 'hostLocalityId' },
  });
}

interface AlertFormProps {
  form: ReturnType<typeof useAlertForm>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: AlertInput) => void;
  /** The server's answer to the last attempt, shown above the fields. */
  problem?: ReactNode;
  /** A cancel link or button beside the submit button. */
  cancel?: ReactNode;
}

const severities = ['1', '2', '3', '4', '5'] as const;

export function AlertForm({ form, submitLabel, busy, onSubmit, problem, cancel }: AlertFormProps) {
  const { t } = useTranslation();
  const labels = useAlertLabels();
  const organisations = useActiveOrganisations();
  const { values, errors, set } = form;
  const [findingErrors, setFindingErrors] = useState<Partial<Record<string, string>>>({});
  const today = todayIso();

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    const violations = draftViolations(values, today);
    for (const v of violations) form.setError(v.path, errorMessage(v.code, currentLanguage()));
    // The schema reports a finding's error on the list; each line of the table gets its own here.
    const rowErrors: Partial<Record<string, string>> = {};
    for (const sector of sectors) {
      const draft = values.findings[sector];
      if (!findingEntered(draft)) continue;
      const checked = msaFinding.shape.householdsInNeed.safeParse(parseCount(draft.householdsInNeed) ?? null);
      if (!checked.success) rowErrors[sector] = issueMessage(checked.error.issues[0]!, draft.householdsInNeed, t);
    }
    setFindingErrors(rowErrors);
    if (valid && violations.length === 0) onSubmit(valid);
  }

  function setFinding(sector: (typeof sectors)[number], change: Partial<FindingDraft>) {
    set('findings', { ...values.findings, [sector]: { ...values.findings[sector], ...change } });
    if (findingErrors[sector]) setFindingErrors({ ...findingErrors, [sector]: undefined });
  }

  const organisationOptions = [
    { value: '', label: t('alerts.form.noSource') },
    ...(organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` })),
  ];
  const findingsError = errors.msaFindings && !Object.values(findingErrors).some(Boolean) ? errors.msaFindings : undefined;

  return (
    <form ref={form.formRef} className="form alert-form" noValidate onSubmit={handleSubmit}>
      {problem ?? <FormErrorSummary show={form.hasErrors} />}

      <fieldset className="form-section">
        <legend>{t('alerts.form.shockSection')}</legend>
        <div className="form-grid">
          <SelectField
            label={t('alerts.shockType')}
            required
            value={values.shockType}
            onChange={(event) => set('shockType', event.target.value as AlertDraft['shockType'])}
            error={errors.shockType}
            options={[{ value: '', label: t('common.choose') }, ...shockTypes.map((s) => ({ value: s, label: labels.shockType(s) }))]}
          />
          <TextField
            type="date"
            label={t('alerts.shockDate')}
            required
            max={today}
            value={values.shockDate}
            onChange={(event) => set('shockDate', event.target.value)}
            error={errors.shockDate}
          />
          <TextField
            type="date"
            label={t('alerts.alertDate')}
            hint={t('alerts.form.alertDateHint')}
            required
            max={today}
            value={values.alertDate}
            onChange={(event) => set('alertDate', event.target.value)}
            error={errors.alertDate}
          />
        </div>
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('alerts.form.placesSection')}</legend>
        <div className="form-grid">
          <PlacePicker
            kind="locality"
            label={t('alerts.hostLocality')}
            required
            value={values.hostLocality}
            onChange={(place) => set('hostLocality', place)}
            error={errors.hostLocalityId}
          />
          <OriginPicker value={values.origins} onChange={(origins) => set('origins', origins)} error={errors.originPcodes} />
        </div>
        <TextField
          label={t('alerts.originText')}
          hint={t('alerts.form.originTextHint')}
          maxLength={500}
          value={values.originText}
          onChange={(event) => set('originText', event.target.value)}
          error={errors.originText}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('alerts.form.populationSection')}</legend>
        <div className="form-grid">
          <TextField
            label={t('alerts.householdsDisplaced')}
            required
            inputMode="numeric"
            value={values.households}
            onChange={(event) => set('households', event.target.value)}
            error={errors.households}
          />
          <TextField
            label={t('alerts.personsDisplaced')}
            required
            inputMode="numeric"
            value={values.persons}
            onChange={(event) => set('persons', event.target.value)}
            error={errors.persons}
          />
          <SelectField
            label={t('alerts.populationGroup')}
            required
            value={values.populationGroup}
            onChange={(event) => set('populationGroup', event.target.value as AlertDraft['populationGroup'])}
            error={errors.populationGroup}
            options={populationGroups.map((g) => ({ value: g, label: labels.populationGroup(g) }))}
          />
          <SelectField
            label={t('alerts.source')}
            value={values.sourceOrganisationId}
            onChange={(event) => set('sourceOrganisationId', event.target.value)}
            error={errors.sourceOrganisationId}
            options={organisationOptions}
          />
        </div>
        <TextAreaField
          label={t('alerts.description')}
          maxLength={2000}
          rows={3}
          value={values.description}
          onChange={(event) => set('description', event.target.value)}
          error={errors.description}
        />
      </fieldset>

      <fieldset className="form-section">
        <legend>{t('alerts.msa.title')}</legend>
        <p className="field-hint">{t('alerts.msa.hint')}</p>
        {findingsError && <p className="field-error">{findingsError}</p>}
        <div className="msa-table-wrap">
          <table className="msa-table">
            <caption className="visually-hidden">{t('alerts.msa.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('alerts.msa.sector')}</th>
                <th scope="col">{t('alerts.msa.need')}</th>
                <th scope="col">{t('alerts.msa.householdsInNeed')}</th>
                <th scope="col">{t('alerts.msa.severity')}</th>
                <th scope="col">{t('alerts.msa.remarks')}</th>
              </tr>
            </thead>
            <tbody>
              {sectors.map((sector) => {
                const f = values.findings[sector];
                const name = labels.sector(sector);
                const error = findingErrors[sector];
                return (
                  <tr key={sector} className={f.need === 'yes' ? 'msa-need' : undefined}>
                    <th scope="row">{name}</th>
                    <td data-label={t('alerts.msa.need')}>
                      {/* Three answers, each in words: "not assessed" and "no need" mean different things to the gap rule. */}
                      <select aria-label={t('alerts.msa.needFor', { sector: name })} value={f.need} onChange={(event) => setFinding(sector, { need: event.target.value as FindingDraft['need'] })}>
                        <option value="">{t('alerts.msa.notAssessed')}</option>
                        <option value="yes">{t('alerts.msa.needFound')}</option>
                        <option value="no">{t('alerts.msa.noNeed')}</option>
                      </select>
                    </td>
                    <td data-label={t('alerts.msa.householdsInNeed')}>
                      <input
                        type="text"
                        inputMode="numeric"
                        aria-label={t('alerts.msa.householdsFor', { sector: name })}
                        aria-invalid={error ? true : undefined}
                        value={f.householdsInNeed}
                        onChange={(event) => setFinding(sector, { householdsInNeed: event.target.value })}
                      />
                      {error && <p className="field-error">{error}</p>}
                    </td>
                    <td data-label={t('alerts.msa.severity')}>
                      <select aria-label={t('alerts.msa.severityFor', { sector: name })} value={f.severity} onChange={(event) => setFinding(sector, { severity: event.target.value })}>
                        <option value="">{t('common.empty')}</option>
                        {severities.map((s) => (
                          <option key={s} value={s}>
                            {t(`alerts.severity.${s}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td data-label={t('alerts.msa.remarks')}>
                      <input
                        type="text"
                        maxLength={1000}
                        aria-label={t('alerts.msa.remarksFor', { sector: name })}
                        value={f.remarks}
                        onChange={(event) => setFinding(sector, { remarks: event.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        {cancel}
      </div>
    </form>
  );
}

/** Areas the families fled: any admin level, several allowed, each removable. */
function OriginPicker({ value, onChange, error }: { value: AlertDraft['origins']; onChange: (origins: AlertDraft['origins']) => void; error?: string }) {
  const { t } = useTranslation();
  const wrapper = useRef<HTMLDivElement>(null);
  // The picker is recreated empty after each choice; focus follows it so the keyboard can add another.
  const [added, setAdded] = useState(0);
  useEffect(() => {
    if (added > 0) wrapper.current?.querySelector<HTMLInputElement>('input[role="combobox"]')?.focus();
  }, [added]);

  return (
    <div className="origin-picker" ref={wrapper}>
      <PlacePicker
        key={added}
        kind="admin-area"
        label={t('alerts.origins')}
        hint={t('alerts.form.originsHint')}
        error={error}
        value={null}
        onChange={(place) => {
          if (!place) return;
          if (!value.some((o) => o.pcode === place.pcode)) onChange([...value, { pcode: place.pcode ?? place.id, name: place.name }]);
          setAdded((n) => n + 1);
        }}
      />
      {value.length > 0 && (
        <ul className="token-list" aria-label={t('alerts.origins')}>
          {value.map((o) => (
            <li key={o.pcode} className="token">
              <span>
                {o.name ?? o.pcode} <span className="muted">{o.pcode}</span>
              </span>
              <button
                type="button"
                className="token-remove"
                aria-label={t('place.clear', { name: o.name ?? o.pcode })}
                onClick={() => onChange(value.filter((x) => x.pcode !== o.pcode))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
