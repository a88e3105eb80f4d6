import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { parseMasterKey } from './lib/list-keys.ts';

/**
 * The proxies whose X-Forwarded-For is believed: addresses or CIDR ranges (or proxy-addr's names
 * loopback, linklocal, uniquelocal), comma-separated. `true` is refused: it would take the client
 * address from any caller's header, and a rotating header would escape the per-address limits.
 */
const proxyList = z
  .string()
  .transform((v) => v.split(',').map((p) => p.trim()).filter(Boolean))
  .superRefine((proxies, ctx) => {
    for (const proxy of proxies) {
      if (['true', '1', 'yes'].includes(proxy)) {
        ctx.addIssue({ code: 'custom', message: 'must list the trusted proxy addresses (e.g. 127.0.0.1 or 10.0.0.0/8), not true: any caller could then choose its address' });
      } else if (!['false', '0', 'no', 'loopback', 'linklocal', 'uniquelocal'].includes(proxy) && !isAddressOrRange(proxy)) {
        ctx.addIssue({ code: 'custom', message: `"${proxy}" is not an IP address or CIDR range` });
      }
    }
  })
  .transform((proxies) => proxies.filter((p) => !['false', '0', 'no'].includes(p)));

function isAddressOrRange(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (version === 4 ? 32 : 128);
}

const boolean = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    SESSION_SECRET: z.string().min(32, { error: 'must be at least 32 characters' }).optional(),
    SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    DEMO_DATA: boolean.optional(),
    LOGIN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
    API_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
    TRUST_PROXY: proxyList.default([]),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(500).default(50),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('Relais <relais@localhost>'),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    GAP_ALERTS_EVERY_MINUTES: z.coerce.number().int().min(0).max(24 * 60).optional(),
    ACTION_REMINDERS_EVERY_MINUTES: z.coerce.number().int().min(0).max(24 * 60).optional(),
    LIST_MASTER_KEY: z.string().optional(),
    LIST_PURGE_EVERY_MINUTES: z.coerce.number().int().min(0).max(24 * 60).optional(),
    BACKUP_DIR: z.string().min(1).optional(),
    BACKUP_EVERY_HOURS: z.coerce.number().int().min(0).max(24 * 31).optional(),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(365).default(7),
    LIST_MASTER_KEY_FILE: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
    }
    if (env.LIST_MASTER_KEY && env.LIST_MASTER_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['LIST_MASTER_KEY_FILE'], message: 'give LIST_MASTER_KEY or LIST_MASTER_KEY_FILE, not both' });
    }
    if (env.NODE_ENV === 'production' && !env.LIST_MASTER_KEY && !env.LIST_MASTER_KEY_FILE) {
      ctx.addIssue({ code: 'custom', path: ['LIST_MASTER_KEY'], message: 'is required when NODE_ENV=production (or LIST_MASTER_KEY_FILE): it protects the beneficiary lists' });
    }
    if (env.NODE_ENV === 'production' && env.DEMO_DATA) {
      ctx.addIssue({ code: 'custom', path: ['DEMO_DATA'], message: 'cannot be true when NODE_ENV=production' });
    }
  });

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  sessionTtlHours: number;
  demoData: boolean;
  loginAttemptsPerMinute: number;
  /** Requests one personal API token may make in a minute (429 beyond). */
  tokenRequestsPerMinute: number;
  /** Proxies whose X-Forwarded-For gives the client address; empty: the socket's address. */
  trustProxy: readonly string[];
  logLevel: string;
  maxUploadBytes: number;
  /** Gap alert e-mails are sent only when set. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Address of the web app, for links in e-mails. */
  publicUrl: string;
  /** How often the server looks for gaps to alert about; 0 = never (tests). */
  gapAlertsEveryMinutes: number;
  /** How often the server reminds owners of action points coming due or overdue; 0 = never (tests). */
  actionRemindersEveryMinutes: number;
  /** The 32-byte master key of beneficiary lists; absent outside production (see lib/list-keys.ts). */
  listMasterKey: Buffer | undefined;
  /** How often lists past their retention date are purged; 0 = never (tests). */
  listPurgeEveryMinutes: number;
  /** Where the embedded store's own backups go, how often (0 = only on request) and how many are kept. */
  backupDir: string;
  backupEveryHours: number;
  backupKeep: number;
  version: string;
}>;

export class ConfigError extends Error {}

/** Parsed once at boot; a bad value stops the process with a message naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}\nSee .env.example for every variable.`);
  }
  const env = parsed.data;
  const listMasterKey = readListMasterKey(env.LIST_MASTER_KEY, env.LIST_MASTER_KEY_FILE);
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    // Outside production a fixed development secret is acceptable: sessions are server-side anyway.
    sessionSecret: env.SESSION_SECRET ?? 'relais-development-secret-not-for-production',
    sessionTtlHours: env.SESSION_TTL_HOURS,
    demoData: env.NODE_ENV === 'production' ? false : (env.DEMO_DATA ?? env.NODE_ENV === 'development'),
    loginAttemptsPerMinute: env.LOGIN_ATTEMPTS_PER_MINUTE,
    tokenRequestsPerMinute: env.API_TOKEN_REQUESTS_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    gapAlertsEveryMinutes: env.GAP_ALERTS_EVERY_MINUTES ?? (env.NODE_ENV === 'test' ? 0 : 60),
    actionRemindersEveryMinutes: env.ACTION_REMINDERS_EVERY_MINUTES ?? (env.NODE_ENV === 'test' ? 0 : 60),
    listMasterKey,
    listPurgeEveryMinutes: env.LIST_PURGE_EVERY_MINUTES ?? (env.NODE_ENV === 'test' ? 0 : 60),
    backupDir: path.resolve(env.BACKUP_DIR ?? path.join(env.DATA_DIR, 'backups')),
    backupEveryHours: env.BACKUP_EVERY_HOURS ?? (env.NODE_ENV === 'test' ? 0 : 24),
    backupKeep: env.BACKUP_KEEP,
    version,
  });
}

/** The list master key from the variable or the file it names: 64 hex digits or base64 of 32 bytes. */
function readListMasterKey(value: string | undefined, file: string | undefined): Buffer | undefined {
  const name = file ? 'LIST_MASTER_KEY_FILE' : 'LIST_MASTER_KEY';
  let text = value;
  if (file) {
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`Invalid configuration:\n  LIST_MASTER_KEY_FILE: cannot read ${file}\nSee .env.example for every variable.`);
    }
  }
  if (text === undefined) return undefined;
  const key = parseMasterKey(text);
  if (!key) throw new ConfigError(`Invalid configuration:\n  ${name}: must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)\nSee .env.example for every variable.`);
  return key;
}
