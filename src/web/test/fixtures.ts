import type { CurrentUser } from '../../shared/contracts/auth.ts';
import type { Page } from '../../shared/contracts/common.ts';
import type { ImportReport } from '../../shared/contracts/import.ts';
import type { Organisation } from '../../shared/contracts/organisations.ts';
import type { User } from '../../shared/contracts/users.ts';

export const ids = {
  admin: '00000000-0000-4000-8000-000000000001',
  partner: '00000000-0000-4000-8000-000000000002',
  dnds: '00000000-0000-4000-8000-0000000000a1',
  nrc: '00000000-0000-4000-8000-0000000000a2',
};

export const adminUser: CurrentUser = {
  id: ids.admin,
  email: 'admin@demo.relais',
  name: 'Aminata Traoré',
  role: 'admin',
  organisationId: ids.dnds,
  regions: [],
  language: 'fr',
  mustChangePassword: false,
  csrfToken: 'csrf-admin',
};

export const partnerUser: CurrentUser = {
  id: ids.partner,
  email: 'partner@demo.relais',
  name: 'Ibrahim Maïga',
  role: 'partner',
  organisationId: ids.nrc,
  regions: [],
  language: 'fr',
  mustChangePassword: false,
  csrfToken: 'csrf-partner',
};

export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: ids.nrc,
    name: 'Conseil norvégien pour les réfugiés',
    acronym: 'NRC',
    type: 'ingo',
    roles: ['rrm_partner', 'post_rrm_actor'],
    active: true,
    version: 1,
    createdAt: '2026-11-01T08:00:00.000Z',
    updatedAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

export const dnds = organisation({ id: ids.dnds, name: 'Direction Nationale du Développement Social', acronym: 'DNDS', type: 'government', roles: ['coordination'] });

export function user(overrides: Partial<User> = {}): User {
  return {
    id: ids.partner,
    email: 'partner@demo.relais',
    name: 'Ibrahim Maïga',
    role: 'partner',
    organisationId: ids.nrc,
    organisationAcronym: 'NRC',
    regions: [],
    language: 'fr',
    active: true,
    mustChangePassword: false,
    lastLoginAt: null,
    version: 1,
    createdAt: '2026-11-01T08:00:00.000Z',
    ...overrides,
  };
}

export function page<T>(items: T[], total = items.length, pageNumber = 1, pageSize = 25): Page<T> {
  return { items, total, page: pageNumber, pageSize };
}

/** A clean check of a three-row file: two rows to create, one to update. */
export function importReport(overrides: Partial<ImportReport> = {}): ImportReport {
  return {
    format: 'xlsx',
    sheet: 'Données',
    encoding: null,
    delimiter: null,
    headerRow: 1,
    hxlRow: 2,
    columns: [],
    unknownColumns: [],
    missingRequiredColumns: [],
    rows: 3,
    valid: 3,
    invalid: 0,
    errors: 0,
    warnings: 0,
    issues: [],
    issuesTruncated: false,
    plan: { create: 2, update: 1, unchanged: 0, refused: 0 },
    outcomes: [
      { row: 3, action: 'create', id: null, label: 'NRC — Santé — Sévaré' },
      { row: 4, action: 'create', id: null, label: 'NRC — Abris — Bankass' },
      { row: 5, action: 'update', id: null, label: 'NRC — WASH — Mopti' },
    ],
    outcomesTruncated: false,
    canCommit: true,
    ...overrides,
  };
}
