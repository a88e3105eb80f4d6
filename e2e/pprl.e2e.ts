import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, screenshot, signIn } from './browser.ts';

/**
 * Issue 14, in the browser: a partner that hands over no name encodes its Excel list on its own
 * device with the shared key and uploads only the encodings. Every request the page (and its
 * worker) makes is recorded: no name, phone or NINA of the file, nor the key, is in any URL or body.
 * Chromium does not report the bodies of file uploads to the DevTools protocol, so the browser
 * talks to the server through a recording proxy: what it records is what reached the wire.
 */

interface Recorded {
  method: string;
  url: string;
  body: Buffer;
}

/** A proxy in front of the app that keeps every request's URL and body as received. */
function recordingProxy(target: string): Promise<{ url: string; recorded: Recorded[]; close: () => Promise<void> }> {
  const recorded: Recorded[] = [];
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      recorded.push({ method: request.method ?? '', url: request.url ?? '', body });
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      forward.on('error', () => response.destroy());
      forward.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, recorded, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}
describe('an encoded list in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-pprl-'));
  const listFile = path.join(dir, 'Liste SI Sévaré.xlsx');
  const keyFile = path.join(dir, 'exercice-mopti.key');
  const key = 'Mopti-2026-cle-partagee-Xq7vR2pLk9sT4wYz8mNbC3dF';
  const title = `Kits AME encodés ${Date.now()}`;
  const date = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const families = ['TRAORÉ', 'COULIBALY', 'DIALLO', 'MAÏGA', 'KEÏTA', 'CISSÉ', 'SANGARÉ', 'DEMBÉLÉ', 'TOURÉ', 'KONATÉ', 'GUINDO', 'TOGO'];
  const givens = ['Moussa', 'Fatoumata', 'Aminata', 'Oumar', 'Ibrahim', 'Hawa', 'Souleymane', 'Mariam', 'Boubacar', 'Kadiatou', 'Adama'];
  const places = ['Sévaré', 'Mopti', 'Bandiagara'];
  const households = Array.from({ length: 24 }, (_, k) => ({
    family: families[k % families.length]!,
    given: givens[(k * 7) % givens.length]!,
    phone: `7${String(6_200_000 + k * 7919).padStart(7, '0')}`,
    nina: k % 3 === 0 ? `${String(145_612_378_901 + k * 1013)}K` : null,
    size: 1 + ((k * 5) % 9),
    place: k < 22 ? places[k % places.length]! : 'Nullepart-sur-Niger',
  }));

  beforeAll(async () => {
    browser = await launchBrowser();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Consignes').addRows([['Une ligne par ménage.'], ['Ne pas modifier les en-têtes.']]);
    const sheet = workbook.addWorksheet('Bénéficiaires');
    sheet.addRow(['Nom du chef de ménage', 'Prénom', 'Contact', 'N° NINA', 'Nb personnes', 'Localité', 'Date de distribution']);
    for (const h of households) sheet.addRow([h.family, h.given, `+223 ${h.phone.replace(/(\d\d)(?=\d)/g, '$1 ')}`, h.nina, h.size, h.place, date]);
    await workbook.xlsx.writeFile(listFile);
    fs.writeFileSync(keyFile, `${key}\n`);
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('encodes a partner’s Excel list on the device and sends no name, phone or NINA', async () => {
    const proxy = await recordingProxy(baseUrl());
    const context = await browser.newContext({ baseURL: proxy.url, locale: 'fr-FR', viewport: { width: 1366, height: 800 } });
    const partner = await context.newPage();
    await signIn(partner, 'partner@demo.relais');
    await partner.waitForURL((url) => url.pathname === '/dashboard');
    // From here on, every request of the page and its worker, wherever it goes.
    proxy.recorded.length = 0;
    const origins = new Set<string>();
    context.on('request', (request) => origins.add(new URL(request.url()).origin));

    await partner.goto('/lists');
    await partner.getByRole('link', { name: 'Liste encodée' }).click();
    await expect.poll(() => partner.getByRole('heading', { name: 'Déposer une liste encodée (sans noms)' }).isVisible()).toBe(true);
    await partner.getByLabel('Fichier de clé').setInputFiles(keyFile);
    await expect.poll(() => partner.getByText(`Clé lue (${key.length} caractères).`).isVisible()).toBe(true);
    await partner.getByLabel('Fichier de la liste').setInputFiles(listFile);
    await expect.poll(() => partner.getByText('24 lignes lues').isVisible(), { timeout: 30_000 }).toBe(true);
    const columns = await partner.getByText(/^Colonnes reconnues/).innerText();
    expect(columns).toContain('Nom du chef de ménage (A)');
    expect(columns).toContain('N° NINA (D)');
    await partner.getByLabel('Intitulé de la liste').fill(title);
    await partner.getByLabel('Finalité').selectOption('deduplication');
    await partner.getByLabel(/^Date de l’assistance/).fill(date);
    await screenshot(partner, 'pprl-1-ready');
    await partner.getByRole('button', { name: 'Encoder et déposer' }).click();

    await expect.poll(() => partner.getByText(/22 ménages reçus, sans aucun nom/).isVisible(), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => partner.getByText(/Localités introuvables/).isVisible()).toBe(true);
    expect(await partner.getByText('Nullepart-sur-Niger : 2 lignes').isVisible()).toBe(true);
    await screenshot(partner, 'pprl-2-uploaded');

    // What left the page: place names to find their P-codes, then the encodings.
    expect([...origins]).toEqual([proxy.url]);
    const sent = proxy.recorded;
    const upload = sent.find((r) => r.method === 'POST' && r.url.startsWith('/api/v1/lists/encoded'));
    expect(upload).toBeDefined();
    expect(upload!.body.toString('utf8')).toContain('"format":"relais-clk"');
    expect(sent.some((r) => r.url.startsWith('/api/v1/lists/places'))).toBe(true);
    // Bodies as UTF-8 and as Latin-1, URLs as sent and decoded.
    const everything = sent.map((r) => `${r.url}\n${decodeURIComponent(r.url)}\n${r.body.toString('utf8')}\n${r.body.toString('latin1')}`).join('\n');
    // The recorder sees bodies: the places asked for are in them.
    expect(everything).toContain('Nullepart-sur-Niger');
    const forbidden = [key, key.slice(0, 16)];
    for (const h of households) {
      forbidden.push(h.family, h.given, h.phone, h.phone.slice(-8), `+223 ${h.phone.replace(/(\d\d)(?=\d)/g, '$1 ')}`);
      if (h.nina) forbidden.push(h.nina);
    }
    for (const value of forbidden) expect(everything, `${value} left the page`).not.toContain(value);
    expect(everything.toLowerCase()).not.toContain('moussa');
    expect(everything.toLowerCase()).not.toContain('traore');

    // The list is in the register, marked encoded.
    await partner.goto('/lists');
    const row = partner.getByRole('row').filter({ hasText: title });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await row.innerText()).toContain('Encodée');
    expect(await row.getByRole('cell').nth(4).innerText()).toBe('22');
    await screenshot(partner, 'pprl-3-register');
    await context.close();
    await proxy.close();
  });

  it('reads a CSV as French Excel saves it (semicolons, Windows-1252) in the worker', async () => {
    const csv = path.join(dir, 'liste.csv');
    const lines = [
      'Nom;Prénom;Téléphone;Localité;Nb personnes',
      'KEÏTA;Aïssata;76 45 12 90;Sévaré;5',
      'CISSÉ;Fatoumata;82 10 20 30;Mopti;3',
      'DIALLO;Oumar;70 11 22 33;Sévaré;7',
    ];
    fs.writeFileSync(csv, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
    const context = await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR' });
    const partner = await context.newPage();
    await signIn(partner, 'partner@demo.relais');
    await partner.waitForURL((url) => url.pathname === '/dashboard');
    await partner.goto('/lists/encode');
    await partner.getByLabel('Fichier de la liste').setInputFiles(csv);
    await expect.poll(() => partner.getByText('3 lignes lues').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await partner.getByText(/^Colonnes reconnues/).innerText()).toBe(
      'Colonnes reconnues : Nom (A), Prénom (B), Téléphone (C), Localité (D) et Nb personnes (E).',
    );
    // Without a key, nothing is encoded.
    expect(await partner.getByRole('button', { name: 'Encoder et déposer' }).isDisabled()).toBe(true);
    await context.close();
  });
});
