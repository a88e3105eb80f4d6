import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('users on %s', (kind) => {
  let t: TestApp;
  let nrcId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const admin = await t.login('admin');
    const orgs = await t.request(admin, { method: 'GET', url: '/api/v1/organisations?q=NRC' });
    nrcId = orgs.json().items[0].id;
  });
  afterAll(() => t.close());

  async function invite(payload: Record<string, unknown>) {
    return t.request(await t.login('admin'), { method: 'POST', url: '/api/v1/users', payload });
  }

  it('invites a user with a temporary password that must be changed at first login', async () => {
    const created = await invite({ email: 'Awa.Keita@Example.org', name: 'Awa Keïta', role: 'partner', organisationId: nrcId });
    expect(created.statusCode).toBe(201);
    const { user, temporaryPassword } = created.json();
    expect(user).toMatchObject({ email: 'awa.keita@example.org', role: 'partner', mustChangePassword: true, organisationAcronym: 'NRC' });
    expect(temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);

    const session = await t.loginWith('awa.keita@example.org', temporaryPassword);
    const blocked = await t.request(session, { method: 'GET', url: '/api/v1/organisations' });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');

    const tooShort = await t.request(session, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'court' } });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().errors[0]).toEqual({ path: 'body.newPassword', message: 'Le mot de passe doit faire au moins 10 caractères.' });

    const changed = await t.request(session, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: temporaryPassword, newPassword: 'un mot de passe solide' } });
    expect(changed.statusCode).toBe(204);
    expect((await t.request(session, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(200);
    await expect(t.loginWith('awa.keita@example.org', temporaryPassword)).rejects.toThrow(/401/);
  });

  it('refuses a duplicate e-mail, a partner without organisation and an unknown region', async () => {
    const duplicate = await invite({ email: 'partner@demo.relais', name: 'Doublon', role: 'viewer' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('email_taken');

    const noOrg = await invite({ email: 'sans.org@example.org', name: 'Sans Org', role: 'partner' });
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.json().errors).toContainEqual({ path: 'body.organisationId', message: 'Un compte partenaire doit être rattaché à une organisation.' });

    const badRegion = await invite({ email: 'region@example.org', name: 'Région Inconnue', role: 'regional_coordinator', regions: ['ML77'] });
    expect(badRegion.statusCode).toBe(400);
    expect(badRegion.json().code).toBe('unknown_region');
    const users = await t.request(await t.login('admin'), { method: 'GET', url: '/api/v1/users?q=example.org' });
    expect(users.json().items.map((u: { email: string }) => u.email)).toEqual(['awa.keita@example.org']);
  });

  it('lets only admins manage users', async () => {
    for (const role of ['coordinator', 'regional_coordinator', 'partner', 'viewer', 'list_custodian'] as const) {
      const session = await t.login(role);
      expect((await t.request(session, { method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
      const attempt = await t.request(session, { method: 'POST', url: '/api/v1/users', payload: { email: `x.${role}@example.org`, name: 'Intrus', role: 'admin' } });
      expect(attempt.statusCode).toBe(403);
    }
  });

  it('resets a password, ending the user sessions, and deactivates an account', async () => {
    const admin = await t.login('admin');
    const { user } = (await invite({ email: 'reset.me@example.org', name: 'Reset Me', role: 'viewer' })).json();
    const reset = await t.request(admin, { method: 'POST', url: `/api/v1/users/${user.id}/reset-password` });
    expect(reset.statusCode).toBe(200);
    const session = await t.loginWith('reset.me@example.org', reset.json().temporaryPassword);
    await t.request(session, { method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword: reset.json().temporaryPassword, newPassword: 'encore un bon mot de passe' } });

    const current = (await t.request(admin, { method: 'GET', url: `/api/v1/users/${user.id}` })).json();
    const deactivated = await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { active: false, version: current.version } });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().active).toBe(false);
    expect((await t.request(session, { method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await expect(t.loginWith('reset.me@example.org', 'encore un bon mot de passe')).rejects.toThrow(/401/);
  });

  it('answers a stale version with 409 and the current record', async () => {
    const admin = await t.login('admin');
    const { user } = (await invite({ email: 'conflict@example.org', name: 'Conflit', role: 'viewer' })).json();
    const first = await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { name: 'Premier', version: user.version } });
    expect(first.statusCode).toBe(200);
    const second = await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { name: 'Second', version: user.version } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({ code: 'version_conflict', current: { name: 'Premier', version: user.version + 1 } });
  });

  it('refuses that an admin deactivates itself', async () => {
    const admin = await t.login('admin');
    const me = (await t.request(admin, { method: 'GET', url: `/api/v1/users/${admin.userId}` })).json();
    const response = await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${admin.userId}`, payload: { active: false, version: me.version } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('cannot_deactivate_self');
  });

  it('audits creations and updates with before/after and never the password hash', async () => {
    const admin = await t.login('admin');
    const { user } = (await invite({ email: 'audited@example.org', name: 'Audité', role: 'viewer' })).json();
    await t.request(admin, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { name: 'Audité Deux', version: user.version } });
    const audit = await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=user&id=${user.id}` });
    expect(audit.statusCode).toBe(200);
    const events = audit.json().items;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(events[0]).toMatchObject({ actorId: admin.userId, actorName: 'Aminata Traoré', before: { name: 'Audité' }, after: { name: 'Audité Deux' } });
    expect(JSON.stringify(events)).not.toMatch(/password_hash|passwordHash|\$argon2/);
    expect((await t.request(await t.login('coordinator'), { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});
