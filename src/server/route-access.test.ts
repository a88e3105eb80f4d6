import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../shared/contracts/endpoint.ts';
import { type Role, roles, scopeOf } from '../shared/permissions.ts';
import { demoSteps, seedDemoData } from './demo/demo.ts';
import { demoAccounts, demoPassword } from './demo/demo-accounts.ts';
import { routeTableOf, type RouteEntry } from './lib/route-table.ts';
import { createTestApp, type Session, type TestApp } from './test/test-app.ts';
import { databaseKinds } from './test/test-database.ts';

/**
 * Every API route × every role and signed out, the routes read from the server's own route table
 * (so a new route without an entry in `validInput` fails here), the answer compared with the
 * permission table (src/shared/permissions.ts):
 * - a caller who may not call the route at all gets 401/403 even with input that would not
 *   validate: the permission is decided first, the input rules stay hidden;
 * - a caller who may gets past the permission with valid input (reads: 200), and its answer
 *   holds nothing its role may not see;
 * - partners and regional coordinators writing another organisation's or region's record get 403.
 * Each role also calls every route with a personal API token of full scope (no cookie, no CSRF
 * header): the same answers as its session, but for the routes kept to a signed-in person
 * (`sessionOnly`, 403 `token_not_allowed`); and an administrator's read-only token reads what the
 * administrator reads and is refused every write (403 `token_read_only`).
 */

type Principal = Role | 'signed-out';
interface Caller {
  label: string;
  principal: Principal;
  token?: 'read' | 'full';
}
const callers: Caller[] = [
  { label: 'signed-out', principal: 'signed-out' },
  ...roles.map((role) => ({ label: role, principal: role })),
  ...roles.map((role) => ({ label: `${role} with a full token`, principal: role, token: 'full' as const })),
  { label: 'admin with a read-only token', principal: 'admin', token: 'read' },
];

interface Fixtures {
  /** Records of the demo data, and some the test makes, by what the test needs of them. */
  ids: Record<string, string>;
}

interface Input {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The route takes a multipart upload: the caller sends this file under `file`. */
  file?: { name: string; content: string };
  /** Statuses besides 2xx that a caller allowed to call may get with this input (a state the record is in). */
  accept?: number[];
}

/** Valid input of each route for a caller who may call it. A route missing here fails the test. */
const validInput: Record<string, (f: Fixtures) => Input> = {
  'GET /api/health': () => ({}),
  'GET /api/openapi.json': () => ({}),
  'GET /api/docs': () => ({}),
  // A new unknown address each time: ten failures on one address would throttle the next callers.
  'POST /api/v1/auth/login': () => ({ body: { email: `nobody.${crypto.randomUUID()}@example.org`, password: 'x' }, accept: [401] }),
  'POST /api/v1/auth/logout': () => ({ accept: [] }),
  'GET /api/v1/auth/me': () => ({}),
  // Changing the password would end the test's other sessions: a wrong current password is enough to pass the gate.
  'POST /api/v1/auth/password': () => ({ body: { currentPassword: 'wrong-password', newPassword: 'another-long-password' }, accept: [400] }),
  'PUT /api/v1/auth/language': () => ({ body: { language: 'fr' } }),
  'GET /api/v1/auth/tokens': () => ({}),
  'POST /api/v1/auth/tokens': () => ({ body: { name: 'Jeton de la matrice', expiresInDays: 1 } }),
  'DELETE /api/v1/auth/tokens/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/tokens': () => ({}),
  'DELETE /api/v1/tokens/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/feeds/5w.csv': () => ({ query: { region: 'ML05' } }),
  'GET /api/v1/feeds/gaps.csv': () => ({ query: { region: 'ML05', sector: 'sante' } }),
  'GET /api/v1/feeds/capacities.csv': () => ({}),
  'GET /api/v1/feeds/alerts.csv': () => ({ query: { region: 'ML05' } }),
  // The public page is off until an administrator turns it on: its feed is not there either.
  'GET /api/v1/feeds/public.csv': () => ({ accept: [404] }),
  'GET /api/v1/users': () => ({}),
  'POST /api/v1/users': () => ({ body: { email: `new.${crypto.randomUUID()}@example.org`, name: 'Nouvel utilisateur', role: 'viewer' } }),
  'GET /api/v1/users/:id': (f) => ({ params: { id: f.ids.viewerUser! } }),
  'PATCH /api/v1/users/:id': (f) => ({ params: { id: f.ids.viewerUser! }, body: { name: 'Claire Martin', version: 0 }, accept: [409] }),
  'POST /api/v1/users/:id/reset-password': (f) => ({ params: { id: f.ids.spareUser! } }),
  'GET /api/v1/organisations': () => ({}),
  'POST /api/v1/organisations': () => ({ body: { name: `Organisation ${crypto.randomUUID()}`, acronym: `O${Date.now() % 100000}${Math.floor(Math.random() * 1000)}`, type: 'ingo' } }),
  'GET /api/v1/organisations/:id': (f) => ({ params: { id: f.ids.nrc! } }),
  'PATCH /api/v1/organisations/:id': (f) => ({ params: { id: f.ids.nrc! }, body: { version: 0 }, accept: [409] }),
  'GET /api/v1/audit': () => ({}),
  'POST /api/v1/gazetteer/import': () => ({ query: { dryRun: 'true', kind: 'settlements' }, file: { name: 'localites.csv', content: 'pcode,name\n' }, accept: [400, 422] }),
  'GET /api/v1/admin-areas': () => ({}),
  'GET /api/v1/admin-areas/geojson': () => ({ query: { level: '1' } }),
  'GET /api/v1/admin-areas/:pcode': () => ({ params: { pcode: 'ML05' } }),
  'GET /api/v1/localities': () => ({}),
  'POST /api/v1/localities': () => ({ body: { name: `Site ${crypto.randomUUID().slice(0, 8)}`, kind: 'site', lat: 14.49, lon: -4.19, adminPcode: 'ML050101' }, accept: [400] }),
  'GET /api/v1/localities/:id': (f) => ({ params: { id: f.ids.mopti! } }),
  'PATCH /api/v1/localities/:id': (f) => ({ params: { id: f.ids.mopti! }, body: { version: 0 }, accept: [409] }),
  'GET /api/v1/alerts/export': () => ({ query: { format: 'csv' } }),
  'POST /api/v1/alerts/import': () => ({ query: { dryRun: 'true' }, file: { name: 'alertes.csv', content: 'x\n' }, accept: [400, 422] }),
  'GET /api/v1/alerts': () => ({}),
  'POST /api/v1/alerts': (f) => ({ body: alertBody(f.ids.mopti!) }),
  'GET /api/v1/alerts/:id': (f) => ({ params: { id: f.ids.moptiAlert! } }),
  'PATCH /api/v1/alerts/:id': (f) => ({ params: { id: f.ids.moptiAlert! }, body: { version: 0 }, accept: [409] }),
  'POST /api/v1/alerts/:id/transitions': (f) => ({ params: { id: f.ids.moptiAlert! }, body: { to: 'rejected', reason: 'Doublon' }, accept: [400, 409] }),
  'GET /api/v1/alerts/:id/rrm-responses': (f) => ({ params: { id: f.ids.moptiAlert! } }),
  'POST /api/v1/alerts/:id/rrm-responses': (f) => ({ params: { id: f.ids.moptiAlert! }, body: {}, accept: [400, 409, 422] }),
  'PATCH /api/v1/alerts/:id/rrm-responses/:responseId': (f) => ({ params: { id: f.ids.moptiAlert!, responseId: f.ids.missing! }, body: { version: 0 }, accept: [404] }),
  'DELETE /api/v1/alerts/:id/rrm-responses/:responseId': (f) => ({ params: { id: f.ids.moptiAlert!, responseId: f.ids.missing! }, query: { version: '0' }, accept: [400, 404] }),
  'GET /api/v1/localities/:id/continuum': (f) => ({ params: { id: f.ids.mopti! } }),
  'GET /api/v1/settings/phases': () => ({}),
  'PUT /api/v1/settings/phases': () => ({ body: { version: -1 }, accept: [400, 409] }),
  'GET /api/v1/assessments/export': () => ({ query: { format: 'csv' } }),
  'POST /api/v1/assessments/import': () => ({ query: { dryRun: 'true' }, file: { name: 'evaluations.csv', content: 'x\n' }, accept: [400, 422] }),
  'GET /api/v1/assessments': () => ({}),
  'POST /api/v1/assessments': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/assessments/tracker': () => ({}),
  'GET /api/v1/assessments/:id': (f) => ({ params: { id: f.ids.assessment! } }),
  'PATCH /api/v1/assessments/:id': (f) => ({ params: { id: f.ids.assessment! }, body: { version: -1 }, accept: [403, 409] }),
  'PUT /api/v1/assessments/:id/report': (f) => ({ params: { id: f.ids.missing! }, file: { name: 'rapport.pdf', content: '%PDF-1.4\n' }, accept: [400, 404, 415, 422] }),
  'GET /api/v1/assessments/:id/report': (f) => ({ params: { id: f.ids.assessment! }, accept: [404] }),
  'DELETE /api/v1/assessments/:id/report': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/settings/assessments': () => ({}),
  'PUT /api/v1/settings/assessments': () => ({ body: { reportMaxMegabytes: 20, version: -1 }, accept: [409] }),
  'GET /api/v1/needs': () => ({}),
  'GET /api/v1/gaps': () => ({}),
  'GET /api/v1/gaps/matrix': () => ({}),
  'GET /api/v1/gaps/export': () => ({}),
  'GET /api/v1/gaps/:localityId/:sector/follow-ups': (f) => ({ params: { localityId: f.ids.mopti!, sector: 'sante' } }),
  'POST /api/v1/gaps/:localityId/:sector/follow-ups': (f) => ({ params: { localityId: f.ids.mopti!, sector: 'sante' }, body: { status: 'advocated', comment: 'Plaidoyer auprès du cluster.' } }),
  'GET /api/v1/gaps/:localityId/:sector': (f) => ({ params: { localityId: f.ids.mopti!, sector: 'sante' } }),
  'GET /api/v1/admin/backups': () => ({}),
  // On PostgreSQL the administrator is told to use pg_dump (409); on the embedded store a backup is taken.
  'POST /api/v1/admin/backups': () => ({ accept: [201, 409] }),
  'GET /api/v1/settings/gaps': () => ({}),
  'PUT /api/v1/settings/gaps': () => ({ body: {}, accept: [400, 409] }),
  'GET /api/v1/notifications': () => ({}),
  'POST /api/v1/notifications/read-all': () => ({}),
  'POST /api/v1/notifications/:id/read': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'POST /api/v1/gap-alerts/run': () => ({}),
  'POST /api/v1/gap-alerts/digest': () => ({}),
  'GET /api/v1/sector-focal-points': () => ({}),
  'PUT /api/v1/sector-focal-points/:userId': (f) => ({ params: { userId: f.ids.viewerUser! }, body: { sectors: ['sante'] } }),
  'GET /api/v1/periods': () => ({}),
  'PATCH /api/v1/periods/:period': () => ({ params: { period: '2025-01' }, body: { locked: false, version: 0 }, accept: [409] }),
  'GET /api/v1/responses/template': () => ({ query: { period: '2026-03' } }),
  'GET /api/v1/responses/export': () => ({ query: { region: 'ML05', period: '2026-03', format: 'csv' } }),
  'POST /api/v1/responses/import': () => ({ query: { dryRun: 'true', period: '2026-03' }, file: { name: '5w.csv', content: 'x\n' }, accept: [400, 422] }),
  'GET /api/v1/import-progress/:key': () => ({ params: { key: 'unknown-key-0001' }, accept: [404] }),
  'GET /api/v1/responses/pivot': () => ({}),
  'GET /api/v1/responses': () => ({}),
  'POST /api/v1/responses': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/responses/:id': (f) => ({ params: { id: f.ids.nrcResponse! } }),
  'PATCH /api/v1/responses/:id': (f) => ({ params: { id: f.ids.nrcResponse! }, body: { version: -1 }, accept: [403, 409, 423] }),
  'DELETE /api/v1/responses/:id': (f) => ({ params: { id: f.ids.nrcResponse! }, query: { version: '-1' }, accept: [403, 409, 423] }),
  'GET /api/v1/capacities': () => ({}),
  'POST /api/v1/capacities': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/capacities/summary': () => ({ query: { period: '2026-03' } }),
  'GET /api/v1/capacities/template': () => ({ query: { period: '2026-03' } }),
  'GET /api/v1/capacities/export': () => ({}),
  'POST /api/v1/capacities/import': () => ({ query: { dryRun: 'true', period: '2026-03' }, file: { name: 'capacites.csv', content: 'x\n' }, accept: [400, 422] }),
  'GET /api/v1/capacities/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PATCH /api/v1/capacities/:id': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'DELETE /api/v1/capacities/:id': (f) => ({ params: { id: f.ids.missing! }, query: { version: '1' }, accept: [404] }),
  'GET /api/v1/dashboard': () => ({}),
  'GET /api/v1/dashboard/trends': () => ({ query: { region: 'ML05' } }),
  'GET /api/v1/dashboard/map': () => ({}),
  'GET /api/v1/dashboard/map/places': () => ({ query: { region: 'ML05' } }),
  'GET /api/v1/dashboard/boundaries': () => ({ query: { level: '1' } }),
  'GET /api/v1/settings/dashboard': () => ({}),
  'PUT /api/v1/settings/dashboard': () => ({ body: {}, accept: [400, 409] }),
  'GET /api/public/status': () => ({}),
  'GET /api/public/dashboard': () => ({ accept: [404] }),
  'GET /api/public/dashboard/trends': () => ({ accept: [404] }),
  'GET /api/public/dashboard/map': () => ({ accept: [404] }),
  'GET /api/public/dashboard/map/places': () => ({ query: { region: 'ML05' }, accept: [404] }),
  'GET /api/public/boundaries': () => ({ query: { level: '1' }, accept: [404] }),
  'GET /api/public/outline': () => ({}),
  'GET /api/v1/briefs': () => ({ query: { region: 'ML05' } }),
  'GET /api/v1/packages': () => ({}),
  'GET /api/v1/packages/export': () => ({ query: { format: 'csv' } }),
  'POST /api/v1/packages': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/packages/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/packages/:id/versions': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/packages/:id': (f) => ({ params: { id: f.ids.missing! }, body: {}, accept: [400] }),
  'DELETE /api/v1/packages/:id': (f) => ({ params: { id: f.ids.missing! }, query: { version: '1' }, accept: [404] }),
  'POST /api/v1/packages/:id/propose': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'POST /api/v1/packages/:id/withdraw': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'POST /api/v1/packages/:id/endorse': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1, endorsedBy: 'cluster', endorsedOn: '2026-03-01' }, accept: [404] }),
  'POST /api/v1/packages/:id/revise': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'GET /api/v1/packages/endorsement-decisions': () => ({}),
  'GET /api/v1/packages/conformity': () => ({}),
  'GET /api/v1/packages/conformity/summary': () => ({}),
  'GET /api/v1/methods': () => ({}),
  'GET /api/v1/methods/export': () => ({ query: { format: 'csv' } }),
  'POST /api/v1/methods': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/methods/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/methods/:id/versions': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/methods/:id': (f) => ({ params: { id: f.ids.missing! }, body: {}, accept: [400] }),
  'DELETE /api/v1/methods/:id': (f) => ({ params: { id: f.ids.missing! }, query: { version: '1' }, accept: [404] }),
  'POST /api/v1/methods/:id/propose': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'POST /api/v1/methods/:id/withdraw': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'POST /api/v1/methods/:id/endorse': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1, endorsedBy: 'cluster', endorsedOn: '2026-03-01' }, accept: [404] }),
  'POST /api/v1/methods/:id/revise': (f) => ({ params: { id: f.ids.missing! }, body: { version: 1 }, accept: [404] }),
  'GET /api/v1/methods/:id/attachments': (f) => ({ params: { id: f.ids.method! } }),
  'POST /api/v1/methods/:id/attachments': (f) => ({ params: { id: f.ids.missing! }, file: { name: 'methode.pdf', content: '%PDF-1.4\n' }, accept: [404] }),
  'GET /api/v1/methods/:id/attachments/:attachmentId': (f) => ({ params: { id: f.ids.method!, attachmentId: f.ids.missing! }, accept: [404] }),
  'DELETE /api/v1/methods/:id/attachments/:attachmentId': (f) => ({ params: { id: f.ids.missing!, attachmentId: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/meetings': () => ({}),
  'POST /api/v1/meetings': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/meetings/decisions': (f) => ({ query: { localityId: f.ids.mopti! } }),
  'GET /api/v1/meetings/owners': (f) => ({ query: { organisationId: f.ids.nrc! } }),
  'POST /api/v1/meetings/reminders/run': () => ({}),
  'GET /api/v1/meetings/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/meetings/:id': (f) => ({ params: { id: f.ids.missing! }, body: {}, accept: [400, 404] }),
  'POST /api/v1/meetings/:id/status': (f) => ({ params: { id: f.ids.missing! }, body: { status: 'held', version: 0 }, accept: [404] }),
  'GET /api/v1/meetings/:id/agenda': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/meetings/:id/agenda': (f) => ({ params: { id: f.ids.missing! }, body: {}, accept: [400, 404] }),
  'POST /api/v1/meetings/:id/agenda/refresh': (f) => ({ params: { id: f.ids.missing! }, body: { version: 0 }, accept: [404] }),
  'PUT /api/v1/meetings/:id/agenda/:itemId/notes': (f) => ({ params: { id: f.ids.missing!, itemId: f.ids.missing! }, body: { version: 0, notes: 'x' }, accept: [404] }),
  'POST /api/v1/meetings/:id/decisions': (f) => ({ params: { id: f.ids.missing! }, body: { text: 'x' }, accept: [404] }),
  'PUT /api/v1/meetings/:id/decisions/:decisionId': (f) => ({ params: { id: f.ids.missing!, decisionId: f.ids.missing! }, body: { text: 'x', version: 0 }, accept: [400, 404] }),
  'DELETE /api/v1/meetings/:id/decisions/:decisionId': (f) => ({ params: { id: f.ids.missing!, decisionId: f.ids.missing! }, accept: [400, 404] }),
  'POST /api/v1/meetings/:id/invitations': (f) => ({ params: { id: f.ids.missing! }, body: { version: 0 }, accept: [404] }),
  'GET /api/v1/meetings/:id/minutes.pdf': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/meetings/:id/invitation.ics': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/action-points': () => ({}),
  'GET /api/v1/action-points/export': () => ({}),
  'POST /api/v1/action-points': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/action-points/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PATCH /api/v1/action-points/:id': (f) => ({ params: { id: f.ids.missing! }, body: { version: 0, status: 'done' }, accept: [404] }),
  'DELETE /api/v1/action-points/:id': (f) => ({ params: { id: f.ids.missing! }, query: { version: '0' }, accept: [400, 404] }),
  'GET /api/v1/handovers': () => ({}),
  'GET /api/v1/handovers/outlook': () => ({}),
  'GET /api/v1/handovers/export': () => ({}),
  'POST /api/v1/handovers': (f) => ({ body: { alertId: f.ids.missing! }, accept: [400] }),
  'GET /api/v1/handovers/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/handovers/:id': (f) => ({ params: { id: f.ids.missing! }, body: { version: 0, status: 'dialogue_opened' }, accept: [404] }),
  'GET /api/v1/handovers/:id/dossier': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/handovers/:id/dossier.pdf': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/development-programmes': () => ({}),
  'GET /api/v1/development-programmes/export': () => ({}),
  'POST /api/v1/development-programmes/import': () => ({ query: { dryRun: 'true' }, file: { name: 'programmes.csv', content: 'Organisation,Programme\n' }, accept: [400, 422] }),
  'POST /api/v1/development-programmes': () => ({ body: {}, accept: [400] }),
  'GET /api/v1/development-programmes/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'PUT /api/v1/development-programmes/:id': (f) => ({ params: { id: f.ids.missing! }, body: {}, accept: [400] }),
  'DELETE /api/v1/development-programmes/:id': (f) => ({ params: { id: f.ids.missing! }, query: { version: '0' }, accept: [404] }),
  'GET /api/v1/protocol': () => ({}),
  'GET /api/v1/protocol/pdf': () => ({}),
  'POST /api/v1/protocol/acceptances': () => ({ body: { version: '0.0', signatoryName: 'Chef de mission' }, accept: [409] }),
  'GET /api/v1/lists': () => ({}),
  'POST /api/v1/lists': () => ({ query: { dryRun: 'true' }, file: { name: 'liste.csv', content: 'x\n' }, accept: [400] }),
  // Partners whose organisation has not accepted the protocol get 403 protocol_not_accepted before the file is read.
  'POST /api/v1/lists/encoded': () => ({
    query: { title: 'Liste encodée', purpose: 'deduplication', legalBasis: 'consent', sector: 'abris_ame', assistanceDate: '2026-01-15' },
    file: { name: 'liste.clk.json', content: 'x\n' },
    accept: [400, 403],
  }),
  'POST /api/v1/lists/places': () => ({ body: { places: [{ localityName: 'Mopti' }] } }),
  'GET /api/v1/lists/column-mappings': () => ({}),
  'PUT /api/v1/lists/column-mappings': () => ({ body: { mappings: [] } }),
  // Searching every list is the custodian's alone: a partner reads its own lists' households but gets 403 here.
  'POST /api/v1/lists/person-search': () => ({ body: { purpose: 'access_request', nina: '112345678901A' }, accept: [403] }),
  'GET /api/v1/lists/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'POST /api/v1/lists/:id/status': (f) => ({ params: { id: f.ids.missing! }, body: { status: 'validated', version: 1 }, accept: [404] }),
  'GET /api/v1/lists/:id/households': (f) => ({ params: { id: f.ids.missing! }, query: { purpose: 'coverage' }, accept: [404] }),
  'DELETE /api/v1/lists/:id/households/:householdId': (f) => ({ params: { id: f.ids.missing!, householdId: f.ids.missing! }, body: { reason: "Demande d'effacement" }, accept: [404] }),
  'DELETE /api/v1/lists/:id/personal-data': (f) => ({ params: { id: f.ids.missing! }, body: { reason: 'Fin de conservation' }, accept: [404] }),
  'GET /api/v1/sharing-requests': () => ({}),
  'POST /api/v1/sharing-requests': (f) => ({
    body: { listId: f.ids.missing!, purpose: 'deduplication', justification: 'Éviter la double assistance', fields: ['headName'], from: '2026-01-01', to: '2026-12-31' },
    accept: [404],
  }),
  'POST /api/v1/sharing-requests/:id/decision': (f) => ({ params: { id: f.ids.missing! }, body: { decision: 'refused', reason: 'Non conforme', version: 1 }, accept: [404] }),
  'GET /api/v1/sharing-requests/:id/extract': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/dedup/runs': () => ({}),
  // The first caller allowed starts a run; the next may find it still running.
  'POST /api/v1/dedup/runs': () => ({ accept: [409] }),
  'GET /api/v1/dedup/runs/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/dedup/pairs': () => ({}),
  'POST /api/v1/dedup/pairs/:id/decision': (f) => ({ params: { id: f.ids.missing! }, body: { decision: 'same' }, accept: [404] }),
  'GET /api/v1/dedup/clusters': () => ({}),
  'GET /api/v1/dedup/clusters/:id': (f) => ({ params: { id: f.ids.missing! }, accept: [404] }),
  'GET /api/v1/dedup/households': () => ({}),
  'GET /api/v1/dedup/overlap': () => ({}),
  'GET /api/v1/dedup/duplicates': () => ({}),
  'GET /api/v1/lists/:id/duplicates': (f) => ({ params: { id: f.ids.missing! }, query: { purpose: 'deduplication' }, accept: [404] }),
};

function alertBody(hostLocalityId: string) {
  return {
    shockType: 'armed_conflict',
    shockDate: '2026-03-02',
    alertDate: '2026-03-05',
    hostLocalityId,
    originPcodes: ['ML0507'],
    originText: 'Villages au nord de Koro',
    households: 120,
    persons: 710,
    populationGroup: 'idp',
  };
}

/** Whether the role map lets this caller call a route with that access at all. */
function mayCall(principal: Principal, access: Access): boolean {
  if (access === 'public') return true;
  if (principal === 'signed-out') return false;
  if (access === 'signedIn') return true;
  return scopeOf({ role: principal, organisationId: null, regions: [] }, access) !== undefined;
}

function urlOf(route: RouteEntry, input: Input): string {
  const path = route.url.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined) throw new Error(`${route.method} ${route.url}: no value for :${name}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(input.query ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

function multipart(file: { name: string; content: string }) {
  const boundary = `----relais${crypto.randomUUID()}`;
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every key of a JSON value, with the value under it (depth first). */
function* entriesOf(value: unknown): Generator<[string, unknown]> {
  if (Array.isArray(value)) for (const item of value) yield* entriesOf(item);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      yield [key, inner];
      yield* entriesOf(inner);
    }
  }
}

const secretKeys = /^(password|passwordHash|password_hash|tokenHash|token_hash|sessionSecret|secret)$/i;
const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** What an answer may not hold for this caller; returns the problems found. */
function leaks(principal: Principal, route: RouteEntry, body: unknown, own: { email?: string }): string[] {
  // The API's description names every field of every schema, and holds no record.
  if (route.url === '/api/openapi.json') return [];
  const problems: string[] = [];
  // A new API token's secret is given once, to its owner, in the answer that creates it.
  const givesOwnSecret = route.method === 'POST' && route.url === '/api/v1/auth/tokens';
  for (const [key] of entriesOf(body)) {
    if (secretKeys.test(key) && !(givesOwnSecret && key === 'secret')) problems.push(`secret field ${key}`);
    if (key === 'csrfToken' && !route.url.startsWith('/api/v1/auth/')) problems.push('csrfToken outside auth');
  }
  // Donors and the public see aggregated figures only: no organisation-level detail, no one's e-mail but their own.
  if (principal === 'viewer' || principal === 'signed-out') {
    for (const [key, value] of entriesOf(body)) {
      if ((key === 'followUps' || key === 'matches') && Array.isArray(value) && value.length > 0) problems.push(`${key} not empty`);
      if (key === 'followUp' && value !== null) problems.push('followUp shown');
      if (key === 'organisations' && route.url.startsWith('/api/v1/gaps') && Array.isArray(value) && value.length > 0) problems.push('gap organisations shown');
    }
    const emails = (JSON.stringify(body).match(emailPattern) ?? []).filter((e) => e !== own.email);
    if (emails.length > 0) problems.push(`e-mail addresses ${[...new Set(emails)].slice(0, 3).join(', ')}`);
  }
  return problems;
}

describe.each(databaseKinds)('every route × every role on %s', (kind) => {
  let t: TestApp;
  let f: Fixtures;
  const sessions = new Map<Principal, Session | null>();
  /** The API token secret of each token caller, by label. */
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    // One request a cell: more than a token's default budget per minute.
    t = await createTestApp(kind, { API_TOKEN_REQUESTS_PER_MINUTE: '100000' });
    await seedDemoData(t.database.db, demoSteps);
    sessions.set('signed-out', null);
    for (const role of roles) sessions.set(role, await t.login(role));
    for (const caller of callers.filter((c) => c.token)) {
      const created = await t.request(sessions.get(caller.principal)!, { method: 'POST', url: '/api/v1/auth/tokens', payload: { name: caller.label, scope: caller.token } });
      expect(created.statusCode, created.body).toBe(201);
      secrets.set(caller.label, created.json().secret);
    }
    const { db } = t.database;
    const place = async (pcode: string) => (await db.selectFrom('localities').select('id').where('pcode', '=', pcode).executeTakeFirstOrThrow()).id;
    const organisation = async (acronym: string) => (await db.selectFrom('organisations').select('id').where('acronym', '=', acronym).executeTakeFirstOrThrow()).id;
    const user = async (email: string) => (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
    const nrc = await organisation('NRC');
    const spare = await t.request(await t.login('admin'), { method: 'POST', url: '/api/v1/users', payload: { email: 'spare@example.org', name: 'Compte de réserve', role: 'viewer' } });
    expect(spare.statusCode).toBe(201);
    const mopti = await place('ML050000000');
    f = {
      ids: {
        missing: '00000000-0000-4000-8000-000000000000',
        nrc,
        mopti,
        viewerUser: await user('viewer@demo.relais'),
        spareUser: spare.json().user.id,
        moptiAlert: (await db.selectFrom('alerts').select('alerts.id').where('host_locality_id', '=', mopti).executeTakeFirst())?.id ?? (await db.selectFrom('alerts').select('id').executeTakeFirstOrThrow()).id,
        assessment: (await db.selectFrom('assessments').select('id').executeTakeFirstOrThrow()).id,
        method: (await db.selectFrom('packages').select('id').where('kind', '=', 'method').where('status', '=', 'endorsed').executeTakeFirstOrThrow()).id,
        nrcResponse: (await db.selectFrom('responses').select('id').where('organisation_id', '=', nrc).executeTakeFirstOrThrow()).id,
      },
    };
  }, 240_000);
  afterAll(() => t?.close());

  it('covers every registered route, and each answers every caller as the permission table says', async () => {
    const table = routeTableOf(t.app);
    const missing = table.map((r) => `${r.method} ${r.url}`).filter((key) => !validInput[key]);
    expect(missing, 'routes without an entry in validInput').toEqual([]);

    const failures: string[] = [];
    let cells = 0;
    for (const route of table) {
      const key = `${route.method} ${route.url}`;
      for (const caller of callers) {
        const { principal } = caller;
        // Signing out ends the session: that cell gets a session of its own.
        const session = key === 'POST /api/v1/auth/logout' && principal !== 'signed-out' && !caller.token ? await t.loginWith(demoAccounts.find((a) => a.role === principal)!.email, demoPassword) : sessions.get(principal)!;
        const secret = secrets.get(caller.label);
        // A token caller sends only its token: no cookie, no CSRF header.
        const send = (options: InjectOptions) => (secret ? t.app.inject({ ...options, headers: { ...(options.headers as Record<string, string>), authorization: `Bearer ${secret}` } }) : t.request(session, options));
        cells++;
        if (!mayCall(principal, route.access)) {
          // Input that would not validate: the permission answers first.
          const params = Object.fromEntries([...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => [m[1]!, 'not-valid']));
          const url = urlOf(route, { params, query: { page: '-1', pageSize: 'many', at: 'never' } });
          const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
          const response = await send({ method: route.method, url, ...(hasBody ? { payload: { version: 'x', unexpected: [1] } } : {}) });
          const expected = principal === 'signed-out' ? 401 : 403;
          if (response.statusCode !== expected) failures.push(`${key} as ${caller.label}: ${response.statusCode}, expected ${expected}`);
          continue;
        }
        const input = validInput[key]!(f);
        const upload = input.file ? multipart(input.file) : undefined;
        const options: InjectOptions = {
          method: route.method,
          url: urlOf(route, input),
          ...(upload ? { payload: upload.payload, headers: upload.headers } : input.body !== undefined ? { payload: input.body as object } : {}),
        };
        // A read-only token is refused any write before anything else is looked at.
        const refusedToToken = caller.token === 'read' && route.method !== 'GET' ? 'token_read_only' : caller.token && route.endpoint.sessionOnly ? 'token_not_allowed' : null;
        if (refusedToToken) {
          const response = await send(options);
          if (response.statusCode !== 403 || response.json().code !== refusedToToken) failures.push(`${key} as ${caller.label}: ${response.statusCode} ${response.body.slice(0, 120)}, expected 403 ${refusedToToken}`);
          continue;
        }
        const started = performance.now();
        const response = await send(options);
        const took = performance.now() - started;
        if (took > 300) console.info(`slow ${key} as ${caller.label}: ${Math.round(took)} ms`);
        const ok = (response.statusCode >= 200 && response.statusCode < 300) || (input.accept ?? []).includes(response.statusCode);
        // 403 in `accept` is a record-level refusal (a partner's write to another organisation's record), never a signed-out caller's.
        const gate = (response.statusCode === 401 && route.access !== 'public') || (response.statusCode === 403 && !(input.accept ?? []).includes(403));
        if (!ok || gate) failures.push(`${key} as ${caller.label}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        if (response.statusCode < 300 && (response.headers['content-type'] ?? '').toString().includes('json') && response.body) {
          const own = principal === 'signed-out' ? {} : { email: (await t.database.db.selectFrom('users').select('email').where('id', '=', session.userId).executeTakeFirstOrThrow()).email };
          for (const problem of leaks(principal, route, response.json(), own)) failures.push(`${key} as ${caller.label}: ${problem}`);
        }
      }
    }
    console.info(`route × role: ${cells} cells checked (${table.length} routes × ${callers.length} callers) on ${kind}`);
    if (failures.length > 0) console.info(failures.join('\n'));
    expect(failures).toEqual([]);
  }, 300_000);

  it("gives the donor viewer's pages aggregated figures only: no operating organisation, staff name, funding, contact or follow-up note, where a partner sees them", async () => {
    const { db } = t.database;
    const viewer = sessions.get('viewer')!;
    const partner = sessions.get('partner')!;
    const coordinator = sessions.get('coordinator')!;
    // Organisations known to the public as authors (alert sources, assessment teams, development
    // actors) may be named; those that appear only as operating agencies (5W, RRM, capacities) may not.
    const named = new Set<string>();
    for (const row of await db.selectFrom('alerts').select('source_organisation_id as id').where('source_organisation_id', 'is not', null).execute()) named.add(row.id!);
    for (const row of await db.selectFrom('assessments').select('organisation_id as id').execute()) named.add(row.id);
    for (const row of await db.selectFrom('development_programmes').select('organisation_id as id').execute()) named.add(row.id);
    for (const row of await db.selectFrom('handovers').select('actor_organisation_ids').execute()) for (const id of row.actor_organisation_ids) named.add(id);
    const operating = new Set<string>();
    for (const table of ['responses', 'rrm_responses', 'capacities'] as const) {
      for (const row of await db.selectFrom(table).select('organisation_id as id').distinct().execute()) if (!named.has(row.id)) operating.add(row.id);
    }
    const operators = await db.selectFrom('organisations').select(['acronym', 'name']).where('id', 'in', [...operating]).execute();
    expect(operators.length, 'operating organisations in the demo').toBeGreaterThan(3);
    const staff = (await db.selectFrom('users').select(['id', 'name']).execute()).filter((u) => u.id !== viewer.userId).map((u) => u.name);

    // A gap with running responses, a capacity and an internal follow-up note signed by a coordinator.
    const latest = (await db.selectFrom('responses').select(db.fn.max('period').as('period')).executeTakeFirstOrThrow()).period;
    const running = await db
      .selectFrom('responses')
      .select(['locality_id', 'sector'])
      .where('period', '=', latest)
      .where('status', '=', 'ongoing')
      .where('organisation_id', 'in', [...operating])
      .orderBy('locality_id')
      .executeTakeFirstOrThrow();
    const note = `Note interne ${crypto.randomUUID().slice(0, 8)} : relancer le partenaire`;
    const followUp = await t.request(coordinator, { method: 'POST', url: `/api/v1/gaps/${running.locality_id}/${running.sector}/follow-ups`, payload: { status: 'advocated', comment: note } });
    expect(followUp.statusCode, followUp.body).toBe(201);
    const withRrm = await db.selectFrom('rrm_responses').innerJoin('alerts', 'alerts.id', 'rrm_responses.alert_id').select(['alerts.id', 'alerts.host_locality_id']).executeTakeFirstOrThrow();
    const handover = await db.selectFrom('handovers').select('id').executeTakeFirst();
    const endorsed = await db.selectFrom('packages').select('id').where('status', '=', 'endorsed').where('kind', '=', 'package').executeTakeFirst();
    const period = String(latest).slice(0, 7);

    // The API answers behind the pages a donor opens (JSON, and the CSV exports they offer).
    const pages = [
      '/api/v1/dashboard',
      '/api/v1/dashboard/map',
      `/api/v1/gaps?localityId=${running.locality_id}`,
      '/api/v1/gaps/matrix',
      `/api/v1/gaps/${running.locality_id}/${running.sector}`,
      `/api/v1/gaps/export?format=csv&localityId=${running.locality_id}`,
      `/api/v1/localities/${running.locality_id}/continuum`,
      `/api/v1/localities/${withRrm.host_locality_id}/continuum`,
      `/api/v1/alerts/${withRrm.id}`,
      '/api/v1/alerts?pageSize=100',
      '/api/v1/alerts/export?format=csv',
      '/api/v1/needs',
      '/api/v1/assessments/tracker',
      `/api/v1/capacities/summary?period=${period}`,
      '/api/v1/responses/pivot?rows=sector&cols=adm1',
      '/api/v1/periods',
      '/api/v1/packages',
      ...(endorsed ? [`/api/v1/packages/${endorsed.id}`, `/api/v1/packages/${endorsed.id}/versions`] : []),
      '/api/v1/methods',
      '/api/v1/packages/conformity/summary',
      '/api/v1/handovers',
      ...(handover ? [`/api/v1/handovers/${handover.id}`, `/api/v1/handovers/${handover.id}/dossier`] : []),
    ];
    const word = (text: string) => new RegExp(`(^|[^\\p{L}\\p{N}])${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u');
    const organisationDetailKeys = /^(implementingPartner|donor|fundingStatus|contactName|contactPhone|contactEmail|lockedBy|author|recordedBy|createdBy|comment|followUpComment)$/;
    const problems: string[] = [];
    const seenByPartner = new Set<string>();
    for (const url of pages) {
      const answer = await t.request(viewer, { method: 'GET', url });
      if (answer.statusCode !== 200) {
        problems.push(`${url}: ${answer.statusCode} ${answer.body.slice(0, 120)}`);
        continue;
      }
      const text = answer.body;
      for (const o of operators) if (word(o.acronym).test(text) || text.includes(o.name)) problems.push(`${url}: names ${o.acronym}`);
      for (const name of staff) if (text.includes(name)) problems.push(`${url}: names staff member ${name}`);
      if (text.includes(note)) problems.push(`${url}: shows the follow-up note`);
      if ((answer.headers['content-type'] ?? '').toString().includes('json')) {
        for (const [key, value] of entriesOf(answer.json())) {
          if (organisationDetailKeys.test(key) && value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)) problems.push(`${url}: ${key} given`);
        }
      }
      // The control: a partner's answer to the same call names what the viewer's may not.
      const asPartner = (await t.request(partner, { method: 'GET', url })).body;
      for (const o of operators) if (word(o.acronym).test(asPartner)) seenByPartner.add(o.acronym);
      if (asPartner.includes(note)) seenByPartner.add('note');
    }
    // The organisation breakdown of the 5W pivot is not the donor's either.
    const byOrganisation = await t.request(viewer, { method: 'GET', url: '/api/v1/responses/pivot?rows=organisation&cols=sector' });
    if (byOrganisation.statusCode !== 403) problems.push(`pivot by organisation: ${byOrganisation.statusCode}`);
    console.info(`viewer pages: ${pages.length} answers checked against ${operators.length} operating organisations and ${staff.length} staff names on ${kind}`);
    expect(problems).toEqual([]);
    expect(seenByPartner.has('note'), 'a partner reads the follow-up note (the check can see it)').toBe(true);
    expect(seenByPartner.size, 'operating organisations a partner sees on the same pages').toBeGreaterThan(2);
  });

  it("refuses a partner's or a regional coordinator's write to another organisation's or region's record, and lets the same write through on their own", async () => {
    const { db } = t.database;
    const partner = sessions.get('partner')!;
    const regional = sessions.get('regional_coordinator')!;
    const coordinator = sessions.get('coordinator')!;
    const nrc = f.ids.nrc!;
    const latest = (await db.selectFrom('responses').select(db.fn.max('period').as('period')).executeTakeFirstOrThrow()).period;
    const responseOf = (where: 'own' | 'foreign', region?: string) =>
      db
        .selectFrom('responses')
        .innerJoin('localities', 'localities.id', 'responses.locality_id')
        .select(['responses.id', 'responses.version'])
        .where('responses.period', '=', latest)
        .where('responses.organisation_id', where === 'own' ? '=' : '<>', nrc)
        .$if(region !== undefined, (q) => q.where('localities.adm1_pcode', where === 'own' ? '=' : '<>', region!))
        .executeTakeFirstOrThrow();
    const cases: { who: Session; label: string; method: 'PATCH' | 'POST' | 'DELETE'; url: string; payload?: object; expected: number }[] = [];
    const own = await responseOf('own');
    const foreign = await responseOf('foreign');
    cases.push({ who: partner, label: "partner edits another organisation's 5W record", method: 'PATCH', url: `/api/v1/responses/${foreign.id}`, payload: { householdsReached: 1, version: foreign.version }, expected: 403 });
    cases.push({ who: partner, label: 'partner deletes it', method: 'DELETE', url: `/api/v1/responses/${foreign.id}?version=${foreign.version}`, expected: 403 });
    cases.push({ who: partner, label: 'partner edits its own', method: 'PATCH', url: `/api/v1/responses/${own.id}`, payload: { householdsReached: 1, version: own.version }, expected: 200 });
    const outside = await db
      .selectFrom('responses')
      .innerJoin('localities', 'localities.id', 'responses.locality_id')
      .select(['responses.id', 'responses.version'])
      .where('responses.period', '=', latest)
      .where('localities.adm1_pcode', '<>', 'ML05')
      .executeTakeFirstOrThrow();
    const inside = await db
      .selectFrom('responses')
      .innerJoin('localities', 'localities.id', 'responses.locality_id')
      .select(['responses.id', 'responses.version'])
      .where('responses.period', '=', latest)
      .where('localities.adm1_pcode', '=', 'ML05')
      .where('responses.id', '<>', own.id)
      .executeTakeFirstOrThrow();
    cases.push({ who: regional, label: "regional coordinator edits another region's 5W record", method: 'PATCH', url: `/api/v1/responses/${outside.id}`, payload: { householdsReached: 1, version: outside.version }, expected: 403 });
    cases.push({ who: regional, label: 'regional coordinator edits one of its region', method: 'PATCH', url: `/api/v1/responses/${inside.id}`, payload: { householdsReached: 1, version: inside.version }, expected: 200 });

    const gao = (await db.selectFrom('localities').select('id').where('pcode', '=', 'ML070000000').executeTakeFirstOrThrow()).id;
    cases.push({ who: regional, label: 'regional coordinator reports an alert in another region', method: 'POST', url: '/api/v1/alerts', payload: alertBody(gao), expected: 403 });
    cases.push({ who: regional, label: 'regional coordinator reports one in its region', method: 'POST', url: '/api/v1/alerts', payload: alertBody(f.ids.mopti!), expected: 201 });
    cases.push({ who: regional, label: "regional coordinator follows up another region's gap", method: 'POST', url: `/api/v1/gaps/${gao}/sante/follow-ups`, payload: { status: 'advocated', comment: 'x' }, expected: 403 });
    cases.push({ who: regional, label: "regional coordinator follows up its region's gap", method: 'POST', url: `/api/v1/gaps/${f.ids.mopti!}/sante/follow-ups`, payload: { status: 'advocated', comment: 'x' }, expected: 201 });

    const period = String(latest).slice(0, 7);
    const declared = await t.request(coordinator, { method: 'POST', url: '/api/v1/capacities', payload: { period, organisationId: await idOf('IRC'), sector: 'eha', regionPcode: 'ML05', households: 10, fundingStatus: 'funded' } });
    expect(declared.statusCode, declared.body).toBe(201);
    cases.push({ who: partner, label: "partner edits another organisation's capacity", method: 'PATCH', url: `/api/v1/capacities/${declared.json().id}`, payload: { households: 1, version: declared.json().version }, expected: 403 });
    cases.push({ who: partner, label: 'partner declares a capacity for another organisation', method: 'POST', url: '/api/v1/capacities', payload: { period, organisationId: await idOf('IRC'), sector: 'sante', regionPcode: 'ML05', households: 10, fundingStatus: 'funded' }, expected: 403 });
    cases.push({ who: partner, label: 'partner declares its own', method: 'POST', url: '/api/v1/capacities', payload: { period, sector: 'sante', regionPcode: 'ML05', households: 10, fundingStatus: 'funded' }, expected: 201 });

    const assessmentOf = (where: '=' | '<>') =>
      db.selectFrom('assessments').select(['id', 'version']).where('organisation_id', where, nrc).executeTakeFirst();
    const foreignAssessment = await assessmentOf('<>');
    if (foreignAssessment) {
      cases.push({ who: partner, label: "partner edits another organisation's assessment", method: 'PATCH', url: `/api/v1/assessments/${foreignAssessment.id}`, payload: { title: 'x', version: foreignAssessment.version }, expected: 403 });
    }

    const results: string[] = [];
    for (const c of cases) {
      const response = await t.request(c.who, { method: c.method, url: c.url, ...(c.payload ? { payload: c.payload } : {}) });
      if (response.statusCode !== c.expected) results.push(`${c.label}: ${response.statusCode}, expected ${c.expected} ${response.body.slice(0, 200)}`);
    }
    console.info(`record-level: ${cases.length} cross-organisation/region cells checked on ${kind}`);
    expect(results).toEqual([]);

    async function idOf(acronym: string) {
      return (await db.selectFrom('organisations').select('id').where('acronym', '=', acronym).executeTakeFirstOrThrow()).id;
    }
  });
});
