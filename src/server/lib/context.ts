import type { Language } from '../../shared/contracts/common.ts';
import type { Actor, Role } from '../../shared/permissions.ts';

/** The signed-in user as services see it. */
export interface SessionUser extends Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
  mustChangePassword: boolean;
  sessionId: string;
  csrfToken: string;
}

/** What every service call receives: who acts, and the request id that ties audit rows to logs. */
export interface ServiceContext {
  user: SessionUser;
  requestId: string;
}
