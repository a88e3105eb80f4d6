import { useTranslation } from 'react-i18next';
import { EmptyState } from '../ui/EmptyState.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import type { Area } from './navigation.ts';

/** The honest placeholder of an area not built yet: what it will do, in one sentence. */
export function ComingSoon({ area }: { area: Exclude<Area, 'admin'> }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${area}`)} />
      <EmptyState title={t('comingSoon.title')}>
        <p>{t(`comingSoon.${area}`)}</p>
      </EmptyState>
    </>
  );
}
