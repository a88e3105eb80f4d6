import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './test/test-app.ts';
import { databaseKinds } from './test/test-database.ts';

/** Hostile text, dates and JSON on the forms and queries of the API: each refused with a clear message, nothing written, no 500. */
describe.each(databaseKinds)('hostile input on %s', (kind) => {
  let t: TestApp;
  let admin: Session;
  const log: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind, { LOG_LEVEL: 'info' }, { logStream: { write: (line) => void log.push(line) } });
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const organisations = async () => Number((await t.database.db.selectFrom('organisations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a NUL character in a text field or in ?q= with 400, in the caller’s language', async () => {
    const before = await organisations();
    const created = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Nul\u0000part', acronym: 'NUL', type: 'ingo' }, headers: { 'accept-language': 'en' } });
    expect(created.statusCode).toBe(400);
    expect(created.json()).toMatchObject({ code: 'text_invalid_characters', errors: [{ path: 'body.name', message: expect.stringContaining('forbidden character') }] });
    expect(await organisations()).toBe(before);
    for (const url of ['/api/v1/users?q=a%00b', '/api/v1/gaps?q=%00', '/api/v1/responses?q=x%00']) {
      const response = await t.request(admin, { method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().title).toContain('caractère interdit');
    }
  });

  it('refuses right-to-left overrides, and zero-width-only text as empty', async () => {
    const override = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Rapport\u202Efdp.exe', acronym: 'RTL', type: 'ingo' } });
    expect(override.statusCode).toBe(400);
    expect(override.json().code).toBe('text_invalid_characters');
    const invisible = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: { name: '\u200B\u200B\u200B', acronym: '\u200B\uFEFF', type: 'ingo' } });
    expect(invisible.statusCode).toBe(400);
    expect(invisible.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.acronym', 'body.name']);
    // Zero-width characters inside real text are dropped, the text kept.
    const kept = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: { name: 'Asso\u200Bciation Sahel', acronym: 'AS\u200DS', type: 'nngo' } });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json()).toMatchObject({ name: 'Association Sahel', acronym: 'ASS' });
  });

  it('refuses the year 0 and the year 9999 with 400 in gaps, briefs and needs', async () => {
    for (const url of ['/api/v1/gaps?at=9999-12-31', '/api/v1/gaps?at=0000-01-01', '/api/v1/briefs?region=ML05&at=9999-12-31', '/api/v1/needs?at=0000-06-15', '/api/v1/gaps/matrix?at=9999-12-31']) {
      const response = await t.request(admin, { method: 'GET', url, headers: { 'accept-language': 'en' } });
      expect(response.statusCode, `${url}: ${response.body.slice(0, 200)}`).toBe(400);
      expect(response.json().errors[0].message).toBe('Date out of the accepted range (1900 to 2100).');
    }
  });

  it('refuses JSON nested past 32 levels, and a body over the limit, with clear messages', async () => {
    // 100,000 levels: deep enough to exhaust the stack of any recursive validation or serialisation.
    const deep = `${'['.repeat(100_000)}"x"${']'.repeat(100_000)}`;
    const nested = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: `{"name":${deep},"acronym":"D","type":"ingo"}`, headers: { 'content-type': 'application/json' } });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().code).toBe('json_too_deep');
    const huge = await t.request(admin, { method: 'POST', url: '/api/v1/organisations', payload: JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024), acronym: 'H', type: 'ingo' }), headers: { 'content-type': 'application/json', 'accept-language': 'en' } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: 'body_too_large', title: 'The request is too large.' });
    expect((await t.request(null, { method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });

  it('logs request paths without their query strings: no e-mail address or searched name in the log', async () => {
    log.length = 0;
    await t.request(admin, { method: 'GET', url: '/api/v1/users?q=aminata.traore%40demo.relais' });
    await t.request(admin, { method: 'GET', url: '/api/v1/responses?q=Ibrahim%20Maiga' });
    const lines = log.join('');
    expect(lines).toContain('/api/v1/users');
    expect(lines).not.toMatch(/aminata|traore|%40|Ibrahim|Maiga|q=/i);
    expect(lines).not.toMatch(/relais_session|x-csrf-token/i);
  });

  it('answers a report upload with an empty file name (stored as rapport.pdf), not a 500', async () => {
    const { db } = t.database;
    const gao = (await db.selectFrom('localities').select('id').where('pcode', '=', 'ML070000000').executeTakeFirstOrThrow()).id;
    const acted = (await db.selectFrom('organisations').select('id').where('acronym', '=', 'ACTED').executeTakeFirstOrThrow()).id;
    const assessment = await t.request(admin, { method: 'POST', url: '/api/v1/assessments', payload: { localityId: gao, kind: 'territorial', status: 'ongoing', organisationId: acted, startDate: '2026-05-01' } });
    expect(assessment.statusCode, assessment.body).toBe(201);
    const boundary = '----relaisEmptyName';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\n\r\n--${boundary}--\r\n`;
    const upload = await t.request(admin, { method: 'PUT', url: `/api/v1/assessments/${assessment.json().id}/report`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(upload.statusCode, upload.body).toBeLessThan(500);
    if (upload.statusCode === 200) expect(upload.json().report.fileName).toBe('rapport.pdf');
    else expect(upload.json().code).toBe('file_missing');
  });
});
