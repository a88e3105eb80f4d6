/**
 * A 10,000-row list encoded in the browser (issue 14, "in the browser"): the built app on a fresh
 * demo database, a partner signed in on the encoded-list page (/lists/encode) in headless Chromium
 * (Debian's, through playwright-core), a synthetic Malian list (bench/mali-lists.ts) written as an
 * Excel workbook, read and encoded on the device, then uploaded; without and with the CPU slowed
 * 4× through the DevTools protocol (`Emulation.setCPUThrottlingRate`).
 * Chromium slows a page's thread but not its dedicated workers (the protocol answers "only
 * supported for pages, not workers"), so the slowed device is measured by running the worker's
 * own built code on the page's thread, slowed: those rows are the figure. Prints the time to read
 * the workbook and to encode the households (the worker's own measure, key derivation included),
 * and for the page's journey the time from the file chosen to the list uploaded.
 * Target: encoding under 10 s at 4× slowdown.
 *   npx tsx bench/pprl-browser.ts [rows]        (runs `npm run build` first when dist/ is missing)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { householdColumns } from '../src/shared/linkage/household-columns.ts';
import type { HouseholdFields } from '../src/shared/linkage/household.ts';
import { newKeyText } from '../src/shared/linkage/pprl/encoder.ts';
import { demoLocalities } from '../src/server/demo/mali-reference.ts';
import { startServer } from './built-server.ts';
import { malianLists } from './mali-lists.ts';

const root = path.resolve(import.meta.dirname, '..');
const placeKeys = new Set(['adm1Name', 'adm1Code', 'adm2Name', 'adm2Code', 'adm3Name', 'adm3Code', 'localityName', 'localityCode']);

/**
 * The synthetic rows in their organisations' layouts, one column per household field used. Their
 * villages come from the COD gazetteer, which the demo database does not hold: each row is put
 * in one of the demo's localities instead, so that every household is encoded and uploaded.
 */
async function writeWorkbook(file: string, rows: number): Promise<void> {
  const records: HouseholdFields[] = [];
  let k = 0;
  for (const record of malianLists(rows)) {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record.fields)) if (!placeKeys.has(key)) fields[key] = value;
    fields.localityName = demoLocalities[k++ % demoLocalities.length]!.name;
    records.push(fields);
  }
  const used = householdColumns.filter((c) => records.some((r) => r[c.key] !== undefined));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bénéficiaires');
  sheet.addRow(used.map((c) => c.header.fr));
  for (const record of records) sheet.addRow(used.map((c) => record[c.key] ?? null));
  await workbook.xlsx.writeFile(file);
}

/**
 * The worker's own code (its built chunk, as the page loads it) run on the page's thread, which the
 * CPU throttling reaches: Chromium's `Emulation.setCPUThrottlingRate` slows a page's thread but not
 * its dedicated workers ("only supported for pages, not workers"), so this is how a slow device's
 * worker is measured. The chunk registers its message handler and posts its answers through
 * `self`, here the window: both are caught and the chunk is driven directly.
 */
async function encodeOnPageThread(
  page: Page,
  chunk: string,
  workbook: Buffer,
  keyText: string,
): Promise<{ readMs: number; encodingMs: number; households: number }> {
  // tsx names the functions it compiles through a helper the page lacks.
  await page.evaluate('window.__name = (f) => f');
  return page.evaluate(
    async ({ chunk, bytes, keyText }) => {
      type Answer = { type: string; places?: unknown[]; encodingMs?: number; households?: number; code?: string; detail?: string };
      let handler: ((event: { data: unknown }) => void) | null = null;
      let answered: (answer: Answer) => void = () => {};
      const add = window.addEventListener.bind(window);
      window.addEventListener = function (type: string, listener: unknown, options?: unknown) {
        if (type === 'message' && handler === null) handler = listener as (event: { data: unknown }) => void;
        else add(type, listener as EventListener, options as AddEventListenerOptions);
      } as typeof window.addEventListener;
      window.postMessage = ((answer: Answer) => {
        if (answer.type === 'read' || answer.type === 'encoded' || answer.type === 'failed') answered(answer);
      }) as typeof window.postMessage;
      await import(chunk);
      window.addEventListener = add;
      const ask = (request: unknown) =>
        new Promise<Answer>((resolve) => {
          answered = resolve;
          handler!({ data: request });
        });
      const today = new Date().toISOString().slice(0, 10);
      const started = performance.now();
      const read = await ask({ type: 'read', file: new File([new Uint8Array(bytes)], 'liste.xlsx') });
      const readMs = performance.now() - started;
      if (read.type !== 'read') throw new Error(`read: ${JSON.stringify(read)}`);
      const encoded = await ask({ type: 'encode', keyText, pcodes: read.places!.map(() => 'ML050109007'), assistanceDate: today, today });
      if (encoded.type !== 'encoded') throw new Error(`encode: ${JSON.stringify(encoded)}`);
      return { readMs, encodingMs: encoded.encodingMs!, households: encoded.households! };
    },
    { chunk, bytes: [...workbook], keyText },
  );
}

interface Figures {
  where: string;
  slowdown: string;
  'read (s)': string;
  'encode (s)': string;
  'households/s': number;
  'read → uploaded (s)': string;
  households: number;
}

async function measure(browser: Browser, url: string, rate: number, workbook: string, dir: string, rows: number): Promise<Figures> {
  // A key of its own: the same encodings twice would be the same file, recognised and not stored again.
  const keyFile = path.join(dir, `exercice-${rate}.key`);
  fs.writeFileSync(keyFile, `${newKeyText()}\n`);
  const context = await browser.newContext({ baseURL: url, locale: 'fr-FR', viewport: { width: 1366, height: 900 } });
  const login = await context.request.post('/api/v1/auth/login', { data: { email: 'partner@demo.relais', password: 'relais-demo' } });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const page = await context.newPage();
  await page.goto('/lists/encode');
  await page.getByLabel('Fichier de clé').waitFor();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await page.getByLabel('Fichier de clé').setInputFiles(keyFile);
  const started = performance.now();
  await page.getByLabel('Fichier de la liste').setInputFiles(workbook);
  await page.locator(`[data-rows="${rows}"]`).waitFor({ timeout: 600_000 });
  const readSeconds = (performance.now() - started) / 1000;
  await page.getByLabel('Intitulé de la liste').fill(`Banc d’essai encodé ×${rate} ${Date.now()}`);
  await page.getByRole('button', { name: 'Encoder et déposer' }).click();
  const outcome = page.locator('.notice-success, .notice-error').first();
  await outcome.waitFor({ timeout: 600_000 });
  if (await page.locator('.notice-error').count()) throw new Error(`the page refused: ${await page.locator('.notice-error').first().innerText()}`);
  const encodingMs = Number(await page.locator('[data-encoding-ms]').getAttribute('data-encoding-ms'));
  const totalSeconds = (performance.now() - started) / 1000;
  const notice = await page.locator('.notice-success').first().innerText();
  const received = Number((/([\d\s\u202f\u00a0]+) ménages? reçus?/.exec(notice)?.[1] ?? '').replace(/\D/g, ''));
  if (!received) throw new Error(`no household received: ${notice}`);
  await context.close();
  return {
    where: 'the page, its worker (not slowed)',
    slowdown: `${rate}×`,
    'read (s)': readSeconds.toFixed(1),
    'encode (s)': (encodingMs / 1000).toFixed(2),
    'households/s': Math.round(received / (encodingMs / 1000)),
    'read → uploaded (s)': totalSeconds.toFixed(1),
    households: received,
  };
}

export async function run(rows = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 10_000)): Promise<void> {
  if (!fs.existsSync(path.join(root, 'dist/server/main.js')) || !fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    console.log('dist/ is missing: npm run build');
    const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-pprl-browser-'));
  const workbook = path.join(dir, 'liste.xlsx');
  await writeWorkbook(workbook, rows);
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const figures: Figures[] = [];
    for (const rate of [1, 4]) figures.push(await measure(browser, server.url, rate, workbook, dir, rows));
    const chunk = fs.readdirSync(path.join(root, 'dist/web/assets')).find((f) => /^encode\.worker-.*\.js$/.test(f));
    if (!chunk) throw new Error('no encode.worker chunk in dist/web/assets: npm run build');
    for (const rate of [1, 4]) {
      const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR' });
      await context.request.post('/api/v1/auth/login', { data: { email: 'partner@demo.relais', password: 'relais-demo' } });
      const page = await context.newPage();
      await page.goto('/lists/encode');
      await page.getByLabel('Fichier de clé').waitFor();
      await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate });
      const result = await encodeOnPageThread(page, `/assets/${chunk}`, fs.readFileSync(workbook), newKeyText());
      await context.close();
      figures.push({
        where: 'the worker’s code on the page’s thread (slowed)',
        slowdown: `${rate}×`,
        'read (s)': (result.readMs / 1000).toFixed(1),
        'encode (s)': (result.encodingMs / 1000).toFixed(2),
        'households/s': Math.round(result.households / (result.encodingMs / 1000)),
        'read → uploaded (s)': '—',
        households: result.households,
      });
    }
    console.log(
      `A ${rows.toLocaleString('en')}-row Excel list (${(fs.statSync(workbook).size / 1024 / 1024).toFixed(1)} MB) encoded in Chromium ${browser.version()} on the encoded-list page; target: encoding < 10 s at 4× CPU slowdown`,
    );
    console.table(figures);
    console.log('Chromium slows a page’s thread, not its dedicated workers: the slowed figures are those of the worker’s code run on the page’s thread.');
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
