import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Language } from '../../shared/contracts/common.ts';
import { AppError } from '../errors.ts';
import type { ServiceContext, SessionUser } from './context.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/**
 * The language of messages and files for this request: a `lang` query parameter (download links,
 * which the browser sends with its own Accept-Language), else Accept-Language (the UI sends its own).
 */
export function languageOf(request: FastifyRequest): Language {
  // Read from the raw URL: a route's validated query no longer holds parameters it does not declare.
  const asked = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
  if (asked === 'fr' || asked === 'en') return asked;
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

/** The signed-in user, or a 401: every route but login and health starts with this. */
export function contextOf(request: FastifyRequest): ServiceContext {
  if (!request.user) throw new AppError('unauthenticated', 401);
  return { user: request.user, requestId: request.id };
}
