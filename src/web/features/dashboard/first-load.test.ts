import { describe, expect, it } from 'vitest';
import { authApi } from '../../../shared/contracts/auth.ts';
import { dashboardApi } from '../../../shared/contracts/dashboard.ts';
import { gazetteerApi } from '../../../shared/contracts/gazetteer.ts';
import { dashboardFirstLoad, mapBoundariesOf } from '../../../shared/dashboard-first-load.ts';
import { hrefOf } from '../../api/client.ts';

/** The addresses the dashboard's hooks ask for (dashboard.api.ts), written by the client itself. */
function clientAddresses(load: NonNullable<ReturnType<typeof dashboardFirstLoad>>) {
  const { level, parent } = mapBoundariesOf(load.values);
  return [
    hrefOf(authApi.me),
    hrefOf(dashboardApi.summary, { query: load.query }),
    hrefOf(dashboardApi.trends, { query: load.query }),
    hrefOf(dashboardApi.map, { query: load.query }),
    hrefOf(dashboardApi.boundaries, { query: { level, parent } }),
    ...(load.values.region ? [] : [hrefOf(gazetteerApi.adminAreas, { query: { level: 1, parent: null, pageSize: 100 } })]),
  ];
}

describe('the dashboard first load', () => {
  it.each([
    ['/dashboard', ''],
    ['/dashboard', '?sector=eha&months=24&at=2026-03-01'],
    ['/dashboard', '?region=ML05&cercle=ML0501&months=12'],
    ['/regions/ml05', ''],
    ['/regions/ML05', '?cercle=ML0502&sector=sante'],
  ])('asks early for exactly what the page asks for (%s%s), so the early answers are taken', (pathname, search) => {
    const load = dashboardFirstLoad(pathname, search)!;
    expect(load.requests).toEqual(clientAddresses(load));
  });

  it('knows the page and the map level of the place', () => {
    expect(dashboardFirstLoad('/dashboard', '')).toMatchObject({ page: 'dashboard', query: {} });
    expect(dashboardFirstLoad('/regions/ml05', '')).toMatchObject({ page: 'region', query: { region: 'ML05' } });
    expect(dashboardFirstLoad('/regions/ML05', '?cercle=ML0501')!.requests).toContain('/api/v1/dashboard/boundaries?level=3&parent=ML0501');
    // Filters at their default or invalid stay out of the query, as on the page.
    expect(dashboardFirstLoad('/dashboard', '?months=12&sector=nope&at=yesterday')!.query).toEqual({});
  });

  it('starts nothing for other pages', () => {
    for (const pathname of ['/', '/alerts', '/dashboard/x', '/regions/', '/regions/<script>', '/admin/dashboard'])
      expect(dashboardFirstLoad(pathname, '')).toBeNull();
  });
});
