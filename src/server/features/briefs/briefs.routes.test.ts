import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../alerts/alerts.fixtures.ts';

/** The PDF as a reader sees it: its text (poppler's pdftotext), its page count, and a rendering to PNG (pdftoppm). */
function readPdf(pdf: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-brief-'));
  try {
    const file = path.join(dir, 'brief.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
    execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', file, path.join(dir, 'page')]);
    const png = fs.readFileSync(path.join(dir, 'page.png'));
    // IHDR: width and height as big-endian integers at bytes 16 and 20.
    return { text: text.replace(/\s+/g, ' '), pages, width: png.readUInt32BE(16), height: png.readUInt32BE(20), pngBytes: png.length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(databaseKinds)('advocacy briefs on %s', (kind) => {
  let t: TestApp;
  let coordinator: Session;
  const at = '2026-03-25';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const ids = await referenceIds(t);
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

  it('refuses a brief without a scope, and without a session', async () => {
    const response = await t.request(coordinator, { method: 'GET', url: '/api/v1/briefs?lang=fr' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toBe('Choisissez une région ou un secteur pour la note de plaidoyer.');
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/briefs?region=ML99' })).statusCode).toBe(404);
    expect((await t.request(null, { method: 'GET', url: '/api/v1/briefs?region=ML05' })).statusCode).toBe(401);
  });
});
