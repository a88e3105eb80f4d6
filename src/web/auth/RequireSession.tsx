import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { CurrentUser } from '../../shared/contracts/auth.ts';
import { ProblemNotice } from '../ui/Notice.tsx';
import { useSession, wasSignedOutOnPurpose } from './session.ts';

/** Where to go after signing in: only paths of this app, never another site. */
export function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') ? value : '/';
}

export function Splash() {
  const { t } = useTranslation();
  return (
    <div className="splash" role="status">
      <span className="brand-name">{t('app.name')}</span>
      <span>{t('common.loading')}</span>
    </div>
  );
}

/**
 * The user `RequireSession` let through. A context rather than the session query itself: when the
 * session ends, a component below may re-render for its own data before `RequireSession` unmounts it,
 * and must still see the user it was rendered for.
 */
const CurrentUserContext = createContext<CurrentUser | null>(null);

/** Lets through only a signed-in user whose password is not temporary. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, isPending, error, retry } = useSession();
  const location = useLocation();
  if (isPending) return <Splash />;
  if (error) {
    return (
      <main className="centered-page">
        <ProblemNotice
          error={error}
          actions={
            <button type="button" className="button" onClick={() => void retry()}>
              {t('common.retry')}
            </button>
          }
        />
      </main>
    );
  }
  if (!user) {
    const here = location.pathname + location.search;
    const back = here !== '/' && !wasSignedOutOnPurpose();
    return <Navigate to={back ? `/login?next=${encodeURIComponent(here)}` : '/login'} replace />;
  }
  if (user.mustChangePassword) return <Navigate to="/change-password" replace />;
  return <CurrentUserContext value={user}>{children}</CurrentUserContext>;
}

/** The signed-in user, for components rendered under `RequireSession`. */
export function useCurrentUser(): CurrentUser {
  const letThrough = useContext(CurrentUserContext);
  const session = useSession();
  // Outside the gate (a component rendered on its own), the session as it is.
  const user = letThrough ?? session.user;
  if (!user) throw new Error('useCurrentUser outside RequireSession');
  return user;
}
