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
import { type ErrorCode, errorMessage, isErrorCode } from '../shared/errors.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { AppError } from './errors.ts';
import { registerAlerts } from './features/alerts/alerts.module.ts';
import { registerAssessments } from './features/assessments/assessments.module.ts';
import { registerDashboard } from './features/dashboard/dashboard.module.ts';
import { registerGaps } from './features/gaps/gaps.module.ts';
import { auditRepository } from './features/audit/audit.repository.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { sessionCookie, authRoutes } from './features/auth/auth.routes.ts';
import { authService } from './features/auth/auth.service.ts';
import { sessionsRepository } from './features/auth/sessions.repository.ts';
import { registerCapacities } from './features/capacities/capacities.module.ts';
import { gazetteerImporter } from './features/gazetteer/gazetteer.import.ts';
import { gazetteerRepository } from './features/gazetteer/gazetteer.repository.ts';
import { gazetteerRoutes } from './features/gazetteer/gazetteer.routes.ts';
import { gazetteerService } from './features/gazetteer/gazetteer.service.ts';
import { healthRoutes } from './features/health/health.routes.ts';
import { organisationsRepository } from './features/organisations/organisations.repository.ts';
import { organisationsRoutes } from './features/organisations/organisations.routes.ts';
import { organisationsService } from './features/organisations/organisations.service.ts';
import { registerPeriods } from './features/periods/periods.module.ts';
import { registerResponses } from './features/responses/responses.module.ts';
import { usersRepository } from './features/users/users.repository.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { usersService } from './features/users/users.service.ts';
import { type App, languageOf } from './lib/http.ts';

const zodLocales = { fr: z.locales.fr().localeError, en: z.locales.en().localeError };

/** Paths a user with a temporary password may still call. */
const allowedBeforePasswordChange = new Set(['/api/v1/auth/me', '/api/v1/auth/logout', '/api/v1/auth/password', '/api/v1/auth/language']);
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Folder of the built web app; when absent the server answers the API only. */
  webDir?: string;
}

/** The one place that wires repositories, services and routes together. */
export async function buildApp({ config, database, webDir }: BuildAppOptions): Promise<App> {
  const app = Fastify({
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // Cookies and tokens never reach the logs; bodies are not logged at all.
            redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
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

  const { db } = database;
  const repositories = {
    sessions: sessionsRepository(db),
    users: usersRepository(db),
    organisations: organisationsRepository(db),
    gazetteer: gazetteerRepository(db),
    audit: auditRepository(db),
  };
  const auth = authService({ db, config, sessions: repositories.sessions, users: repositories.users });

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
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

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const lang = languageOf(request);
    const send = (status: number, code: ErrorCode, extra: Record<string, unknown> = {}) =>
      reply
        .code(status)
        .type('application/problem+json')
        .send({ type: `about:blank#${code}`, title: errorMessage(code, lang), status, code, requestId: request.id, ...extra });

    if (error instanceof AppError) return send(error.status, error.code, error.extra);
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
    if (error.code === 'FST_REQ_FILE_TOO_LARGE' || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return send(413, 'file_too_large');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(error.statusCode, 'validation_failed', { detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal');
  });

  const services = {
    auth,
    users: usersService({ db, ...repositories }),
    organisations: organisationsService({ db, organisations: repositories.organisations }),
    gazetteer: gazetteerService({ db, gazetteer: repositories.gazetteer, importer: gazetteerImporter({ db, gazetteer: repositories.gazetteer }) }),
  };

  healthRoutes(app, { database, version: config.version });
  authRoutes(app, { auth, config });
  usersRoutes(app, { users: services.users });
  organisationsRoutes(app, { organisations: services.organisations });
  auditRoutes(app, { audit: repositories.audit });
  gazetteerRoutes(app, { gazetteer: services.gazetteer });
  registerAlerts(app, { db, organisations: repositories.organisations });
  registerAssessments(app, { db, organisations: repositories.organisations });
  const gapServices = registerGaps(app, { db, config });
  const { guard } = registerPeriods(app, { db });
  const { progress } = registerResponses(app, { db, organisations: repositories.organisations, gazetteer: repositories.gazetteer, guard });
  registerCapacities(app, { db, organisations: repositories.organisations, gazetteer: repositories.gazetteer, guard, progress });
  registerDashboard(app, { db, gaps: gapServices.gaps });

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
      setHeaders(reply, filePath) {
        // Built assets carry a content hash in their name, so they can be cached for a year.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing built asset (an old page asking for a file a newer build replaced) must 404, not get index.html.
    const isFile = request.url.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(request.url.split('?')[0]!);
    if (request.url.startsWith('/api/') || !indexHtml || request.method !== 'GET' || isFile) {
      throw new AppError('route_not_found', 404);
    }
    // Client-side routes: the single-page app decides what to show.
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
}
