import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from './test/test-app.ts';
import { databaseKinds } from './test/test-database.ts';

/** A build's pages as vite.config.ts writes them, told apart by their text. */
function fakeBuild(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-web-'));
  for (const page of ['index', 'dashboard', 'region']) fs.writeFileSync(path.join(dir, `${page}.html`), `<!doctype html><title>${page}</title>`);
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app-1234.js'), 'export {};');
  return dir;
}

describe.each(databaseKinds)('the web app pages on %s', (kind) => {
  let t: TestApp;
  let session: Session;
  const webDir = fakeBuild();

  beforeAll(async () => {
    t = await createTestApp(kind, {}, { webDir });
    session = await t.login('coordinator');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  const open = (url: string, signedIn: boolean) => t.request(signedIn ? session : null, { method: 'GET', url });

  it('sends a signed-in browser the dashboard page that preloads its chunks and names its first API answers', async () => {
    const response = await open('/dashboard?sector=eha', true);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<title>dashboard</title>');
    expect(response.headers.link).toBe(
      [
        '/api/v1/auth/me',
        '/api/v1/dashboard?sector=eha',
        '/api/v1/dashboard/trends?sector=eha',
        '/api/v1/dashboard/map?sector=eha',
        '/api/v1/dashboard/boundaries?level=1',
        '/api/v1/admin-areas?level=1&pageSize=100',
      ]
        .map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`)
        .join(', '),
    );
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers.vary).toMatch(/Cookie/);
    const region = await open('/regions/ML05', true);
    expect(region.body).toContain('<title>region</title>');
    expect(region.headers.link).toContain('</api/v1/dashboard/boundaries?level=2&parent=ML05>');
  });

  it('sends index.html, without preloads, to signed-out visitors and for the other pages', async () => {
    for (const [url, signedIn] of [
      ['/dashboard', false],
      ['/regions/ML05', false],
      ['/alerts', true],
      ['/', true],
    ] as const) {
      const response = await open(url, signedIn);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toContain('<title>index</title>');
      expect(response.headers.link, url).toBeUndefined();
    }
  });

  it('still answers 404 for a missing asset or API route', async () => {
    expect((await open('/assets/gone-0000.js', true)).statusCode).toBe(404);
    expect((await open('/api/v1/nothing-here', true)).statusCode).toBe(404);
  });
});
