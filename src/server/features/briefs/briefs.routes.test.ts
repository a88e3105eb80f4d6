import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../test/pdf.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

describe.each(databaseKinds)('advocacy briefs on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  const at = '2026-03-25';

  beforeAll(async () => {
    t = await createTestApp(kind);
    ids = await referenceIds(t);
    coordinator = await t.login('coordinator');
    const alert = await createAlert(t, ids.mopti, {
      shockDate: '2026-01-10',
      alertDate: '2026-01-12',
      households: 300,
      persons: 1800,
      msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 200, severity: 4 }],
    });
    await validateAlert(t, alert.id, '2026-01-15');
    const assessment = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: {
        localityId: ids.bandiagara,
        kind: 'territorial',
        status: 'done',
        organisationId: ids.acted,
        startDate: '2026-02-01',
        endDate: '2026-02-15',
        results: [{ sector: 'sante', severity: 5, householdsInNeed: 400 }],
      },
    });
    expect(assessment.statusCode, assessment.body).toBe(201);
    await t.database.db
      .insertInto('capacities')
      .values({ period: '2026-03-01', organisation_id: ids.irc, sector: 'sante', region_pcode: 'ML05', households: 500, funding_status: 'funded', contact_name: 'Awa Traoré' })
      .execute();
  });
  afterAll(() => t.close());

  it('draws a one-page French brief of a region: figures, top gaps with their explanation, capacities, sources', async () => {
    const response = await t.request(coordinator, { method: 'GET', url: `/api/v1/briefs?region=ML05&lang=fr&at=${at}` });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="relais-note-ML05-${at}-fr.pdf"`);
    const pdf = readPdf(response.rawPayload);
    expect(pdf.pages).toBe(1);
    // A4 at 50 dpi.
    expect([pdf.width, pdf.height]).toEqual([414, 585]);
    expect(pdf.pngBytes).toBeGreaterThan(10_000);
    expect(pdf.text).toContain('Note de plaidoyer — Région de Mopti');
    expect(pdf.text).toContain('Situation au 25 mars 2026');
    expect(pdf.text).toContain('Chiffres clés');
    // 300 displaced in Mopti (RRM phase); Bandiagara's health gap of 400 households comes first.
    expect(pdf.text).toMatch(/300 ménages déplacés/);
    expect(pdf.text).toMatch(/1\. Bandiagara \(Bandiagara, Mopti\) · Santé · gap de 400 ménages/);
    expect(pdf.text).toContain('Gap : 400 ménages — non couvert');
    expect(pdf.text).toContain('Capacités disponibles : IRC (500 ménages)');
    expect(pdf.text).toMatch(/2\. Mopti \(Mopti, Mopti\) · Sécurité alimentaire/);
    expect(pdf.text).toContain('Sources : Relais');
    // Internal contacts stay out of a document meant to be handed out.
    expect(pdf.text).not.toContain('Awa Traoré');
  });

  it('draws an English brief of a sector for the whole country', async () => {
    const response = await t.request(coordinator, { method: 'GET', url: `/api/v1/briefs?sector=sante&lang=en&at=${at}` });
    expect(response.statusCode).toBe(200);
    const pdf = readPdf(response.rawPayload);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Advocacy brief — Mali · Sector: Health');
    expect(pdf.text).toContain('Situation on 25 March 2026');
    expect(pdf.text).toContain('Priority gaps');
    expect(pdf.text).toContain('Gap: 400 households — uncovered');
    expect(pdf.text).toContain('Available capacity: IRC (500 households)');
    expect(pdf.text).not.toContain('Food security');
  });

  it('draws a national brief, its figures in the singular where one', async () => {
    const response = await t.request(coordinator, { method: 'GET', url: `/api/v1/briefs?lang=fr&at=${at}` });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="relais-note-${at}-fr.pdf"`);
    const pdf = readPdf(response.rawPayload);
    expect(pdf.pages).toBe(1);
    expect(pdf.text).toContain('Note de plaidoyer — Mali');
    // French takes the singular for 0 and 1, English for 1 only.
    expect(pdf.text).toMatch(/1 choc actif : 0 en alerte, 1 en RRM/);
    expect(pdf.text).toMatch(/0 localité d’accueil en phase post-RRM/);
    expect(pdf.text).toMatch(/2 gaps ouverts/);
    expect(pdf.text).toMatch(/0 gap à venir dans les 30 prochains jours/);
    expect(pdf.text).toMatch(/1 sortie du RRM/);
    const en = readPdf((await t.request(coordinator, { method: 'GET', url: `/api/v1/briefs?lang=en&at=${at}` })).rawPayload);
    expect(en.text).toMatch(/1 active shock: 0 at alert stage/);
    expect(en.text).toMatch(/0 gaps open in the next 30 days/);
    expect(en.text).toMatch(/1 RRM exit in the next 30 days/);
  });

  it('leaves a gap someone took up out of the priority gaps', async () => {
    const taken = await t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/gaps/${ids.bandiagara}/sante/follow-ups`,
      payload: { status: 'taken_up', comment: 'IRC ouvre une clinique mobile', organisationId: ids.irc },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    const pdf = readPdf((await t.request(coordinator, { method: 'GET', url: `/api/v1/briefs?region=ML05&lang=fr&at=${at}` })).rawPayload);
    expect(pdf.text).toMatch(/1\. Mopti \(Mopti, Mopti\) · Sécurité alimentaire/);
    expect(pdf.text).not.toContain('Bandiagara (Bandiagara, Mopti) · Santé');
  });

  it('refuses a brief of an unknown region, and without a session', async () => {
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/briefs?region=ML99' })).statusCode).toBe(404);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/briefs?region=ML05' })).statusCode).toBe(401);
  });
});
