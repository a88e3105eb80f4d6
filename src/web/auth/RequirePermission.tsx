import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Action, can } from '../../shared/permissions.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { useUiT } from '../ui/messages.ts';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useCurrentUser } from './RequireSession.tsx';

/** Shows its children only to a user allowed at least one of `anyOf`; the server checks again anyway. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Action[]; children: ReactNode }) {
  const user = useCurrentUser();
  return anyOf.some((action) => can(user, action)) ? children : <Forbidden />;
}

/** The whole page for a role that may not use it: no filters, no refusal under them, a way out. */
function Forbidden() {
  const { t } = useTranslation();
  const ut = useUiT();
  const user = useCurrentUser();
  useDocumentTitle(t('shell.forbidden'));
  return (
    <EmptyState
      title={t('shell.forbidden')}
      headingLevel={1}
      action={
        <Link className="button" to="/dashboard">
          {t('notFound.home')}
        </Link>
      }
    >
      <p>{ut('forbiddenPage', { role: t(`roles.${user.role}`) })}</p>
    </EmptyState>
  );
}
