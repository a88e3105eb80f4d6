import type { FastifyRequest } from 'fastify';
import { hasForbiddenCharacters, zeroWidthCharacters } from '../../shared/text.ts';
import { AppError } from '../errors.ts';

/** Deepest nesting a JSON body may have: the API's own bodies use 4 levels; validation and audit recurse. */
export const maxJsonDepth = 32;

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
  if (hasForbiddenCharacters(value)) throw new AppError('text_invalid_characters', 400, { errors: [{ path, message: 'text_invalid_characters' }] });
  return value.replace(zeroWidthCharacters, '');
}
