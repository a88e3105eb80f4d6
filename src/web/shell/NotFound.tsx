import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../ui/EmptyState.tsx';
import { useDocumentTitle } from '../ui/useDocumentTitle.ts';

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <EmptyState title={t('notFound.title')} headingLevel={1} action={<Link to="/">{t('notFound.home')}</Link>}>
      <p>{t('notFound.text')}</p>
    </EmptyState>
  );
}
