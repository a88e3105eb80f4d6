import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../shared/errors.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';

/** A record the user may read but not change (e.g. an alert outside a regional coordinator's regions). */
export function ForbiddenPanel() {
  const { t } = useTranslation();
  useDocumentTitle(t('shell.forbidden'));
  return (
    <EmptyState title={t('shell.forbidden')} headingLevel={1}>
      <p>{errorMessage('forbidden', currentLanguage())}</p>
    </EmptyState>
  );
}
