// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, dnds, organisation, partnerUser } from '../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../test/fake-api.ts';
import { renderApp } from '../test/render.tsx';

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
    expect(links).toEqual(['Tableau de bord', 'Alertes', 'Réponses 5W', 'Gaps', 'Évaluations', 'Capacités', 'Listes', 'Réunions', 'Administration']);
  });

  it('hides Administration from a partner, and refuses the page if they type its address', async () => {
    fakeApi({ ...meRoute(partnerUser), ...organisations });
    await renderApp('/admin/users');
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).queryByRole('link', { name: 'Administration' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Réponses 5W' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
  });

  it('sends a signed-out visitor to the sign-in page and remembers where they were going', async () => {
    fakeApi(meRoute(null));
    const { location } = await renderApp('/alerts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeTruthy();
    expect(location.current).toBe('/login?next=%2Falerts');
  });

  it('shows an honest empty state for an area not built yet, and names the page', async () => {
    fakeApi({ ...meRoute(adminUser), ...organisations });
    await renderApp('/meetings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Réunions' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Ce module arrive bientôt' })).toBeTruthy();
    expect(screen.getByText(/ordres du jour, comptes rendus/)).toBeTruthy();
    expect(document.title).toBe('Réunions · Relais');
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
