import { useMemo } from 'react';
import './dashboard.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../i18n/format.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { BriefLinks } from './BriefLinks.tsx';
import { DashboardFilters } from './DashboardFilters.tsx';
import { placesLoader, useDashboardMap, useBoundariesLoader, useDashboardSummary, useDashboardTrends } from './dashboard.api.ts';
import { SituationView, usePreloadSituation } from './SituationView.tsx';
import { figureLinks, useDashboardParams } from './useDashboardParams.ts';

/** One region for its coordinators, down to its cercles (and a cercle's communes). */
export default function RegionPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const region = (useParams().pcode ?? '').toUpperCase();
  const { values, query, set } = useDashboardParams({ region });
  const summary = useDashboardSummary(query);
  const trends = useDashboardTrends(query);
  const map = useDashboardMap(query);
  usePreloadSituation();
  const loadBoundaries = useBoundariesLoader();
  const loadPlaces = useMemo(() => placesLoader(values.sector), [values.sector]);
  const links = figureLinks(values);
  const data = summary.data;
  const scope = data?.scope;
  const title = scope?.cercle
    ? t('dashboard.region.cercleTitle', { cercle: scope.cercle.name, region: scope.region?.name ?? '' })
    : scope?.region
      ? t('dashboard.region.title', { region: scope.region.name })
      : t('dashboard.region.loading');
  return (
    <>
      <PageHeader
        title={title}
        back={
          values.cercle ? (
            <Link to={`/regions/${region}`}>{t('dashboard.region.backToRegion', { region: scope?.region?.name ?? region })}</Link>
          ) : (
            <Link to="/dashboard">{t('dashboard.region.backToDashboard')}</Link>
          )
        }
      >
        {data && <p className="lead">{t('dashboard.situationAt', { date: format.date(data.at) })}</p>}
      </PageHeader>
      <DashboardFilters values={values} set={set} regionFixed />
      <BriefLinks values={values} />
      {summary.error && <ProblemNotice error={summary.error} />}
      {!data && !summary.error && <p className="page-loading">{t('common.loading')}</p>}
      {data && (
        <SituationView
          figures={data.figures}
          coverage={data.coverageBySector}
          displacement={data.displacement}
          trends={trends.data?.months}
          map={map.data}
          parent={values.cercle || region}
          loadBoundaries={loadBoundaries}
          loadPlaces={loadPlaces}
          linkTo={links.figure}
          sectorHref={links.sector}
          localityHref={links.locality}
          areaHref={values.cercle ? undefined : (pcode) => `/regions/${region}?cercle=${pcode}`}
          exportPrefix={['relais', values.cercle || region, values.sector, data.at].filter(Boolean).join('-')}
        />
      )}
    </>
  );
}
