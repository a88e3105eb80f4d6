// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import type { DedupPair, DedupRecord, DedupRun } from '../../../shared/contracts/dedup.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { adminUser, ids } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';

const custodian: CurrentUser = {
  ...adminUser,
  id: '00000000-0000-4000-8000-000000000009',
  email: 'custodian@demo.relais',
  name: 'Oumar Sangaré',
  role: 'list_custodian',
};
const coordinator: CurrentUser = { ...adminUser, role: 'coordinator', email: 'coordinator@demo.relais', name: 'Moussa Coulibaly' };

function record(id: string, overrides: Partial<DedupRecord> = {}): DedupRecord {
  return {
    id,
    row: 12,
    householdId: null,
    headName: 'MAÏGA Mahamadou',
    familyName: 'MAÏGA',
    givenNames: 'Mahamadou',
    sex: 'm',
    birthYear: 1980,
    householdSize: 6,
    phones: ['76451290'],
    nina: null,
    status: 'idp',
    origin: null,
    spouses: [],
    locality: { id: '00000000-0000-4000-8000-00000000b001', name: 'Sévaré', pcode: 'ML050109007' },
    sector: 'abris_ame',
    assistance: 'Kit AME',
    assistanceDate: '2026-10-25',
    list: {
      id: '00000000-0000-4000-8000-00000000c001',
      code: 'LST-2026-0001',
      title: 'Distribution AME',
      organisation: { id: ids.nrc, acronym: 'NRC', name: 'NRC' },
    },
    clusterId: '00000000-0000-4000-8000-00000000d001',
    ...overrides,
  };
}

function pair(n: number, overrides: Partial<DedupPair> = {}): DedupPair {
  return {
    id: `00000000-0000-4000-8000-00000000e00${n}`,
    kind: 'review',
    probability: 0.64,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    contributions: [
      { field: 'name', level: 5, levels: 7, weight: 1.1 },
      { field: 'birth', level: 2, levels: 5, weight: 3.2 },
      { field: 'phone', level: 0, levels: 2, weight: -3.2 },
    ],
    a: record(`00000000-0000-4000-8000-0000000f000${n}`, { headName: n === 1 ? 'Mamadou Mahiga' : 'Fanta SISSÉ', phones: ['92187703'] }),
    b: record(`00000000-0000-4000-8000-0000000f100${n}`, { headName: n === 1 ? 'MAÏGA Mahamadou' : 'Fatoumata CISSÉ' }),
    ...overrides,
  };
}

function run(overrides: Partial<DedupRun> = {}): DedupRun {
  return {
    id: '00000000-0000-4000-8000-00000000a0a1',
    status: 'completed',
    stage: 'done',
    processed: 179,
    total: 179,
    startedBy: 'Oumar Sangaré',
    startedAt: '2026-12-04T10:00:00.000Z',
    finishedAt: '2026-12-04T10:00:09.000Z',
    lists: 4,
    records: 179,
    households: 159,
    candidatePairs: 450,
    matchPairs: 24,
    reviewPairs: 2,
    decisionsApplied: 0,
    clustersKept: 0,
    error: null,
    ...overrides,
  };
}

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, pageSize: 10 });

describe('deduplication pages', () => {
  it('shows the custodian each uncertain pair side by side with each field’s weight, and decides with S and D', async () => {
    let pending = [pair(1), pair(2)];
    const api = fakeApi({
      ...meRoute(custodian),
      'GET /api/v1/dedup/pairs': () => ({ body: page(pending) }),
      'POST /api/v1/dedup/pairs/:id/decision': (request) => {
        const id = request.path.split('/')[5]!;
        pending = pending.filter((p) => p.id !== id);
        return { body: { id, status: (request.body as { decision: string }).decision, decidedAt: '2026-12-04T10:01:00.000Z', merged: true } };
      },
    });
    await renderApp('/lists/dedup/review');
    const first = await screen.findByRole('article', { name: /Paire 1 sur 2/ });
    expect(within(first).getByText('Probabilité : 64 %')).toBeTruthy();
    const table = within(first).getByRole('table', { name: 'Comparaison de deux ménages (données personnelles)' });
    const name = within(table).getByRole('row', { name: /Chef de ménage/ });
    expect(within(name).getByText('Mamadou Mahiga')).toBeTruthy();
    expect(within(name).getByText('MAÏGA Mahamadou')).toBeTruthy();
    expect(within(name).getByText('+1,1')).toBeTruthy();
    expect(within(within(table).getByRole('row', { name: /Téléphone/ })).getByText('−3,2')).toBeTruthy();
    expect(within(within(table).getByRole('row', { name: /NINA/ })).getByText('non comparé')).toBeTruthy();
    expect(screen.getByText(/Consultation enregistrée dans le journal d’audit/)).toBeTruthy();

    // S decides the pair in focus: the same household.
    fireEvent.keyDown(window, { key: 's' });
    await waitFor(() => expect(api.calls('POST', `/api/v1/dedup/pairs/${pair(1).id}/decision`)).toHaveLength(1));
    expect(api.calls('POST', `/api/v1/dedup/pairs/${pair(1).id}/decision`)[0]!.body).toEqual({ decision: 'same' });
    expect(await screen.findByText('Décision enregistrée : même ménage. Les deux ménages sont réunis.')).toBeTruthy();
    expect(await screen.findByRole('article', { name: /Paire 1 sur 1/ })).toBeTruthy();

    // D: the next pair are different households.
    fireEvent.keyDown(document.body, { key: 'd' });
    await waitFor(() => expect(api.calls('POST', `/api/v1/dedup/pairs/${pair(2).id}/decision`)[0]?.body).toEqual({ decision: 'different' }));
    expect(await screen.findByText('Aucune paire à revoir')).toBeTruthy();
  });

  it('shows a run’s progress while it runs, its figures once done, and refuses a second run with the server’s words', async () => {
    let runs = [run({ status: 'running', stage: 'reading', processed: 60, total: 179, households: null, matchPairs: null, reviewPairs: null })];
    fakeApi({
      ...meRoute(custodian),
      'GET /api/v1/dedup/runs': () => ({ body: page(runs) }),
      'POST /api/v1/dedup/runs': () => problem(409, 'dedup_run_running', 'Un dédoublonnage est déjà en cours : attendez qu’il se termine.'),
    });
    await renderApp('/lists/dedup');
    expect(await screen.findByText('Exécution en cours')).toBeTruthy();
    expect(screen.getByText('Lecture et déchiffrement des ménages')).toBeTruthy();
    expect(screen.getByText('60 ménages sur 179')).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Lancer le dédoublonnage' }).disabled).toBe(true);

    runs = [run()];
    const latest = await screen.findByRole('region', { name: 'Dernière exécution' }, { timeout: 3000 });
    expect(within(within(latest).getByText('Ménages distincts').parentElement!).getByText('159')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Revoir les paires incertaines (2)' }).getAttribute('href')).toBe('/lists/dedup/review');
    fireEvent.click(screen.getByRole('button', { name: 'Lancer le dédoublonnage' }));
    expect(await screen.findByText('Un dédoublonnage est déjà en cours : attendez qu’il se termine.')).toBeTruthy();
  });

  it('gives a coordinator the overlap matrix with possible double assistance, and no deduplication or review in the menu', async () => {
    const [acted, nrc, si] = ['00000000-0000-4000-8000-0000000000a3', ids.nrc, '00000000-0000-4000-8000-0000000000a4'];
    fakeApi({
      ...meRoute(coordinator),
      'GET /api/v1/admin-areas': () => ({ body: { items: [{ pcode: 'ML05', name: 'Mopti', level: 1 }], total: 1, page: 1, pageSize: 100 } }),
      'GET /api/v1/dedup/overlap': () => ({
        body: {
          deduplicated: true,
          lastRunAt: '2026-12-04T10:00:09.000Z',
          windowDays: 30,
          organisations: [
            { id: acted, acronym: 'ACTED', name: 'ACTED', households: 40 },
            { id: nrc, acronym: 'NRC', name: 'NRC', households: 67 },
            { id: si, acronym: 'SI', name: 'SI', households: 20 },
          ],
          cells: [{ a: nrc, b: si, shared: 6, doubleAssistance: 6 }],
        },
      }),
    });
    await renderApp('/lists/overlap');
    const matrix = await screen.findByRole('table', { name: 'Ménages communs aux listes de deux organisations' });
    const nrcRow = within(matrix).getByRole('row', { name: /^NRC/ });
    expect(within(nrcRow).getByText('67')).toBeTruthy();
    expect(within(nrcRow).getByText('6 double assistance possible')).toBeTruthy();
    const doubles = screen.getByRole('table', { name: 'Double assistance possible par paire d’organisations' });
    expect(within(doubles).getByText('NRC — SI')).toBeTruthy();
    const tabs = screen.getByRole('navigation', { name: 'Vues des listes' });
    expect(within(tabs).queryByRole('link', { name: 'Dédoublonnage' })).toBeNull();
    expect(within(tabs).queryByRole('link', { name: 'Doublons' })).toBeNull();
    expect(within(tabs).getByRole('link', { name: 'Ménages distincts' })).toBeTruthy();
  });
});
