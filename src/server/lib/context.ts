import type { Language } from '../../shared/contracts/common.ts';
import type { TokenScope } from '../../shared/contracts/tokens.ts';
import type { Actor, Role } from '../../shared/permissions.ts';

/** The signed-in user as services see it. */
export interface SessionUser extends Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
  mustChangePassword: boolean;
  /** The browser session; empty when the request came with an API token. */
  sessionId: string;
  csrfToken: string;
  /** The personal API token the request came with, or null for a browser session. */
  apiToken: { id: string; scope: TokenScope } | null;
}

/** What every service call receives: who acts, and the request id that ties audit rows to logs. */
export interface ServiceContext {
  user: SessionUser;
  requestId: string;
}
