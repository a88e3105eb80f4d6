import type { Alert, LocalityContinuum, LocalityRef, RrmResponse } from '../../../shared/contracts/alerts.ts';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import { adminUser, ids, page } from '../../test/fixtures.ts';

/** Test data of the alerts pages, shaped by the shared contracts. */

export const coordinatorUser: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000003', email: 'coordinator@demo.relais', name: 'Moussa Coulibaly', role: 'coordinator', csrfToken: 'csrf-coordinator' };
export const viewerUser: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000004', email: 'viewer@demo.relais', name: 'Awa Diallo', role: 'viewer', organisationId: null, csrfToken: 'csrf-viewer' };

export const alertIds = {
  alert: '00000000-0000-4000-8000-0000000000c1',
  locality: '00000000-0000-4000-8000-0000000000d1',
  rrmOwn: '00000000-0000-4000-8000-0000000000e1',
  rrmOther: '00000000-0000-4000-8000-0000000000e2',
  acted: '00000000-0000-4000-8000-0000000000a3',
};

export const sevare: LocalityRef = {
  id: alertIds.locality,
  name: 'Sévaré',
  pcode: 'ML05010101',
  adm1Pcode: 'ML05',
  adm1Name: 'Mopti',
  adm2Pcode: 'ML0501',
  adm2Name: 'Mopti',
  adm3Pcode: 'ML050101',
  adm3Name: 'Mopti',
};

export function alert(overrides: Partial<Alert> = {}): Alert {
  return {
    id: alertIds.alert,
    code: 'ALR-2026-0042',
    shockType: 'armed_conflict',
    shockDate: '2026-09-02',
    alertDate: '2026-09-04',
    hostLocality: sevare,
    origins: [{ pcode: 'ML0505', name: 'Douentza' }],
    originText: null,
    households: 120,
    persons: 640,
    populationGroup: 'idp',
    sourceOrganisation: null,
    description: null,
    status: 'verified',
    rejectionReason: null,
    verifiedAt: '2026-09-05T09:00:00.000Z',
    assessedAt: null,
    validatedAt: null,
    respondedAt: null,
    closedAt: null,
    rejectedAt: null,
    msaFindings: [],
    rrmResponseCount: 0,
    firstRrmResponseOn: null,
    continuum: {
      at: '2026-10-01',
      phase: 'alerte',
      month: 1,
      rrmEndsOn: '2026-12-01',
      postRrmFrom: '2026-12-02',
      resilienceFrom: '2027-09-02',
      rrmDaysLeft: 61,
      rrmLate: false,
    },
    version: 3,
    createdAt: '2026-09-04T08:00:00.000Z',
    updatedAt: '2026-09-05T08:00:00.000Z',
    ...overrides,
  };
}

export function rrmResponse(overrides: Partial<RrmResponse> = {}): RrmResponse {
  return {
    id: alertIds.rrmOwn,
    alertId: alertIds.alert,
    organisation: { id: ids.nrc, acronym: 'NRC', name: 'Conseil norvégien pour les réfugiés' },
    sector: 'abris_ame',
    package: 'Kit AME standard',
    packageRef: null,
    deliveredValueXof: null,
    deliveredDurationMonths: null,
    missingComponents: [],
    startDate: '2026-09-20',
    endDate: '2026-10-05',
    householdsReached: 110,
    personsReached: 590,
    modality: 'in_kind',
    version: 1,
    createdAt: '2026-09-20T08:00:00.000Z',
    updatedAt: '2026-09-20T08:00:00.000Z',
    ...overrides,
  };
}

export function continuum(overrides: Partial<LocalityContinuum> = {}): LocalityContinuum {
  return {
    locality: sevare,
    at: '2026-03-15',
    settings: { rrmMonths: 3, postRrmUntilMonth: 12, rrmLateAfterDays: 15, version: 1, updatedAt: null },
    shocks: [],
    responses: [],
    milestones: [],
    figures: { displacedHouseholds: 0, displacedPersons: 0, reachedHouseholdsBySector: [] },
    ...overrides,
  };
}

/** A page of alerts as the list answers it, with what the listed alerts add up to. */
export function alertPage(items: Alert[], total = items.length) {
  return {
    ...page(items, total),
    summary: { households: items.reduce((sum, a) => sum + a.households, 0), persons: items.reduce((sum, a) => sum + a.persons, 0), localities: new Set(items.map((a) => a.hostLocality.id)).size },
  };
}
