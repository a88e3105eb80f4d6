import { useSearchParams } from 'react-router';
import { trendMonths } from '../../../shared/dashboard.ts';
import { isSector, type Sector } from '../../../shared/sectors.ts';
import type { FigureLink } from './KeyFigures.tsx';

export interface DashboardParams {
  region: string;
  cercle: string;
  sector: Sector | '';
  months: string;
  at: string;
}

const defaults: DashboardParams = { region: '', cercle: '', sector: '', months: '12', at: '' };

/** The dashboard's filters live in the URL, so a view can be shared as a link; a filter at its default stays out of it. */
export function useDashboardParams(fixed: Partial<DashboardParams> = {}) {
  const [params, setParams] = useSearchParams();
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

  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== '' && value !== defaults[name as keyof DashboardParams]) query[name] = value;
  return { values, query, set };
}

function withQuery(path: string, entries: Record<string, string | undefined>): string {
  const search = new URLSearchParams(Object.entries(entries).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return search ? `${path}?${search}` : path;
}

/** The list behind each key figure, with the dashboard's place, sector and date. */
export function figureLinks(values: DashboardParams) {
  const place = { region: values.region || undefined, cercle: values.cercle || undefined, at: values.at || undefined };
  const gaps = { ...place, sector: values.sector || undefined };
  const links: Record<FigureLink, string> = {
    alerte: withQuery('/alerts', { ...place, phase: 'alerte' }),
    rrm: withQuery('/alerts', { ...place, phase: 'rrm' }),
    post_rrm: withQuery('/alerts', { ...place, phase: 'post_rrm' }),
    displaced: withQuery('/alerts', place),
    postRrmLocalities: withQuery('/alerts', { ...place, phase: 'post_rrm' }),
    rrmExits: withQuery('/alerts', { ...place, rrmEndsWithinDays: '30' }),
    rrmDelay: withQuery('/alerts', { ...place, rrmLate: 'true' }),
    openGaps: withQuery('/gaps', { ...gaps, status: 'uncovered,partial' }),
    upcomingGaps: withQuery('/gaps', { ...gaps, upcoming: 'true' }),
    householdsInGap: withQuery('/gaps', { ...gaps, open: 'true', sort: '-gap' }),
  };
  return {
    figure: (figure: FigureLink) => links[figure],
    sector: (sector: Sector) => withQuery('/gaps', { ...place, sector }),
    locality: (id: string) => `/localities/${id}`,
  };
}

/** The advocacy brief of a region or a sector, downloaded straight from the server. */
export function briefHref(values: Pick<DashboardParams, 'region' | 'sector' | 'at'>, lang: 'fr' | 'en'): string | null {
  if (!values.region && !values.sector) return null;
  return withQuery('/api/v1/briefs', { region: values.region || undefined, sector: values.sector || undefined, at: values.at || undefined, lang });
}
