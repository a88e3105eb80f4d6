import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type UserInvite, userInvite } from '../../../shared/contracts/users.ts';
import { roles } from '../../../shared/permissions.ts';
import { SelectField, TextField } from '../../ui/fields.tsx';
import { FormErrorSummary } from '../../ui/Notice.tsx';
import { type Draft, useZodForm } from '../../ui/useZodForm.ts';
import { RegionMultiSelect } from '../gazetteer/RegionMultiSelect.tsx';
import { useActiveOrganisations } from '../organisations/organisations.api.ts';

export type UserDraft = Draft<UserInvite>;

export const emptyUser: UserDraft = { email: '', name: '', role: '', organisationId: null, regions: [], language: 'fr' };

export function useUserForm(initial: UserDraft) {
  return useZodForm(userInvite, initial, {
    codeFields: {
      email_taken: 'email',
      unknown_organisation: 'organisationId',
      unknown_region: 'regions',
      cannot_deactivate_self: 'role',
    },
  });
}

interface UserFormProps {
  form: ReturnType<typeof useUserForm>;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: UserInvite) => void;
  problem?: ReactNode;
  /** The organisation the account has now, listed even if it was deactivated since. */
  currentOrganisation?: { id: string; acronym: string | null } | null;
}

/** The account fields, validated by the same schema as the server (a partner needs an organisation…). */
export function UserForm({ form, submitLabel, busy, onSubmit, problem, currentOrganisation }: UserFormProps) {
  const { t } = useTranslation();
  const { values, errors, set } = form;
  const organisations = useActiveOrganisations();

  const organisationOptions = (organisations.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.acronym} — ${o.name}` }));
  if (currentOrganisation && !organisationOptions.some((o) => o.value === currentOrganisation.id)) {
    organisationOptions.push({ value: currentOrganisation.id, label: currentOrganisation.acronym ?? currentOrganisation.id });
  }

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
          label={t('users.name')}
          required
          autoComplete="off"
          value={values.name}
          onChange={(event) => set('name', event.target.value)}
          error={errors.name}
        />
        <TextField
          label={t('users.email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          value={values.email}
          onChange={(event) => set('email', event.target.value)}
          error={errors.email}
        />
        <SelectField
          label={t('users.role')}
          required
          value={values.role}
          onChange={(event) => set('role', event.target.value as UserDraft['role'])}
          error={errors.role}
          options={[{ value: '', label: t('common.choose') }, ...roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))]}
        />
        <SelectField
          label={t('users.organisation')}
          hint={t('users.organisationHint')}
          required={values.role === 'partner'}
          value={values.organisationId ?? ''}
          onChange={(event) => set('organisationId', event.target.value || null)}
          error={errors.organisationId}
          options={[{ value: '', label: t('users.noOrganisation') }, ...organisationOptions]}
        />
        <SelectField
          label={t('users.language')}
          value={values.language ?? 'fr'}
          onChange={(event) => set('language', event.target.value === 'en' ? 'en' : 'fr')}
          options={[
            { value: 'fr', label: t('language.fr') },
            { value: 'en', label: t('language.en') },
          ]}
        />
      </div>
      <RegionMultiSelect
        label={t('users.regions')}
        hint={t('users.regionsHint')}
        required={values.role === 'regional_coordinator'}
        value={values.regions ?? []}
        onChange={(regions) => set('regions', regions)}
        error={errors.regions}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
      </div>
    </form>
  );
}
