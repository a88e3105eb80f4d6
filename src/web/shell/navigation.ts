import type { Action, Actor } from '../../shared/permissions.ts';
import { can } from '../../shared/permissions.ts';

export const areas = ['dashboard', 'alerts', 'responses', 'gaps', 'assessments', 'capacities', 'lists', 'meetings', 'admin'] as const;
export type Area = (typeof areas)[number];

export interface NavItem {
  area: Area;
  path: string;
  /** The user sees the entry when they hold any of these; no list means every signed-in user. */
  anyOf?: readonly Action[];
}

export const navItems: readonly NavItem[] = [
  { area: 'dashboard', path: '/dashboard', anyOf: ['dashboard:read'] },
  { area: 'alerts', path: '/alerts', anyOf: ['alert:read'] },
  // Record-level 5W: donors and the public see aggregated figures on the dashboard instead.
  { area: 'responses', path: '/responses', anyOf: ['response:read'] },
  { area: 'gaps', path: '/gaps', anyOf: ['gap:read'] },
  { area: 'assessments', path: '/assessments' },
  { area: 'capacities', path: '/capacities' },
  // The list register is for those who report or hold lists; a read-only donor account has no use for it.
  { area: 'lists', path: '/lists', anyOf: ['response:read'] },
  { area: 'meetings', path: '/meetings' },
  { area: 'admin', path: '/admin', anyOf: ['organisation:manage', 'user:manage', 'gazetteer:import'] },
];

export function visibleNavItems(actor: Actor): NavItem[] {
  return navItems.filter((item) => !item.anyOf || item.anyOf.some((action) => can(actor, action)));
}
