import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test/test-app.ts';

/** Security headers and sessions (ASVS V3, V14), and error bodies that give nothing away. */
describe('security headers and sessions', () => {
  let t: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    production = await createTestApp('pglite', { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), LIST_MASTER_KEY: 'ab'.repeat(32), DEMO_DATA: 'false' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await production?.close();
  });

  it('sends a CSP that allows no inline or evaluated script, and HSTS in production only', async () => {
    for (const app of [t, production]) {
      const csp = String((await app.request(null, { method: 'GET', url: '/api/health' })).headers['content-security-policy']);
      const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)![1]!;
      expect(scripts).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(csp).toMatch(/object-src 'none'/);
      expect(csp).toMatch(/frame-ancestors 'self'|frame-ancestors 'none'/);
    }
    expect((await t.request(null, { method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    expect((await production.request(null, { method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
  });

  it('marks the session cookie httpOnly, SameSite=Lax, Secure in production, with a lifetime', async () => {
    const login = await production.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'viewer@demo.relais', password: 'relais-demo' } });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'relais_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/' });
    expect(cookie.maxAge).toBeGreaterThan(0);
    expect(cookie.value.length).toBeGreaterThanOrEqual(43);
  });

  it('gives a new session at each sign-in (an old cookie is never reused), and ends sessions on sign-out and on a password change', async () => {
    const first = await t.loginWith('partner@demo.relais', 'relais-demo');
    const second = await t.loginWith('partner@demo.relais', 'relais-demo');
    expect(second.cookie).not.toBe(first.cookie);
    expect(second.csrfToken).not.toBe(first.csrfToken);
    // Signing in while carrying a session cookie still issues a new one.
    const over = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken }, payload: { email: 'partner@demo.relais', password: 'relais-demo' } });
    expect(`relais_session=${over.cookies.find((c) => c.name === 'relais_session')!.value}`).not.toBe(first.cookie);

    expect((await t.request(first, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await t.request(first, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await t.request(second, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);

    const changed = await t.request(second, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: 'relais-demo', newPassword: 'un-autre-mot-de-passe' } });
    expect(changed.statusCode).toBe(204);
    // The session that changed the password stays; every other one ends.
    expect((await t.request(second, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const third = `relais_session=${over.cookies.find((c) => c.name === 'relais_session')!.value}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: third } })).statusCode).toBe(401);
  });

  it('answers malformed requests without a stack trace, SQL or file path', async () => {
    const admin = await t.login('admin');
    const bodies: string[] = [];
    const requests = [
      { method: 'POST', url: '/api/v1/organisations', payload: '{"name": "x", ', headers: { 'content-type': 'application/json' } },
      { method: 'POST', url: '/api/v1/organisations', payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      { method: 'GET', url: '/api/v1/organisations/not-a-uuid' },
      { method: 'GET', url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000' },
      { method: 'GET', url: '/api/v1/gaps?at=2026-02-30' },
      { method: 'GET', url: '/api/v1/responses?page=99999999999999999999' },
      { method: 'GET', url: '/api/v1/alerts?sort=%27%3B%20DROP%20TABLE%20alerts%3B--' },
      { method: 'GET', url: '/api/v1/localities?q=%27%20OR%201%3D1--' },
      { method: 'POST', url: '/api/v1/responses/import?dryRun=true', payload: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' } },
      { method: 'GET', url: '/api/v1/../../etc/passwd' },
      { method: 'GET', url: '/api/v1/nothing-here' },
    ] as const;
    for (const request of requests) {
      const response = await t.request(admin, request);
      expect(response.statusCode, `${request.method} ${request.url}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      if (request.url.includes('import')) expect(response.json().code).toBe('upload_malformed');
      bodies.push(response.body);
    }
    const all = bodies.join('\n');
    expect(all).not.toMatch(/\bat [\w.<>]+ \(|node:internal|node_modules|\/src\/|\.ts:\d+|\/work\/|\/home\//);
    expect(all).not.toMatch(/\bSELECT\b|\bINSERT\b|\bFROM\b \w+ WHERE|syntax error at|relation "|column "|violates/);
  });
});
