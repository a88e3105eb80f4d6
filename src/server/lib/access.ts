import { type AccessTarget, type Action, can } from '../../shared/permissions.ts';
import { AppError } from '../errors.ts';
import type { SessionUser } from './context.ts';

/** The one permission check of the server: throws 403 unless the role map allows it. */
export function requireAccess(user: SessionUser, action: Action, target?: AccessTarget): void {
  if (!can(user, action, target)) throw new AppError('forbidden', 403);
}
