import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, openPglite } from '../src/server/db/database.ts';

/**
 * The built server killed (SIGKILL, no chance to clean up) in the middle of a large 5W import on
 * the embedded store: restarted on the same data folder, it shows nothing of the import, has
 * removed what the import had staged, answers, and takes the same file whole.
 */
const root = path.resolve(import.meta.dirname, '..');
const rows = 20_000;
// This month: the demo locks the months older than three.
const month = new Date().toISOString().slice(0, 7);
const csv = ['Sector,Activity,Locality,Status,Start date', ...Array.from({ length: rows }, (_, i) => `Health,Killed ${i + 1},Sevare,Ongoing,${month}-01`)].join(
  '\n',
);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<unknown>;
}

async function start(dataDir: string, timeoutMs = 60_000): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'dist/server/main.js')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'test', DEMO_DATA: 'true', LOG_LEVEL: 'warn' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + timeoutMs;
  while (!output.includes('is running at')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, url: `http://127.0.0.1:${port}`, exited };
}

async function signIn(url: string): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'partner@demo.relais', password: 'relais-demo' }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

function upload(url: string, session: { cookie: string; csrf: string }, progressKey: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'killed.csv');
  return fetch(`${url}/api/v1/responses/import?dryRun=false&period=${month}&progressKey=${progressKey}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'accept-language': 'en' },
    body: form,
  });
}

async function recordsOfTheFile(url: string, session: { cookie: string }): Promise<number> {
  const response = await fetch(`${url}/api/v1/responses?pageSize=1&q=Killed`, { headers: { cookie: session.cookie } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

describe('a 5W import killed with the server on the embedded store', () => {
  let dataDir: string;
  let server: Running | undefined;

  // The first start creates the store and the demo data: far longer than a restart.
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-import-kill-'));
    server = await start(dataDir, 300_000);
  }, 300_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves nothing of it, cleans what it staged at the next start, and the same file then imports whole', { timeout: 120_000 }, async () => {
    let session = await signIn(server!.url);
    const importing = upload(server!.url, session, 'killed-import').catch(() => 'connection lost');
    // Killed once the import has checked and staged several batches of rows.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const progress = await fetch(`${server!.url}/api/v1/import-progress/killed-import`, { headers: { cookie: session.cookie } });
      if (progress.status === 200 && ((await progress.json()) as { rowsRead: number }).rowsRead >= 3000) break;
      if (Date.now() > deadline) throw new Error('the import never got going');
      await new Promise((r) => setTimeout(r, 20));
    }
    server!.child.kill('SIGKILL');
    await server!.exited;
    expect(await importing).toBe('connection lost');

    server = await start(dataDir, 120_000);
    session = await signIn(server.url);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(await recordsOfTheFile(server.url, session)).toBe(0);
    server.child.kill('SIGTERM');
    await server.exited;

    // Looked at directly (the server holds the folder while it runs): the start removed the staged batches.
    const database = fromPglite(await openPglite(dataDir));
    try {
      expect(
        Number(
          (
            await database.db
              .selectFrom('import_staging')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
    } finally {
      await database.close();
    }

    server = await start(dataDir, 120_000);
    session = await signIn(server.url);
    const answer = await upload(server.url, session, 'whole-import');
    expect(answer.status, (await answer.clone().text()).slice(0, 300)).toBe(200);
    expect(((await answer.json()) as { plan: { create: number } }).plan.create).toBe(rows);
    expect(await recordsOfTheFile(server.url, session)).toBe(rows);
  });
});
