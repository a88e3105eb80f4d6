import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors.ts';
import { type Action, can } from '../../shared/permissions.ts';
import { currentLanguage } from '../i18n/i18n.ts';
import { EmptyState } from '../ui/EmptyState.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';
import { useCurrentUser } from './RequireSession.tsx';

/** Shows its children only to a user allowed at least one of `anyOf`; the server checks again anyway. */
export function RequirePermission({ anyOf, children }: { anyOf: readonly Action[]; children: ReactNode }) {
  const user = useCurrentUser();
  return anyOf.some((action) => can(user, action)) ? children : <Forbidden />;
}

function Forbidden() {
  const { t } = useTranslation();
  useDocumentTitle(t('shell.forbidden'));
  return (
    <EmptyState title={t('shell.forbidden')} headingLevel={1}>
      <p>{errorMessage('forbidden', currentLanguage())}</p>
    </EmptyState>
  );
}
