// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, problem } from '../test/fake-api.ts';
import { ApiError, api, configureClient, setCsrfToken } from './client.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  configureClient({ onSessionProblem: () => {}, language: () => 'fr' });
});

describe('API client', () => {
  it('sends the CSRF token on mutations only, and the UI language on every call', async () => {
    const server = fakeApi({ 'GET /api/v1/things': () => ({ body: [] }), 'POST /api/v1/things': () => ({ status: 201, body: { id: 1 } }) });
    setCsrfToken('token-1');
    configureClient({ language: () => 'en' });
    await api.get('/api/v1/things', { query: { q: 'Ségou', page: 2, empty: '', none: undefined } });
    await api.post('/api/v1/things', { name: 'x' });
    const [get, post] = server.requests;
    expect(get!.headers.get('x-csrf-token')).toBeNull();
    expect(get!.query.toString()).toBe('q=S%C3%A9gou&page=2');
    expect(post!.headers.get('x-csrf-token')).toBe('token-1');
    expect(post!.headers.get('accept-language')).toBe('en');
    expect(post!.body).toEqual({ name: 'x' });
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
    const error = await api.post('/api/v1/users', {}).catch((e: unknown) => e);
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
    await api.get('/api/v1/users').catch(() => undefined);
    await api.get('/api/v1/alerts').catch(() => undefined);
    await api.post('/api/v1/auth/login', {}).catch(() => undefined);
    expect(onSessionProblem.mock.calls.map(([error]) => (error as ApiError).code)).toEqual(['session_expired', 'password_change_required']);
  });

  it('gives a readable error when the server cannot be reached or answers garbage', async () => {
    configureClient({ fallbackTitle: (kind) => `fallback:${kind}` });
    vi.stubGlobal('fetch', vi.fn().mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(new Response('<html>502</html>', { status: 502 })));
    await expect(api.get('/api/v1/x')).rejects.toMatchObject({ code: 'network', title: 'fallback:network', status: 0 });
    await expect(api.get('/api/v1/x')).rejects.toMatchObject({ code: 'unexpected', title: 'fallback:unexpected', status: 502 });
  });
});
