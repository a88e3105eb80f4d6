import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

function multipart(fileName: string, content: Buffer) {
  const boundary = `relais-${crypto.randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const pdf = (size = 2048) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, 0x20), Buffer.from('\n%%EOF\n')]);

describe.each(databaseKinds)('assessments on %s', (kind) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let coordinator: Session;

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    coordinator = await t.login('coordinator');
  });
  afterAll(() => t.close());

  const create = async (session: Session, payload: Record<string, unknown>) => t.request(session, { method: 'POST', url: '/api/v1/assessments', payload });
  const doneMultisector = (localityId: string, overrides: Record<string, unknown> = {}) => ({
    localityId,
    kind: 'multisector',
    status: 'done',
    organisationId: ids.acted,
    startDate: '2026-04-01',
    endDate: '2026-04-10',
    title: 'ESM Mopti avril',
    results: [
      { sector: 'secal', severity: 4, householdsInNeed: 300, personsInNeed: 1800, findings: 'Stocks épuisés, marchés perturbés.' },
      { sector: 'abris_ame', severity: 3, householdsInNeed: 120 },
    ],
    ...overrides,
  });

  it('records an assessment with its results by sector, lists and filters it, audited', async () => {
    const created = await create(coordinator, doneMultisector(ids.mopti));
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ kind: 'multisector', step: 2, status: 'done', organisation: { acronym: 'ACTED' }, locality: { name: 'Mopti', adm1Name: 'Mopti' }, report: null });
    expect(body.results).toHaveLength(2);
    expect(body.results.find((r: { sector: string }) => r.sector === 'abris_ame')).toEqual({ sector: 'abris_ame', severity: 3, householdsInNeed: 120, personsInNeed: null, findings: null });

    const viewer = await t.login('viewer');
    const list = (await t.request(viewer, { method: 'GET', url: '/api/v1/assessments?region=ML05&kind=multisector&status=done' })).json();
    expect(list.items.map((a: { id: string }) => a.id)).toContain(body.id);
    const elsewhere = (await t.request(viewer, { method: 'GET', url: '/api/v1/assessments?region=ML04' })).json();
    expect(elsewhere.items.map((a: { id: string }) => a.id)).not.toContain(body.id);
    const search = (await t.request(viewer, { method: 'GET', url: '/api/v1/assessments?q=MOPTI' })).json();
    expect(search.total).toBeGreaterThan(0);

    const admin = await t.login('admin');
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=assessment&id=${body.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('refuses broken rules with clear errors and writes nothing', async () => {
    const noEnd = await create(coordinator, doneMultisector(ids.mopti, { endDate: null }));
    expect(noEnd.statusCode).toBe(400);
    expect(noEnd.json().code).toBe('assessment_end_required');
    const early = await create(coordinator, { ...doneMultisector(ids.mopti), status: 'planned', startDate: '2027-01-10', endDate: null });
    expect(early.json().code).toBe('assessment_results_too_early');
    const reversed = await create(coordinator, doneMultisector(ids.mopti, { startDate: '2026-04-20' }));
    expect(reversed.json().code).toBe('end_before_start');
    const persons = await create(coordinator, doneMultisector(ids.mopti, { results: [{ sector: 'sante', householdsInNeed: 100, personsInNeed: 50 }] }));
    expect(persons.json()).toMatchObject({ code: 'persons_below_households', errors: [{ path: 'body.results' }] });
    const duplicate = await create(coordinator, doneMultisector(ids.mopti, { results: [{ sector: 'sante' }, { sector: 'sante' }] }));
    expect(duplicate.statusCode).toBe(400);
    const unknownLocality = await create(coordinator, doneMultisector('00000000-0000-4000-8000-000000000000'));
    expect(unknownLocality.json().code).toBe('unknown_locality');
    const english = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { 'accept-language': 'en' },
      payload: { ...doneMultisector(ids.segou), results: [{ sector: 'secal', severity: 7 }] },
    });
    expect(english.json()).toMatchObject({ status: 400, title: 'Some values are not valid.', errors: [{ path: 'body.results.0.severity' }] });
    const count = (await t.request(coordinator, { method: 'GET', url: `/api/v1/assessments?localityId=${ids.segou}` })).json().total;
    expect(count).toBe(0);
  });

  it('lets partners record their own organisation, regional coordinators their regions', async () => {
    const partner = await t.login('partner');
    const own = await create(partner, { localityId: ids.gao, kind: 'territorial', startDate: '2026-12-15' });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ organisation: { acronym: 'NRC' }, status: 'planned' });
    expect((await create(partner, { localityId: ids.gao, kind: 'territorial', startDate: '2026-12-15', organisationId: ids.acted })).statusCode).toBe(403);

    const regional = await t.login('regional_coordinator');
    expect((await create(regional, { localityId: ids.bandiagara, kind: 'impact', startDate: '2026-12-01', organisationId: ids.irc })).statusCode).toBe(201);
    expect((await create(regional, { localityId: ids.segou, kind: 'impact', startDate: '2026-12-01', organisationId: ids.irc })).statusCode).toBe(403);
    expect((await create(await t.login('viewer'), { localityId: ids.gao, kind: 'territorial', startDate: '2026-12-15' })).statusCode).toBe(403);
  });

  it('updates with optimistic concurrency and replaces the results', async () => {
    const created = (await create(coordinator, { localityId: ids.tombouctou, kind: 'territorial', status: 'ongoing', organisationId: ids.acted, startDate: '2026-05-02' })).json();
    const done = await t.request(coordinator, {
      method: 'PATCH',
      url: `/api/v1/assessments/${created.id}`,
      payload: { version: created.version, status: 'done', endDate: '2026-05-20', results: [{ sector: 'eha', severity: 5, householdsInNeed: 80 }] },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', endDate: '2026-05-20', version: created.version + 1, results: [{ sector: 'eha', severity: 5, householdsInNeed: 80 }] });
    const stale = await t.request(coordinator, { method: 'PATCH', url: `/api/v1/assessments/${created.id}`, payload: { version: created.version, title: 'Trop tard' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(created.version + 1);
    const partner = await t.login('partner');
    expect((await t.request(partner, { method: 'PATCH', url: `/api/v1/assessments/${created.id}`, payload: { version: created.version + 1, title: 'x' } })).statusCode).toBe(403);
  });

  it('attaches a PDF report, serves it as a download, refuses other files and oversized ones', async () => {
    const created = (await create(coordinator, doneMultisector(ids.bandiagara))).json();
    const url = `/api/v1/assessments/${created.id}/report`;
    const notPdf = multipart('rapport.pdf', Buffer.from('PK\u0003\u0004 not a pdf'));
    const refused = await t.request(coordinator, { method: 'PUT', url, payload: notPdf.payload, headers: notPdf.headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('report_not_pdf');

    const content = pdf();
    const upload = multipart('Rapport ESM Bandiagara – avril.pdf', content);
    const stored = await t.request(coordinator, { method: 'PUT', url, payload: upload.payload, headers: upload.headers });
    expect(stored.statusCode).toBe(200);
    expect(stored.json().report).toMatchObject({ fileName: 'Rapport ESM Bandiagara – avril.pdf', size: content.length });
    expect(stored.json().version).toBe(created.version + 1);

    const download = await t.request(await t.login('viewer'), { method: 'GET', url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="Rapport ESM Bandiagara  avril.pdf"; filename*=UTF-8''${encodeURIComponent('Rapport ESM Bandiagara – avril.pdf')}`,
    );
    expect(download.rawPayload.equals(content)).toBe(true);

    const admin = await t.login('admin');
    const settings = (await t.request(admin, { method: 'GET', url: '/api/v1/settings/assessments' })).json();
    expect(settings).toMatchObject({ reportMaxMegabytes: 20, version: 0 });
    const changed = await t.request(admin, { method: 'PUT', url: '/api/v1/settings/assessments', payload: { reportMaxMegabytes: 1, version: 0 } });
    expect(changed.json()).toMatchObject({ reportMaxMegabytes: 1, version: 1 });
    expect((await t.request(coordinator, { method: 'PUT', url: '/api/v1/settings/assessments', payload: { reportMaxMegabytes: 5, version: 1 } })).statusCode).toBe(403);
    const big = multipart('gros.pdf', pdf(1024 * 1024 + 10));
    const tooLarge = await t.request(coordinator, { method: 'PUT', url, payload: big.payload, headers: big.headers });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({ code: 'report_too_large', detail: '1 Mo' });
    // The earlier report is still there.
    expect((await t.request(coordinator, { method: 'GET', url })).rawPayload.equals(content)).toBe(true);

    const removed = await t.request(coordinator, { method: 'DELETE', url });
    expect(removed.json().report).toBeNull();
    expect((await t.request(coordinator, { method: 'GET', url })).statusCode).toBe(404);
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=assessment_report&id=${created.id}` })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(['delete', 'update']);
    expect(audit.items[1].after).toMatchObject({ size: content.length });
    expect(audit.items[1].after.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tracks the sequence per locality and flags post-RRM localities with no assessment planned', async () => {
    const douentza = (await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050606003').executeTakeFirstOrThrow()).id;
    const koro = (await t.database.db.selectFrom('localities').select('id').where('pcode', '=', 'ML050711031').executeTakeFirstOrThrow()).id;
    for (const localityId of [douentza, koro]) {
      const alert = await createAlert(t, localityId, { shockDate: '2026-02-01', alertDate: '2026-02-03' });
      await validateAlert(t, alert.id, '2026-02-10');
    }
    await create(coordinator, { localityId: koro, kind: 'territorial', status: 'done', organisationId: ids.acted, startDate: '2026-05-10', endDate: '2026-05-20' });
    await create(coordinator, { localityId: koro, kind: 'multisector', status: 'planned', organisationId: ids.acted, startDate: '2026-12-10' });

    const page = (await t.request(coordinator, { method: 'GET', url: '/api/v1/assessments/tracker?at=2026-07-01&region=ML05&pageSize=100' })).json();
    const rowOf = (id: string) => page.items.find((r: { locality: { id: string } }) => r.locality.id === id);
    expect(rowOf(douentza)).toMatchObject({ phase: 'post_rrm', latestShockDate: '2026-02-01', stepDone: 0, nextKind: 'territorial', nonePlanned: true, territorial: null });
    expect(rowOf(koro)).toMatchObject({ phase: 'post_rrm', stepDone: 1, nextKind: 'multisector', nonePlanned: false, territorial: { status: 'done' }, multisector: { status: 'planned' } });
    expect(page.summary.nonePlanned).toBeGreaterThanOrEqual(1);
    const missing = (await t.request(coordinator, { method: 'GET', url: '/api/v1/assessments/tracker?at=2026-07-01&nonePlanned=true' })).json();
    expect(missing.items.every((r: { nonePlanned: boolean }) => r.nonePlanned)).toBe(true);
    expect(missing.items.map((r: { locality: { id: string } }) => r.locality.id)).toContain(douentza);
    // In the RRM phase the locality is not flagged yet.
    const early = (await t.request(coordinator, { method: 'GET', url: `/api/v1/assessments/tracker?at=2026-03-01&q=douentza` })).json();
    expect(early.items[0]).toMatchObject({ phase: 'rrm', nonePlanned: false });
  });
});

describe('report above the server upload limit', () => {
  it('is refused whole, never stored cut', async () => {
    const t = await createTestApp('pglite', { MAX_UPLOAD_MB: '1' });
    try {
      const ids = await referenceIds(t);
      const coordinator = await t.login('coordinator');
      const created = (
        await t.request(coordinator, { method: 'POST', url: '/api/v1/assessments', payload: { localityId: ids.gao, kind: 'territorial', status: 'ongoing', organisationId: ids.acted, startDate: '2026-05-01' } })
      ).json();
      const big = multipart('gros.pdf', pdf(1024 * 1024 + 100));
      const refused = await t.request(coordinator, { method: 'PUT', url: `/api/v1/assessments/${created.id}/report`, payload: big.payload, headers: big.headers });
      expect(refused.statusCode).toBe(413);
      expect((await t.request(coordinator, { method: 'GET', url: `/api/v1/assessments/${created.id}/report` })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
