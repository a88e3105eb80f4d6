import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';

describe.each(databaseKinds)('organisations on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('lists, searches and paginates the demo organisations for any signed-in user', async () => {
    const viewer = await t.login('viewer');
    const page = await t.request(viewer, { method: 'GET', url: '/api/v1/organisations?pageSize=5&page=2' });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ total: 16, page: 2, pageSize: 5 });
    expect(page.json().items).toHaveLength(5);
    const search = await t.request(viewer, { method: 'GET', url: '/api/v1/organisations?q=solidarit' });
    expect(search.json().items.map((o: { acronym: string }) => o.acronym)).toEqual(['SI']);
    // The search text is taken literally: `%` and `_` are not wildcards.
    for (const wildcard of ['%', '_', 'N_C']) {
      const literal = await t.request(viewer, { method: 'GET', url: `/api/v1/organisations?q=${encodeURIComponent(wildcard)}` });
      expect(literal.json().total).toBe(0);
    }
    expect((await t.request(null, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(401);
  });

  it('creates, edits and deactivates an organisation, audited', async () => {
    const admin = await t.login('admin');
    const created = await t.request(admin, {
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'Association pour le Développement Intégré du Sahel', acronym: 'ADIS', type: 'nngo', roles: ['post_rrm_actor'] },
    });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    const edited = await t.request(admin, { method: 'PATCH', url: `/api/v1/organisations/${org.id}`, payload: { active: false, version: org.version } });
    expect(edited.json()).toMatchObject({ active: false, version: org.version + 1 });
    const activeList = await t.request(admin, { method: 'GET', url: '/api/v1/organisations?q=ADIS' });
    expect(activeList.json().total).toBe(0);
    const allList = await t.request(admin, { method: 'GET', url: '/api/v1/organisations?q=ADIS&active=all' });
    expect(allList.json().total).toBe(1);
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=organisation&id=${org.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['update', 'create']);
    expect(audit.items[0].before.active).toBe(true);
    expect(audit.items[0].after.active).toBe(false);
  });

  it('refuses a duplicate acronym whatever its case, invalid input, and non-admins', async () => {
    const admin = await t.login('admin');
    const duplicate = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Autre', acronym: 'nrc', type: 'ingo' } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('acronym_taken');
    const invalid = await t.request(admin, {
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { 'accept-language': 'en' },
      payload: { name: 'X', acronym: '', type: 'company' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().title).toBe('Some values are not valid.');
    expect(invalid.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.acronym', 'body.name', 'body.type']);
    const coordinator = await t.login('coordinator');
    const denied = await t.request(coordinator, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Refusée', acronym: 'REF', type: 'nngo' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().title).toBe("Vous n'avez pas les droits pour cette action.");
  });
});
