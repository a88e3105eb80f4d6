import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoListHouseholds } from '../src/server/features/lists/lists.demo.ts';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 13's journey, in French: the custodian runs deduplication over the demo lists and reviews
 * the uncertain pairs (a father and son of one name said different with the keyboard, two
 * spellings of one man said the same); the coordinator sees distinct households per locality and
 * sector and the overlap between organisations, with no name shown; NRC sees the household it
 * wrote twice in its own list.
 */
describe('household deduplication in Chromium', () => {
  let browser: Browser;
  const names = [...demoListHouseholds().values()]
    .flat()
    .flatMap((row) => [row.fullName!, ...(row.fullName!.split(' ').length === 2 ? [row.fullName!.split(' ').reverse().join(' ')] : [])]);

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
  });

  it('takes the demo lists from a run to reviewed pairs, distinct households and the overlap matrix', async () => {
    // The custodian starts a run from the lists area and follows it to its figures.
    const custodian = await signedIn(browser, 'custodian@demo.relais');
    await custodian.goto('/lists');
    await custodian.getByRole('navigation', { name: 'Vues des listes' }).getByRole('link', { name: 'Dédoublonnage' }).click();
    await custodian.getByRole('button', { name: 'Lancer le dédoublonnage' }).click();
    const latest = custodian.getByRole('region', { name: 'Dernière exécution' });
    await expect.poll(() => latest.isVisible(), { timeout: 120_000 }).toBe(true);
    expect(await latest.getByText('Terminé').isVisible()).toBe(true);
    expect(await latest.getByText('Ménages distincts').isVisible()).toBe(true);
    await screenshot(custodian, 'dedup-1-run-done');

    // The review queue: the uncertain pairs side by side, each field with its weight.
    await latest.getByRole('link', { name: /Revoir les paires incertaines/ }).click();
    const guindo = custodian.getByRole('article').filter({ hasText: 'GUINDO Ousmane' });
    await expect.poll(() => guindo.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await guindo.getByRole('row', { name: /Né\(e\) en/ }).innerText()).toMatch(/1958\s+1985|1985\s+1958/);
    expect(await custodian.getByText(/Consultation enregistrée dans le journal d’audit/).isVisible()).toBe(true);
    await screenshot(custodian, 'dedup-2-review');
    // A father and his son: D, from the keyboard, on the pair in focus.
    await guindo.focus();
    await custodian.keyboard.press('d');
    await expect
      .poll(() => custodian.getByText('Décision enregistrée : ménages différents. Ils resteront séparés.').isVisible(), { timeout: 15_000 })
      .toBe(true);
    await expect.poll(() => custodian.getByRole('article').filter({ hasText: 'GUINDO Ousmane' }).count()).toBe(0);
    // Maïga / Mahiga: one man, two spellings, ages a year apart.
    const maiga = custodian.getByRole('article').filter({ hasText: 'Mamadou Mahiga' });
    await maiga.getByRole('button', { name: /Même ménage/ }).click();
    await expect.poll(() => custodian.getByText(/Décision enregistrée : même ménage/).isVisible(), { timeout: 15_000 }).toBe(true);
    await custodian.getByRole('link', { name: 'Même ménage' }).click();
    await expect.poll(() => custodian.getByRole('article').filter({ hasText: 'Mamadou Mahiga' }).isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(custodian, 'dedup-3-decided');

    // The coordinator: distinct households per locality, sector and month, counts only.
    const coordinator = await signedIn(browser, 'coordinator@demo.relais');
    await coordinator.goto('/lists');
    await coordinator.getByRole('navigation', { name: 'Vues des listes' }).getByRole('link', { name: 'Ménages distincts' }).click();
    const counts = coordinator.getByRole('table', { name: 'Ménages distincts par localité, secteur et mois' });
    await expect.poll(() => counts.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await coordinator.getByText(/Comptes dédoublonnés/).isVisible()).toBe(true);
    expect(await counts.getByRole('row').filter({ hasText: 'Sévaré' }).count()).toBeGreaterThan(0);
    expect(await coordinator.getByRole('link', { name: 'Dédoublonnage' }).count()).toBe(0);
    const countsText = await coordinator.locator('main').innerText();
    expect(names.filter((name) => countsText.includes(name))).toEqual([]);
    await screenshot(coordinator, 'dedup-4-distinct-households');

    // And the overlap between organisations, with NRC and SI's double AME distribution flagged.
    await coordinator.getByRole('navigation', { name: 'Vues des listes' }).getByRole('link', { name: 'Chevauchements' }).click();
    const matrix = coordinator.getByRole('table', { name: 'Ménages communs aux listes de deux organisations' });
    await expect.poll(() => matrix.isVisible(), { timeout: 15_000 }).toBe(true);
    const nrc = matrix.getByRole('row').filter({ has: coordinator.getByRole('rowheader', { name: 'NRC' }) });
    expect(await nrc.getByText(/double assistance possible/).count()).toBeGreaterThan(0);
    const doubles = coordinator.getByRole('table', { name: 'Double assistance possible par paire d’organisations' });
    expect(await doubles.getByRole('row').filter({ hasText: 'SI' }).filter({ hasText: 'NRC' }).count()).toBe(1);
    const overlapText = await coordinator.locator('main').innerText();
    expect(names.filter((name) => overlapText.includes(name))).toEqual([]);
    await screenshot(coordinator, 'dedup-5-overlap');

    // NRC sees the household it wrote twice in its own list, for a stated purpose.
    const partner = await signedIn(browser, 'partner@demo.relais');
    await partner.goto('/lists/duplicates');
    await partner
      .getByRole('link', { name: /Voir les doublons/ })
      .first()
      .click();
    await partner.getByRole('button', { name: 'Afficher les doublons' }).click();
    await expect.poll(() => partner.getByText('Ménage inscrit 2 fois').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await partner.getByRole('cell', { name: 'Seydou Koné' }).isVisible()).toBe(true);
    await screenshot(partner, 'dedup-6-own-duplicates');
  });
});
