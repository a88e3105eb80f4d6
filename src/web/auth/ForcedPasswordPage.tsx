import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { Notice } from '../ui/Notice.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { AuthLayout } from './AuthLayout.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { Splash } from './RequireSession.tsx';
import { useSession } from './session.ts';

/** The only screen a user with a temporary password can reach until they choose their own. */
export default function ForcedPasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.passwordTitle'));
  const { user, isPending } = useSession();
  const navigate = useNavigate();
  if (isPending) return <Splash />;
  if (!user) return <Navigate to="/login" replace />;
  if (!user.mustChangePassword) return <Navigate to="/" replace />;
  return (
    <AuthLayout>
      <h1>{t('auth.passwordTitle')}</h1>
      <Notice tone="warning" title={t('auth.forcedIntro')} />
      <ChangePasswordForm forced onDone={() => navigate('/', { replace: true, state: { flash: t('auth.changed') } })} />
    </AuthLayout>
  );
}
