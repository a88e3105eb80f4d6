import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('auth on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('logs in with an httpOnly SameSite=Lax cookie and returns the user', async () => {
    const response = await t.request(null, {
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Regional@Demo.Relais', password: 'relais-demo' },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'relais_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.secure).toBeFalsy();
    expect(response.json()).toMatchObject({ email: 'regional@demo.relais', role: 'regional_coordinator', regions: ['ML05'] });
    expect(response.json()).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown e-mail with the same 401 problem', async () => {
    const wrongPassword = await t.request(null, { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.relais', password: 'nope' } });
    const unknownEmail = await t.request(null, { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@demo.relais', password: 'nope' } });
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'invalid_credentials', title: 'Adresse e-mail ou mot de passe incorrect.' });
    }
  });

  it('returns /me for a session and 401 without one', async () => {
    const session = await t.login('partner');
    const me = await t.request(session, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(Object.keys(me.json()).sort()).toEqual(['csrfToken', 'email', 'id', 'language', 'mustChangePassword', 'name', 'organisationId', 'regions', 'role'].sort());
    expect(me.json().organisationId).not.toBeNull();
    const anonymous = await t.request(null, { method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'en' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().title).toBe('Please sign in.');
  });

  it('refuses a mutation without the CSRF token', async () => {
    const session = await t.login('admin');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { cookie: session.cookie },
      payload: { name: 'Sans jeton', acronym: 'NOCSRF', type: 'nngo' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('csrf_invalid');
  });

  it('revokes the session on logout', async () => {
    const session = await t.loginWith('viewer@demo.relais', 'relais-demo');
    expect((await t.request(session, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await t.request(session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('sets security headers', async () => {
    const response = await t.request(null, { method: 'GET', url: '/api/health' });
    expect(response.json()).toEqual({ status: 'ok', database: kind, version: expect.any(String) });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('login rate limit', () => {
  it('answers 429 after the configured number of attempts per minute', async () => {
    const t = await createTestApp('pglite', { LOGIN_ATTEMPTS_PER_MINUTE: '3' });
    try {
      const attempt = () => t.request(null, { method: 'POST', url: '/api/v1/auth/login', payload: { email: 'admin@demo.relais', password: 'wrong' } });
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await attempt()).statusCode);
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses[4]).toBe(429);
      const limited = await attempt();
      expect(limited.json().code).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });
});

describe('message language', () => {
  it('follows a lang parameter before Accept-Language, for download links', async () => {
    const t = await createTestApp('pglite');
    try {
      const session = await t.login('viewer');
      const english = await t.request(session, { method: 'GET', url: '/api/v1/organisations?pageSize=0&lang=en', headers: { 'accept-language': 'fr-FR' } });
      expect(english.json().title).toBe('Some values are not valid.');
      const french = await t.request(session, { method: 'GET', url: '/api/v1/organisations?pageSize=0', headers: { 'accept-language': 'fr-FR,en;q=0.5' } });
      expect(french.json().title).toBe('Certaines valeurs ne sont pas valides.');
    } finally {
      await t.close();
    }
  });
});
