import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { Notice } from '../ui/Notice.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { Splash } from './RequireSession.tsx';
import { usePasswordReplaced, useSession } from './session.ts';

/** The only screen a user with a temporary password can reach until they choose their own. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.passwordTitle'));
  const { user, isPending } = useSession();
  // Set when the change succeeds; the session update that follows then leads into the app.
  const [changed, setChanged] = useState(false);
  const passwordReplaced = usePasswordReplaced();
  if (isPending) return <Splash />;
  if (!user) return <Navigate to="/login" replace />;
  if (!user.mustChangePassword) {
    return changed ? <Navigate to="/dashboard" replace state={{ flash: t('auth.changed') }} /> : <Navigate to="/" replace />;
  }
  return (
    <AuthLayout>
      <h1>{t('auth.passwordTitle')}</h1>
      <Notice tone="warning" title={t('auth.forcedIntro')} />
      <ChangePasswordForm
        forced
        onDone={() => {
          setChanged(true);
          passwordReplaced();
        }}
      />
    </AuthLayout>
  );
}
