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
  /** See the personal data of a beneficiary list's households (its owner: its own lists; the custodian: every list), with a stated purpose. */
  'beneficiary:read_personal',
  /** Beneficiary lists: the registry and counts (never a name), uploading one, purging one's personal data. */
  'list:read',
  'list:upload',
  'list:purge',
  /** Accept the list-sharing protocol for one's organisation (required before its first upload). */
  'protocol:accept',
  /** Ask for another organisation's households under the protocol; see those requests; decide on them (the custodian). */
  'sharing:request',
  'sharing:read',
  'sharing:decide',
  /** Household deduplication across lists: start a run and follow it (counts only); review its uncertain pairs and clusters (personal data: the custodian). */
  'dedup:run',
  'dedup:review',
  'settings:manage',
  /** Coordination meetings: read one (else only those one is invited to), run one (plan, agenda, minutes). */
  'meeting:read',
  'meeting:manage',
  /** Report progress on an action point (its status and a note). */
  'action_point:update',
  /** The continuum to development: read handovers, their dossiers and development programmes; record a handover; enter programmes. */
  'handover:read',
  'handover:manage',
  'programme:manage',
  /** Harmonised sector packages and methods: read them (and name them in a response), propose and edit drafts, record an endorsement, see how far responses follow them. */
  'package:read',
  'package:propose',
  'package:endorse',
  'package:conformity',
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
  // Handovers and dossiers hold aggregated figures by sector, and development actors are their readers.
  'handover:read': 'any',
  // Endorsed packages are public guidance: everyone reads them, partners name them in their 5W.
  'package:read': 'any',
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
    'meeting:read': 'any',
    'meeting:manage': 'any',
    'action_point:update': 'any',
    'list:read': 'any',
    // Starting a deduplication run shows counts only; reviewing its pairs shows names, the custodian's alone.
    'dedup:run': 'any',
    'handover:manage': 'any',
    'programme:manage': 'any',
    'package:propose': 'any',
    'package:endorse': 'any',
    'package:conformity': 'any',
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
    'meeting:read': 'any',
    'meeting:manage': 'any',
    'action_point:update': 'any',
    // The registry and its counts, never a name.
    'list:read': 'any',
    'handover:manage': 'any',
    'programme:manage': 'any',
    // There is no "cluster focal point" role: a focal point is any account following a sector
    // (sector_focal_points). The national coordinator records what the cluster or the ICCG
    // endorsed; regional coordinators propose, but only in the sectors they follow as focal
    // point (checked by the packages service), and cannot endorse: least privilege.
    'package:propose': 'any',
    'package:endorse': 'any',
    'package:conformity': 'any',
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
    // Their regions' meetings (GIAC); other meetings only when invited.
    'meeting:read': 'region',
    'meeting:manage': 'region',
    'action_point:update': 'region',
    'list:read': 'any',
    'handover:manage': 'region',
    'programme:manage': 'region',
    'package:propose': 'any',
    'package:conformity': 'any',
  },
  partner: {
    ...readAll,
    'rrm_response:write': 'organisation',
    'response:read': 'any',
    'response:write': 'organisation',
    'capacity:write': 'organisation',
    'assessment:write': 'organisation',
    // Meetings they are invited to; their organisation's action points.
    'meeting:read': 'organisation',
    'action_point:update': 'organisation',
    // Every list's existence and counts (to know whom to ask), its own lists' households; other
    // organisations' households only through an approved sharing request.
    'list:read': 'any',
    'list:upload': 'organisation',
    'beneficiary:read_personal': 'organisation',
    'protocol:accept': 'organisation',
    'sharing:request': 'organisation',
    'sharing:read': 'organisation',
  },
  // Donors, development actors: aggregated figures only, never record-level 5W details.
  viewer: { ...readAll, 'meeting:read': 'organisation' },
  list_custodian: {
    ...readAll,
    'response:read': 'any',
    'beneficiary:read_personal': 'any',
    'list:read': 'any',
    'list:purge': 'any',
    'sharing:read': 'any',
    'sharing:decide': 'any',
    'dedup:run': 'any',
    'dedup:review': 'any',
    'meeting:read': 'organisation',
    'action_point:update': 'organisation',
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

/**
 * Who sees organisation-level detail (which organisation does what, its funding and contacts,
 * follow-up notes and who wrote them): those who may read the 5W records. Donors and other
 * viewers see aggregated figures only.
 */
export function seesOrganisationDetail(actor: Actor): boolean {
  return can(actor, 'response:read');
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
