import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, openPglite } from './db/database.ts';

/** The real entry points as separate processes: the embedded store's lock, graceful stop, backup and restore. */
const root = path.resolve(import.meta.dirname, '../..');
// One node process with the tsx loader (not the tsx wrapper), so signals reach the server itself.
const node = (script: string) => ['--import', 'tsx', script];

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
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, node('src/server/main.ts'), { cwd: root, env: { ...process.env, ...env, DATABASE_URL: '' } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(running: Running, text: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!running.output().includes(text)) {
    if (Date.now() > deadline || running.child.exitCode !== null) throw new Error(`never saw "${text}":\n${running.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A request on its own connection, as separate clients would send them. */
function postOnNewConnection(port: number, urlPath: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent: false, headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...node('src/cli/main.ts'), ...args], { cwd: root, env: { ...process.env, ...env, DATABASE_URL: '' }, encoding: 'utf8' });
}

async function userEmails(dataDir: string): Promise<string[]> {
  const database = fromPglite(await openPglite(dataDir));
  try {
    const rows = await database.db.selectFrom('users').select('email').orderBy('email').execute();
    return rows.map((r) => r.email);
  } finally {
    await database.close();
  }
}

describe('the embedded store across processes', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: Running;
  let port: number;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-process-'));
    port = await freePort();
    env = { DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'test', DEMO_DATA: 'true', LOG_LEVEL: 'info' };
    server = start(env);
    await waitFor(server, 'is running at');
  }, 150_000);

  afterAll(() => {
    server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints the URL and the demo accounts at start', () => {
    expect(server.output()).toContain(`http://localhost:${port}`);
    expect(server.output()).toContain('admin@demo.relais');
    expect(server.output()).toContain('relais-demo');
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const second = start({ ...env, PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already in use by process \d+/);
    const health = await fetch(`http://localhost:${port}/api/health`);
    expect(health.status).toBe(200);
  });

  it('finishes requests in flight on SIGTERM, then exits 0 and releases the folder', { timeout: 60_000 }, async () => {
    const logins = Array.from({ length: 4 }, () => postOnNewConnection(port, '/api/v1/auth/login', { email: 'admin@demo.relais', password: 'relais-demo' }));
    // Signal only once the server has received all four (it logs each incoming request at level info).
    const received = () => server.output().split('"url":"/api/v1/auth/login"').length - 1;
    const deadline = Date.now() + 30_000;
    while (received() < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    server.child.kill('SIGTERM');
    const statuses = await Promise.all(logins);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(await server.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'relais.lock'))).toBe(false);
  });

  it('restores a backup taken earlier, keeping the replaced database aside', async () => {
    const archive = path.join(dataDir, 'backup.tar.gz');
    const backup = cli(['backup', '--out', archive], env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(fs.statSync(archive).size).toBeGreaterThan(100_000);

    const created = cli(['create-admin', '--email', 'after.backup@example.org', '--name', 'Après Sauvegarde'], env);
    expect(created.status, created.stderr).toBe(0);
    expect(await userEmails(dataDir)).toContain('after.backup@example.org');

    const refused = cli(['restore', archive], env);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('--force');

    const restored = cli(['restore', archive, '--force'], env);
    expect(restored.status, restored.stderr).toBe(0);
    const emails = await userEmails(dataDir);
    expect(emails).toContain('admin@demo.relais');
    expect(emails).not.toContain('after.backup@example.org');
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('pgdata.before-restore-'))).toBe(true);
  }, 180_000);
});

describe('configuration', () => {
  it('stops with a message naming the bad variable and a non-zero exit', () => {
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, node('src/server/main.ts'), { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    const badPort = run({ PORT: 'eighty' });
    expect(badPort.status).toBe(1);
    expect(badPort.stderr).toContain('PORT: Invalid input: expected number');
    const noSecret = run({ NODE_ENV: 'production', SESSION_SECRET: '' });
    expect(noSecret.status).toBe(1);
    expect(noSecret.stderr).toContain('SESSION_SECRET: is required when NODE_ENV=production');
    // Two cold starts of the TypeScript entry point: about 20 s on an idle 2-core machine, more
    // when the other test worker is busy.
  }, 120_000);
});
