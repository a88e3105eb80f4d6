// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrackerPage } from '../../../shared/contracts/assessments.ts';
import type { GapExplanation, GapMatrix, GapPage, GapRow } from '../../../shared/contracts/gaps.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { adminUser, importReport } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';

const mopti = {
  id: '00000000-0000-4000-8000-00000000b001',
  name: 'Mopti',
  pcode: 'ML050000000',
  adm1Pcode: 'ML05',
  adm1Name: 'Mopti',
  adm2Pcode: 'ML0501',
  adm2Name: 'Mopti',
  adm3Pcode: 'ML050109',
  adm3Name: 'Mopti Commune',
};

function row(overrides: Partial<GapRow> = {}): GapRow {
  return {
    locality: mopti,
    sector: 'secal',
    phase: 'rrm',
    need: 200,
    needSource: 'alert',
    needSince: '2026-01-10',
    severity: 4,
    coverage: 200,
    covered: 200,
    gap: 0,
    ratio: 1,
    status: 'covered',
    openSince: null,
    daysUncovered: 0,
    upcoming: { on: '2026-04-10', daysUntil: 16, coverage: 0, gap: 200, ratio: 0, status: 'uncovered' },
    priority: { score: 61.2, gapHouseholds: 200, gapPart: 0.77, severity: 4, severityAssumed: false, severityPart: 0.75, days: 0, daysPart: 0 },
    activeResponses: 1,
    organisations: ['ACTED'],
    capacityOrganisations: 1,
    followUp: null,
    ...overrides,
  };
}

const page: GapPage = {
  items: [row(), row({ sector: 'abris_ame', need: 300, coverage: 100, covered: 100, gap: 200, ratio: 1 / 3, status: 'partial', openSince: '2026-01-10', daysUncovered: 74, upcoming: null, capacityOrganisations: 0 })],
  total: 2,
  page: 1,
  pageSize: 50,
  at: '2026-03-25',
  horizonDays: 30,
  summary: { pairs: 2, uncovered: 0, partial: 1, covered: 1, unknown: 0, upcoming: 1, householdsInGap: 200 },
};

const routes = {
  ...meRoute(adminUser),
  'GET /api/v1/admin-areas': () => ({ body: { items: [{ pcode: 'ML05', name: 'Mopti', level: 1 }], total: 1, page: 1, pageSize: 50 } }),
  'GET /api/v1/organisations': () => ({ body: { items: [{ id: '00000000-0000-4000-8000-0000000000a2', acronym: 'NRC', name: 'NRC', active: true }], total: 1, page: 1, pageSize: 500 } }),
};

describe('gap pages', () => {
  it('lists gaps by priority with the situation, the upcoming gaps and the exports, filters in the URL', async () => {
    const api = fakeApi({ ...routes, 'GET /api/v1/gaps': () => ({ body: page }) });
    const { location } = await renderApp('/gaps?at=2026-03-25');
    expect(await screen.findByRole('heading', { level: 1, name: 'Gaps' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: /Gaps par localité et secteur/ });
    await within(table).findByText('Sécurité alimentaire');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(within(rows[1]!).getByText('Sécurité alimentaire')).toBeTruthy();
    expect(within(rows[1]!).getByText(/le 10 avr\. 2026/)).toBeTruthy();
    expect(within(rows[2]!).getByText('Partiellement couvert')).toBeTruthy();
    expect(within(rows[1]!).getByRole('link', { name: /Voir le détail/ }).getAttribute('href')).toBe(`/gaps/${mopti.id}/secal?at=2026-03-25`);
    expect(screen.getByText(/^Gaps à venir \(30\sj\)$/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href')).toContain('/api/v1/gaps/export?at=2026-03-25');
    expect(api.calls('GET', '/api/v1/gaps')[0]!.query.get('open')).toBe('true');

    fireEvent.change(screen.getByLabelText('Gaps à venir'), { target: { value: 'true' } });
    await waitFor(() => expect(location.current).toContain('upcoming=true'));
    await waitFor(() => expect(api.calls('GET', '/api/v1/gaps').at(-1)!.query.get('upcoming')).toBe('true'));
  });

  it('shows the heat map grouped by region and cercle, each cell in words and linked to its gap', async () => {
    const matrix: GapMatrix = {
      at: '2026-03-25',
      horizonDays: 30,
      sectors: ['secal', 'abris_ame'],
      localities: [{ locality: mopti, phase: 'rrm', cells: [{ sector: 'secal', status: 'covered', need: 200, gap: 0, ratio: 1, upcoming: page.items[0]!.upcoming, priority: 61.2 }] }],
    };
    fakeApi({ ...routes, 'GET /api/v1/gaps/matrix': () => ({ body: matrix }) });
    await renderApp('/gaps/matrix');
    const table = await screen.findByRole('table', { name: /Statut de couverture par localité/ });
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['Mopti', 'Mopti', 'MoptiRRM']);
    const cell = within(table).getByTitle('Sécurité alimentaire à Mopti : Couvert');
    expect(cell.getAttribute('href')).toBe(`/gaps/${mopti.id}/secal?at=2026-03-25`);
    expect(cell.textContent).toContain('⚠');
  });

  it('explains a gap and records a coordinator’s follow-up', async () => {
    const explanation: GapExplanation = {
      at: '2026-03-25',
      horizonDays: 30,
      row: row(),
      settings: {
        coveredFromRatio: 0.8,
        partialFromRatio: 0.25,
        horizonDays: 30,
        weights: { gap: 0.5, severity: 0.3, days: 0.2 },
        gapScaleHouseholds: 1000,
        daysScale: 90,
        defaultSeverity: 3,
        alertAfterDaysOpen: 30,
        version: 0,
        updatedAt: null,
      },
      need: { assessment: null, shocks: [{ alertId: '00000000-0000-4000-8000-00000000c001', code: 'ALR-2026-0001', shockDate: '2026-01-10', households: 200, fromMsa: true, noNeed: false, severity: 4, phase: 'rrm', rrmEndsOn: '2026-04-09', counted: true }] },
      responses: [
        {
          kind: 'rrm',
          id: '00000000-0000-4000-8000-00000000d001',
          organisation: { id: '00000000-0000-4000-8000-0000000000a3', acronym: 'ACTED', name: 'ACTED' },
          period: null,
          status: 'rrm',
          activity: 'Vivres',
          start: '2026-01-20',
          end: '2026-04-09',
          countsFrom: '2026-01-20',
          countsUntil: '2026-04-09',
          households: 200,
          active: true,
          endsWithinHorizon: true,
        },
      ],
      steps: [
        { from: '2026-01-10', households: 0 },
        { from: '2026-01-20', households: 200 },
        { from: '2026-04-10', households: 0 },
      ],
      rrmEndsOn: '2026-04-09',
      matches: [
        {
          organisation: { id: '00000000-0000-4000-8000-0000000000a4', acronym: 'IRC', name: 'International Rescue Committee' },
          period: '2026-03',
          declared: 500,
          committed: 150,
          left: 350,
          fundingStatus: 'funded',
          contactName: 'Awa Traoré',
          contactPhone: null,
          contactEmail: null,
          coversGap: true,
        },
      ],
      followUps: [],
      listCoverage: [{ month: '2026-03', households: 37, lists: 2 }],
      handover: {
        shock: { alertId: '00000000-0000-4000-8000-00000000c001', code: 'ALR-2025-0001', shockDate: '2025-01-10' },
        resilienceFrom: '2026-01-10',
        state: {
          id: '00000000-0000-4000-8000-00000000f001',
          status: 'dialogue_opened',
          overdue: true,
          dialogueOpenedOn: '2026-03-01',
          planAgreedOn: null,
          handedOverOn: null,
          notTakenUpOn: null,
          actors: [{ id: '00000000-0000-4000-8000-0000000000a9', acronym: 'GIZ', name: 'Coopération allemande' }],
          notes: 'Contact pris avec la GIZ à Sévaré.',
        },
      },
      organisationDetail: true,
      sentences: ['La dernière réponse RRM se termine le 9 avril 2026.', 'Capacité disponible dans la région : IRC (350 ménages).'],
    };
    // A meeting decision about Mopti's food security, which the follow-up cites.
    const decision = {
      id: '00000000-0000-4000-8000-00000000d001',
      number: 2,
      text: 'Le GIAC plaide auprès du cluster SECAL.',
      meeting: { id: '00000000-0000-4000-8000-00000000d000', title: 'GIAC Mopti — mars', date: '2026-03-24' },
    };
    const api = fakeApi({
      ...routes,
      [`GET /api/v1/gaps/${mopti.id}/secal`]: () => ({ body: explanation }),
      'GET /api/v1/meetings/decisions': () => ({ body: { items: [decision] } }),
      [`POST /api/v1/gaps/${mopti.id}/secal/follow-ups`]: (request) => {
        const { decisionId, ...body } = request.body as { decisionId: string | null };
        return {
          status: 201,
          body: { id: '00000000-0000-4000-8000-00000000e001', ...body, organisation: null, by: 'Aminata Traoré', at: '2026-03-25T10:00:00.000Z', decision: decisionId === decision.id ? { id: decision.id, number: decision.number, meeting: decision.meeting } : null },
        };
      },
    });
    await renderApp(`/gaps/${mopti.id}/secal?at=2026-03-25`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Sécurité alimentaire à Mopti' })).toBeTruthy();
    expect(screen.getByText('La dernière réponse RRM se termine le 9 avril 2026.')).toBeTruthy();
    // In resilience, where the handover to development actors stands, with a link to it.
    const handover = screen.getByRole('region', { name: 'Passation au développement' });
    expect(within(handover).getByRole('link', { name: 'Dialogue ouvert' }).getAttribute('href')).toBe('/handovers/00000000-0000-4000-8000-00000000f001');
    expect(within(handover).getByText('En retard')).toBeTruthy();
    expect(within(handover).getByText('Dialogue ouvert le 1 mars 2026')).toBeTruthy();
    expect(within(handover).getByText('GIZ (Coopération allemande)')).toBeTruthy();
    expect(within(handover).getByText('Contact pris avec la GIZ à Sévaré.')).toBeTruthy();
    // The coverage chart loads with ECharts in its own chunk.
    expect(await screen.findByText('Couverture dans le temps', undefined, { timeout: 15_000 })).toBeTruthy();
    const matches = screen.getByRole('table', { name: /Organisations avec une capacité déclarée/ });
    expect(within(matches).getByText('350')).toBeTruthy();
    expect(within(matches).getByText(/Awa Traoré/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/Commentaire/), { target: { value: 'Plaidoyer auprès du cluster SECAL.' } });
    fireEvent.change(await screen.findByLabelText('Décision de réunion à l’origine'), { target: { value: decision.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer le suivi' }));
    await screen.findByText('Suivi enregistré.');
    expect(api.calls('POST', `/api/v1/gaps/${mopti.id}/secal/follow-ups`)[0]!.body).toEqual({ status: 'advocated', comment: 'Plaidoyer auprès du cluster SECAL.', organisationId: null, decisionId: decision.id });
  });

  it('tracks the assessment sequence and flags post-RRM localities with none planned', async () => {
    const tracker: TrackerPage = {
      items: [{ locality: mopti, phase: 'post_rrm', latestShockDate: '2026-01-10', territorial: null, multisector: null, impact: null, stepDone: 0, nextKind: 'territorial', nonePlanned: true }],
      total: 1,
      page: 1,
      pageSize: 50,
      at: '2026-07-01',
      summary: { localities: 1, postRrm: 1, nonePlanned: 1, stepDone: [1, 0, 0, 0] },
    };
    fakeApi({ ...routes, 'GET /api/v1/assessments/tracker': () => ({ body: tracker }) });
    await renderApp('/assessments');
    const table = await screen.findByRole('table', { name: /Étape de chaque localité/ });
    expect(await within(table).findByText('Aucune prévue')).toBeTruthy();
    expect(screen.getByText('En post-RRM sans évaluation prévue')).toBeTruthy();
  });

  it('imports assessment results through the shared dialog: the current list as template, a check, then the import', async () => {
    const oneNewRow = importReport({ rows: 1, valid: 1, plan: { create: 1, update: 0, unchanged: 0, refused: 0 }, outcomes: [{ row: 3, action: 'create', id: null, label: 'Mopti — ESM' }] });
    const api = fakeApi({
      ...routes,
      'GET /api/v1/assessments': () => ({ body: { items: [], total: 0, page: 1, pageSize: 50 } }),
      'POST /api/v1/assessments/import': (request) => {
        const dryRun = request.query.get('dryRun') === 'true';
        return { body: { ...oneNewRow, dryRun, committed: !dryRun } };
      },
    });
    await renderApp('/assessments/list');
    fireEvent.click(await screen.findByRole('button', { name: 'Importer des résultats' }));
    const dialog = await screen.findByRole('dialog', { name: 'Importer des résultats d’évaluation' });
    const template = new URL(within(dialog).getByRole('link', { name: 'Télécharger les évaluations actuelles comme modèle' }).getAttribute('href')!, 'http://relais.test');
    expect(template.pathname).toBe('/api/v1/assessments/export');
    fireEvent.change(within(dialog).getByLabelText('Fichier'), { target: { files: [new File(['x'], 'evaluations.xlsx')] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer la ligne' }));
    expect(await within(dialog).findByText('Import terminé (créations : 1, mises à jour : 0, lignes inchangées : 0).')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/assessments/import').map((r) => [r.query.get('dryRun'), r.query.get('progressKey')])).toEqual([
      ['true', null],
      ['false', null],
    ]);
    // The list is read again once the results are written.
    await waitFor(() => expect(api.calls('GET', '/api/v1/assessments').length).toBeGreaterThan(1));
  });
});
