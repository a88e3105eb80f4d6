// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../shared/contracts/auth.ts';
import { roles } from '../../shared/permissions.ts';
import { adminUser, dnds, ids, organisation, partnerUser } from '../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../test/fake-api.ts';
import { renderApp } from '../test/render.tsx';
import { visibleNavItems } from './navigation.ts';
import { mayOpen } from './page-access.ts';

const organisations = {
  [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
  [`GET /api/v1/organisations/${organisation().id}`]: () => ({ body: organisation() }),
};

describe('app shell', () => {
  it('shows every area and Administration to an administrator', async () => {
    fakeApi({ ...meRoute(adminUser), ...organisations });
    await renderApp('/dashboard');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    const links = within(nav).getAllByRole('link').map((link) => link.textContent);
    expect(links).toEqual(['Tableau de bord', 'Alertes', 'Réponses 5W', 'Gaps', 'Évaluations', 'Capacités', 'Listes', 'Réunions', 'Passations', 'Paquets', 'Administration']);
  });

  it('hides Administration from a partner, and refuses the page if they type its address', async () => {
    fakeApi({ ...meRoute(partnerUser), ...organisations });
    await renderApp('/admin/users');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Administration' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Réponses 5W' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
  });

  it('offers each role only the areas whose page it may open', () => {
    for (const role of roles) {
      const actor = { role, organisationId: ids.nrc, regions: ['ML05'] };
      for (const item of visibleNavItems(actor)) expect(mayOpen(actor, item.path.slice(1)), `${role} → ${item.path}`).toBe(true);
    }
    const viewer = { role: 'viewer' as const, organisationId: null, regions: [] };
    expect(visibleNavItems(viewer).map((item) => item.area)).not.toContain('responses');
    expect(['responses', 'responses/:id', 'lists', 'meetings/new', 'packages/new'].filter((path) => mayOpen(viewer, path))).toEqual([]);
  });

  it("shows a donor who types a 5W address a restricted page, without the list's filters or a refusal under them", async () => {
    const viewer: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000009', role: 'viewer', organisationId: null, name: 'Claire Martin', csrfToken: 'csrf-viewer' };
    const api = fakeApi({ ...meRoute(viewer), ...organisations });
    await renderApp('/responses?sector=secal');
    expect(await screen.findByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
    expect(screen.getByText(/Cette page n’est pas ouverte au rôle «\sLecture seule\s»/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Retour au tableau de bord' }).getAttribute('href')).toBe('/dashboard');
    expect(screen.queryByRole('search')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(api.calls('GET', '/api/v1/responses')).toEqual([]);
  });

  it('starts a regional coordinator on their region, and opens the lists of the menu on it', async () => {
    const regional: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000005', role: 'regional_coordinator', regions: ['ML05'], csrfToken: 'csrf-regional' };
    fakeApi({ ...meRoute(regional), ...organisations });
    const home = await renderApp('/');
    await waitFor(() => expect(home.location.current).toBe('/regions/ML05'));
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: 'Tableau de bord' }).getAttribute('href')).toBe('/regions/ML05');
    cleanup();
    const alerts = await renderApp('/alerts');
    await waitFor(() => expect(alerts.location.current).toBe('/alerts?region=ML05'));
    cleanup();
    // A dashboard figure's link opens the list it names, whatever the reader's region.
    const figure = await renderApp('/alerts?phase=rrm');
    await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(figure.location.current).toBe('/alerts?phase=rrm');
  });

  it('sends a signed-out visitor to the sign-in page and remembers where they were going', async () => {
    fakeApi(meRoute(null));
    const { location } = await renderApp('/alerts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeTruthy();
    expect(location.current).toBe('/login?next=%2Falerts');
  });

  it('opens an area on its page, named in the browser tab', async () => {
    fakeApi({ ...meRoute(adminUser), ...organisations, 'GET /api/v1/lists': () => ({ body: { items: [], total: 0, page: 1, pageSize: 25 } }) });
    await renderApp('/lists');
    expect(await screen.findByRole('heading', { level: 1, name: 'Listes de bénéficiaires' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: 'Aucune liste enregistrée' })).toBeTruthy();
    expect(document.title).toBe('Listes de bénéficiaires · Relais');
  });

  it('opens the user menu with role and organisation, and closes it with Escape', async () => {
    fakeApi({ ...meRoute(partnerUser), ...organisations });
    await renderApp('/dashboard');
    const button = await screen.findByRole('button', { name: /Ibrahim Maïga/ });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(await screen.findByText('Partenaire · NRC')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Changer le mot de passe' })).toBeTruthy();
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('collapses the navigation behind a menu button that Escape closes', async () => {
    fakeApi({ ...meRoute(adminUser), ...organisations });
    await renderApp('/dashboard');
    const toggle = await screen.findByRole('button', { name: 'Menu' });
    expect(toggle.getAttribute('aria-controls')).toBe('main-nav');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
  });

  it('signs out and returns to the sign-in page', async () => {
    const api = fakeApi({ ...meRoute(adminUser), ...organisations, 'POST /api/v1/auth/logout': () => ({ status: 204 }) });
    const { location } = await renderApp('/dashboard');
    fireEvent.click(await screen.findByRole('button', { name: /Aminata Traoré/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeTruthy();
    expect(api.calls('POST', '/api/v1/auth/logout')[0]?.headers.get('x-csrf-token')).toBe('csrf-admin');
    await waitFor(() => expect(location.current).toBe('/login'));
  });

  it('returns to the sign-in page when the session expires mid-use, then back to the same page', async () => {
    let signedIn = true;
    fakeApi({
      'GET /api/v1/auth/me': () => (signedIn ? { body: adminUser } : problem(401, 'unauthenticated', 'Veuillez vous connecter.')),
      ...organisations,
      'GET /api/v1/organisations': () => {
        signedIn = false;
        return problem(401, 'session_expired', 'Votre session a expiré. Veuillez vous reconnecter.');
      },
    });
    const { location } = await renderApp('/admin/organisations?q=nrc');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeTruthy();
    expect(location.current).toBe('/login?next=%2Fadmin%2Forganisations%3Fq%3Dnrc');
  });

  it('sends a user with a temporary password to the password change before anything else', async () => {
    fakeApi({ ...meRoute({ ...partnerUser, mustChangePassword: true }), ...organisations });
    await renderApp('/dashboard');
    expect(await screen.findByRole('heading', { level: 1, name: 'Changer le mot de passe' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Navigation principale' })).toBeNull();
  });
});
