import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 17's journey, in French: the coordinator sees on the dashboard the localities leaving
 * post-RRM in the next 60 days, opens the handover list and one handover, downloads its dossier
 * as a PDF for the development actor, records the dialogue and then the handover, and finds the
 * new status on the locality's timeline.
 */
describe('handovers to development actors in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-handovers-'));
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('goes from the dashboard outlook to a dossier PDF, the dialogue and the handover', async () => {
    const page = await signedIn(browser, 'coordinator@demo.relais');

    // 1. The dashboard: how many localities reach month 12 in the next 60 days, and how many have no handover started.
    const outlook = page.getByRole('region', { name: 'Sorties du post-RRM' });
    await outlook.waitFor({ timeout: 20_000 });
    const leaving = outlook.getByRole('link', { name: /(localité atteint|localités atteignent) le mois 12 dans les 60 prochains jours/ });
    await leaving.waitFor();
    const count = Number((await leaving.textContent())!.match(/^\d+/)![0]);
    if (count > 0) expect(await outlook.textContent()).toMatch(/dont \d+ sans passation commencée/);
    await screenshot(page, 'handovers-dashboard');

    // 2. The handover list, filtered on what leaves post-RRM within 60 days.
    await leaving.click();
    await page.waitForURL((url) => url.pathname === '/handovers' && url.searchParams.get('leavingWithinDays') === '60');
    await page.getByRole('heading', { level: 1, name: 'Passations au développement' }).waitFor();
    expect(await page.getByLabel('Sortent du post-RRM dans les 60 jours').isChecked()).toBe(true);
    const table = page.getByRole('table', { name: 'Passations par localité et par choc' });
    // The demo's shocks are dated from the seeding day: when none leaves in 60 days without a handover started, take any not started.
    let notStarted = table.getByRole('row').filter({ hasText: 'Non commencée' });
    if (count === 0 || (await table.waitFor({ timeout: 10_000 }).then(() => notStarted.count())) === 0) {
      await page.getByLabel('Sortent du post-RRM dans les 60 jours').uncheck();
      await page.getByLabel('Statut').selectOption('not_started');
      await page.waitForURL((url) => url.searchParams.get('status') === 'not_started');
      notStarted = table.getByRole('row').filter({ hasText: 'Non commencée' });
    }
    await notStarted.first().waitFor();
    const link = notStarted.first().getByRole('link').first();
    const locality = (await link.textContent())!.trim();
    await screenshot(page, 'handovers-list');

    // 3. One handover: its dossier, and the PDF to send to the resilience consortium present in the commune.
    await link.click();
    await page.waitForURL(/\/handovers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: `Dossier de passation — ${locality}` }).waitFor();
    await page.getByRole('heading', { name: /État de la passation.*Non commencée/ }).waitFor();
    for (const heading of ['Calendrier', 'Ce qui a été fait, par secteur', 'Évaluations et constats']) {
      expect(await page.getByRole('heading', { name: heading }).count()).toBe(1);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Dossier PDF (français)' }).click()]);
    const pdf = path.join(dir, download.suggestedFilename() || 'dossier.pdf');
    await download.saveAs(pdf);
    const bytes = fs.readFileSync(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2_000);
    if (fs.existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      expect(text).toContain(`Dossier de passation — ${locality}`);
      expect(text).toContain('Non commencée');
    }

    // 4. The dialogue opened with a development actor, then the handover.
    const form = page.getByRole('form', { name: 'Enregistrer l’étape' });
    await form.getByLabel('Nouveau statut').selectOption('dialogue_opened');
    await form.getByLabel(/^GIZ — /).check();
    await form.getByLabel('Notes').fill('Premier échange avec la GIZ à la réunion régionale.');
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Passation enregistrée.').waitFor();
    await page.getByRole('heading', { name: /État de la passation.*Dialogue ouvert/ }).waitFor();
    expect(await page.getByText('Premier échange avec la GIZ à la réunion régionale.').count()).toBeGreaterThan(0);

    await form.getByLabel('Nouveau statut').selectOption('handed_over');
    await form.getByLabel('Actions de relèvement et de développement recommandées').fill('- Inscrire les ménages déplacés au registre social unifié');
    await form.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByRole('heading', { name: /État de la passation.*Transférée/ }).waitFor();
    await expect.poll(() => page.getByText('GIZ (', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'handovers-handed-over');

    // 5. The locality's page shows the handover on its shock, with the dates of its steps.
    await page.getByRole('link', { name: 'Voir la localité' }).click();
    await page.waitForURL(/\/localities\/[0-9a-f-]{36}/);
    const shocks = page.getByRole('table', { name: 'Chocs de la localité et leur phase' });
    await shocks.getByRole('link', { name: 'Transférée' }).first().waitFor();
    expect(await shocks.getByText(/^Dialogue ouvert le /).count()).toBeGreaterThan(0);
    expect(await shocks.getByText(/^Transférée le /).count()).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline .handover-step-handed_over').count()).toBeGreaterThan(0);
    await screenshot(page, 'handovers-locality');
  });
});
