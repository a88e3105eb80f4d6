import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 15's journey: the Mopti regional coordinator plans a GIAC, finds its agenda already filled
 * from the data (upcoming gaps first), records two decisions and three action points during the
 * meeting, publishes the minutes as a PDF; NRC finds its action point on its home page and on the
 * gap page it concerns.
 */
describe('coordination meeting in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  async function addActionPoint(page: Page, what: string, owner: string, concernIndex: number) {
    await page.getByRole('button', { name: 'Ajouter un point d’action' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Action').fill(what);
    // Options read "NRC — Conseil norvégien pour les réfugiés".
    const select = dialog.getByLabel('Organisation responsable');
    const value = await select.locator('option', { hasText: new RegExp(`^${owner} — `) }).getAttribute('value');
    await select.selectOption(value);
    await dialog.getByLabel('Échéance').fill(dueIn(10));
    if (concernIndex > 0) await dialog.getByLabel('Concerne').selectOption({ index: concernIndex });
    await dialog.getByRole('button', { name: 'Enregistrer le point d’action' }).click();
    await page.getByText('Point d’action enregistré.').first().waitFor();
  }

  it('plans a GIAC with its agenda from the data, records decisions and action points, publishes the minutes', async () => {
    const regional = await signedIn(browser, 'regional@demo.relais');
    await regional.goto('/meetings');
    await regional.getByRole('heading', { level: 1, name: 'Réunions de coordination' }).waitFor();
    // The demo's past meetings and next week's GIAC are listed.
    await expect.poll(() => regional.getByRole('table', { name: 'Réunions de coordination' }).getByRole('row').count()).toBeGreaterThan(2);
    await regional.getByRole('link', { name: 'Planifier une réunion' }).click();

    await regional.getByLabel('Date', { exact: true }).fill(dueIn(14));
    await regional.getByLabel('Titre', { exact: true }).fill('GIAC Mopti — réunion extraordinaire');
    await regional.getByLabel('Lieu', { exact: true }).fill('Gouvernorat de Mopti');
    await regional.getByRole('checkbox', { name: 'NRC', exact: true }).check();
    await regional.getByRole('checkbox', { name: 'IRC', exact: true }).check();
    await screenshot(regional, 'meeting-plan');
    await regional.getByRole('button', { name: 'Planifier et remplir l’ordre du jour' }).click();
    await regional.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    await regional.getByText('Réunion planifiée : l’ordre du jour est rempli à partir des données.').waitFor();

    // Upcoming gaps first, each entry linked to its record.
    const agenda = regional.getByRole('region', { name: 'Ordre du jour' });
    const items = agenda.getByRole('heading', { level: 3 });
    await expect.poll(async () => (await items.first().textContent()) ?? '').toContain('1. Sorties du RRM et gaps à venir');
    expect(await agenda.getByRole('link').count()).toBeGreaterThan(1);
    expect((await agenda.textContent()) ?? '').toContain('Listes de bénéficiaires reçues');
    await screenshot(regional, 'meeting-agenda');

    for (const text of ['NRC prend le relais en abris dès la fin du RRM.', 'Le GIAC saisit le cluster Santé pour les localités sans partenaire.']) {
      await regional.getByRole('button', { name: 'Ajouter une décision' }).first().click();
      await regional.getByLabel('Décision', { exact: true }).fill(text);
      await regional.getByRole('button', { name: 'Enregistrer la décision' }).click();
      await regional.getByText('Décision enregistrée.').first().waitFor();
    }
    const decisions = regional.getByRole('region', { name: 'Décisions' });
    await expect.poll(async () => (await decisions.textContent()) ?? '').toContain('Le GIAC saisit le cluster Santé');

    // The first action point concerns the first gap the agenda lists.
    await addActionPoint(regional, 'Démarrer la distribution de kits abris', 'NRC', 1);
    await addActionPoint(regional, 'Communiquer la capacité restante en santé', 'IRC', 0);
    await addActionPoint(regional, 'Relancer le cluster Santé', 'DNDS', 0);
    const actions = regional.getByRole('region', { name: 'Points d’action' });
    await expect.poll(async () => ((await actions.textContent()) ?? '').match(/AP-\d+/g)?.length ?? 0).toBeGreaterThanOrEqual(3);

    await regional.getByRole('button', { name: 'Marquer comme tenue' }).click();
    await regional.getByRole('button', { name: 'Publier le compte rendu' }).first().click();
    await regional.getByRole('dialog').getByRole('button', { name: 'Publier le compte rendu' }).click();
    await regional.getByText(/Statut mis à jour : Compte rendu publié/).waitFor();
    await screenshot(regional, 'meeting-published');

    const [download] = await Promise.all([regional.waitForEvent('download'), regional.getByRole('link', { name: 'Français' }).click()]);
    const pdf = fs.readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);

    // NRC's partner finds its action point on its home page, and on the gap page it concerns.
    const partner = await signedIn(browser, 'partner@demo.relais');
    const mine = partner.getByRole('region', { name: 'Mes points d’action' });
    await expect.poll(async () => (await mine.textContent()) ?? '', { timeout: 15_000 }).toContain('Démarrer la distribution de kits abris');
    await screenshot(partner, 'meeting-home-action-points');
    await partner.goto('/meetings/action-points?owner=me');
    const table = partner.getByRole('table', { name: 'Points d’action des réunions' });
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('Démarrer la distribution de kits abris');
    await screenshot(partner, 'meeting-action-points-mine');
  }, 240_000);
});
