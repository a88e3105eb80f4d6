import { useTranslation } from 'react-i18next';
import type { DashboardParams } from '../../../shared/dashboard-first-load.ts';
import { briefHref } from './useDashboardParams.ts';

/** Download links of the advocacy brief of the view (national, a region or a sector), in French and English. */
export function BriefLinks({ values }: { values: DashboardParams }) {
  const { t } = useTranslation();
  const fr = briefHref(values, 'fr');
  const en = briefHref(values, 'en');
  return (
    <div className="brief-links">
      <a className="button button-secondary" href={fr} download>
        {t('dashboard.brief.fr')}
      </a>
      <a className="button button-secondary" href={en} download>
        {t('dashboard.brief.en')}
      </a>
    </div>
  );
}
