import type { FastifyRequest } from 'fastify';
import type { EndpointSpec } from '../../shared/contracts/endpoint.ts';
import { type AccessTarget, type Action, can } from '../../shared/permissions.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from './context.ts';

/** The one permission check of the server: throws 403 unless the role map allows it. */
export function requireAccess(user: SessionUser, action: Action, target?: AccessTarget): void {
  if (!can(user, action, target)) throw new AppError('forbidden', 403);
}

/**
 * A route's own permission, checked before its input is validated: someone who may not call it at
 * all learns nothing about its input rules (401 signed out, 403 for a role without the action, or
 * for an API token on a route that must stay a signed-in person's own act).
 */
export function requireRouteAccess(request: FastifyRequest, endpoint: Pick<EndpointSpec, 'access' | 'sessionOnly'>): void {
  if (endpoint.sessionOnly && request.user?.apiToken) throw new AppError('token_not_allowed', 403);
  if (endpoint.access === 'public') return;
  if (!request.user) throw new AppError('unauthenticated', 401);
  if (endpoint.access !== 'signedIn') requireAccess(request.user, endpoint.access);
}
