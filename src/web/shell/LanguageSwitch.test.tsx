// @vitest-environment happy-dom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { languageStorageKey } from '../i18n/i18n.ts';
import { adminUser, dnds } from '../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../test/fake-api.ts';
import { renderApp } from '../test/render.tsx';

describe('language switch', () => {
  it('switches a signed-in user to English, saves it to the account and keeps it for the next visit', async () => {
    const api = fakeApi({
      ...meRoute(adminUser),
      [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
      'PUT /api/v1/auth/language': () => ({ status: 204 }),
    });
    const first = await renderApp('/alerts');
    fireEvent.click(await screen.findByRole('button', { name: /Aminata Traoré/ }));
    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Alerts' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(document.title).toBe('Alerts · Relais');
    expect(localStorage.getItem(languageStorageKey)).toBe('en');
    await waitFor(() => expect(api.calls('PUT', '/api/v1/auth/language')).toHaveLength(1));
    const saved = api.calls('PUT', '/api/v1/auth/language')[0]!;
    expect(saved.body).toEqual({ language: 'en' });
    expect(saved.headers.get('x-csrf-token')).toBe('csrf-admin');
    // Later requests ask the server for English messages.
    expect(saved.headers.get('accept-language')).toBe('en');

    // Next visit, signed out: the device remembers English.
    first.unmount();
    fakeApi(meRoute(null));
    await renderApp('/login');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('applies the language saved in the account when a session starts', async () => {
    fakeApi({ ...meRoute({ ...adminUser, language: 'en' }), [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }) });
    await renderApp('/meetings');
    expect(await screen.findByRole('heading', { level: 1, name: 'Coordination meetings' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(languageStorageKey)).toBe('en');
  });

  it('keeps a language picked on the sign-in page and saves it to the account at sign-in', async () => {
    const api = fakeApi({
      ...meRoute(null),
      'POST /api/v1/auth/login': () => ({ body: adminUser }),
      'PUT /api/v1/auth/language': () => ({ status: 204 }),
      [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
    });
    await renderApp('/login');
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    fireEvent.change(await screen.findByLabelText('E-mail address'), { target: { value: 'admin@demo.relais' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'relais-demo' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    expect(api.calls('PUT', '/api/v1/auth/language')[0]?.body).toEqual({ language: 'en' });
  });

  it('tells the user when the account could not store the choice', async () => {
    fakeApi({
      ...meRoute(adminUser),
      [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
      'PUT /api/v1/auth/language': () => problem(500, 'internal', 'Une erreur inattendue s’est produite.'),
    });
    await renderApp('/dashboard');
    fireEvent.click(await screen.findByRole('button', { name: /Aminata Traoré/ }));
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('The language changed on this device but could not be saved to your account.')).toBeTruthy();
    expect(localStorage.getItem(languageStorageKey)).toBe('en');
  });
});
