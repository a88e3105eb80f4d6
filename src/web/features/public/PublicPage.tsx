import { useMemo } from 'react';
import '../dashboard/dashboard.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { sectorLabels, sectors } from '../../../shared/sectors.ts';
import { useFormat } from '../../i18n/format.ts';
import { LanguageSwitch } from '../../shell/LanguageSwitch.tsx';
import { SelectField } from '../../ui/fields.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { useDocumentTitle } from '../../ui/useDocumentTitle.ts';
import { SituationView, usePreloadSituation } from '../dashboard/SituationView.tsx';
import { useDashboardParams } from '../dashboard/useDashboardParams.ts';
import { useLanguage } from '../dashboard/useLanguage.ts';
import { fetchPublicBoundaries, publicPlacesLoader, usePublicMap, usePublicStatus, usePublicSummary, usePublicTrends } from './public.api.ts';

/**
 * The public transparency page: aggregated figures, map and charts of today, without signing in.
 * Its API (/api/public) gives nothing personal and nothing internal; the page links nowhere inside.
 */
export default function PublicPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const language = useLanguage();
  useDocumentTitle(t('public.title'));
  const { values, set } = useDashboardParams();
  const query: Record<string, string> = {};
  if (values.region) query.region = values.region;
  if (values.sector) query.sector = values.sector;
  const status = usePublicStatus();
  const enabled = status.data?.enabled === true;
  const summary = usePublicSummary(query, enabled);
  const trends = usePublicTrends(query, enabled);
  const map = usePublicMap(query, enabled);
  usePreloadSituation(enabled);
  const loadPlaces = useMemo(() => publicPlacesLoader(values.sector), [values.sector]);
  const data = summary.data;
  return (
    <div className="public-page">
      <header className="public-header">
        <div className="brand">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <div className="public-header-actions">
          <LanguageSwitch />
          <Link to="/login" className="public-sign-in">
            {t('public.signIn')}
          </Link>
        </div>
      </header>
      <main id="main" className="public-main">
        <h1>{t('public.title')}</h1>
        <p className="lead">{t('public.lead')}</p>
        {status.error && <ProblemNotice error={status.error} />}
        {status.data && !enabled && <p className="notice notice-info">{t('public.disabled')}</p>}
        {enabled && (
          <>
            <div className="filters dashboard-filters" role="search" aria-label={t('dashboard.filters.label')}>
              <SelectField
                label={t('dashboard.filters.region')}
                value={values.region}
                onChange={(event) => set('region', event.target.value)}
                options={[{ value: '', label: t('dashboard.filters.allRegions') }, ...(data?.regions ?? []).map((r) => ({ value: r.pcode, label: r.name }))]}
              />
              <SelectField
                label={t('dashboard.filters.sector')}
                value={values.sector}
                onChange={(event) => set('sector', event.target.value)}
                options={[{ value: '', label: t('dashboard.filters.allSectors') }, ...sectors.map((s) => ({ value: s, label: sectorLabels[s][language] }))]}
              />
            </div>
            {summary.error && <ProblemNotice error={summary.error} />}
            {!data && !summary.error && <p className="page-loading">{t('common.loading')}</p>}
            {data && (
              <>
                <p className="muted">{t('dashboard.situationAt', { date: format.date(data.at) })}</p>
                <SituationView
                  figures={data.figures}
                  coverage={data.coverageBySector}
                  displacement={data.displacement}
                  trends={trends.data?.months}
                  map={map.data}
                  parent={values.region || null}
                  loadBoundaries={fetchPublicBoundaries}
                  loadPlaces={loadPlaces}
                  exportPrefix={['relais', values.region || 'mali', values.sector, data.at].filter(Boolean).join('-')}
                />
              </>
            )}
            <p className="muted public-sources">{t('public.sources')}</p>
          </>
        )}
      </main>
    </div>
  );
}
