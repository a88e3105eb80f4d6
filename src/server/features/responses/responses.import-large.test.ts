import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { multipartFile } from '../../test/multipart.ts';

/**
 * A month that already holds more records under one organisation, sector and locality than
 * PostgreSQL takes parameters in one statement (65,535): the import matching a file's rows against
 * them used to fail with a 500 (an `IN` list of every match's id).
 */
describe.each(databaseKinds)('5W import against a crowded month on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('matches a file against 70,000 records of the same organisation, month, sector and locality', async () => {
    const partner = await t.login('partner');
    const sevare = (await t.database.db.selectFrom('localities').select('id').where('name', '=', 'Sévaré').executeTakeFirstOrThrow()).id;
    const first = await t.request(partner, {
      method: 'POST',
      url: '/api/v1/responses',
      payload: { period: '2026-03', sector: 'sante', activity: 'Clinique mobile', localityId: sevare, status: 'ongoing', startDate: '2026-03-01' },
    });
    expect(first.statusCode, first.body).toBe(201);
    // The same record 70,000 times under other activities, written at once by SQL (an import would take minutes).
    await sql`
      INSERT INTO responses (period, organisation_id, sector, activity, locality_id, adm1_pcode, adm2_pcode, adm3_pcode, status, start_date, population_group, currency)
      SELECT period, organisation_id, sector, activity || ' ' || n, locality_id, adm1_pcode, adm2_pcode, adm3_pcode, status, start_date, population_group, currency
      FROM responses, generate_series(1, 70000) AS n WHERE id = ${first.json().id}`.execute(t.database.db);

    const csv = 'Sector,Activity,Locality,Status,Start date\nHealth,Clinique mobile,Sevare,Ongoing,2026-03-01\nHealth,Nouvelle activité,Sevare,Ongoing,2026-03-02\n';
    const body = multipartFile('crowded.csv', csv);
    const report = await t.request(partner, { method: 'POST', url: '/api/v1/responses/import?dryRun=true&period=2026-03', payload: body.payload, headers: { ...body.headers, 'accept-language': 'en' } });
    expect(report.statusCode, report.body.slice(0, 300)).toBe(200);
    expect(report.json()).toMatchObject({ rows: 2, valid: 2, plan: { create: 1, unchanged: 1 } });
  }, 240_000);
});
