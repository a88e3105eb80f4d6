import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 10's layout items, measured in Chromium at the sizes people use: a 1366 px laptop and a
 * 390 × 844 phone; what prints; where each role lands and what it is offered.
 */
describe('views that fit the screen, the paper and the role', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  /** Opens `path` and waits for its first table row (the data, not only the page). */
  async function openList(page: Page, path: string, table = 'table tbody tr') {
    await page.goto(path);
    await page.locator(table).first().waitFor({ timeout: 30_000 });
  }

  /** Selects of the filter bar whose chosen text is wider than the room it has. */
  function cutSelects(page: Page) {
    return page.evaluate(() => {
      const canvas = document.createElement('canvas').getContext('2d')!;
      return [...document.querySelectorAll<HTMLSelectElement>('.filters select')].flatMap((select) => {
        const style = getComputedStyle(select);
        canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const text = select.options[select.selectedIndex]?.text ?? '';
        const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return canvas.measureText(text).width > room + 1 ? [`${select.labels[0]?.textContent ?? select.name}: ${text}`] : [];
      });
    });
  }

  it('fits the gap table at 1366 px, and says when a wider table goes on, its first column staying in view', async () => {
    const page = await signedIn(browser, 'coordinator@demo.relais');
    await page.setViewportSize({ width: 1366, height: 768 });
    await openList(page, '/gaps');
    const gapTable = await page.locator('.gap-list .table-wrap').evaluate((box) => ({ scroll: box.scrollWidth, box: box.clientWidth }));
    expect(gapTable.scroll).toBeLessThanOrEqual(gapTable.box);
    expect(await page.getByRole('columnheader', { name: 'Capacité · suivi' }).isVisible()).toBe(true);
    expect(await cutSelects(page)).toEqual([]);

    await openList(page, '/capacities');
    const summary = page.locator('section[aria-labelledby="capacity-summary-title"]');
    expect(await summary.getByText('Le tableau continue à droite').isVisible()).toBe(true);
    const matrix = page.getByRole('region', { name: 'Capacité par région et par secteur' });
    const firstCell = page.locator('.capacity-summary tbody th').first();
    const before = (await firstCell.boundingBox())!.x;
    await matrix.evaluate((box) => box.scrollBy({ left: 400 }));
    await expect.poll(async () => (await firstCell.boundingBox())!.x).toBe(before);
    expect(await page.locator('.capacity-summary thead th').last().isVisible()).toBe(true);
    expect(await cutSelects(page)).toEqual([]);
    await screenshot(page, 'capacities-1366-fr');

    await openList(page, '/alerts');
    expect(await cutSelects(page)).toEqual([]);
    await page.context().close();
  });

  it('on a phone, folds a list’s filters so the list starts on the first screen, and opens a locality’s timeline at its shock', async () => {
    const page = await signedIn(browser, 'coordinator@demo.relais', { phone: true });
    await openList(page, '/alerts');
    const toggle = page.getByRole('button', { name: 'Filtres (0)' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('search').count()).toBe(0);
    const firstRow = (await page.locator('table tbody tr').first().boundingBox())!;
    expect(firstRow.y).toBeLessThan(844);
    await toggle.click();
    expect(await page.getByRole('search', { name: 'Filtres' }).getByLabel('Région').isVisible()).toBe(true);
    await screenshot(page, 'alerts-phone-fr');

    await openList(page, '/alerts?q=Bandiagara');
    await page.getByRole('link', { name: 'Bandiagara' }).first().click();
    await page.locator('.timeline-scroll[data-focus]').waitFor();
    const timeline = await page.locator('.timeline-scroll').evaluate((box) => {
      const drawing = box.querySelector('svg')!;
      const shock = drawing.querySelector('[data-phase="rrm"], [data-phase="alerte"]')!.getBoundingClientRect();
      const frame = box.getBoundingClientRect();
      return { scrolled: box.scrollLeft, shockX: shock.x, left: frame.left, right: frame.right };
    });
    expect(timeline.scrolled).toBeGreaterThan(0);
    expect(timeline.shockX).toBeGreaterThanOrEqual(timeline.left);
    expect(timeline.shockX).toBeLessThan(timeline.right);
    await screenshot(page, 'locality-phone-fr');
    await page.context().close();
  });

  it('prints the dashboard with its colours and without its buttons', async () => {
    const page = await signedIn(browser, 'coordinator@demo.relais');
    await page.getByText('Chocs actifs').first().waitFor({ timeout: 30_000 });
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      buttons: [...document.querySelectorAll('main .button, main figcaption button, main .map-switches')]
        .filter((b) => b.getClientRects().length > 0)
        .map((b) => b.textContent?.trim()),
      colours: getComputedStyle(document.querySelector('main .figure') ?? document.body).printColorAdjust,
      navigation: document.querySelector('.side-nav')!.getClientRects().length,
    }));
    expect(printed).toEqual({ buttons: [], colours: 'exact', navigation: 0 });
    await page.context().close();
  });

  it('starts a regional coordinator on their region, and opens the alert list on it', async () => {
    const page = await signedIn(browser, 'regional@demo.relais');
    expect(new URL(page.url()).pathname).toBe('/regions/ML05');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Alertes', exact: true }).click();
    await page.waitForURL('**/alerts?region=ML05');
    // The region's name shows once the list of regions has come.
    await expect.poll(() => page.getByRole('search').getByLabel('Région').inputValue()).toBe('ML05');
    await page.context().close();
  });

  it('offers the donor no 5W list, and shows a plain restricted page at its address', async () => {
    const page = await signedIn(browser, 'viewer@demo.relais');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.getByRole('link', { name: 'Réponses 5W' }).count()).toBe(0);
    await page.goto('/responses');
    await page.getByRole('heading', { level: 1, name: 'Accès réservé' }).waitFor();
    expect(await page.getByRole('search').count()).toBe(0);
    expect(await page.getByText('pas les droits').count()).toBe(0);
    await page.context().close();
  });
});
