import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from './browser.ts';

/** Where on the map canvas a colour shows (a locality's circle), in CSS pixels; null when nowhere. */
async function findColour(page: Page, [r, g, b]: [number, number, number]): Promise<{ x: number; y: number } | null> {
  return page.evaluate(
    async ({ r, g, b }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('.map-canvas canvas')!;
      const image = new Image();
      image.src = canvas.toDataURL('image/png');
      await image.decode();
      const copy = document.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, copy.width, copy.height);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) < 40) {
          const pixel = i / 4;
          const box = canvas.getBoundingClientRect();
          return { x: box.left + (pixel % copy.width) / scale + 2, y: box.top + Math.floor(pixel / copy.width) / scale + 2 };
        }
      }
      return null;
    },
    { r, g, b },
  );
}

describe('dashboard and map in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('takes a coordinator from the key figures to the list behind them, and from the map to a locality', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, 'coordinator@demo.relais');
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau de bord');
    const figures = page.getByRole('list', { name: 'Chiffres clés' });
    await figures.getByText('Gaps ouverts').waitFor();

    // The map's first view is drawn without MapLibre (SVG): an uncovered locality's red circle opens its card.
    await page.locator('[data-map-ready]').waitFor({ timeout: 30_000 });
    await page.locator('.chart-canvas svg').first().waitFor();
    await screenshot(page, 'dashboard-fr-desktop');
    await page.locator('.map-canvas').scrollIntoViewIfNeeded();
    await page.locator('.map-static circle[fill="#b2182b"]').first().click();
    const card = page.locator('.locality-card');
    await card.waitFor();
    expect(await card.getByText('Ménages déplacés').count()).toBe(1);
    // Reaching for the map brought MapLibre (WebGL, SwiftShader here), drawn in its place: its red circles open the card too.
    await page.locator('[data-map-interactive]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.map-static').count()).toBe(0);
    await card.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => findColour(page, [178, 24, 43]), { timeout: 15_000 }).not.toBeNull();
    await screenshot(page, 'dashboard-fr-desktop-interactive');
    const circle = (await findColour(page, [178, 24, 43]))!;
    await page.mouse.click(circle.x, circle.y);
    await card.waitFor();
    expect(await card.getByText('Ménages déplacés').count()).toBe(1);
    await page.getByRole('button', { name: 'Phase', pressed: false }).click();
    expect(await page.getByRole('button', { name: 'Phase', pressed: true }).count()).toBe(1);
    await card.getByRole('link', { name: 'Voir la localité' }).click();
    await page.waitForURL(/\/localities\/[0-9a-f-]{36}$/);

    // Filters travel in the URL; each figure opens its list with them.
    await page.goto('/dashboard?region=ML05&sector=eha');
    await page.getByRole('link', { name: /Note de plaidoyer \(PDF, français\)/ }).waitFor();
    expect(await page.getByRole('link', { name: /Note de plaidoyer/ }).getAttribute('href')).toBe('/api/v1/briefs?region=ML05&sector=eha&lang=fr');
    const openFigure = page.getByRole('list', { name: 'Chiffres clés' }).getByRole('link', { name: /Gaps ouverts/ });
    const openCount = (await openFigure.locator('.figure-value').textContent())!.trim();
    await openFigure.click();
    await page.waitForURL(/\/gaps\?/);
    expect(new URL(page.url()).searchParams.get('status')).toBe('uncovered,partial');
    expect(new URL(page.url()).searchParams.get('region')).toBe('ML05');
    // The list opens with the figure's total and shows the filters it applied.
    await page.getByText(new RegExp(`^${openCount} résultats?$`)).waitFor();
    expect(await page.getByLabel('Statut').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent)).toBe('Ouverts (non couverts ou partiels)');
    expect(await page.getByLabel('Région').evaluate((select: HTMLSelectElement) => select.value)).toBe('ML05');
    await context.close();
  });

  it('shows the public page to a visitor without signing in, on a phone, in English too', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto('/public');
    await page.getByRole('heading', { name: 'Situation post-RRM au Mali' }).waitFor();
    await page.getByRole('list', { name: 'Chiffres clés' }).getByText('Ménages déplacés').waitFor();
    // Nothing on it leads inside the app, apart from signing in.
    expect(await page.locator('.situation a[href^="/alerts"], .situation a[href^="/gaps"]').count()).toBe(0);
    await page.locator('[data-map-ready]').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Post-RRM situation in Mali' }).waitFor();
    await page.getByRole('img', { name: /^Still preview of the map/ }).waitFor();
    await screenshot(page, 'public-en-phone');
    // Nothing widens the page past the phone's screen (the charts' hidden data tables once did, to 852 px).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    // From the keyboard: reaching the still map's button brings the interactive map, which takes the focus.
    await page.getByRole('button', { name: 'Explore the map' }).focus();
    await page.locator('[data-map-interactive]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('maplibregl-canvas'))).toBe(true);
    await screenshot(page, 'public-en-phone-interactive');
    await context.close();
  });
});
