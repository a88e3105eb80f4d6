// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../test/fake-api.ts';
import { alertsApi } from '../../shared/contracts/alerts.ts';
import { authApi } from '../../shared/contracts/auth.ts';
import { organisationsApi } from '../../shared/contracts/organisations.ts';
import { usersApi } from '../../shared/contracts/users.ts';
import { ApiError, call, configureClient, setCsrfToken } from './client.ts';

const emptyPage = { items: [], total: 0, page: 1, pageSize: 25 };

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  configureClient({ onSessionProblem: () => {}, language: () => 'fr' });
});

describe('API client', () => {
  it('sends the CSRF token on mutations only, and the UI language on every call', async () => {
    const server = fakeApi({ 'GET /api/v1/organisations': () => ({ body: emptyPage }), 'POST /api/v1/auth/password': () => ({ status: 204 }) });
    setCsrfToken('token-1');
    configureClient({ language: () => 'en' });
    await call(organisationsApi.list, { query: { q: 'Ségou', page: 2, active: '', pageSize: undefined } });
    const body = { currentPassword: 'x', newPassword: 'y' };
    await call(authApi.changePassword, { body });
    const [get, post] = server.requests;
    expect(get!.headers.get('x-csrf-token')).toBeNull();
    expect(get!.query.toString()).toBe('q=S%C3%A9gou&page=2');
    expect(post!.headers.get('x-csrf-token')).toBe('token-1');
    expect(post!.headers.get('accept-language')).toBe('en');
    expect(post!.body).toEqual(body);
  });

  it('turns problem+json into an ApiError with field errors keyed by field', async () => {
    fakeApi({
      'POST /api/v1/users': () =>
        problem(400, 'validation_failed', 'Certaines valeurs ne sont pas valides.', {
          errors: [
            { path: 'body.email', message: 'Adresse invalide' },
            { path: 'body.regions.0', message: 'Code P attendu' },
          ],
        }),
    });
    const error = await call(usersApi.invite, { body: {} as never }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'validation_failed',
      status: 400,
      title: 'Certaines valeurs ne sont pas valides.',
      requestId: 'req-test',
      fieldErrors: [
        { path: 'email', message: 'Adresse invalide' },
        { path: 'regions.0', message: 'Code P attendu' },
      ],
    });
  });

  it('reports a lost session (401) and a required password change, but not a failed sign-in', async () => {
    const onSessionProblem = vi.fn();
    configureClient({ onSessionProblem });
    fakeApi({
      'GET /api/v1/users': () => problem(401, 'session_expired', 'Votre session a expiré.'),
      'GET /api/v1/alerts': () => problem(403, 'password_change_required', 'Vous devez changer votre mot de passe.'),
      'POST /api/v1/auth/login': () => problem(401, 'invalid_credentials', 'Adresse e-mail ou mot de passe incorrect.'),
    });
    await call(usersApi.list).catch(() => undefined);
    await call(alertsApi.list).catch(() => undefined);
    await call(authApi.login, { body: { email: 'a@b.ml', password: 'x' } }).catch(() => undefined);
    expect(onSessionProblem.mock.calls.map(([error]) => (error as ApiError).code)).toEqual(['session_expired', 'password_change_required']);
  });

  it('gives a readable error when the server cannot be reached or answers garbage', async () => {
    configureClient({ fallbackTitle: (kind) => `fallback:${kind}` });
    vi.stubGlobal('fetch', vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(new Response('<html>502</html>', { status: 502 })));
    await expect(call(organisationsApi.list)).rejects.toMatchObject({ code: 'network', title: 'fallback:network', status: 0 });
    await expect(call(organisationsApi.list)).rejects.toMatchObject({ code: 'unexpected', title: 'fallback:unexpected', status: 502 });
  });
});
