import { trendMonths, withQuery } from './dashboard.ts';
import { isSector, type Sector } from './sectors.ts';

/** A dashboard's filters, as its address carries them. */
export interface DashboardParams {
  region: string;
  cercle: string;
  sector: Sector | '';
  months: string;
  at: string;
}

const defaults: DashboardParams = { region: '', cercle: '', sector: '', months: '12', at: '' };

export function isDefaultParam(name: keyof DashboardParams, value: string): boolean {
  return value === defaults[name];
}

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

/** The boundaries a dashboard's map colours: one level below its place (the server's rule in situation.ts's `mapOf`). */
export function mapBoundariesOf(values: Pick<DashboardParams, 'region' | 'cercle'>): { level: 1 | 2 | 3; parent: string | null } {
  return { level: values.cercle ? 3 : values.region ? 2 : 1, parent: values.cercle || values.region || null };
}

/** The web app's routes `dashboard` and `regions/:pcode` (src/web/routes.tsx). */
const dashboardPath = /^\/dashboard\/?$/;
const regionPath = /^\/regions\/([A-Za-z]{2}\d{2,})\/?$/;

export interface DashboardFirstLoad {
  page: 'dashboard' | 'region';
  values: DashboardParams;
  query: Record<string, string>;
  /** API addresses, exactly as the web client writes them (src/web/api/client.ts's `hrefOf`; a test holds the two together). */
  requests: string[];
}

/**
 * What a dashboard page opened from its address asks the API for before it can draw its figures,
 * map and charts: the session, the summary, trends and map, the boundaries its map colours (one
 * level below the place: the server's rule in situation.ts) and, nationally, the regions of the
 * filter. The server names them as preloads of the page it sends a signed-in browser, the web app
 * asks for them as it starts (main.tsx), and the browser answers the second from the first: the
 * answers travel while the scripts download instead of after them. Null for any other address.
 */
export function dashboardFirstLoad(pathname: string, search: string): DashboardFirstLoad | null {
  const region = regionPath.exec(pathname)?.[1];
  if (region === undefined && !dashboardPath.test(pathname)) return null;
  const { values, query } = readDashboardParams(new URLSearchParams(search), region === undefined ? {} : { region: region.toUpperCase() });
  const { level, parent } = mapBoundariesOf(values);
  const requests = [
    '/api/v1/auth/me',
    withQuery('/api/v1/dashboard', query),
    withQuery('/api/v1/dashboard/trends', query),
    withQuery('/api/v1/dashboard/map', query),
    withQuery('/api/v1/dashboard/boundaries', { level: String(level), parent: parent ?? undefined }),
    ...(region === undefined && !values.region ? ['/api/v1/admin-areas?level=1&pageSize=100'] : []),
  ];
  return { page: region === undefined ? 'dashboard' : 'region', values, query, requests };
}
