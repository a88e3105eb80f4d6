import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/** Issue 5's journey: a coordinator sees the gaps coming in the next 30 days, reads why one opens
 * and who could step in, records the coordination's decision, and checks the assessment sequence. */
describe('gap journey in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('finds an upcoming gap, explains it, shows who has capacity and records a follow-up', async () => {
    const coordinator = await signedIn(browser, 'coordinator@demo.relais');
    await coordinator.goto('/gaps');
    await coordinator.getByRole('heading', { level: 1, name: 'Gaps' }).waitFor();
    await coordinator.getByLabel('Gaps à venir', { exact: true }).selectOption('true');
    await coordinator.waitForURL(/upcoming=true/);
    const table = coordinator.getByRole('table', { name: /Gaps par localité et secteur/ });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(1);
    await expect.poll(async () => (await table.textContent()) ?? '').toMatch(/le \d{1,2} [a-zéû]+\.? \d{4}/);
    await screenshot(coordinator, 'gaps-upcoming');

    await table.getByRole('link', { name: /Voir le détail/ }).first().click();
    await coordinator.waitForURL(/\/gaps\/[0-9a-f-]{36}\/[a-z_]+/);
    await coordinator.getByRole('heading', { level: 2, name: 'Pourquoi ce gap' }).waitFor();
    const why = (await coordinator.getByRole('region', { name: 'Pourquoi ce gap' }).textContent()) ?? '';
    expect(why).toMatch(/Gap à venir le/);
    await coordinator.getByRole('heading', { level: 2, name: 'Qui peut prendre le relais' }).waitFor();

    await coordinator.getByLabel(/Commentaire/).fill('Plaidoyer auprès du cluster et des bailleurs avant la fin du RRM.');
    await coordinator.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await coordinator.getByText('Suivi enregistré.', { exact: true }).waitFor();
    await expect.poll(async () => (await coordinator.getByRole('region', { name: 'Suivi de la coordination' }).textContent()) ?? '').toContain('En plaidoyer');
    await screenshot(coordinator, 'gap-explanation');

    await coordinator.goto('/gaps/matrix');
    await coordinator.getByRole('table', { name: /Statut de couverture par localité/ }).waitFor();
    await expect.poll(() => coordinator.getByRole('table', { name: /Statut de couverture par localité/ }).getByRole('link').count()).toBeGreaterThan(10);
    await screenshot(coordinator, 'gap-matrix');
  });

  it('shows where each locality stands in the assessment sequence', async () => {
    const viewer = await signedIn(browser, 'viewer@demo.relais');
    await viewer.goto('/assessments');
    const tracker = viewer.getByRole('table', { name: /Étape de chaque localité/ });
    await expect.poll(() => tracker.getByRole('row').count()).toBeGreaterThan(5);
    await expect.poll(async () => (await tracker.textContent()) ?? '').toContain('Aucune prévue');
    await screenshot(viewer, 'assessment-tracker');
  });
});
