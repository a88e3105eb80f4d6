import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/** Deepest nesting a JSON body may have: the API's own bodies use 4 levels; validation and audit recurse. */
export const maxJsonDepth = 32;

/** Zero-width characters carry nothing a reader sees: removed, so a name made of them alone is empty (and refused as such). */
const zeroWidth = /[\u200b-\u200d\u2060\ufeff]/g;
/** NUL and other controls (tab and line breaks aside), and writing-direction overrides that can disguise a name (`cod.exe‮fdp`). */
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

type Container = Record<string, unknown> | unknown[];

/**
 * Cleans every string of a request's params, query and JSON body before it is validated (after the
 * permission check): zero-width characters removed; a forbidden character or a body nested deeper
 * than `maxJsonDepth` refused with 400 and the path of the value. Walks without recursion, so a
 * hostile body cannot exhaust the stack here.
 */
export function cleanRequestText(request: FastifyRequest): void {
  const parts: [string, unknown][] = [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ];
  for (const [part, value] of parts) {
    if (typeof value === 'string') {
      if (part === 'body') request.body = cleanString(value, part);
      continue;
    }
    if (!value || typeof value !== 'object') continue;
    const stack: [Container, string, number][] = [[value as Container, part, 1]];
    while (stack.length > 0) {
      const [container, path, depth] = stack.pop()!;
      if (depth > maxJsonDepth) throw new AppError('json_too_deep', 400, { errors: [{ path, message: 'json_too_deep' }] });
      const keys = Array.isArray(container) ? container.keys() : Object.keys(container);
      for (const key of keys) {
        const inner = (container as Record<string | number, unknown>)[key];
        const at = `${path}.${key}`;
        if (typeof inner === 'string') (container as Record<string | number, unknown>)[key] = cleanString(inner, at);
        else if (inner && typeof inner === 'object') stack.push([inner as Container, at, depth + 1]);
      }
    }
  }
}

function cleanString(value: string, path: string): string {
  if (forbidden.test(value)) throw new AppError('text_invalid_characters', 400, { errors: [{ path, message: 'text_invalid_characters' }] });
  return value.replace(zeroWidth, '');
}
