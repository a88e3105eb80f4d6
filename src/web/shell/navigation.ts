import type { Action, Actor } from '../../shared/permissions.ts';
import { can } from '../../shared/permissions.ts';

export const areas = ['dashboard', 'alerts', 'responses', 'gaps', 'assessments', 'capacities', 'lists', 'meetings', 'handovers', 'packages', 'admin'] as const;
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
  // The list register is for those who hold lists or coordinate; a read-only donor account has no use for it.
  { area: 'lists', path: '/lists', anyOf: ['list:read'] },
  { area: 'meetings', path: '/meetings' },
  { area: 'handovers', path: '/handovers', anyOf: ['handover:read'] },
  { area: 'packages', path: '/packages', anyOf: ['package:read'] },
  { area: 'admin', path: '/admin', anyOf: ['organisation:manage', 'user:manage', 'gazetteer:import'] },
];

export function visibleNavItems(actor: Actor): NavItem[] {
  return navItems.filter((item) => !item.anyOf || item.anyOf.some((action) => can(actor, action)));
}

/**
 * Where a user starts: a regional coordinator following one region lands on that region's
 * dashboard (the national one is a link away), everyone else on the national dashboard.
 */
export function homePath(actor: Actor): string {
  const [region] = actor.regions;
  return actor.role === 'regional_coordinator' && region !== undefined && actor.regions.length === 1 ? `/regions/${region}` : '/dashboard';
}

/** The address of a navigation entry for this user: the dashboard entry leads home. */
export function navPath(item: NavItem, actor: Actor): string {
  return item.area === 'dashboard' ? homePath(actor) : item.path;
}
