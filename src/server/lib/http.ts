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

/** The language of messages for this request: the UI sends its own in Accept-Language. */
export function languageOf(request: FastifyRequest): Language {
  const header = request.headers['accept-language'] ?? '';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'fr';
}

/** The signed-in user, or a 401: every route but login and health starts with this. */
export function contextOf(request: FastifyRequest): ServiceContext {
  if (!request.user) throw new AppError('unauthenticated', 401);
  return { user: request.user, requestId: request.id };
}
