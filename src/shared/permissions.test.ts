import { describe, expect, it } from 'vitest';
import { type Action, type Actor, actions, can, type Role, roles } from './permissions.ts';

/**
 * The expected policy, written out independently of the role map: for each role, the actions it
 * may take and on which records. Every role × action pair not listed must be denied.
 */
const expected: Record<Role, Partial<Record<Action, 'any' | 'region' | 'organisation'>>> = {
  admin: {
    'organisation:read': 'any', 'organisation:manage': 'any', 'user:manage': 'any', 'gazetteer:read': 'any',
    'gazetteer:import': 'any', 'audit:read': 'any', 'alert:read': 'any', 'alert:manage': 'any', 'rrm_response:write': 'any',
    'response:read': 'any', 'response:write': 'any', 'capacity:write': 'any', 'assessment:write': 'any', 'period:lock': 'any',
    'period:override_lock': 'any', 'gap:read': 'any', 'gap:manage': 'any', 'dashboard:read': 'any', 'settings:manage': 'any',
    'meeting:read': 'any', 'meeting:manage': 'any', 'action_point:update': 'any', 'list:read': 'any', 'dedup:run': 'any',
    'handover:read': 'any', 'handover:manage': 'any', 'programme:manage': 'any',
    'package:read': 'any', 'package:propose': 'any', 'package:endorse': 'any', 'package:conformity': 'any',
  },
  coordinator: {
    'organisation:read': 'any', 'gazetteer:read': 'any', 'gazetteer:import': 'any', 'alert:read': 'any', 'alert:manage': 'any',
    'rrm_response:write': 'any', 'response:read': 'any', 'response:write': 'any', 'capacity:write': 'any', 'assessment:write': 'any',
    'period:lock': 'any', 'gap:read': 'any', 'gap:manage': 'any', 'dashboard:read': 'any',
    'meeting:read': 'any', 'meeting:manage': 'any', 'action_point:update': 'any', 'list:read': 'any',
    'handover:read': 'any', 'handover:manage': 'any', 'programme:manage': 'any',
    'package:read': 'any', 'package:propose': 'any', 'package:endorse': 'any', 'package:conformity': 'any',
  },
  regional_coordinator: {
    'organisation:read': 'any', 'gazetteer:read': 'any', 'alert:read': 'any', 'alert:manage': 'region', 'rrm_response:write': 'region',
    'response:read': 'any', 'response:write': 'region', 'capacity:write': 'region', 'assessment:write': 'region',
    'gap:read': 'any', 'gap:manage': 'region', 'dashboard:read': 'any',
    'meeting:read': 'region', 'meeting:manage': 'region', 'action_point:update': 'region', 'list:read': 'any',
    'handover:read': 'any', 'handover:manage': 'region', 'programme:manage': 'region',
    // Proposing is narrowed to the sectors they follow as focal point by the packages service; no endorsement.
    'package:read': 'any', 'package:propose': 'any', 'package:conformity': 'any',
  },
  partner: {
    'organisation:read': 'any', 'gazetteer:read': 'any', 'alert:read': 'any', 'rrm_response:write': 'organisation',
    'response:read': 'any', 'response:write': 'organisation', 'capacity:write': 'organisation', 'assessment:write': 'organisation',
    'gap:read': 'any', 'dashboard:read': 'any', 'meeting:read': 'organisation', 'action_point:update': 'organisation',
    'list:read': 'any', 'list:upload': 'organisation', 'beneficiary:read_personal': 'organisation', 'protocol:accept': 'organisation',
    'sharing:request': 'organisation', 'sharing:read': 'organisation', 'handover:read': 'any', 'package:read': 'any',
  },
  viewer: { 'organisation:read': 'any', 'gazetteer:read': 'any', 'alert:read': 'any', 'gap:read': 'any', 'dashboard:read': 'any', 'meeting:read': 'organisation', 'handover:read': 'any', 'package:read': 'any' },
  list_custodian: {
    'organisation:read': 'any', 'gazetteer:read': 'any', 'alert:read': 'any', 'response:read': 'any', 'gap:read': 'any',
    'dashboard:read': 'any', 'beneficiary:read_personal': 'any', 'meeting:read': 'organisation', 'action_point:update': 'organisation',
    'list:read': 'any', 'list:purge': 'any', 'sharing:read': 'any', 'sharing:decide': 'any', 'handover:read': 'any', 'package:read': 'any',
    'dedup:run': 'any', 'dedup:review': 'any',
  },
};

const ownOrg = '11111111-1111-4111-8111-111111111111';
const otherOrg = '22222222-2222-4222-8222-222222222222';
const actorOf = (role: Role): Actor => ({ role, organisationId: ownOrg, regions: ['ML05'] });

const inScope = { organisationId: ownOrg, regionPcodes: ['ML0501'] };
const outOfScope = { organisationId: otherOrg, regionPcodes: ['ML0701'] };

describe('role × action matrix', () => {
  it('gives the personal data of every list to the list custodian only, and an organisation its own lists', () => {
    const everyList = roles.filter((role) => can(actorOf(role), 'beneficiary:read_personal', outOfScope));
    expect(everyList).toEqual(['list_custodian']);
    const ownLists = roles.filter((role) => can(actorOf(role), 'beneficiary:read_personal', inScope));
    expect(ownLists).toEqual(['partner', 'list_custodian']);
  });

  it('lets no one but the custodian purge a list or decide on a sharing request', () => {
    expect(roles.filter((role) => can(actorOf(role), 'list:purge'))).toEqual(['list_custodian']);
    expect(roles.filter((role) => can(actorOf(role), 'sharing:decide'))).toEqual(['list_custodian']);
  });

  it('lets the custodian alone review deduplication pairs (names), and the administrator start a run too (counts)', () => {
    expect(roles.filter((role) => can(actorOf(role), 'dedup:review'))).toEqual(['list_custodian']);
    expect(roles.filter((role) => can(actorOf(role), 'dedup:run'))).toEqual(['admin', 'list_custodian']);
  });

  for (const role of roles) {
    for (const action of actions) {
      const scope = expected[role][action];
      it(`${role} ${scope ? `may ${action} (${scope})` : `may not ${action}`}`, () => {
        const actor = actorOf(role);
        expect(can(actor, action)).toBe(scope !== undefined);
        expect(can(actor, action, inScope)).toBe(scope !== undefined);
        expect(can(actor, action, outOfScope)).toBe(scope === 'any');
      });
    }
  }
});

describe('scopes', () => {
  it('limits a regional coordinator to records entirely inside its regions', () => {
    const actor: Actor = { role: 'regional_coordinator', organisationId: null, regions: ['ML05', 'ML04'] };
    expect(can(actor, 'alert:manage', { regionPcodes: ['ML050101'] })).toBe(true);
    expect(can(actor, 'alert:manage', { regionPcodes: ['ML0401', 'ML05'] })).toBe(true);
    expect(can(actor, 'alert:manage', { regionPcodes: ['ML0501', 'ML0601'] })).toBe(false);
    expect(can(actor, 'alert:manage', { regionPcodes: [] })).toBe(false);
  });

  it('never matches a partner without an organisation to an ownerless record', () => {
    const actor: Actor = { role: 'partner', organisationId: null, regions: [] };
    expect(can(actor, 'response:write', { organisationId: null })).toBe(false);
  });
});
