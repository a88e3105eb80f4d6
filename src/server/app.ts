import fs from 'node:fs';
import path from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError } from 'fastify';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tokenPrefix } from '../shared/contracts/tokens.ts';
import { dashboardFirstLoad } from '../shared/dashboard-first-load.ts';
import { type ErrorCode, errorMessage, isErrorCode } from '../shared/errors.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import { apiDocsRoutes } from './features/api-docs/api-docs.routes.ts';
import { registerAlerts } from './features/alerts/alerts.module.ts';
import { registerAssessments } from './features/assessments/assessments.module.ts';
import { registerBackups } from './features/backups/backups.module.ts';
import { registerBriefs } from './features/briefs/briefs.module.ts';
import { registerDashboard } from './features/dashboard/dashboard.module.ts';
import { registerFeeds } from './features/feeds/feeds.module.ts';
import { registerDedup } from './features/dedup/dedup.module.ts';
import { registerGaps } from './features/gaps/gaps.module.ts';
import { registerHandovers } from './features/handovers/handovers.module.ts';
import { registerLists } from './features/lists/lists.module.ts';
import { registerMeetings } from './features/meetings/meetings.module.ts';
import { registerPackages } from './features/packages/packages.module.ts';
import { registerAudit } from './features/audit/audit.module.ts';
import { createAuth, registerAuthRoutes, sessionCookie } from './features/auth/auth.module.ts';
import { registerCapacities } from './features/capacities/capacities.module.ts';
import { registerGazetteer } from './features/gazetteer/gazetteer.module.ts';
import { registerOrganisations } from './features/organisations/organisations.module.ts';
import { registerUsers } from './features/users/users.module.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { registerPeriods } from './features/periods/periods.module.ts';
import { registerResponses } from './features/responses/responses.module.ts';
import { registerTokens } from './features/tokens/tokens.module.ts';
import { type App, languageOf } from './lib/http.ts';
import { guardRoutes } from './lib/route-table.ts';
import { recordAudit } from './lib/audit.ts';
import { type ListKeyring, listKeyringFor } from './lib/list-keys.ts';

const zodLocales = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Paths a user with a temporary password may still call. */
const allowedBeforePasswordChange = new Set(['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/password', '/api/v1/auth/language']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The secret of a personal API token in an Authorization header: `Bearer relais_…`, or Basic
 * with the token as the password (or the user name), which Excel, Power BI and curl's `-u` send
 * from their own credential dialogs. Null without a token: other Basic credentials (a proxy's
 * own password prompt in front of the app) are left to the proxy and the session cookie applies.
 */
function tokenSecretOf(authorization: string | undefined): string | null {
  if (!authorization) return null;
  const [scheme, value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() !== 'basic') return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return [password, user].find((part) => part.startsWith(tokenPrefix)) ?? null;
}

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Folder of the built web app; when absent the server answers the API only. */
  webDir?: string;
  /** Keys of the beneficiary lists; by default from the configuration (lib/list-keys.ts). */
  keyring?: ListKeyring;
  /** Where logs go (default standard output): tests read them to check that nothing personal is logged. */
  logStream?: { write(line: string): void };
}

/** The one place that wires repositories, services and routes together. */
export async function buildApp({ config, database, webDir, keyring = listKeyringFor(config), logStream }: BuildAppOptions): Promise<App> {
  const app = Fastify({
    trustProxy: config.trustProxy.length > 0 ? [...config.trustProxy] : false,
    bodyLimit: 2 * 1024 * 1024,
    // Ready hooks seed the demo through the services (meetings read the gap engine): on a busy
    // two-core machine that exceeded Fastify's 10 s default and the server refused to start.
    pluginTimeout: 300_000,
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // A request is logged by its path only: query strings carry searched names and e-mail
            // addresses (`/api/v1/users?q=…`); headers (cookies, tokens) and bodies are not logged at all.
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({ method: request.method, url: request.url.split('?')[0], remoteAddress: request.ip }),
            },
            ...(logStream ? { stream: logStream } : {}),
          },
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'worker-src': ["'self'", 'blob:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
    hsts: config.env === 'production',
  });
  await app.register(compress, { threshold: 1024 });
  await app.register(cookie);
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('rate_limited', 429) });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1 } });

  // Before any route: each must say who may call it, checked before its input is validated.
  guardRoutes(app);

  const { db } = database;
  const auth = createAuth({ db, config });
  const { tokens, accountTokens } = registerTokens(app, { db });
  // Each token has its own budget of requests, whoever and wherever it is sent from.
  const tokenLimit = app.createRateLimit({ max: config.tokenRequestsPerMinute, timeWindow: '1 minute', keyGenerator: (request) => `api-token:${request.user?.apiToken?.id ?? ''}` });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const secret = tokenSecretOf(request.headers.authorization);
    if (secret !== null) {
      // A token stands alone: no cookie, no CSRF header (a cross-site page cannot set Authorization).
      request.user = (await tokens.resolve(secret)) ?? null;
      if (!request.user) throw new AppError('token_invalid', 401);
      const limit = await tokenLimit(request);
      if (!limit.isAllowed) {
        reply.header('x-ratelimit-limit', limit.max).header('x-ratelimit-remaining', limit.remaining).header('x-ratelimit-reset', limit.ttlInSeconds);
        if (limit.isExceeded) {
          reply.header('retry-after', limit.ttlInSeconds);
          throw new AppError('rate_limited', 429);
        }
      }
      if (request.user.apiToken?.scope === 'read' && !safeMethods.has(request.method)) throw new AppError('token_read_only', 403);
      return;
    }
    const token = request.cookies[sessionCookie];
    request.user = token ? ((await auth.resolve(token)) ?? null) : null;
    if (!request.user) return;
    // Synchronizer token: a cross-site form can carry the cookie but not this header.
    if (!safeMethods.has(request.method) && request.headers['x-csrf-token'] !== request.user.csrfToken) {
      throw new AppError('csrf_invalid', 403);
    }
    if (request.user.mustChangePassword && !allowedBeforePasswordChange.has(request.url.split('?')[0]!)) {
      throw new AppError('password_change_required', 403);
    }
  });

  // Every request made with a token leaves a row in the audit trail, its user and token named,
  // whatever it did (reads included); the changes it made have their own rows, naming the token too.
  app.addHook('onSend', async (request, reply, payload) => {
    const apiToken = request.user?.apiToken;
    if (!apiToken) return payload;
    try {
      await recordAudit(db, { user: request.user, requestId: request.id }, {
        action: 'api_request',
        entity: 'api_token',
        entityId: apiToken.id,
        after: { method: request.method, path: request.url.split('?')[0], status: reply.statusCode },
      });
    } catch (error) {
      request.log.error({ err: error }, 'audit of a token request failed');
    }
    return payload;
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = languageOf(request);
    const send = (status: number, code: ErrorCode, extra: Record<string, unknown> = {}) =>
      reply
        .code(status)
        .type('application/problem+json')
        .send({ type: `about:blank#${code}`, title: errorMessage(code, lang), status, code, requestId: request.id, ...extra });

    if (error instanceof AppError) {
      // Says how to authenticate (RFC 9110): a token; for the feeds, which spreadsheet tools open
      // with a user name and password dialog, also the token as a Basic password. Never Basic on
      // the web app's own calls: the browser would show its password prompt over the app.
      if (error.code === 'unauthenticated' || error.code === 'token_invalid') {
        reply.header('www-authenticate', request.url.startsWith('/api/v1/feeds/') ? 'Basic realm="Relais", charset="UTF-8"' : 'Bearer realm="Relais"');
      }
      // Messages given as error codes (a path's reason) are sent in the caller's language.
      const errors = error.extra.errors?.map((e) => ({ ...e, message: isErrorCode(e.message) ? errorMessage(e.message, lang) : e.message }));
      return send(error.status, error.code, errors ? { ...error.extra, errors } : error.extra);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => {
        const custom = issue.message ?? '';
        const localized = zodLocales[lang]({ ...issue.params, code: issue.keyword } as never);
        const message = isErrorCode(custom) ? errorMessage(custom, lang) : typeof localized === 'string' ? localized : custom;
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return { path: [error.validationContext, where].filter(Boolean).join('.'), message };
      });
      return send(400, 'validation_failed', { errors });
    }
    if (error.statusCode === 429) return send(429, 'rate_limited');
    if (error.code === 'FST_REQ_FILE_TOO_LARGE') return send(413, 'file_too_large');
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, 'body_too_large');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'validation_failed', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal');
  });

  healthRoutes(app, { database, version: config.version });
  registerBackups(app, { database, config });
  apiDocsRoutes(app, { version: config.version, sessionCookie });
  registerAuthRoutes(app, { auth, config });
  const { organisations } = registerOrganisations(app, { db });
  const { gazetteer } = registerGazetteer(app, { db });
  registerUsers(app, { db, organisations, gazetteer, tokens: accountTokens });
  registerAudit(app, { db });
  const alertServices = registerAlerts(app, { db, organisations });
  registerAssessments(app, { db, organisations });
  const gapServices = registerGaps(app, { db, config });
  const { guard } = registerPeriods(app, { db });
  const { progress, pivotFigures } = registerResponses(app, { db, databaseKind: database.kind, organisations, gazetteer, guard });
  const capacityServices = registerCapacities(app, { db, organisations, gazetteer, guard, progress });
  const dashboardServices = registerDashboard(app, { db, gaps: gapServices.gaps, pivot: pivotFigures });
  registerBriefs(app, { db, gaps: gapServices.gaps, situation: dashboardServices.situation });
  registerMeetings(app, { db, config, gaps: gapServices.gaps });
  registerHandovers(app, { db, gaps: gapServices.gaps });
  registerLists(app, { db, organisations, keyring, progress, retentionEveryMinutes: config.listPurgeEveryMinutes });
  registerDedup(app, { db, keyring });
  registerPackages(app, { db });
  registerFeeds(app, {
    db,
    sources: { gaps: gapServices.gaps, alertFiles: alertServices.alertFiles, capacities: capacityServices.exporter, publicPage: dashboardServices.publicPage },
  });

  await serveWebApp(app, webDir);
  return app;
}

async function serveWebApp(app: App, webDir: string | undefined) {
  const indexHtml = webDir && fs.existsSync(path.join(webDir, 'index.html')) ? path.join(webDir, 'index.html') : undefined;
  if (webDir && indexHtml) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // The build writes brotli and gzip copies of its scripts and styles (vite.config.ts): sent as they are.
      preCompressed: true,
      setHeaders(reply, filePath) {
        // Built assets carry a content hash in their name, so they can be cached for a year.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const landingPages = landingPageFiles(webDir);
  app.setNotFoundHandler((request, reply) => {
    // A missing built asset (an old page asking for a file a newer build replaced) must 404, not get index.html.
    const pathname = request.url.split('?')[0]!;
    const isFile = request.url.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(pathname);
    if (request.url.startsWith('/api/') || !indexHtml || request.method !== 'GET' || isFile) {
      throw new AppError('route_not_found', 404);
    }
    // Client-side routes: the single-page app decides what to show. A signed-in browser opening a
    // dashboard gets the copy of index.html that preloads the dashboard's chunks (vite.config.ts),
    // and its first API answers named as preloads, so they travel while the scripts download; a
    // session cookie is hint enough (a stale one costs a few refused requests, never data).
    const firstLoad = request.cookies[sessionCookie] ? dashboardFirstLoad(pathname, request.url.slice(pathname.length)) : null;
    const page = firstLoad && landingPages.has(`${firstLoad.page}.html`) ? `${firstLoad.page}.html` : 'index.html';
    if (firstLoad && page !== 'index.html') reply.header('Link', firstLoad.requests.map((url) => `<${url}>; rel=preload; as=fetch; crossorigin`).join(', '));
    return reply.header('Cache-Control', 'no-cache').header('Vary', 'Cookie').sendFile(page);
  });
}

/** The dashboard's own pages the build wrote (vite.config.ts's `landingPages`). */
function landingPageFiles(webDir: string | undefined): Set<string> {
  return new Set(webDir ? ['dashboard.html', 'region.html'].filter((file) => fs.existsSync(path.join(webDir, file))) : []);
}
