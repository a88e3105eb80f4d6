import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium with the flags this closed network needs; never a downloaded browser. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function newContext(browser: Browser, options: { phone?: boolean; locale?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({
    baseURL: baseUrl(),
    locale: options.locale ?? 'fr-FR',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1366, height: 800 },
  });
}

export async function signIn(page: Page, email: string, password = 'relais-demo') {
  await page.goto('/');
  await page.getByLabel(/e-mail/i).fill(email);
  await page.getByLabel(/mot de passe|password/i).fill(password);
  await page.getByRole('button', { name: /se connecter|sign in/i }).click();
}

/** A new browser session signed in as `email`, on its landing page (a regional coordinator's is their region). */
export async function signedIn(browser: Browser, email: string, options: { phone?: boolean; locale?: string } = {}): Promise<Page> {
  const page = await (await newContext(browser, options)).newPage();
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname === '/dashboard' || url.pathname.startsWith('/regions/'));
  return page;
}

/** Screenshots go to test-results/screenshots for people to look at; tests never compare pixels. */
export async function screenshot(page: Page, name: string) {
  const dir = path.resolve(import.meta.dirname, '../test-results/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
