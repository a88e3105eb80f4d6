import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSteps, seedDemoData } from '../../demo/demo.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../../../scripts/api-example.mjs');

/** The README's worked example, run as a user would: Node's fetch against a listening server, with a read-only token. */
describe('the API example script', () => {
  let t: TestApp;
  let url: string;
  let token: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-api-example-'));

  beforeAll(async () => {
    t = await createTestApp('pglite');
    await seedDemoData(t.database.db, demoSteps);
    const created = await t.request(await t.login('coordinator'), {
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: 'Script d’exemple', scope: 'read' },
    });
    token = created.json().secret;
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const example = () => run(process.execPath, [script], { cwd: dir, env: { ...process.env, RELAIS_URL: url, RELAIS_TOKEN: token } });

  it('lists the open gaps of Mopti, saves its 5W as HXL, and the second time is told nothing changed', async () => {
    const first = await example();
    const open = (await t.request(await t.login('coordinator'), { method: 'GET', url: '/api/v1/gaps?region=ML05&open=true&pageSize=1' })).json();
    expect(first.stdout).toContain(`${open.total} gaps ouverts dans la région de Mopti au ${open.at}`);
    expect(first.stdout.split('\n').length).toBeGreaterThan(Math.min(open.total, 100));
    expect(first.stdout).toContain('5W de Mopti enregistré dans 5w-mopti.csv');
    const csv = fs.readFileSync(path.join(dir, '5w-mopti.csv'), 'utf8').split('\r\n');
    expect(csv[1]).toMatch(/^#date\+reported,#adm1\+name,#adm1\+code,/);
    expect(
      csv
        .slice(2)
        .filter(Boolean)
        .every((line) => line.split(',')[2] === 'ML05'),
    ).toBe(true);

    const second = await example();
    expect(second.stdout).toContain('5W de Mopti inchangé');
  });

  it('stops with the server’s reason when the token is refused', async () => {
    await expect(run(process.execPath, [script], { cwd: dir, env: { ...process.env, RELAIS_URL: url, RELAIS_TOKEN: 'relais_revoked' } })).rejects.toThrow(
      /401 Jeton d'API inconnu, expiré ou révoqué\./,
    );
  });
});
