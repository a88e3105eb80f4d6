import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../shared/permissions.ts';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database, DatabaseKind } from '../db/database.ts';
import { baseDemoSteps, seedDemoData } from '../demo/demo.ts';
import { demoAccounts, demoPassword } from '../demo/demo-accounts.ts';
import type { App } from '../lib/http.ts';
import { type ListKeyring, listKeyring } from '../lib/list-keys.ts';
import { openTestDatabase } from './test-database.ts';

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: string;
}

export interface TestApp {
  app: App;
  database: Database;
  /** The beneficiary lists' keys the app uses (a throwaway master key), e.g. to seed the demo lists. */
  keyring: ListKeyring;
  /** Signs in as the demo account of that role (one per role, see demo-accounts.ts). */
  login(role: Role): Promise<Session>;
  loginWith(email: string, password: string): Promise<Session>;
  /** An injected request carrying the session cookie and, for mutations, the CSRF header. */
  request(session: Session | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The real app on a fresh database seeded with reference places, organisations and the demo accounts. */
export async function createTestApp(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: { logStream?: { write(line: string): void }; webDir?: string } = {},
): Promise<TestApp> {
  const database = await openTestDatabase(kind);
  await seedDemoData(database.db, baseDemoSteps);
  // Backups a test asks for go to the system's temporary folder, never into the checkout.
  const backupDir = path.join(os.tmpdir(), `relais-test-backups-${process.pid}-${randomBytes(4).toString('hex')}`);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_ATTEMPTS_PER_MINUTE: '1000', BACKUP_DIR: backupDir, ...env });
  const keyring = listKeyring(randomBytes(32));
  const app = await buildApp({ config, database, keyring, logStream: options.logStream, webDir: options.webDir });
  const sessions = new Map<string, Session>();

  async function loginWith(email: string, password: string): Promise<Session> {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'relais_session')!;
    const body = response.json<{ csrfToken: string; id: string }>();
    return { cookie: `relais_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.id };
  }

  return {
    app,
    database,
    keyring,
    loginWith,
    async login(role) {
      const cached = sessions.get(role);
      if (cached) return cached;
      const account = demoAccounts.find((a) => a.role === role)!;
      const session = await loginWith(account.email, demoPassword);
      sessions.set(role, session);
      return session;
    },
    request(session, options) {
      const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
      if (session) {
        headers.cookie = session.cookie;
        headers['x-csrf-token'] = session.csrfToken;
      }
      return app.inject({ ...options, headers });
    },
    async close() {
      await app.close();
      await database.close();
      await fs.promises.rm(backupDir, { recursive: true, force: true });
    },
  };
}
