import type { AlertStatus } from '../../shared/contracts/alerts.ts';
import type { Role } from '../../shared/permissions.ts';
import type { TestApp } from './test-app.ts';

/** Ids of demo places and organisations, looked up once per test app. */
export async function referenceIds(t: TestApp) {
  const localities = await t.database.db.selectFrom('localities').select(['id', 'pcode']).execute();
  const organisations = await t.database.db.selectFrom('organisations').select(['id', 'acronym']).execute();
  const locality = (pcode: string) => localities.find((l) => l.pcode === pcode)!.id;
  const organisation = (acronym: string) => organisations.find((o) => o.acronym === acronym)!.id;
  return {
    mopti: locality('ML050000000'),
    bandiagara: locality('ML050201001'),
    segou: locality('ML040000000'),
    gao: locality('ML070000000'),
    tombouctou: locality('ML060000000'),
    nrc: organisation('NRC'),
    acted: organisation('ACTED'),
    irc: organisation('IRC'),
    ocha: organisation('OCHA'),
  };
}

export function alertPayload(hostLocalityId: string, overrides: Record<string, unknown> = {}) {
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
    ...overrides,
  };
}

export async function createAlert(t: TestApp, hostLocalityId: string, overrides: Record<string, unknown> = {}, role: Role = 'coordinator') {
  const response = await t.request(await t.login(role), { method: 'POST', url: '/api/v1/alerts', payload: alertPayload(hostLocalityId, overrides) });
  if (response.statusCode !== 201) throw new Error(`create alert: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; code: string; version: number; status: AlertStatus }>();
}

const path: AlertStatus[] = ['verified', 'assessed', 'validated'];

/**
 * Moves an alert through verification and assessment to validation, dated when `date` is given.
 * An alert is assessed only with its MSA recorded: one created without findings first gets the
 * MSA the test says (`msaFindings`), by default a single "no need" in early recovery.
 */
export async function validateAlert(t: TestApp, id: string, date?: string, msaFindings: unknown[] = [{ sector: 'relevement', need: false }]) {
  const session = await t.login('coordinator');
  const current = (await t.request(session, { method: 'GET', url: `/api/v1/alerts/${id}` })).json<{ version: number; msaFindings: unknown[] }>();
  if (current.msaFindings.length === 0) {
    const recorded = await t.request(session, { method: 'PATCH', url: `/api/v1/alerts/${id}`, payload: { version: current.version, msaFindings } });
    if (recorded.statusCode !== 200) throw new Error(`record the MSA: ${recorded.statusCode} ${recorded.body}`);
  }
  let last: Awaited<ReturnType<TestApp['request']>> | undefined;
  for (const to of path) {
    last = await t.request(session, { method: 'POST', url: `/api/v1/alerts/${id}/transitions`, payload: { to, ...(date ? { date } : {}) } });
    if (last.statusCode !== 200) throw new Error(`transition to ${to}: ${last.statusCode} ${last.body}`);
  }
  if (!last) throw new Error('validateAlert: no transition to make');
  return last.json<{ id: string; version: number; status: AlertStatus; validatedAt: string }>();
}
