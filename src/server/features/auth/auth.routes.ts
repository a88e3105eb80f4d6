import { z } from 'zod';
import { changePasswordBody, currentUser, loginBody } from '../../../shared/contracts/auth.ts';
import type { Config } from '../../config.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { type AuthService, toCurrentUser } from './auth.service.ts';

export const sessionCookie = 'relais_session';

export function authRoutes(app: App, deps: { auth: AuthService; config: Config }) {
  const { auth, config } = deps;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.env === 'production',
    maxAge: config.sessionTtlHours * 3600,
  } as const;

  app.post(
    '/api/v1/auth/login',
    {
      schema: { body: loginBody, response: { 200: currentUser } },
      config: { rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { token, user } = await auth.login(request.body.email, request.body.password, request.id);
      reply.setCookie(sessionCookie, token, cookieOptions);
      return toCurrentUser(user);
    },
  );

  app.post('/api/v1/auth/logout', { schema: { response: { 204: z.null() } } }, async (request, reply) => {
    if (request.user) await auth.logout(request.user);
    reply.clearCookie(sessionCookie, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/auth/me', { schema: { response: { 200: currentUser } } }, async (request) => toCurrentUser(contextOf(request).user));

  app.post('/api/v1/auth/password', { schema: { body: changePasswordBody, response: { 204: z.null() } } }, async (request, reply) => {
    await auth.changePassword(contextOf(request), request.body.currentPassword, request.body.newPassword);
    return reply.code(204).send(null);
  });

  app.put(
    '/api/v1/auth/language',
    { schema: { body: z.object({ language: z.enum(['fr', 'en']) }), response: { 204: z.null() } } },
    async (request, reply) => {
      await auth.setLanguage(contextOf(request), request.body.language);
      return reply.code(204).send(null);
    },
  );
}
