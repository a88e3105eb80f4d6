import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type OrganisationInput, organisationInput, organisationRoles, organisationTypes } from '../../../shared/contracts/organisations.ts';
import { CheckboxGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary } from '../../ui/Notice.tsx';
import { type Draft, useZodForm } from '../../ui/useZodForm.ts';

export type OrganisationDraft = Draft<OrganisationInput>;

export const emptyOrganisation: OrganisationDraft = { name: '', acronym: '', type: '', roles: [] };

interface OrganisationFormProps {
  form: ReturnType<typeof useOrganisationForm>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: OrganisationInput) => void;
  /** Shown above the fields: the server's answer to the last attempt. */
  problem?: ReactNode;
}

export function useOrganisationForm(initial: OrganisationDraft) {
  return useZodForm(organisationInput, initial, { codeFields: { acronym_taken: 'acronym' } });
}

export function OrganisationForm({ form, submitLabel, busy, onSubmit, problem }: OrganisationFormProps) {
  const { t } = useTranslation();
  const { values, errors, set } = form;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    if (valid) onSubmit(valid);
  }

  return (
    <form ref={form.formRef} className="form" noValidate onSubmit={handleSubmit}>
      {problem ?? <FormErrorSummary show={form.hasErrors} />}
      <div className="form-grid">
        <TextField
          label={t('organisations.acronym')}
          required
          maxLength={40}
          value={values.acronym}
          onChange={(event) => set('acronym', event.target.value)}
          error={errors.acronym}
        />
        <TextField
          label={t('organisations.name')}
          required
          maxLength={200}
          className="span-2"
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          error={errors.name}
        />
        <SelectField
          label={t('organisations.type')}
          required
          value={values.type}
          onChange={(event) => set('type', event.target.value as OrganisationDraft['type'])}
          error={errors.type}
          options={[{ value: '', label: t('common.choose') }, ...organisationTypes.map((type) => ({ value: type, label: t(`organisations.types.${type}`) }))]}
        />
      </div>
      <CheckboxGroup
        label={t('organisations.roles')}
        options={organisationRoles.map((role) => ({ value: role, label: t(`organisations.roleNames.${role}`) }))}
        value={values.roles ?? []}
        onChange={(roles) => set('roles', roles as OrganisationInput['roles'])}
        error={errors.roles}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
