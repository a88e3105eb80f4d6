import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/** Issue 3's journey: an information manager records an alert, takes it through its workflow,
 * an RRM partner records its response, and the locality page shows when the RRM ends. */
describe('alert journey in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  async function moveTo(page: Page, status: string) {
    await page.getByRole('button', { name: `Passer à « ${status} »` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  }

  it('records an alert, moves it to validated, adds an RRM response and shows the continuum', async () => {
    const coordinator = await signedIn(browser, 'coordinator@demo.relais');
    await coordinator.goto('/alerts/new');
    await coordinator.getByLabel('Type de choc').selectOption('flood');
    await coordinator.getByLabel('Date du choc').fill('2026-11-20');
    await coordinator.getByLabel('Date de l’alerte').fill('2026-11-18');
    await coordinator.getByLabel('Ménages déplacés').fill('120');
    await coordinator.getByLabel('Personnes déplacées').fill('700');
    await coordinator.getByRole('combobox', { name: 'Localité d’accueil' }).fill('sevare');
    await coordinator.getByRole('option', { name: /Sévaré/ }).first().click();
    await coordinator.getByRole('button', { name: 'Enregistrer l’alerte' }).click();
    // The shock cannot come after its alert: refused in French, nothing saved.
    await expect.poll(() => coordinator.getByText(/choc/i).filter({ hasText: /alerte/ }).first().isVisible()).toBe(true);
    expect(coordinator.url()).toContain('/alerts/new');
    await coordinator.getByLabel('Date de l’alerte').fill('2026-11-22');
    // Each sector's answer is a choice in words: not assessed, need found, no need.
    await coordinator.getByRole('combobox', { name: /Besoin\s: Abris/ }).selectOption('yes');
    await coordinator.getByLabel(/^Ménages dans le besoin\s: Abris \/ AME$/).fill('100');
    await coordinator.getByRole('button', { name: 'Enregistrer l’alerte' }).click();
    await coordinator.waitForURL(/\/alerts\/[0-9a-f-]{36}$/);
    const alertUrl = new URL(coordinator.url()).pathname;
    await expect.poll(async () => /ALR-2026-\d{4}/.test((await coordinator.locator('main').textContent()) ?? '')).toBe(true);
    const code = ((await coordinator.locator('main').textContent()) ?? '').match(/ALR-2026-\d{4}/)![0];

    await moveTo(coordinator, 'Vérifiée');
    await moveTo(coordinator, 'Évaluée (ESM)');
    await moveTo(coordinator, 'Validée');
    // No RRM response yet: the "RRM response" status cannot be chosen.
    expect(await coordinator.getByRole('button', { name: 'Passer à « Réponse RRM »' }).isDisabled()).toBe(true);

    const partner = await signedIn(browser, 'partner@demo.relais');
    await partner.goto(alertUrl);
    await partner.getByRole('button', { name: 'Ajouter une réponse RRM' }).click();
    const dialog = partner.getByRole('dialog');
    await dialog.getByLabel('Secteur').selectOption('abris_ame');
    await dialog.getByLabel('Modalité').selectOption('in_kind');
    await dialog.getByLabel('Début').fill('2026-11-25');
    await dialog.getByLabel('Fin', { exact: true }).fill('2026-12-10');
    await dialog.getByLabel('Ménages atteints').fill('95');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    // Every required field is named before anything is sent.
    await expect.poll(() => dialog.getByText('Ce champ est obligatoire.').isVisible()).toBe(true);
    await dialog.getByLabel('Personnes atteintes').fill('560');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await expect.poll(() => partner.getByRole('table', { name: `Réponses RRM à l’alerte ${code}` }).getByRole('row').filter({ hasText: 'NRC' }).count()).toBe(1);
    // A partner does not move alerts through their workflow.
    expect(await partner.getByRole('button', { name: /Passer à/ }).count()).toBe(0);
    await partner.context().close();

    await coordinator.reload();
    await moveTo(coordinator, 'Réponse RRM');
    await screenshot(coordinator, 'alert-responded-fr');
    await coordinator.getByRole('link', { name: /Voir le continuum de Sévaré/ }).click();
    await coordinator.waitForURL('**/localities/**');
    await expect.poll(() => coordinator.getByRole('heading', { level: 1, name: /Sévaré/ }).isVisible()).toBe(true);
    // Shock on 20 November 2026: the RRM covers months 1–3 and ends on 19 February 2027.
    await expect.poll(() => coordinator.getByRole('row').filter({ hasText: code }).filter({ hasText: '19 févr. 2027' }).count()).toBe(1);
    await screenshot(coordinator, 'locality-continuum-fr');
    await coordinator.context().close();
  });
});
