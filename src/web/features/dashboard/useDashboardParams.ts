import { useSearchParams } from 'react-router';
import { briefsApi } from '../../../shared/contracts/dashboard.ts';
import { type FigureLink, figureHref, sectorGapsHref, trendMonths } from '../../../shared/dashboard.ts';
import { isSector, type Sector } from '../../../shared/sectors.ts';
import { hrefOf } from '../../api/client.ts';

export interface DashboardParams {
  region: string;
  cercle: string;
  sector: Sector | '';
  months: string;
  at: string;
}

const defaults: DashboardParams = { region: '', cercle: '', sector: '', months: '12', at: '' };

/** The dashboard's filters as its address gives them, and the API query they make (a filter at its default stays out of it). */
export function readDashboardParams(params: URLSearchParams, fixed: Partial<DashboardParams> = {}) {
  const read = (name: keyof DashboardParams) => params.get(name) ?? defaults[name];
  const sector = read('sector');
  const months = read('months');
  const values: DashboardParams = {
    region: read('region'),
    cercle: read('cercle'),
    sector: isSector(sector) ? sector : '',
    months: (trendMonths as readonly number[]).includes(Number(months)) ? months : defaults.months,
    at: /^\d{4}-\d{2}-\d{2}$/.test(read('at')) ? read('at') : '',
    ...fixed,
  };
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(values) as [keyof DashboardParams, string][]) if (value !== '' && value !== defaults[name]) query[name] = value;
  return { values, query };
}

/** The dashboard's filters live in the URL, so a view can be shared as a link; a filter at its default stays out of it. */
export function useDashboardParams(fixed: Partial<DashboardParams> = {}) {
  const [params, setParams] = useSearchParams();
  const { values, query } = readDashboardParams(params, fixed);

  function set(name: keyof DashboardParams, value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === defaults[name]) next.delete(name);
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
