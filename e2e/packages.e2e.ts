import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 16's journey, in French: a cluster focal point (the Mopti regional coordinator, focal
 * point of Abris/AME in the demo) proposes a package, the national coordinator records its
 * endorsement, a partner reports a month of 5W against it from the Excel template, giving less
 * than the package, and the conformity view shows the shortfall.
 */
describe('harmonised packages in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-packages-'));
  const name = 'Kit AME saison des pluies';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes from a proposal to an endorsed package, a 5W month reported against it and the conformity view', async () => {
    // 1. The focal point proposes.
    const focal = await signedIn(browser, 'regional@demo.relais');
    await focal.getByRole('link', { name: 'Paquets' }).first().click();
    await focal.getByRole('link', { name: 'Proposer un paquet' }).click();
    // The list page has a "Secteur" filter too: choosing there would send the page back to the list.
    await focal.waitForURL('**/packages/new');
    await focal.getByLabel('Nom du paquet').waitFor();
    await focal.getByLabel('Secteur').selectOption('abris_ame');
    await focal.getByLabel('Nom du paquet').fill(name);
    await focal.getByLabel('Phase de la réponse').selectOption('post_rrm');
    await focal.getByLabel('Article ou service').first().fill('Bâche renforcée');
    await focal.getByLabel('Quantité').first().fill('2');
    await focal.getByLabel('Unité').first().fill('4 × 6 m');
    await focal.getByRole('button', { name: 'Ajouter une composante' }).click();
    await focal.getByLabel('Article ou service').nth(1).fill('Kit de drainage');
    await focal.getByLabel('Valeur par ménage (FCFA)').fill('70000');
    await focal.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => focal.getByText('Brouillon enregistré', { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    await focal.getByRole('button', { name: 'Proposer à la validation' }).click();
    await expect.poll(() => focal.getByText('Proposé à la validation.').isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(focal, 'packages-proposed');
    const packagePath = new URL(focal.url()).pathname;

    // 2. The coordinator records the cluster's endorsement.
    const coordinator = await signedIn(browser, 'coordinator@demo.relais');
    await coordinator.goto(packagePath);
    await coordinator.getByRole('button', { name: 'Enregistrer la validation' }).click();
    const dialog = coordinator.getByRole('dialog');
    await dialog.getByLabel('Validé par').selectOption('cluster');
    // The decision of the meeting that endorsed it, among the latest meetings' decisions.
    const decision = dialog.getByLabel('Décision de réunion (facultatif)');
    await expect.poll(() => decision.locator('option').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await decision.selectOption({ index: 1 });
    await dialog.getByRole('button', { name: 'Enregistrer la validation' }).click();
    await expect.poll(() => coordinator.getByText('Validation enregistrée', { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    // The package is read again after the save: its link to the decision arrives with it.
    await expect.poll(() => coordinator.getByRole('link', { name: /^Décision n°/ }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(coordinator, 'packages-endorsed');

    // 3. The partner reports a month against it from the Excel template (two months ahead: the 5W journey uses the next one).
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 7);
    const partner = await signedIn(browser, 'partner@demo.relais');
    await partner.goto('/responses');
    await partner.getByRole('button', { name: 'Modèle Excel et import' }).click();
    const importDialog = partner.getByRole('dialog');
    await importDialog.getByLabel('Mois du rapport').fill(month);
    const [download] = await Promise.all([partner.waitForEvent('download'), importDialog.getByRole('link', { name: /modèle/i }).click()]);
    const template = path.join(dir, download.suggestedFilename());
    await download.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.worksheets[0]!;
    const column = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, index) => column.set(cell.text, index));
    // Keep only the new row: the carried ones are the 5W journey's business.
    for (let r = sheet.rowCount; r >= 3; r--) sheet.spliceRows(r, 1);
    const row = sheet.getRow(3);
    const fill = (values: Record<string, ExcelJS.CellValue>) => {
      for (const [header, value] of Object.entries(values)) row.getCell(column.get(header)!).value = value;
    };
    fill({
      'Mois de rapportage': month,
      Organisation: 'NRC',
      Secteur: 'Abris / AME',
      Activité: 'Distribution de kits AME saison des pluies',
      Paquet: `${name} (v1)`,
      Localité: 'Sévaré',
      Statut: 'En cours',
      'Date de début': `${month}-03`,
      'Ménages atteints': 120,
      'Personnes atteintes': 720,
      'Valeur remise par ménage (FCFA)': 52_500,
      'Composantes non remises': 'Kit de drainage',
    });
    const filled = path.join(dir, `rapport-${month}.xlsx`);
    await workbook.xlsx.writeFile(filled);
    await importDialog.getByLabel('Fichier').setInputFiles(filled);
    await importDialog.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => importDialog.getByText('créations : 1', { exact: false }).first().isVisible(), { timeout: 30_000 }).toBe(true);
    await importDialog.getByRole('button', { name: 'Importer la ligne' }).click();
    await expect.poll(() => importDialog.getByText('Import terminé (créations : 1', { exact: false }).isVisible(), { timeout: 30_000 }).toBe(true);

    // 4. The conformity view shows the response falling short of the package.
    await coordinator.goto(`/packages/conformity?from=${month}&to=${month}&sector=abris_ame`);
    const shortfall = coordinator.getByRole('row').filter({ hasText: name });
    await expect.poll(() => shortfall.first().textContent(), { timeout: 15_000 }).toContain('valeur −25');
    expect(await shortfall.first().textContent()).toContain('sans : Kit de drainage');
    await screenshot(coordinator, 'packages-conformity');

    // 5. The coordinator attaches the cluster's PDF to an endorsed method; anything else is refused in plain French.
    await coordinator.goto('/packages?view=methods');
    await coordinator.getByRole('table').getByRole('link').first().click();
    const documents = coordinator.getByRole('region', { name: 'Documents de la méthode (PDF)' });
    const notPdf = path.join(dir, 'note.pdf');
    fs.writeFileSync(notPdf, 'PK\u0003\u0004 un classeur renommé');
    await documents.getByLabel('Joindre un PDF').setInputFiles(notPdf);
    await expect.poll(() => documents.getByText("Ce fichier n'est pas un PDF", { exact: false }).isVisible(), { timeout: 15_000 }).toBe(true);
    const pdf = path.join(dir, 'Note de méthode.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await documents.getByLabel('Joindre un PDF').setInputFiles(pdf);
    await expect.poll(() => documents.getByRole('link', { name: 'Note de méthode.pdf' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(coordinator, 'methods-attachment');

    // The dashboard carries the per-sector figure.
    await coordinator.goto('/dashboard');
    await expect.poll(() => coordinator.getByRole('heading', { name: /Qualité : réponses conformes/ }).isVisible(), { timeout: 30_000 }).toBe(true);
  });
});
