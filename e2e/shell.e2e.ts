import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, signIn } from './browser.ts';

const areas = [
  { fr: 'Tableau de bord', en: 'Dashboard', path: '/dashboard' },
  { fr: 'Alertes', en: 'Alerts', path: '/alerts' },
  { fr: 'Réponses 5W', en: '5W responses', path: '/responses' },
  { fr: 'Gaps', en: 'Gaps', path: '/gaps' },
  { fr: 'Évaluations', en: 'Assessments', path: '/assessments' },
  { fr: 'Capacités', en: 'Capacities', path: '/capacities' },
  { fr: 'Listes', en: 'Lists', path: '/lists' },
  { fr: 'Réunions', en: 'Meetings', path: '/meetings' },
  { fr: 'Paquets', en: 'Packages', path: '/packages' },
  { fr: 'Administration', en: 'Administration', path: '/admin' },
];

describe('web shell in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  async function freshPage(options: { phone?: boolean } = {}): Promise<Page> {
    return (await newContext(browser, options)).newPage();
  }

  it('refuses a wrong password with a message that does not say which field was wrong', async () => {
    const page = await freshPage();
    await signIn(page, 'admin@demo.relais', 'pas le bon');
    await expect.poll(() => page.getByText('Adresse e-mail ou mot de passe incorrect.').isVisible()).toBe(true);
    await screenshot(page, 'login-error-fr');
    await page.context().close();
  });

  it('signs in and reaches every area from the navigation', async () => {
    const page = await freshPage();
    await signIn(page, 'admin@demo.relais');
    await page.waitForURL('**/dashboard');
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    for (const area of areas) {
      await nav.getByRole('link', { name: area.fr, exact: true }).click();
      await page.waitForURL(`**${area.path}**`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).first().isVisible()).toBe(true);
    }
    await screenshot(page, 'admin-fr');
    await page.context().close();
  });

  it('switches to English and keeps it after a reload', async () => {
    const page = await freshPage();
    await signIn(page, 'coordinator@demo.relais');
    await page.waitForURL('**/dashboard');
    await page.getByRole('button', { name: /Moussa Coulibaly/ }).click();
    await page.getByRole('group', { name: 'Langue' }).getByRole('button', { name: 'English' }).click();
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await expect.poll(() => nav.getByRole('link', { name: 'Dashboard', exact: true }).isVisible()).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Alerts', exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'coordinator-en');
    await page.getByRole('button', { name: /Moussa Coulibaly/ }).click();
    await page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Français' }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    await page.context().close();
  });

  it('lets an admin invite a user who must then change the temporary password', async () => {
    const page = await freshPage();
    await signIn(page, 'admin@demo.relais');
    await page.waitForURL('**/dashboard');
    await page.goto('/admin/users/new');
    await page.getByLabel('Adresse e-mail').fill('mariam.toure@example.org');
    await page.getByLabel('Nom complet').fill('Mariam Touré');
    await page.getByLabel('Rôle').selectOption('partner');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    // A partner without organisation is refused next to the field.
    await expect.poll(() => page.getByText('Un compte partenaire doit être rattaché à une organisation.').first().isVisible()).toBe(true);
    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'NRC — Conseil norvégien pour les réfugiés' });
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    const password = page.getByRole('region', { name: 'Mot de passe temporaire' }).locator('code');
    await expect.poll(() => password.isVisible()).toBe(true);
    const temporary = (await password.textContent())!.trim();
    expect(temporary).toMatch(/^[A-Za-z0-9]{14}$/);
    await screenshot(page, 'user-invited-fr');

    const other = await freshPage();
    await signIn(other, 'mariam.toure@example.org', temporary);
    await other.waitForURL('**/change-password');
    await other.getByLabel('Mot de passe temporaire reçu').fill(temporary);
    await other.getByLabel('Nouveau mot de passe', { exact: true }).fill('Tombouctou 2026 !');
    await other.getByLabel('Confirmez le nouveau mot de passe').fill('Tombouctou 2026 !');
    await other.getByRole('button', { name: 'Changer le mot de passe' }).click();
    await other.waitForURL('**/dashboard');
    // A partner sees no Administration entry.
    expect(await other.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await other.context().close();
    await page.context().close();
  });

  it('collapses the navigation behind a menu button on a phone', async () => {
    const page = await freshPage({ phone: true });
    await signIn(page, 'regional@demo.relais');
    // A regional coordinator starts on their region's dashboard.
    await page.waitForURL('**/regions/ML05');
    // Open the menu once the dashboard has finished loading its figures.
    await expect.poll(() => page.getByText('Chocs actifs').first().isVisible(), { timeout: 30_000 }).toBe(true);
    const menu = page.getByRole('button', { name: 'Menu', exact: true });
    await menu.click();
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Alertes', exact: true }).click();
    await page.waitForURL('**/alerts**');
    await screenshot(page, 'phone-fr');
    await page.context().close();
  });
});
