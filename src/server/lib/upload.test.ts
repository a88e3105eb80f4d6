import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../test/test-app.ts';
import { databaseKinds } from '../test/test-database.ts';
import { multipartFile } from '../test/multipart.ts';
import { uploadName } from './upload.ts';

/** A CSV of valid 5W rows, about `megabytes` long. */
function fiveWCsv(megabytes: number): string {
  const header = 'Secteur;Activité;Localité;Statut;Date de début;Ménages ciblés;Commentaire\n';
  const rows: string[] = [header];
  let size = header.length;
  for (let i = 1; size < megabytes * 1024 * 1024; i++) {
    const row = `Santé;Clinique mobile ${i};Sévaré;En cours;01/03/2026;${i};Ligne ${i} ${'x'.repeat(40)}\n`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return rows.join('');
}

describe.each(databaseKinds)('uploads cut by the size limit on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;
  let admin: Session;

  beforeAll(async () => {
    t = await createTestApp(kind, { MAX_UPLOAD_MB: '1' });
    [coordinator, admin] = await Promise.all([t.login('coordinator'), t.login('admin')]);
  });
  afterAll(() => t.close());

  const tables = ['responses', 'capacities', 'alerts', 'assessments', 'localities', 'audit_events'] as const;
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(tables.map(async (table) => [table, Number((await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)])),
    );

  it.each([
    ['5W', '/api/v1/responses/import?dryRun=false&period=2026-03'],
    ['capacities', '/api/v1/capacities/import?dryRun=false'],
    ['alerts', '/api/v1/alerts/import?dryRun=false'],
    ['assessments', '/api/v1/assessments/import?dryRun=false'],
    ['gazetteer', '/api/v1/gazetteer/import?dryRun=false&kind=settlements'],
  ])('the %s import refuses a file over the limit whole, with 413, and writes nothing', async (_name, url) => {
    const before = await counts();
    const body = multipartFile('grand.csv', fiveWCsv(1.5));
    const session = url.includes('gazetteer') ? admin : coordinator;
    const response = await t.request(session, { method: 'POST', url, payload: body.payload, headers: { ...body.headers, 'accept-language': 'fr' } });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'file_too_large', title: 'Le fichier est trop volumineux.' });
    expect(await counts()).toEqual(before);
  });

  it('still takes a file under the limit', async () => {
    const csv = fiveWCsv(0.05);
    const body = multipartFile('petit.csv', csv);
    const response = await t.request(coordinator, { method: 'POST', url: '/api/v1/responses/import?dryRun=true&period=2026-03', payload: body.payload, headers: body.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: csv.trimEnd().split('\n').length - 1, canCommit: true });
  });
});

describe('uploaded file names', () => {
  it('keep the visible base name only', () => {
    expect(uploadName('C:\\Users\\awa\\Rapport Mopti.pdf')).toBe('Rapport Mopti.pdf');
    expect(uploadName('../../etc/passwd')).toBe('passwd');
    expect(uploadName('rapport\u202Efdp.exe')).toBe('rapportfdp.exe');
    expect(uploadName('\u200B\u200D\uFEFF')).toBe('');
    expect(uploadName('liste\u0000.csv')).toBe('liste.csv');
  });
});
