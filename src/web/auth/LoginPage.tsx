import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/client.ts';
import { TextField } from '../ui/fields.tsx';
import { ProblemNotice } from '../ui/Notice.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { safeNext } from './RequireSession.tsx';
import { useLogin, useSession } from './session.ts';

type Field = 'email' | 'password';

export function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.loginTitle'));
  const { user } = useSession();
  const login = useLogin();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, boolean>>>({});

  if (user) return <Navigate to={user.mustChangePassword ? '/change-password' : safeNext(params.get('next'))} replace />;

  const serverErrors = isApiError(login.error) ? login.error.fieldErrors : [];
  const errorOf = (field: Field) =>
    missing[field] ? t('validation.required') : serverErrors.find((e) => e.path === field)?.message;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    // The server checks the rest (address format, credentials) and answers in the UI language.
    const blank = { email: email.trim() === '', password: password === '' };
    setMissing(blank);
    if (blank.email || blank.password) return;
    login.mutate({ email: email.trim(), password });
  }

  return (
    <AuthLayout>
      <h1>{t('auth.loginTitle')}</h1>
      <p className="lead">{t('auth.loginIntro')}</p>
      {login.error && <ProblemNotice error={login.error} />}
      <form onSubmit={onSubmit} noValidate className="form">
        <TextField
          label={t('auth.email')}
          type="email"
          name="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={errorOf('email')}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errorOf('password')}
        />
        <button type="submit" className="button button-block" disabled={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
      </form>
    </AuthLayout>
  );
}
