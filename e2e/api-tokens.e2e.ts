import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 19's journey: an information manager creates a read-only token from the account menu,
 * pulls the gaps of one region through the HXL feed with it (as Excel or a script would), finds
 * the feed in the API reference, and revokes the token, which then stops working.
 */
describe('API tokens and HXL feeds in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('creates a read-only token, pulls the gaps of Mopti as HXL with it, reads the API reference and revokes the token', async () => {
    const page = await signedIn(browser, 'coordinator@demo.relais');
    await page.getByRole('button', { name: /Moussa Coulibaly/ }).click();
    await page.getByRole('link', { name: 'Jetons d’API' }).click();
    await page.waitForURL('**/account/tokens');
    await page.getByRole('heading', { name: 'Aucun jeton pour l’instant' }).waitFor();

    // Keyboard only: the name, the default rights (read-only), the expiry, then Enter.
    await page.getByLabel('Nom du jeton').fill('Power Query OCHA Mopti');
    await page.keyboard.press('Tab');
    expect(await page.getByRole('radio', { name: /Lecture seule/ }).isChecked()).toBe(true);
    await page.getByLabel('Expiration').selectOption('30');
    await page.getByLabel('Nom du jeton').press('Enter');
    const secretPanel = page.getByRole('region', { name: 'Copiez votre jeton maintenant' });
    await secretPanel.waitFor();
    // Focus moves to the panel so a screen reader reads it out.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Copiez votre jeton maintenant');
    const secret = (await secretPanel.locator('code').first().textContent())!;
    expect(secret).toMatch(/^relais_[A-Za-z0-9_-]{43}$/);
    await screenshot(page, 'api-token-created');

    // The feed, fetched with the token alone (what Excel's Power Query does with the token as Basic password).
    const feedAddress = (await page
      .getByRole('row', { name: /Gaps \(par localité et secteur\)/ })
      .locator('code')
      .textContent())!;
    expect(feedAddress).toBe(`${baseUrl()}/api/v1/feeds/gaps.csv`);
    const feed = await fetch(`${feedAddress}?region=ML05`, { headers: { Authorization: `Basic ${Buffer.from(`jeton:${secret}`).toString('base64')}` } });
    expect(feed.status).toBe(200);
    const lines = (await feed.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const tags = lines[1]!.split(',');
    expect(tags).toContain('#inneed+hh+unmet');
    const region = tags.indexOf('#adm1+code');
    expect(lines.length).toBeGreaterThan(3);
    expect(lines.slice(2).every((line) => line.split(',')[region] === 'ML05')).toBe(true);
    const etag = feed.headers.get('etag')!;
    expect((await fetch(`${feedAddress}?region=ML05`, { headers: { Authorization: `Bearer ${secret}`, 'If-None-Match': etag } })).status).toBe(304);

    // The token's last use shows on the page.
    await page.reload();
    const row = page.getByRole('row', { name: /Power Query OCHA Mopti/ });
    await expect.poll(() => row.textContent()).not.toContain('Jamais');

    // The API reference describes the feed.
    const reference = await page.context().newPage();
    // Its deep link opens the feeds' section (swagger-ui renders the 200 operations slowly on a busy machine).
    await reference.goto('/api/docs#/feeds/getGapsFeed');
    await reference.getByText('HXL feed of the gaps: needs, coverage and gap of every locality and sector').waitFor({ timeout: 90_000 });
    await screenshot(reference, 'api-reference');

    // Revoked: the next request with it is refused.
    await row.getByRole('button', { name: 'Révoquer le jeton « Power Query OCHA Mopti »' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Révoquer le jeton' }).click();
    await page.getByText('Jeton « Power Query OCHA Mopti » révoqué.').waitFor();
    expect((await fetch(`${feedAddress}?region=ML05`, { headers: { Authorization: `Bearer ${secret}` } })).status).toBe(401);
    await screenshot(page, 'api-token-revoked');
  }, 240_000);
});
