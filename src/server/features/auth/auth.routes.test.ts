import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { LoginThrottle } from './auth.service.ts';
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

describe('accounts no one else can lock', () => {
  const login = (t: TestApp, password: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers, payload: { email: 'partner@demo.relais', password } });

  it('lets the owner in after 20 failures from 20 addresses, slowed rather than refused, and audits each failure', async () => {
    const t = await createTestApp('pglite');
    try {
      // At once, as a botnet would.
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login(t, `guess-${i}`, `198.51.100.${i + 1}`)));
      expect(guesses.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
      const started = performance.now();
      const owner = await login(t, 'relais-demo', '203.0.113.9');
      const waited = performance.now() - started;
      expect(owner.statusCode).toBe(200);
      // The account's attempts now wait (at most the cap) before the password is checked.
      expect(waited).toBeGreaterThanOrEqual(LoginThrottle.maxDelayMs * 0.9);
      const partner = await t.database.db.selectFrom('users').select('id').where('email', '=', 'partner@demo.relais').executeTakeFirstOrThrow();
      const failed = await t.database.db.selectFrom('audit_events').select(['entity_id', 'after', 'actor_id']).where('action', '=', 'login_failed').execute();
      expect(failed).toHaveLength(20);
      expect(failed.every((row) => row.entity_id === partner.id && row.actor_id === null)).toBe(true);
      expect(failed.map((row) => row.after)).toContainEqual({ address: '198.51.100.1', reason: 'wrong_password' });
      expect(JSON.stringify(failed)).not.toContain('guess-');
    } finally {
      await t.close();
    }
  }, 60_000);

  it('slows an account progressively, and refuses only the address that keeps failing on it', async () => {
    const t = await createTestApp('pglite');
    try {
      const timings: number[] = [];
      for (let i = 0; i < LoginThrottle.perAddressFailures; i++) {
        const started = performance.now();
        expect((await login(t, 'wrong', '198.51.100.7')).statusCode).toBe(401);
        timings.push(performance.now() - started);
      }
      // Five free failures, then 250 ms, 500 ms, 1 s, 2 s… before each check.
      expect(timings[LoginThrottle.freeFailures]).toBeGreaterThanOrEqual(LoginThrottle.baseDelayMs * 0.9);
      expect(timings[LoginThrottle.freeFailures + 2]).toBeGreaterThanOrEqual(LoginThrottle.baseDelayMs * 4 * 0.9);
      const refused = await login(t, 'relais-demo', '198.51.100.7');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
      expect((await login(t, 'relais-demo', '203.0.113.10')).statusCode).toBe(200);
      const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '198.51.100.7', payload: { email: 'nobody@demo.relais', password: 'x' } });
      expect(unknown.statusCode).toBe(401);
      const audit = await t.database.db.selectFrom('audit_events').select(['entity_id', 'after']).where('action', '=', 'login_failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(audit).toEqual({ entity_id: null, after: { address: '198.51.100.7', reason: 'unknown_account' } });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('takes the client address from X-Forwarded-For only when the connection comes from a listed proxy', async () => {
    const t = await createTestApp('pglite', { LOGIN_ATTEMPTS_PER_MINUTE: '3', TRUST_PROXY: '10.0.0.1,192.168.0.0/16' });
    try {
      // A caller rotating the header from its own address stays one address: the 4th attempt is refused.
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await login(t, 'wrong', '198.51.100.20', { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      // Through the proxy, each client is counted on its own address.
      for (let i = 0; i < 4; i++) expect((await login(t, 'wrong', '192.168.1.5', { 'x-forwarded-for': `203.0.113.${50 + i}` })).statusCode).toBe(401);
      const recorded = await t.database.db.selectFrom('audit_events').select('after').where('action', '=', 'login_failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(recorded.after).toMatchObject({ address: '203.0.113.53' });
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses TRUST_PROXY=true and anything that is not an address or a range', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must list the trusted proxy addresses/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an IP address or CIDR range/);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,loopback' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
    expect(loadConfig({}).trustProxy).toEqual([]);
  });
});
