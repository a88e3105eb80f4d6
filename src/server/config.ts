import path from 'node:path';
import { z } from 'zod';

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
    TRUST_PROXY: boolean.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(500).default(50),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('Relais <relais@localhost>'),
    PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    GAP_ALERTS_EVERY_MINUTES: z.coerce.number().int().min(0).max(24 * 60).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required when NODE_ENV=production' });
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
  trustProxy: boolean;
  logLevel: string;
  maxUploadBytes: number;
  /** Gap alert e-mails are sent only when set. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Address of the web app, for links in e-mails. */
  publicUrl: string;
  /** How often the server looks for gaps to alert about; 0 = never (tests). */
  gapAlertsEveryMinutes: number;
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
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    maxUploadBytes: env.MAX_UPLOAD_MB * 1024 * 1024,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    gapAlertsEveryMinutes: env.GAP_ALERTS_EVERY_MINUTES ?? (env.NODE_ENV === 'test' ? 0 : 60),
    version,
  });
}
