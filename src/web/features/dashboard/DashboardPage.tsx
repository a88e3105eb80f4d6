import { useMemo } from 'react';
import './dashboard.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../auth/session.ts';
import { useFormat } from '../../i18n/format.ts';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { HandoverOutlook } from '../handovers/HandoverOutlook.tsx';
import { MyActionPoints } from '../meetings/MyActionPoints.tsx';
import { PackageConformityFigure } from '../packages/PackageConformityFigure.tsx';
import { BriefLinks } from './BriefLinks.tsx';
import { DashboardFilters } from './DashboardFilters.tsx';
import { placesLoader, useAreas, useDashboardMap, useBoundariesLoader, useDashboardSummary, useDashboardTrends } from './dashboard.api.ts';
import { SituationView, usePreloadSituation } from './SituationView.tsx';
import { figureLinks, useDashboardParams } from './useDashboardParams.ts';

/** The landing page: the whole post-RRM situation at a glance, for the country or a region and sector. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { values, query, set } = useDashboardParams();
  const summary = useDashboardSummary(query);
  const trends = useDashboardTrends(query);
  const map = useDashboardMap(query);
  usePreloadSituation();
  const loadBoundaries = useBoundariesLoader();
  const loadPlaces = useMemo(() => placesLoader(values.sector), [values.sector]);
  const links = figureLinks(values);
  const data = summary.data;
  // A regional coordinator's own regions, one click away from the national view (the session may be ending: no user then).
  const ownRegions = (useSession().user?.regions ?? []).filter((pcode) => pcode !== values.region);
  const regions = useAreas(1, null);
  const regionNames = new Map((regions.data?.items ?? []).map((r) => [r.pcode, r.name]));
  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        actions={
          values.region || ownRegions.length ? (
            <>
              {values.region && (
                <Link className="button button-secondary" to={`/regions/${values.region}`}>
                  {t('dashboard.regionalView')}
                </Link>
              )}
              {ownRegions.map((pcode) => (
                <Link key={pcode} className="button" to={`/regions/${pcode}`}>
                  {t('dashboard.myRegion', { region: regionNames.get(pcode) ?? pcode })}
                </Link>
              ))}
            </>
          ) : undefined
        }
      >
        <p className="lead">{data ? t('dashboard.situationAt', { date: format.date(data.at) }) : t('dashboard.lead')}</p>
      </PageHeader>
      <MyActionPoints />
      <HandoverOutlook />
      <DashboardFilters values={values} set={set} />
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
          parent={values.region || null}
          loadBoundaries={loadBoundaries}
          loadPlaces={loadPlaces}
          linkTo={links.figure}
          sectorHref={links.sector}
          localityHref={links.locality}
          areaHref={(pcode) => (values.region ? `/regions/${values.region}?cercle=${pcode}` : `/regions/${pcode}`)}
          exportPrefix={['relais', values.region || 'mali', values.sector, data.at].filter(Boolean).join('-')}
        />
      )}
      {data && <PackageConformityFigure region={values.region} sector={values.sector} />}
    </>
  );
}
