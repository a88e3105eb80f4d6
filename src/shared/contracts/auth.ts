import { z } from 'zod';
import { roles } from '../permissions.ts';
import { languages } from './common.ts';
import { endpoint } from './endpoint.ts';

export const loginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});

export const passwordPolicy = z.string().min(10, { error: 'password_too_short' }).max(200);

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordPolicy,
});

export const currentUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  organisationId: z.uuid().nullable(),
  regions: z.array(z.string()),
  language: z.enum(['fr', 'en']),
  mustChangePassword: z.boolean(),
  /** Sent back in the `x-csrf-token` header on every mutation. */
  csrfToken: z.string(),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const languageChange = z.object({ language: z.enum(languages) });

export const authApi = {
  login: endpoint({ operationId: 'login', summary: 'Sign in with an e-mail address and a password (the web app)', method: 'POST', path: '/api/v1/auth/login', access: 'public', body: loginBody, response: currentUser }),
  /** Public: signing out an already-expired session still clears the cookie. */
  logout: endpoint({ operationId: 'logout', summary: 'Sign out (ends the browser session)', method: 'POST', path: '/api/v1/auth/logout', access: 'public', sessionOnly: true, status: 204 }),
  me: endpoint({ operationId: 'getCurrentUser', method: 'GET', path: '/api/v1/auth/me', access: 'signedIn', response: currentUser }),
  changePassword: endpoint({ operationId: 'changePassword', method: 'POST', path: '/api/v1/auth/password', access: 'signedIn', sessionOnly: true, body: changePasswordBody, status: 204 }),
  setLanguage: endpoint({ operationId: 'setLanguage', method: 'PUT', path: '/api/v1/auth/language', access: 'signedIn', body: languageChange, status: 204 }),
};
