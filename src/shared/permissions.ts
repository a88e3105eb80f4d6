/**
 * Who may do what, as data. The server checks every request with `can`/`requireAccess`
 * (src/server/lib/access.ts); the web reads the same map to hide what a user cannot do.
 */
export const roles = ['admin', 'coordinator', 'regional_coordinator', 'partner', 'viewer', 'list_custodian'] as const;
export type Role = (typeof roles)[number];

export const actions = [
  'organisation:read',
  'organisation:manage',
  'user:manage',
  'gazetteer:read',
  'gazetteer:import',
  'audit:read',
  'alert:read',
  'alert:manage',
  'rrm_response:write',
  'response:read',
  'response:write',
  'capacity:write',
  'assessment:write',
  'period:lock',
  /** Change 5W records and capacities of a locked month. */
  'period:override_lock',
  'gap:read',
  'gap:manage',
  'dashboard:read',
  'beneficiary:read_personal',
  'settings:manage',
] as const;
export type Action = (typeof actions)[number];

/**
 * `any`: every record. `region`: records in one of the user's regions.
 * `organisation`: records of the user's own organisation.
 */
export type Scope = 'any' | 'region' | 'organisation';

const readAll = {
  'organisation:read': 'any',
  'gazetteer:read': 'any',
  'alert:read': 'any',
  'gap:read': 'any',
  'dashboard:read': 'any',
} as const satisfies Partial<Record<Action, Scope>>;

export const rolePermissions: Record<Role, Partial<Record<Action, Scope>>> = {
  admin: {
    ...readAll,
    'organisation:manage': 'any',
    'user:manage': 'any',
    'gazetteer:import': 'any',
    'audit:read': 'any',
    'alert:manage': 'any',
    'rrm_response:write': 'any',
    'response:read': 'any',
    'response:write': 'any',
    'capacity:write': 'any',
    'assessment:write': 'any',
    'period:lock': 'any',
    'period:override_lock': 'any',
    'gap:manage': 'any',
    'settings:manage': 'any',
  },
  coordinator: {
    ...readAll,
    'gazetteer:import': 'any',
    'alert:manage': 'any',
    'rrm_response:write': 'any',
    'response:read': 'any',
    'response:write': 'any',
    'capacity:write': 'any',
    'assessment:write': 'any',
    'period:lock': 'any',
    'gap:manage': 'any',
  },
  regional_coordinator: {
    ...readAll,
    'alert:manage': 'region',
    'rrm_response:write': 'region',
    'response:read': 'any',
    'response:write': 'region',
    'capacity:write': 'region',
    'assessment:write': 'region',
    'gap:manage': 'region',
  },
  partner: {
    ...readAll,
    'rrm_response:write': 'organisation',
    'response:read': 'any',
    'response:write': 'organisation',
    'capacity:write': 'organisation',
    'assessment:write': 'organisation',
  },
  // Donors, development actors: aggregated figures only, never record-level 5W details.
  viewer: { ...readAll },
  list_custodian: {
    ...readAll,
    'response:read': 'any',
    'beneficiary:read_personal': 'any',
  },
};

export interface Actor {
  role: Role;
  organisationId: string | null;
  regions: string[];
}

/** What a record tells the policy about itself: its owner organisation and region P-codes. */
export interface AccessTarget {
  organisationId?: string | null;
  regionPcodes?: string[];
}

export function scopeOf(actor: Actor, action: Action): Scope | undefined {
  return rolePermissions[actor.role][action];
}

/**
 * Without a target, answers "may this user do this to some record" (to show a button);
 * with one, whether the user may do it to that record.
 */
export function can(actor: Actor, action: Action, target?: AccessTarget): boolean {
  const scope = scopeOf(actor, action);
  if (!scope) return false;
  if (scope === 'any' || !target) return true;
  if (scope === 'organisation') {
    return actor.organisationId !== null && target.organisationId === actor.organisationId;
  }
  const regions = target.regionPcodes ?? [];
  return regions.length > 0 && regions.every((pcode) => actor.regions.some((r) => pcode.startsWith(r)));
}
