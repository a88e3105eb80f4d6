import { authApi } from '../../../shared/contracts/auth.ts';
import type { Config } from '../../config.ts';
import { type App, contextOf } from '../../lib/http.ts';
import { routes } from '../../lib/route.ts';
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

  routes(
    app,
    authApi,
    {
      login: async (request, reply) => {
        const { token, user } = await auth.login(request.body.email, request.body.password, request);
        reply.setCookie(sessionCookie, token, cookieOptions);
        return toCurrentUser(user);
      },
      logout: async (request, reply) => {
        if (request.user) await auth.logout(request.user);
        reply.clearCookie(sessionCookie, { path: '/' });
      },
      me: (request) => toCurrentUser(contextOf(request).user),
      changePassword: (request) => auth.changePassword(contextOf(request), request.body.currentPassword, request.body.newPassword),
      setLanguage: (request) => auth.setLanguage(contextOf(request), request.body.language),
    },
    { login: { rateLimit: { max: config.loginAttemptsPerMinute, timeWindow: '1 minute' } } },
  );
}
