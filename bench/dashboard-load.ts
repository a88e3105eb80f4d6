/**
 * The dashboard's first load on a 3G link, in headless Chromium (Debian's, through playwright-core):
 * the built app on a fresh demo database, a signed-in coordinator, the network throttled through the
 * DevTools protocol to 1.6 Mbps down, 750 kbps up and 150 ms latency, the browser cache empty.
 * Prints the bytes transferred (compressed, as on the wire) by kind, the JavaScript loaded before the
 * dashboard was usable (its key figures shown), and the times to usable and to the map and charts
 * drawn (the map's first view is an SVG drawing; MapLibre and its worker come when someone reaches for
 * the map); then "Explorer la carte" is clicked and the time until MapLibre has drawn the same view
 * is printed, with the JavaScript it added (its worker script included: the page fetches it). Then a
 * second visit with the cache (hashed assets are cached for a year).
 * Targets: initial JavaScript under 350 KB compressed, usable under 5 s; map and charts drawn within
 * 3 s, all JavaScript under 450 KB compressed.
 *   npm run build && npx tsx bench/dashboard-load.ts [--waterfall]
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { startServer } from './built-server.ts';

const throttling = { latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

interface Transfer {
  url: string;
  type: string;
  bytes: number;
  finishedMs: number;
  /** When the page asked for it, from the start of navigation. */
  requestedMs: number;
}

interface Visit {
  transfers: Transfer[];
  usableMs: number;
  drawnMs: number;
  /** From the click on "Explorer la carte" to MapLibre's map drawn in place of the still one. */
  interactiveMs: number;
  /** When the click came, from the start of navigation: transfers finished after it are the interactive map's. */
  exploredAtMs: number;
  /** The page's main thread busy (tasks, of which scripts) until drawn: CPU the load needed, which a shared machine's load stretches in wall time. */
  busyMs: number;
  scriptMs: number;
}

/** One visit of /dashboard on the throttled link; times from the start of navigation. */
async function visit(context: BrowserContext, baseUrl: string, emptyCache: boolean): Promise<Visit> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Performance.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: emptyCache });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...throttling });
  const responses = new Map<string, { url: string; type: string }>();
  const requested = new Map<string, number>();
  const transfers: Transfer[] = [];
  let started = 0;
  cdp.on('Network.requestWillBeSent', (event) => requested.set(event.requestId, performance.now() - started));
  cdp.on('Network.responseReceived', (event) => responses.set(event.requestId, { url: event.response.url, type: event.type ?? 'Other' }));
  cdp.on('Network.loadingFinished', (event) => {
    const response = responses.get(event.requestId);
    const finishedMs = performance.now() - started;
    if (response) transfers.push({ ...response, bytes: event.encodedDataLength, finishedMs, requestedMs: requested.get(event.requestId) ?? finishedMs });
  });
  started = performance.now();
  await page.goto(`${baseUrl}/dashboard`);
  await page.locator('[data-dashboard-ready]').waitFor({ timeout: 60_000 });
  const usableMs = performance.now() - started;
  await page.locator('[data-map-ready]').waitFor({ timeout: 120_000 });
  await page.locator('.chart-canvas svg').first().waitFor({ timeout: 120_000 });
  const drawnMs = performance.now() - started;
  const metrics = new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const busyMs = (metrics.get('TaskDuration') ?? 0) * 1000;
  const scriptMs = (metrics.get('ScriptDuration') ?? 0) * 1000;
  // Let the last responses (tiles of the outline, late chunks) be counted.
  await page.waitForTimeout(500);
  const exploredAtMs = performance.now() - started;
  await page.locator('.map-explore').click();
  await page.locator('[data-map-interactive]').waitFor({ timeout: 120_000 });
  const interactiveMs = performance.now() - started - exploredAtMs;
  await page.waitForTimeout(500);
  await page.close();
  return { transfers, usableMs, drawnMs, interactiveMs, exploredAtMs, busyMs, scriptMs };
}

const isScript = (t: Transfer) => t.type === 'Script' || /\.m?js(\?|$)/.test(t.url);

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function summarise(name: string, result: Visit) {
  const sum = (list: Transfer[]) => list.reduce((total, t) => total + t.bytes, 0);
  // The map's worker script is fetched by the page (and handed to MapLibre as a blob), so it is seen, throttled and counted here.
  const scripts = result.transfers.filter(isScript);
  const beforeUsable = scripts.filter((t) => t.finishedMs <= result.usableMs);
  const firstLoad = scripts.filter((t) => t.finishedMs <= result.exploredAtMs);
  return {
    visit: name,
    'time to usable': `${(result.usableMs / 1000).toFixed(2)} s`,
    'map and charts drawn': `${(result.drawnMs / 1000).toFixed(2)} s`,
    'main thread busy (scripts) until drawn': `${(result.busyMs / 1000).toFixed(2)} s (${(result.scriptMs / 1000).toFixed(2)} s)`,
    'initial JS (before usable)': kb(sum(beforeUsable)),
    'all JS (first load)': kb(sum(firstLoad)),
    'interactive map after click': `${(result.interactiveMs / 1000).toFixed(2)} s`,
    'all JS with interactive map': kb(sum(scripts)),
    // By address: answers the page preloads (a Link header) are typed 'Other', not 'Fetch'.
    'API (JSON)': kb(sum(result.transfers.filter((t) => new URL(t.url).pathname.startsWith('/api/')))),
    'CSS': kb(sum(result.transfers.filter((t) => t.type === 'Stylesheet'))),
    'total transferred': kb(sum(result.transfers)),
    requests: result.transfers.length,
  };
}

export async function run(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ baseURL: server.url, locale: 'fr-FR', viewport: { width: 1366, height: 800 } });
    const login = await context.request.post('/api/v1/auth/login', { data: { email: 'coordinator@demo.relais', password: 'relais-demo' } });
    if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
    // A running server has computed today's figures already; the first visit of the day should not pay for the bench's fresh database.
    for (const endpoint of ['/api/v1/dashboard', '/api/v1/dashboard/map', '/api/v1/dashboard/trends']) await context.request.get(endpoint);
    const cold = await visit(context, server.url, true);
    const cached = await visit(context, server.url, false);
    console.log(`Load average: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores shared: wall times stretch with it, main-thread busy time much less)`);
    console.log(`Dashboard load on a throttled link (1.6 Mbps down, 750 kbps up, 150 ms latency), Chromium headless, demo data; targets: initial JS < 350 KB, usable < 5 s, drawn < 3 s, all JS < 450 KB (MapLibre, fetched on the first reach for the map, in the last JS column)`);
    console.table([summarise('first visit (empty cache)', cold), summarise('next visit (browser cache)', cached)]);
    const heaviest = [...cold.transfers].sort((a, b) => b.bytes - a.bytes).slice(0, 8);
    const worker = cold.transfers.find((t) => t.url.includes('maplibre-gl-worker'));
    console.log(
      worker
        ? `Map worker ${new URL(worker.url).pathname}: ${kb(worker.bytes)} compressed, fetched by the page on the throttled link after the click, counted above.`
        : 'Map worker: not seen among the page transfers (not counted above).',
    );
    console.table(heaviest.map((t) => ({ file: new URL(t.url).pathname, type: t.type, transferred: kb(t.bytes), 'done at': `${(t.finishedMs / 1000).toFixed(2)} s` })));
    // `--waterfall`: every request of the first visit until the map and charts were drawn, to see which waited for which.
    if (process.argv.includes('--waterfall')) {
      const firstPaint = cold.transfers.filter((t) => t.requestedMs <= cold.drawnMs).sort((a, b) => a.requestedMs - b.requestedMs);
      console.log(`Waterfall of the first visit until drawn (${(cold.drawnMs / 1000).toFixed(2)} s):`);
      console.table(
        firstPaint.map((t) => {
          const url = new URL(t.url);
          return {
            request: url.pathname + url.search,
            type: t.type,
            transferred: kb(t.bytes),
            asked: `${(t.requestedMs / 1000).toFixed(2)} s`,
            done: `${(t.finishedMs / 1000).toFixed(2)} s`,
          };
        }),
      );
    }
    await context.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
