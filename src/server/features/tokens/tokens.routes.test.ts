import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedToken } from '../../../shared/contracts/tokens.ts';
import { demoPassword } from '../../demo/demo-accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

/** Requests a token may make per minute in these tests. */
const perMinute = 25;

describe.each(databaseKinds)('personal API tokens on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { API_TOKEN_REQUESTS_PER_MINUTE: String(perMinute) });
  }, 120_000);
  afterAll(() => t?.close());

  async function createToken(session: Session, payload: Record<string, unknown>) {
    const response = await t.request(session, { method: 'POST', url: '/api/v1/auth/tokens', payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<CreatedToken>();
  }

  /** A request carrying only the token: no cookie, no CSRF header. */
  function withToken(
    secret: string,
    options: { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; payload?: object; headers?: Record<string, string> },
  ) {
    return t.app.inject({ ...options, headers: { authorization: `Bearer ${secret}`, ...options.headers } });
  }

  const auditOf = (tokenId: string) =>
    t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'action', 'entity', 'entity_id', 'after', 'api_token_id'])
      .where('api_token_id', '=', tokenId)
      .orderBy('id')
      .execute();

  it('shows the secret once, keeps only its hash, lists the token without it and dates its last use', async () => {
    const partner = await t.login('partner');
    const before = Date.now();
    const { secret, token } = await createToken(partner, { name: 'Power BI du bureau', scope: 'read' });
    expect(secret).toMatch(/^relais_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'Power BI du bureau', scope: 'read', status: 'active', lastUsedAt: null, hint: secret.slice(-4) });
    // 90 days by default.
    const days = (Date.parse(token.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);

    const stored = await t.database.db.selectFrom('api_tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(secret.slice('relais_'.length));

    const me = await withToken(secret, { method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'partner@demo.relais', role: 'partner' });

    const listed = await t.request(partner, { method: 'GET', url: '/api/v1/auth/tokens' });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(secret);
    const mine = listed.json().items.find((i: { id: string }) => i.id === token.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(Object.keys(mine).sort()).toEqual(['createdAt', 'expiresAt', 'hint', 'id', 'lastUsedAt', 'name', 'revokedAt', 'scope', 'status']);

    const created = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after'])
      .where('entity', '=', 'api_token')
      .where('entity_id', '=', token.id)
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(created.actor_id).toBe(partner.userId);
    expect(JSON.stringify(created.after)).not.toContain(secret.slice(8));
  });

  it('answers a read-only token on reads and refuses it any write, without writing anything', async () => {
    const coordinator = await t.login('coordinator');
    const { secret, token } = await createToken(coordinator, { name: 'Lecture', scope: 'read' });
    expect((await withToken(secret, { method: 'GET', url: '/api/v1/gaps?region=ML05' })).statusCode).toBe(200);
    const organisationsBefore = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const write of [
      { method: 'POST' as const, url: '/api/v1/organisations', payload: { name: 'Par jeton', acronym: 'JETON', type: 'ingo' } },
      { method: 'PUT' as const, url: '/api/v1/auth/language', payload: { language: 'en' } },
      { method: 'DELETE' as const, url: `/api/v1/auth/tokens/${token.id}` },
    ]) {
      const refused = await withToken(secret, write);
      expect(refused.statusCode, `${write.method} ${write.url}`).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'token_read_only', title: 'Ce jeton est en lecture seule : il ne permet que de lire (requêtes GET).' });
    }
    const english = await withToken(secret, { method: 'POST', url: '/api/v1/organisations', payload: {}, headers: { 'accept-language': 'en' } });
    expect(english.json().title).toBe('This token is read-only: it can only read (GET requests).');
    const organisationsAfter = await t.database.db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(organisationsAfter.n).toBe(organisationsBefore.n);
    expect(
      (await t.request(coordinator, { method: 'GET', url: '/api/v1/auth/tokens' })).json().items.find((i: { id: string }) => i.id === token.id).status,
    ).toBe('active');
  });

  it('lets a full token write with the rights of its account, without cookie or CSRF header, and names the token in the audit', async () => {
    const admin = await t.login('admin');
    // A session's write without its CSRF header is refused…
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { cookie: admin.cookie },
      payload: { name: 'Sans CSRF', acronym: 'NOCSRF', type: 'ingo' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().code).toBe('csrf_invalid');

    // …a token's goes through with neither.
    const { secret, token } = await createToken(admin, { name: 'Synchronisation ActivityInfo', scope: 'full', expiresInDays: 30 });
    const created = await withToken(secret, {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'Créée par jeton', acronym: 'CPJ', type: 'nngo' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const organisationId = created.json().id;
    expect((await withToken(secret, { method: 'GET', url: `/api/v1/organisations/${organisationId}` })).statusCode).toBe(200);

    const rows = await auditOf(token.id);
    const change = rows.find((r) => r.entity === 'organisation' && r.action === 'create');
    expect(change).toMatchObject({ actor_id: admin.userId, entity_id: organisationId, api_token_id: token.id });
    // One row per request, reads included, attributed to the account and the token.
    const requests = rows.filter((r) => r.action === 'api_request');
    expect(requests.map((r) => r.after)).toEqual([
      { method: 'POST', path: '/api/v1/organisations', status: 201 },
      { method: 'GET', path: `/api/v1/organisations/${organisationId}`, status: 200 },
    ]);
    expect(requests.every((r) => r.actor_id === admin.userId && r.entity === 'api_token' && r.entity_id === token.id)).toBe(true);

    // The record's history shows which token made the change.
    const history = await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=organisation&id=${organisationId}` });
    expect(history.json().items[0]).toMatchObject({ actorId: admin.userId, apiToken: { id: token.id, name: 'Synchronisation ActivityInfo' } });
    const byToken = await t.request(admin, { method: 'GET', url: `/api/v1/audit?apiTokenId=${token.id}` });
    expect(byToken.json().total).toBe(rows.length);

    // The rights are the account's: a partner's full token is still refused what a partner may not do.
    const partnerToken = await createToken(await t.login('partner'), { name: 'Partenaire complet', scope: 'full' });
    const forbidden = await withToken(partnerToken.secret, {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'x', acronym: 'X1', type: 'nngo' },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('forbidden');
  });

  it('keeps a new token, a password change and personal data to a signed-in person', async () => {
    const partner = await t.login('partner');
    const { secret } = await createToken(partner, { name: 'Script', scope: 'full' });
    const attempts = [
      await withToken(secret, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'Un autre' } }),
      await withToken(secret, {
        method: 'POST',
        url: '/api/v1/auth/password',
        payload: { currentPassword: demoPassword, newPassword: 'un nouveau mot de passe' },
      }),
      await withToken(secret, { method: 'GET', url: '/api/v1/lists/00000000-0000-4000-8000-000000000000/households?purpose=coverage' }),
    ];
    for (const attempt of attempts) {
      expect(attempt.statusCode).toBe(403);
      expect(attempt.json().code).toBe('token_not_allowed');
    }
  });

  it('refuses an expired token, an unknown one, and an expiry beyond a year', async () => {
    const viewer = await t.login('viewer');
    const { secret, token } = await createToken(viewer, { name: 'Bientôt expiré', expiresInDays: 1 });
    expect((await withToken(secret, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    await t.database.db
      .updateTable('api_tokens')
      .set({ created_at: new Date(Date.now() - 3 * 86_400_000), expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', token.id)
      .execute();
    const expired = await withToken(secret, { method: 'GET', url: '/api/v1/auth/me' });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'token_invalid', title: "Jeton d'API inconnu, expiré ou révoqué." });
    expect((await t.request(viewer, { method: 'GET', url: '/api/v1/auth/tokens' })).json().items.find((i: { id: string }) => i.id === token.id).status).toBe(
      'expired',
    );

    for (const unknown of [`relais_${'A'.repeat(43)}`, 'not-a-token', '']) {
      const response = await withToken(unknown, { method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode, unknown).toBe(401);
      expect(response.json().code).toBe('token_invalid');
    }

    const tooLong = await t.request(viewer, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'Éternel', expiresInDays: 366 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].path).toBe('body.expiresInDays');
    const noName = await t.request(viewer, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: '  ' } });
    expect(noName.statusCode).toBe(400);
  });

  it('accepts the token as the password of Basic credentials (Excel, Power BI, curl -u) and leaves other Basic credentials to a proxy', async () => {
    const { secret } = await createToken(await t.login('viewer'), { name: 'Excel' });
    const basic = (credentials: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } });
    expect((await basic(`jeton:${secret}`)).statusCode).toBe(200);
    expect((await basic(`${secret}:`)).statusCode).toBe(200);
    // A reverse proxy's own password prompt: not a token, the request is simply not signed in.
    const proxy = await basic('staging:mot-de-passe-du-proxy');
    expect(proxy.statusCode).toBe(401);
    expect(proxy.json().code).toBe('unauthenticated');
    expect((await basic(`jeton:relais_${'B'.repeat(43)}`)).json().code).toBe('token_invalid');
  });

  it('revokes: the owner their own, an administrator anyone’s, and nobody else', async () => {
    const partner = await t.login('partner');
    const coordinator = await t.login('coordinator');
    const admin = await t.login('admin');
    const own = await createToken(partner, { name: 'À révoquer' });
    const other = await createToken(partner, { name: 'Révoqué par l’admin' });

    // Another user cannot see or revoke it (404: its existence is not theirs to know).
    expect((await t.request(coordinator, { method: 'DELETE', url: `/api/v1/auth/tokens/${own.token.id}` })).statusCode).toBe(404);
    expect((await t.request(coordinator, { method: 'DELETE', url: `/api/v1/tokens/${own.token.id}` })).statusCode).toBe(403);
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/tokens' })).statusCode).toBe(403);

    expect((await t.request(partner, { method: 'DELETE', url: `/api/v1/auth/tokens/${own.token.id}` })).statusCode).toBe(204);
    expect((await withToken(own.secret, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // Revoking again changes nothing.
    expect((await t.request(partner, { method: 'DELETE', url: `/api/v1/auth/tokens/${own.token.id}` })).statusCode).toBe(204);

    const all = await t.request(admin, { method: 'GET', url: `/api/v1/tokens?userId=${partner.userId}&status=active` });
    expect(all.statusCode).toBe(200);
    const listed = all.json().items.find((i: { id: string }) => i.id === other.token.id);
    expect(listed).toMatchObject({
      name: 'Révoqué par l’admin',
      status: 'active',
      user: { id: partner.userId, email: 'partner@demo.relais', role: 'partner', active: true },
    });
    expect(all.json().items.some((i: { id: string }) => i.id === own.token.id)).toBe(false);
    expect(all.body).not.toContain(other.secret);

    expect((await t.request(admin, { method: 'DELETE', url: `/api/v1/tokens/${other.token.id}` })).statusCode).toBe(204);
    expect((await withToken(other.secret, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    const revoked = await t.request(admin, { method: 'GET', url: `/api/v1/tokens?status=revoked&q=${encodeURIComponent('Révoqué')}` });
    expect(revoked.json().items.map((i: { id: string }) => i.id)).toContain(other.token.id);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['actor_id', 'after'])
      .where('entity', '=', 'api_token')
      .where('entity_id', '=', other.token.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.userId, after: { revoked: true, userId: partner.userId } });
  });

  it("stops a deactivated account's tokens at once, and does not bring them back with the account", async () => {
    const admin = await t.login('admin');
    const invited = await t.request(admin, {
      method: 'POST',
      url: '/api/v1/users',
      payload: { email: 'depart@example.org', name: 'Départ Prochain', role: 'viewer' },
    });
    const { user, temporaryPassword } = invited.json();
    const first = await t.loginWith('depart@example.org', temporaryPassword);
    await t.request(first, {
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: temporaryPassword, newPassword: 'mot de passe du départ' },
    });
    const session = await t.loginWith('depart@example.org', 'mot de passe du départ');
    const { secret, token } = await createToken(session, { name: 'Tableau Excel' });
    expect((await withToken(secret, { method: 'GET', url: '/api/v1/gaps' })).statusCode).toBe(200);

    const current = (await t.request(admin, { method: 'GET', url: `/api/v1/users/${user.id}` })).json();
    const deactivated = await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { active: false, version: current.version } });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect((await withToken(secret, { method: 'GET', url: '/api/v1/gaps' })).statusCode).toBe(401);

    const reactivated = await t.request(admin, {
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { active: true, version: deactivated.json().version },
    });
    expect(reactivated.statusCode).toBe(200);
    expect((await withToken(secret, { method: 'GET', url: '/api/v1/gaps' })).statusCode).toBe(401);
    const listed = await t.request(admin, { method: 'GET', url: `/api/v1/tokens?userId=${user.id}` });
    expect(listed.json().items[0]).toMatchObject({ id: token.id, status: 'revoked' });
  });

  it('limits each token to its own number of requests a minute', async () => {
    const coordinator = await t.login('coordinator');
    const busy = await createToken(coordinator, { name: 'Boucle trop rapide' });
    const calm = await createToken(coordinator, { name: 'Tableau de bord' });
    for (let i = 0; i < perMinute; i++) {
      const response = await withToken(busy.secret, { method: 'GET', url: '/api/v1/auth/me' });
      expect(response.statusCode).toBe(200);
      expect(Number(response.headers['x-ratelimit-remaining'])).toBe(perMinute - 1 - i);
    }
    const limited = await withToken(busy.secret, { method: 'GET', url: '/api/v1/auth/me' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another token of the same account, and the account's own session, are not held back.
    expect((await withToken(calm.secret, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
  });
});
