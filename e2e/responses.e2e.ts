import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { koboFoodDistribution, koboWorkbook } from '../src/server/test/kobo-export.ts';
import { launchBrowser, screenshot, signedIn } from './browser.ts';

/**
 * Issue 4's journey: a partner downloads its 5W sheet for the month (last month's running
 * activities already in it), fills it in a spreadsheet with two mistakes, reads the row-by-row
 * report, fixes the file and imports it; the same file sent again changes nothing.
 */
describe('5W monthly report in Chromium', () => {
  let browser: Browser;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-5w-'));
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** The sheet's columns by French header (row 1; the HXL tags are row 2, data from row 3). */
  function columnsOf(sheet: ExcelJS.Worksheet): Map<string, number> {
    const columns = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, column) => columns.set(cell.text, column));
    return columns;
  }

  async function check(page: Page, file: string) {
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Fichier').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect.poll(() => dialog.getByText(/Lignes lues/).first().isVisible(), { timeout: 30_000 }).toBe(true);
    return dialog;
  }

  it('downloads the template, is told which rows are wrong, fixes them and imports the month once', async () => {
    // The demo's 5W reports run to the current month: the partner reports the next one.
    const now = new Date();
    const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
    const month = next.toISOString().slice(0, 7);
    const page = await signedIn(browser, 'partner@demo.relais');
    await page.goto('/responses');
    await page.getByRole('button', { name: 'Modèle Excel et import' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Mois du rapport').fill(month);
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: /modèle/i }).click()]);
    const template = path.join(dir, download.suggestedFilename());
    await download.saveAs(template);
    expect(download.suggestedFilename()).toBe(`5W-NRC-${month}.xlsx`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const sheet = workbook.worksheets[0]!;
    const column = columnsOf(sheet);
    expect(sheet.getRow(2).getCell(column.get('Activité')!).value).toBe('#activity');
    const rows = sheet.rowCount - 2;
    // NRC's activities still running this month, carried into the next without ids (new records).
    expect(rows).toBeGreaterThan(1);
    for (let r = 3; r < 3 + rows; r++) {
      expect(sheet.getRow(r).getCell(column.get('Organisation')!).value).toBe('NRC');
      expect(sheet.getRow(r).getCell(column.get('Identifiant')!).value ?? null).toBeNull();
    }

    // Two mistakes a partner makes: a misspelt place (its P-code deleted) and a status Relais does not know.
    const place = sheet.getRow(3).getCell(column.get('Localité')!);
    const placeCode = sheet.getRow(3).getCell(column.get('Code P localité')!);
    const status = sheet.getRow(4).getCell(column.get('Statut')!);
    const [rightPlace, rightCode, rightStatus] = [place.value, placeCode.value, status.value];
    const placeName = place.text;
    place.value = `${placeName}x`;
    placeCode.value = null;
    status.value = 'à voir';
    const wrong = path.join(dir, `rapport-${month}.xlsx`);
    await workbook.xlsx.writeFile(wrong);

    let report = await check(page, wrong);
    await expect.poll(() => report.getByText('2 lignes sont refusées', { exact: false }).isVisible()).toBe(true);
    const problems = (await report.textContent()) ?? '';
    expect(problems).toContain(`${placeName}x`);
    expect(problems).toContain('à voir');
    // Nothing can be imported while rows are refused.
    expect(await report.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    await screenshot(page, '5w-import-refused-rows');

    place.value = rightPlace;
    placeCode.value = rightCode;
    status.value = rightStatus;
    const fixed = path.join(dir, `rapport-${month}-corrige.xlsx`);
    await workbook.xlsx.writeFile(fixed);
    report = await check(page, fixed);
    await expect.poll(() => report.getByText(`créations : ${rows}`, { exact: false }).first().isVisible()).toBe(true);
    await report.getByRole('button', { name: rows === 1 ? 'Importer la ligne' : `Importer les ${rows} lignes` }).click();
    await expect.poll(() => report.getByText(`Import terminé (créations : ${rows}`, { exact: false }).isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(page, '5w-import-done');

    await report.getByRole('button', { name: 'Fermer' }).first().click();

    // The same file sent again: every row is already there, nothing to import.
    await page.getByRole('button', { name: 'Modèle Excel et import' }).click();
    await dialog.getByLabel('Mois du rapport').fill(month);
    report = await check(page, fixed);
    await expect.poll(() => report.getByText('il n’y a rien à importer', { exact: false }).isVisible()).toBe(true);
    expect(await report.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
    await report.getByRole('button', { name: 'Fermer' }).first().click();

    await page.goto(`/responses?period=${month}`);
    // The list loads after the page (two requests on a slow machine): wait for its count.
    await expect
      .poll(async () => (await page.getByText(/\d+ résultats?/).first().textContent()) ?? '', { timeout: 15_000 })
      .toContain(`${rows} résultat`);
  });

  it('imports a KoBoToolbox export of the partner’s activities as it is, with the same preview', async () => {
    // Two months ahead, so the month the other journey reports stays NRC's alone.
    const now = new Date();
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1)).toISOString().slice(0, 7);
    const distribution = koboFoodDistribution(month);
    const boreholes = { ...distribution, sectors: 'eha', activity: 'Réhabilitation de forages', status: 'planifie', reached: 0, persons: 0, modality: 'service', comments: null };
    const file = path.join(dir, `NRC_5W_Mopti_-_all_versions_-_False_-_${month}-28-10-02-11.xlsx`);
    fs.writeFileSync(file, await koboWorkbook([distribution, boreholes], month));

    const page = await signedIn(browser, 'partner@demo.relais');
    await page.goto('/responses');
    await page.getByRole('button', { name: 'Modèle Excel et import' }).click();
    await page.getByRole('dialog').getByLabel('Mois du rapport').fill(month);
    const report = await check(page, file);
    // KoBo's meta columns (start, _uuid, …) and its 0/1 column per choice are read past, not refused.
    await expect.poll(() => report.getByText('créations : 2', { exact: false }).first().isVisible()).toBe(true);
    await screenshot(page, '5w-import-kobo-preview');
    await report.getByRole('button', { name: 'Importer les 2 lignes' }).click();
    await expect.poll(() => report.getByText('Import terminé (créations : 2', { exact: false }).isVisible(), { timeout: 30_000 }).toBe(true);
    await report.getByRole('button', { name: 'Fermer' }).first().click();

    // Both records are in the month's list (other journeys may have reported that month too).
    await page.goto(`/responses?period=${month}`);
    await page.getByText('Réhabilitation de forages').first().waitFor({ timeout: 15_000 });
    await page.getByText('Distribution de vivres').first().waitFor();
  });
});
