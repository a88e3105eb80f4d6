import type { Action } from '../../../shared/permissions.ts';

/** The tabs of the administration, in order, and who sees each. */
export const adminSections = [
  { path: 'organisations', label: 'admin.organisations', action: 'organisation:manage' },
  { path: 'users', label: 'admin.users', action: 'user:manage' },
  { path: 'tokens', label: 'admin.tokens', action: 'user:manage' },
  { path: 'gazetteer', label: 'admin.gazetteer', action: 'gazetteer:import' },
  { path: 'dashboard', label: 'admin.dashboard', action: 'settings:manage' },
  { path: 'gaps', label: 'admin.gaps', action: 'settings:manage' },
  { path: 'backups', label: 'admin.backups', action: 'settings:manage' },
] as const satisfies readonly { path: string; label: string; action: Action }[];
