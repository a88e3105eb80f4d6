import type { Readable } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
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

/** A file the server sends: from a stream (exports, written as they are read) or a buffer (PDFs). */
export interface Download {
  body: Readable | Buffer;
  fileName: string;
  contentType: string;
}

/**
 * Every download is sent here: `attachment` with the file's name (an ASCII fallback, plus the exact
 * UTF-8 name when it differs, RFC 6266), and never kept by a shared cache (the files hold
 * coordination data).
 */
export function sendDownload(reply: FastifyReply, download: Download): FastifyReply {
  const ascii = download.fileName.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'download';
  const disposition = ascii === download.fileName ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(download.fileName)}`;
  return reply.type(download.contentType).header('content-disposition', disposition).header('cache-control', 'private, no-store').send(download.body);
}

/**
 * Whether a conditional GET may be answered 304: an `If-None-Match` naming the current ETag
 * (weak comparison, RFC 9110 §13.1.2), or, without one, an `If-Modified-Since` at or after the last
 * change (HTTP dates count whole seconds).
 */
export function notModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}
