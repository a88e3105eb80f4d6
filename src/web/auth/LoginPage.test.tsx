// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminUser, dnds, partnerUser } from '../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../test/fake-api.ts';
import { renderApp } from '../test/render.tsx';

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
}

describe('sign-in page', () => {
  it('shows the server’s own message when the credentials are wrong', async () => {
    const api = fakeApi({
      ...meRoute(null),
      'POST /api/v1/auth/login': () => problem(401, 'invalid_credentials', 'Adresse e-mail ou mot de passe incorrect.'),
    });
    const { location } = await renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fillAndSubmit('admin@demo.relais', 'mauvais');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Adresse e-mail ou mot de passe incorrect.');
    expect(api.calls('POST', '/api/v1/auth/login')[0]?.body).toEqual({ email: 'admin@demo.relais', password: 'mauvais' });
    // A wrong password is a form error, not a lost session: the page stays.
    expect(location.current).toBe('/login');
  });

  it('puts the server’s field errors next to the field', async () => {
    fakeApi({
      ...meRoute(null),
      'POST /api/v1/auth/login': () =>
        problem(400, 'validation_failed', 'Certaines valeurs ne sont pas valides.', { errors: [{ path: 'body.email', message: 'Adresse e-mail invalide' }] }),
    });
    await renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fillAndSubmit('pas-une-adresse', 'x');
    const email = screen.getByLabelText('Adresse e-mail');
    await screen.findByText('Adresse e-mail invalide');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe('Adresse e-mail invalide');
  });

  it('asks for both fields before calling the server', async () => {
    const api = fakeApi(meRoute(null));
    await renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fireEvent.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(screen.getAllByText('Ce champ est obligatoire.')).toHaveLength(2);
    expect(api.calls('POST', '/api/v1/auth/login')).toHaveLength(0);
  });

  it('signs in and returns to the page that was asked for', async () => {
    fakeApi({
      ...meRoute(null),
      'POST /api/v1/auth/login': () => ({ body: adminUser }),
      [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
    });
    const { location } = await renderApp('/login?next=%2Fcapacities');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fillAndSubmit('admin@demo.relais', 'relais-demo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Capacités' })).toBeTruthy();
    expect(location.current).toBe('/capacities');
  });

  it('never follows a `next` that leaves the app', async () => {
    fakeApi({ ...meRoute(null), 'POST /api/v1/auth/login': () => ({ body: adminUser }), [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }) });
    const { location } = await renderApp('/login?next=%2F%2Fevil.example');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fillAndSubmit('admin@demo.relais', 'relais-demo');
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeTruthy();
    expect(location.current).toBe('/dashboard');
  });

  it('makes a temporary password be changed, then enters the app', async () => {
    const api = fakeApi({
      ...meRoute(null),
      'POST /api/v1/auth/login': () => ({ body: { ...partnerUser, mustChangePassword: true } }),
      'POST /api/v1/auth/password': (request) =>
        (request.body as { currentPassword: string }).currentPassword === 'temp-1234'
          ? { status: 204 }
          : problem(400, 'wrong_current_password', 'Le mot de passe actuel est incorrect.'),
      [`GET /api/v1/organisations/${partnerUser.organisationId!}`]: () => ({ body: dnds }),
    });
    await renderApp('/login');
    await screen.findByRole('heading', { level: 1, name: 'Connexion' });
    fillAndSubmit('partner@demo.relais', 'temp-1234');
    expect(await screen.findByRole('heading', { level: 1, name: 'Changer le mot de passe' })).toBeTruthy();

    const current = screen.getByLabelText('Mot de passe temporaire reçu');
    const next = screen.getByLabelText('Nouveau mot de passe');
    const confirm = screen.getByLabelText('Confirmez le nouveau mot de passe');
    const submit = screen.getByRole('button', { name: 'Changer le mot de passe' });

    fireEvent.change(current, { target: { value: 'temp-1234' } });
    fireEvent.change(next, { target: { value: 'court' } });
    fireEvent.change(confirm, { target: { value: 'court' } });
    fireEvent.click(submit);
    expect(await screen.findByText('Le mot de passe doit faire au moins 10 caractères.')).toBeTruthy();

    fireEvent.change(next, { target: { value: 'une phrase assez longue' } });
    fireEvent.change(confirm, { target: { value: 'une phrase assez longuE' } });
    fireEvent.click(submit);
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/auth/password')).toHaveLength(0);

    fireEvent.change(current, { target: { value: 'faux' } });
    fireEvent.change(confirm, { target: { value: 'une phrase assez longue' } });
    fireEvent.click(submit);
    expect(await screen.findAllByText('Le mot de passe actuel est incorrect.')).toHaveLength(2);
    expect(current.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(current, { target: { value: 'temp-1234' } });
    fireEvent.click(submit);
    expect(await screen.findByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeTruthy();
    expect(screen.getByText('Votre mot de passe a été changé.')).toBeTruthy();
  });
});
