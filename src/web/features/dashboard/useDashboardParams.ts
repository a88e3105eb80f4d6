import { useSearchParams } from 'react-router';
import { briefsApi } from '../../../shared/contracts/dashboard.ts';
import { type FigureLink, figureHref, sectorGapsHref } from '../../../shared/dashboard.ts';
import { type DashboardParams, isDefaultParam, readDashboardParams } from '../../../shared/dashboard-first-load.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { hrefOf } from '../../api/client.ts';

/** The dashboard's filters live in the URL, so a view can be shared as a link; a filter at its default stays out of it. */
export function useDashboardParams(fixed: Partial<DashboardParams> = {}) {
  const [params, setParams] = useSearchParams();
  const { values, query } = readDashboardParams(params, fixed);

  function set(name: keyof DashboardParams, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (isDefaultParam(name, value)) next.delete(name);
        else next.set(name, value);
        // Another region has other cercles.
        if (name === 'region') next.delete('cercle');
        return next;
      },
      { replace: true },
    );
  }

  return { values, query, set };
}

/** The list behind each key figure, with the dashboard's place, sector and date (src/shared/dashboard.ts: one source with the server). */
export function figureLinks(values: DashboardParams) {
  const place = { region: values.region || undefined, cercle: values.cercle || undefined, sector: values.sector || undefined, at: values.at || undefined };
  return {
    figure: (figure: FigureLink) => figureHref(figure, place),
    sector: (sector: Sector) => sectorGapsHref(sector, place),
    locality: (id: string) => `/localities/${id}`,
  };
}

/** The advocacy brief of the view (national, a region, a sector), downloaded straight from the server. */
export function briefHref(values: Pick<DashboardParams, 'region' | 'sector' | 'at'>, lang: 'fr' | 'en'): string {
  return hrefOf(briefsApi.download, { query: { region: values.region || undefined, sector: values.sector || undefined, at: values.at || undefined, lang } });
}
