import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { changePasswordBody } from '../../shared/contracts/auth.ts';
import { TextField } from '../ui/fields.tsx';
import { FormErrorSummary, ProblemNotice } from '../ui/Notice.tsx';
import { useZodForm } from '../ui/useZodForm.ts';
import { useChangePassword } from './session.ts';

interface ChangePasswordFormProps {
  /** The user is changing the temporary password an administrator gave them. */
  forced?: boolean;
  onDone: () => void;
}

export function ChangePasswordForm({ forced, onDone }: ChangePasswordFormProps) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useZodForm(changePasswordBody.extend({ confirmPassword: changePasswordBody.shape.currentPassword }), {
    currentPassword: '',
    newPassword: '',
    confirmPassword: '',
  }, { codeFields: { wrong_current_password: 'currentPassword', password_reused: 'newPassword' } });

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const valid = form.submit();
    if (!valid) return;
    if (valid.newPassword !== valid.confirmPassword) {
      form.setError('confirmPassword', t('auth.mismatch'));
      return;
    }
    change.mutate(
      { currentPassword: valid.currentPassword, newPassword: valid.newPassword },
      { onSuccess: onDone, onError: form.showServerError },
    );
  }

  return (
    <form ref={form.formRef} onSubmit={onSubmit} noValidate className="form">
      {change.error ? <ProblemNotice error={change.error} /> : <FormErrorSummary show={form.hasErrors} />}
      <TextField
        label={forced ? t('auth.currentPasswordForced') : t('auth.currentPassword')}
        type="password"
        autoComplete="current-password"
        required
        value={form.values.currentPassword}
        onChange={(event) => form.set('currentPassword', event.target.value)}
        error={form.errors.currentPassword}
      />
      <TextField
        label={t('auth.newPassword')}
        hint={t('auth.newPasswordHint')}
        type="password"
        autoComplete="new-password"
        required
        value={form.values.newPassword}
        onChange={(event) => form.set('newPassword', event.target.value)}
        error={form.errors.newPassword}
      />
      <TextField
        label={t('auth.confirmPassword')}
        type="password"
        autoComplete="new-password"
        required
        value={form.values.confirmPassword}
        onChange={(event) => form.set('confirmPassword', event.target.value)}
        error={form.errors.confirmPassword}
      />
      <button type="submit" className="button" disabled={change.isPending}>
        {change.isPending ? t('common.saving') : t('auth.changeSubmit')}
      </button>
    </form>
  );
}
