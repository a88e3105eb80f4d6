import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../src/server/demo/random.ts';
import { generateHousehold, partnerLayout, partnerRow } from '../src/server/features/lists/demo-households.ts';
import { writeTable } from '../src/server/lib/tabular/index.ts';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 12's journey, in French: a partner uploads its own Excel list; the coordinator sees that
 * it exists and how many households it holds, but no name; the custodian sees the households; a
 * second organisation asks for and receives an extract limited to the agreed fields; the
 * custodian purges the list, which keeps its counts.
 */
describe('beneficiary lists in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-lists-'));
  const date = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
  const random = seededRandom(4242);
  const households = Array.from({ length: 25 }, () => generateHousehold(random, ['Sévaré', 'Mopti'], date));
  const file = path.join(dir, 'Liste NRC Sévaré.xlsx');
  const title = `Kits AME Sévaré ${Date.now()}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    await writeTable(fs.createWriteStream(file), { format: 'xlsx', columns: partnerLayout, rows: households.map((h) => partnerRow(h.row)) as never, language: 'fr', hxlRow: false, sheetName: 'Bénéficiaires' });
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a partner’s Excel list to a field-limited extract for another organisation, then purges it', async () => {
    // The partner uploads its list in its own layout.
    const partner = await signedIn(browser, 'partner@demo.relais');
    await partner.goto('/lists');
    await partner.getByRole('button', { name: 'Déposer une liste' }).click();
    const dialog = partner.getByRole('dialog');
    await dialog.getByLabel('Intitulé de la liste').fill(title);
    await dialog.getByLabel('Fichier').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => dialog.getByText(/Lignes lues/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(partner, 'lists-1-partner-preview');
    await dialog.getByRole('button', { name: 'Importer les 25 lignes' }).click();
    await expect.poll(() => dialog.getByText(/Import terminé/).isVisible(), { timeout: 30_000 }).toBe(true);
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();
    await expect.poll(() => partner.getByRole('cell', { name: title }).isVisible(), { timeout: 15_000 }).toBe(true);

    // The coordinator sees the list and its count, never a name.
    const coordinator = await signedIn(browser, 'coordinator@demo.relais');
    await coordinator.goto('/lists');
    const row = coordinator.getByRole('row').filter({ hasText: title });
    await expect.poll(() => row.isVisible(), { timeout: 15_000 }).toBe(true);
    await row.getByRole('link').click();
    await expect.poll(() => coordinator.getByRole('term').filter({ hasText: 'Ménages distincts' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => coordinator.getByText(/ne sont visibles que du gardien/).isVisible(), { timeout: 15_000 }).toBe(true);
    const listUrl = coordinator.url();
    const coordinatorText = await coordinator.locator('main').innerText();
    for (const h of households) expect(coordinatorText).not.toContain(h.phone);
    expect(await coordinator.getByRole('button', { name: 'Afficher les ménages' }).count()).toBe(0);
    await screenshot(coordinator, 'lists-2-coordinator-counts');

    // The custodian sees the households, for a stated purpose.
    const custodian = await signedIn(browser, 'custodian@demo.relais');
    await custodian.goto(new URL(listUrl).pathname);
    await custodian.getByLabel('Finalité de la consultation').selectOption('deduplication');
    await custodian.getByRole('button', { name: 'Afficher les ménages' }).click();
    await expect.poll(() => custodian.getByText(/Consultation enregistrée dans le journal d’audit/).isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => custodian.getByRole('cell', { name: households[0]!.phone }).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(custodian, 'lists-3-custodian-households');

    // A second organisation asks for names and phones, for deduplication.
    const irc = await signedIn(browser, 'partner.irc@demo.relais');
    await irc.goto(new URL(listUrl).pathname);
    await irc.getByRole('button', { name: 'Demander l’accès à cette liste' }).click();
    const request = irc.getByRole('dialog');
    await request.getByLabel('Justification').fill('Éviter la double assistance à Sévaré avant notre distribution');
    await request.getByLabel('Au').fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await screenshot(irc, 'lists-4-irc-request');
    await request.getByRole('button', { name: 'Envoyer la demande' }).click();
    await expect.poll(() => irc.getByText('Demande envoyée au gardien des listes.').isVisible(), { timeout: 15_000 }).toBe(true);

    // The custodian approves it.
    await custodian.goto('/lists/sharing');
    const pending = custodian.getByRole('row').filter({ hasText: 'IRC' }).filter({ hasText: 'En attente' }).first();
    await pending.getByRole('button', { name: 'Approuver' }).click();
    await custodian.getByRole('dialog').getByLabel('Raison de la décision').fill('Finalité conforme au protocole');
    await custodian.getByRole('dialog').getByRole('button', { name: 'Approuver' }).click();
    await expect.poll(() => custodian.getByText(/Décision enregistrée/).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(custodian, 'lists-5-custodian-approves');

    // IRC downloads the extract: the agreed fields only, marked with the agreement and the recipient.
    await irc.goto('/lists/sharing');
    const approved = irc.getByRole('row').filter({ hasText: 'Approuvée' }).first();
    const [download] = await Promise.all([irc.waitForEvent('download'), approved.getByRole('link', { name: 'CSV' }).click()]);
    const extract = path.join(dir, download.suggestedFilename());
    await download.saveAs(extract);
    expect(download.suggestedFilename()).toMatch(/^extrait-PRT-\d{4}-\d{4}-IRC\.csv$/);
    const lines = fs.readFileSync(extract, 'utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
    expect(lines[0]).toBe("Accord de partage,Destinataire,Utilisable jusqu'au,Localité,Code P localité,Secteur,Nom complet du chef de ménage,Téléphone");
    expect(lines).toHaveLength(26);
    const withNina = households.find((h) => h.row.nina)!;
    expect(fs.readFileSync(extract, 'utf8')).not.toContain(withNina.nina);
    await screenshot(irc, 'lists-6-irc-extract');

    // The custodian purges the list: its counts stay.
    await custodian.goto(new URL(listUrl).pathname);
    await custodian.getByRole('button', { name: 'Purger les données personnelles' }).click();
    await custodian.getByRole('dialog').getByLabel('Motif de la purge').fill('Fin de la période de conservation');
    await custodian.getByRole('dialog').getByRole('button', { name: 'Purger définitivement' }).click();
    await expect.poll(() => custodian.getByText(/ont été purgées le/).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await custodian.getByRole('button', { name: 'Afficher les ménages' }).count()).toBe(0);
    await screenshot(custodian, 'lists-7-purged');
  });
});
