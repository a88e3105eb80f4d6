// @vitest-environment happy-dom
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { DashboardMap, DashboardSummary, DashboardTrends, DisplacementTable as Table } from '../../../shared/contracts/dashboard.ts';
import { initI18n } from '../../i18n/i18n.ts';
import { adminUser } from '../../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';
import { DisplacementTable } from './DisplacementTable.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { figureLinks } from './useDashboardParams.ts';

const table: Table = {
  rrmMonths: 3,
  postRrmUntilMonth: 12,
  zones: [
    { zone: 'north', households: 6400, byBucket: [576, 3904, 1920], shares: [0.09, 0.61, 0.3] },
    { zone: 'centre', households: 8800, byBucket: [880, 1848, 6072], shares: [0.1, 0.21, 0.69] },
    { zone: 'south', households: 0, byBucket: [0, 0, 0], shares: null },
  ],
};

const figures: DashboardSummary['figures'] = {
  alertsByPhase: { alerte: 6, rrm: 5, post_rrm: 22 },
  displacedHouseholds: 7421,
  displacedPersons: 45233,
  postRrmLocalities: 22,
  rrmExits: 7,
  rrmExitDays: 30,
  rrm: { medianDays: 12.5, targetDays: 15, responded: 21, withinTarget: 13, lateNow: 1 },
  gaps: { open: 59, upcoming: 5, householdsInGap: 4084, uncovered: 30, partial: 29, covered: 10, unknown: 2 },
};

const summary: DashboardSummary = {
  at: '2026-03-25',
  months: 12,
  scope: { region: { pcode: 'ML05', name: 'Mopti' }, cercle: null, sector: 'eha' },
  figures,
  coverageBySector: [{ sector: 'eha', need: 400, covered: 100, gap: 300, ratio: 0.25, pairs: 2, open: 1, upcoming: 0 }],
  displacement: table,
  generatedAt: '2026-03-25T10:00:00.000Z',
};

const map: DashboardMap = {
  at: '2026-03-25',
  regions: [],
  points: { lon: [], lat: [], region: [], displacedHouseholds: [], phase: [], gapStatus: [], gapHouseholds: [] },
  places: { id: [], name: [], openGaps: [], upcomingGaps: [] },
  areaLevel: 2,
  areas: [
    { pcode: 'ML0501', name: 'Mopti', displacedHouseholds: 300, need: 400, covered: 100, ratio: 0.25, householdsInGap: 300, openGaps: 1 },
    { pcode: 'ML0502', name: 'Bandiagara', displacedHouseholds: 0, need: 0, covered: 0, ratio: null, householdsInGap: 0, openGaps: 0 },
  ],
  boundariesAvailable: false,
  bbox: null,
  tileUrl: null,
  tileAttribution: null,
};
const trends: DashboardTrends = { at: '2026-03-25', months: [], upToDate: true };

describe('dashboard pieces', () => {
  it('shows the key figures in French, each linked to the list behind it with the dashboard’s filters', async () => {
    await initI18n('fr');
    const links = figureLinks({ region: 'ML05', cercle: '', sector: 'eha', months: '12', at: '2026-03-25' });
    render(
      <MemoryRouter>
        <KeyFigures figures={figures} linkTo={links.figure} />
      </MemoryRouter>,
    );
    const list = screen.getByRole('list', { name: 'Chiffres clés' });
    expect(within(list).getByRole('link', { name: 'Post-RRM 22' }).getAttribute('href')).toBe('/alerts?region=ML05&at=2026-03-25&phase=post_rrm');
    const displaced = within(list).getByRole('link', { name: /Ménages déplacés/ });
    expect(displaced.textContent).toContain('7\u202f421');
    expect(displaced.textContent).toContain('45\u202f233 personnes');
    expect(within(list).getByRole('link', { name: /Gaps ouverts/ }).getAttribute('href')).toBe('/gaps?region=ML05&at=2026-03-25&sector=eha&status=uncovered%2Cpartial');
    expect(within(list).getByRole('link', { name: /Gaps à venir/ }).getAttribute('href')).toBe('/gaps?region=ML05&at=2026-03-25&sector=eha&upcoming=true');
    expect(within(list).getByRole('link', { name: /Sorties du RRM dans les 30 jours/ }).getAttribute('href')).toBe('/alerts?region=ML05&at=2026-03-25&rrmEndsWithinDays=30');
    const delay = within(list).getByRole('link', { name: /Délai médian/ });
    expect(delay.textContent).toContain('12,5 j');
    expect(delay.textContent).toContain('Cible\u202f: 15 j · 13 sur 21 dans la cible');
    expect(delay.closest('li')!.className).toContain('figure-good');
  });

  it('shows figures without links on the public page', async () => {
    await initI18n('fr');
    render(
      <MemoryRouter>
        <KeyFigures figures={figures} />
      </MemoryRouter>,
    );
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByText('Localités en phase post-RRM')).toBeTruthy();
  });

  it('lays out the displacement shares like the coordination’s table: zones across, time since the shock down', async () => {
    await initI18n('fr');
    render(<DisplacementTable table={table} />);
    const rows = screen.getAllByRole('row').map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['Depuis le choc', 'Nord', 'Centre', 'Sud'],
      ['0–3 mois', '9\u202f%', '10\u202f%', '—'],
      ['3–12 mois', '61\u202f%', '21\u202f%', '—'],
      ['Plus de 12 mois', '30\u202f%', '69\u202f%', '—'],
      ['Ménages PDI', '6\u202f400', '8\u202f800', '0'],
    ]);
  });

  it('keeps the filters in the URL, asks the API with them and offers the brief of that region and sector', async () => {
    const api = fakeApi({
      ...meRoute(adminUser),
      'GET /api/v1/dashboard': () => ({ body: summary }),
      'GET /api/v1/dashboard/map': () => ({ body: map }),
      'GET /api/v1/dashboard/trends': () => ({ body: trends }),
      'GET /api/v1/admin-areas': () => ({ body: { items: [], total: 0, page: 1, pageSize: 100 } }),
    });
    await renderApp('/dashboard?region=ML05&sector=eha');
    await screen.findByRole('list', { name: 'Chiffres clés' });
    const asked = api.calls('GET', '/api/v1/dashboard')[0]!;
    expect(Object.fromEntries(asked.query)).toEqual({ region: 'ML05', sector: 'eha' });
    expect(screen.getByRole('link', { name: 'Note de plaidoyer (PDF, français)' }).getAttribute('href')).toBe('/api/v1/briefs?region=ML05&sector=eha&lang=fr');
    expect(screen.getByRole('link', { name: 'Advocacy brief (PDF, English)' }).getAttribute('href')).toBe('/api/v1/briefs?region=ML05&sector=eha&lang=en');
    expect(screen.getByRole('link', { name: 'Vue régionale' }).getAttribute('href')).toBe('/regions/ML05');
    // Cercles with figures come first, each opening the regional view of that cercle.
    const cercleLinks = (await screen.findAllByRole('link', { name: /^(Mopti|Bandiagara)$/ })).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(cercleLinks).toEqual([
      ['Mopti', '/regions/ML05?cercle=ML0501'],
      ['Bandiagara', '/regions/ML05?cercle=ML0502'],
    ]);
  });

  it('tells the visitor when the public page is off, without asking for any figure', async () => {
    const api = fakeApi({ 'GET /api/public/status': () => ({ body: { enabled: false } }), 'GET /api/public/dashboard': () => problem(404, 'public_page_disabled', 'off') });
    await renderApp('/public');
    expect(await screen.findByText('La page publique n’est pas activée sur cette plateforme.')).toBeTruthy();
    await waitFor(() => expect(api.calls('GET', '/api/public/status')).toHaveLength(1));
    expect(api.calls('GET', '/api/public/dashboard')).toHaveLength(0);
    expect(screen.getByRole('link', { name: 'Se connecter' }).getAttribute('href')).toBe('/login');
  });

  it('lets an administrator open the public page and set a map background, sending the version read', async () => {
    const state = { publicPageEnabled: false, backgroundTileUrl: null, backgroundAttribution: null, version: 3, updatedAt: null };
    const api = fakeApi({
      ...meRoute(adminUser),
      'GET /api/v1/settings/dashboard': () => ({ body: state }),
      'PUT /api/v1/settings/dashboard': (request) => ({ body: { ...(request.body as object), version: 4, updatedAt: '2026-03-25T10:00:00.000Z' } }),
    });
    await renderApp('/admin/dashboard');
    fireEvent.click(await screen.findByRole('checkbox', { name: /Publier la page de transparence/ }));
    fireEvent.change(screen.getByRole('textbox', { name: /Fond de carte/ }), { target: { value: 'https://tuiles.exemple.org/{z}/{x}/{y}.png' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Modifications enregistrées.')).toBeTruthy();
    expect(api.calls('PUT', '/api/v1/settings/dashboard')[0]!.body).toEqual({
      publicPageEnabled: true,
      backgroundTileUrl: 'https://tuiles.exemple.org/{z}/{x}/{y}.png',
      backgroundAttribution: null,
      version: 3,
    });
  });
});
