// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import type { CapacitySummary } from '../../../shared/contracts/capacities.ts';
import type { PivotResult, Response, ResponseImportResult } from '../../../shared/contracts/responses.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { adminUser, ids, importReport, organisation, page, partnerUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';

const coordinator: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000003', role: 'coordinator', csrfToken: 'csrf-coordinator' };
const recordId = '00000000-0000-4000-8000-0000000000f1';
const localityId = '00000000-0000-4000-8000-0000000000d1';

function record(overrides: Partial<Response> = {}): Response {
  return {
    id: recordId,
    period: '2026-03',
    organisation: { id: ids.nrc, acronym: 'NRC', name: 'Conseil norvégien pour les réfugiés' },
    implementingPartner: null,
    donor: 'ECHO',
    sector: 'secal',
    activity: 'Distribution de vivres',
    package: null,
    packageRef: null,
    deliveredValueXof: null,
    deliveredDurationMonths: null,
    missingComponents: [],
    locality: { id: localityId, name: 'Sévaré', pcode: 'ML050109007', adm1Pcode: 'ML05', adm1Name: 'Mopti', adm2Pcode: 'ML0501', adm2Name: 'Mopti', adm3Pcode: 'ML050109', adm3Name: 'Mopti Commune' },
    status: 'ongoing',
    startDate: '2026-03-02',
    endDate: null,
    populationGroup: 'idp',
    householdsTargeted: 400,
    householdsReached: 450,
    personsTargeted: null,
    personsReached: 2700,
    reachedBySexAge: { girls: null, boys: null, women: null, men: null, olderWomen: null, olderMen: null },
    modality: 'in_kind',
    budget: 12_500_000,
    currency: 'XOF',
    comments: null,
    alerts: [],
    warnings: [{ field: 'householdsReached', code: 'reached_above_targeted', params: { reached: 450, targeted: 400 } }],
    version: 3,
    createdAt: '2026-03-05T08:00:00.000Z',
    updatedAt: '2026-03-05T08:00:00.000Z',
    ...overrides,
  };
}

const reference = {
  'GET /api/v1/admin-areas': () => ({ body: page([{ pcode: 'ML05', name: 'Mopti', level: 1, parentPcode: null, parentName: null, edition: 'COD 2015', hasGeometry: false }]) }),
  'GET /api/v1/organisations': () => ({ body: page([organisation()]) }),
};

describe('5W matrix', () => {
  it('sends the URL filters to the API, flags records with warnings and exports the same view', async () => {
    const api = fakeApi({ ...meRoute(coordinator), ...reference, 'GET /api/v1/responses': () => ({ body: page([record()], 120) }) });
    await renderApp('/responses?sector=secal&period=2026-03');
    expect(await screen.findByText('120 résultats')).toBeTruthy();
    const query = api.calls('GET', '/api/v1/responses')[0]!.query;
    expect([query.get('sector'), query.get('period'), query.get('sort')]).toEqual(['secal', '2026-03', '-period']);
    const table = screen.getByRole('table', { name: 'Fiches de la matrice 5W' });
    expect(within(table).getByRole('link', { name: 'Distribution de vivres' }).getAttribute('href')).toBe(`/responses/${recordId}`);
    expect(within(table).getByText('Sécurité alimentaire')).toBeTruthy();
    expect(within(table).getByTitle('1 avertissement à vérifier')).toBeTruthy();
    const exported = new URL(screen.getByRole('link', { name: 'HXL (CSV)' }).getAttribute('href')!, 'http://relais.test');
    expect(exported.pathname).toBe('/api/v1/responses/export');
    expect([exported.searchParams.get('format'), exported.searchParams.get('sector'), exported.searchParams.get('period'), exported.searchParams.get('page')]).toEqual(['hxl', 'secal', '2026-03', null]);
  });

  it('checks a file, shows the refused rows, and imports once the file is clean', async () => {
    const report = (overrides: Partial<ResponseImportResult>): ResponseImportResult => ({
      ...importReport({
        sheet: '5W 2026-03',
        rows: 2,
        valid: 1,
        invalid: 1,
        errors: 1,
        issues: [
          {
            row: 4,
            column: 'localityName',
            header: 'Localité',
            value: 'Sevarre',
            code: 'place_did_you_mean',
            params: { value: 'Sevarre' },
            severity: 'error',
            message: 'Lieu inconnu : « Sevarre ». Vouliez-vous dire « Sévaré » ?',
            suggestions: ['Sévaré'],
          },
        ],
        plan: { create: 1, update: 0, unchanged: 0, refused: 1 },
        outcomes: [],
        canCommit: false,
      }),
      dryRun: true,
      committed: false,
      ...overrides,
    });
    let clean = false;
    const api = fakeApi({
      ...meRoute(partnerUser),
      ...reference,
      'GET /api/v1/responses': () => ({ body: page([record()]) }),
      'GET /api/v1/import-progress/:key': () => ({ body: { stage: 'reading', rowsRead: 1000, rowsWritten: 0, fraction: null } }),
      'POST /api/v1/responses/import': (request) => {
        const dryRun = request.query.get('dryRun') === 'true';
        if (!clean) return { body: report({}) };
        return { body: report({ valid: 2, invalid: 0, errors: 0, issues: [], canCommit: true, plan: { create: 2, update: 0, unchanged: 0, refused: 0 }, dryRun, committed: !dryRun }) };
      },
    });
    await renderApp('/responses');
    fireEvent.click(await screen.findByRole('button', { name: 'Modèle Excel et import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rapport 5W mensuel\u202f: modèle Excel et import' });
    // A partner's template is its own organisation's: no organisation to choose.
    expect(within(dialog).queryByLabelText('Organisation')).toBeNull();
    const template = new URL(within(dialog).getByRole('link', { name: 'Télécharger le modèle (.xlsx)' }).getAttribute('href')!, 'http://relais.test');
    expect(template.pathname).toBe('/api/v1/responses/template');
    fireEvent.change(within(dialog).getByLabelText('Mois du rapport'), { target: { value: '2026-03' } });

    const file = new File(['x'], '5W-NRC-2026-03.xlsx');
    fireEvent.change(within(dialog).getByLabelText('Fichier'), { target: { files: [file] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    expect(await within(dialog).findByText(/1 ligne est refusée/)).toBeTruthy();
    expect(within(dialog).getByText('Lieu inconnu : « Sevarre ». Vouliez-vous dire « Sévaré » ?')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Importer/ })).toBeNull();
    const sent = api.calls('POST', '/api/v1/responses/import')[0]!;
    expect([sent.query.get('dryRun'), sent.query.get('period'), sent.query.get('organisationId')]).toEqual(['true', '2026-03', null]);
    expect(sent.query.get('progressKey')).toMatch(/^import-/);

    clean = true;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 2 lignes' }));
    // The text matcher compares with whitespace collapsed: the narrow no-break space reads as a space.
    expect(await within(dialog).findByText('Import terminé (créations : 2, mises à jour : 0, lignes inchangées : 0).')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/responses/import').at(-1)!.query.get('dryRun')).toBe('false');
  });

  it('warns while typing that more households are reached than targeted, and sends the record', async () => {
    const api = fakeApi({
      ...meRoute(partnerUser),
      ...reference,
      'GET /api/v1/alerts': () => ({ body: { ...page([]), summary: { households: 0, persons: 0, localities: 0 } } }),
      'GET /api/v1/localities': () => ({
        body: page([{ id: localityId, name: 'Sévaré', pcode: 'ML050109007', kind: 'village', adm1Pcode: 'ML05', adm1Name: 'Mopti', adm2Pcode: 'ML0501', adm2Name: 'Mopti', adm3Pcode: 'ML050109', adm3Name: 'Mopti Commune', lat: null, lon: null, version: 1 }]),
      }),
      'POST /api/v1/responses': () => ({ status: 201, body: record() }),
      [`GET /api/v1/responses/${recordId}`]: () => ({ body: record() }),
    });
    await renderApp('/responses/new');
    await screen.findByRole('heading', { name: 'Nouvelle fiche 5W' });
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));
    expect((await screen.findAllByText('Ce champ est obligatoire.')).length).toBeGreaterThan(0);
    expect(api.calls('POST', '/api/v1/responses')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Secteur'), { target: { value: 'secal' } });
    fireEvent.change(screen.getByLabelText('Activité'), { target: { value: 'Distribution de vivres' } });
    fireEvent.change(screen.getByLabelText('Statut'), { target: { value: 'ongoing' } });
    fireEvent.change(screen.getByLabelText('Mois de rapportage'), { target: { value: '2026-03' } });
    fireEvent.change(screen.getByLabelText('Date de début'), { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText('Ménages ciblés'), { target: { value: '400' } });
    fireEvent.change(screen.getByLabelText('Ménages atteints'), { target: { value: '1 450' } });
    // Import-report wording, shared with the server: plain spaces.
    expect(await screen.findByText('1450 atteints pour 400 ciblés : vérifiez le chiffre (la ligne est acceptée).')).toBeTruthy();

    const place = screen.getByRole('combobox', { name: 'Localité' });
    fireEvent.change(place, { target: { value: 'Sévaré' } });
    fireEvent.click(await screen.findByRole('option', { name: /Sévaré/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));
    await waitFor(() => expect(api.calls('POST', '/api/v1/responses')).toHaveLength(1));
    expect(api.calls('POST', '/api/v1/responses')[0]!.body).toMatchObject({
      period: '2026-03',
      organisationId: ids.nrc,
      sector: 'secal',
      localityId,
      householdsTargeted: 400,
      householdsReached: 1450,
      currency: 'XOF',
      populationGroup: 'idp',
    });
  });
});

describe('5W record', () => {
  it('shows a saved budget as it was typed (4 500 000,50) and sends it back unchanged', async () => {
    const saved = record({ budget: 4_500_000.5, householdsReached: 380 });
    const api = fakeApi({
      ...meRoute(partnerUser),
      ...reference,
      'GET /api/v1/alerts': () => ({ body: { ...page([]), summary: { households: 0, persons: 0, localities: 0 } } }),
      [`GET /api/v1/responses/${recordId}`]: () => ({ body: saved }),
      [`PATCH /api/v1/responses/${recordId}`]: () => ({ body: saved }),
      'GET /api/v1/audit': () => ({ body: page([]) }),
    });
    await renderApp(`/responses/${recordId}`);
    const budget = (await screen.findByLabelText<HTMLInputElement>('Budget'));
    expect(budget.value).toBe('4\u202f500\u202f000,50');
    expect((screen.getByLabelText<HTMLInputElement>('Ménages ciblés')).value).toBe('400');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(api.calls('PATCH', `/api/v1/responses/${recordId}`)).toHaveLength(1));
    expect(api.calls('PATCH', `/api/v1/responses/${recordId}`)[0]!.body).toMatchObject({ budget: 4_500_000.5, householdsTargeted: 400, version: 3 });
  });

  it("shows a partner another organisation's record in full, read-only, with no form and no delete button", async () => {
    const irc = { id: '00000000-0000-4000-8000-0000000000a3', acronym: 'IRC', name: 'International Rescue Committee' };
    const foreign = record({ organisation: irc, budget: 4_500_000.5, implementingPartner: 'AMSS', comments: 'Deuxième distribution en avril.', alerts: [{ id: '00000000-0000-4000-8000-0000000000e1', code: 'ALR-2026-0003' }] });
    fakeApi({ ...meRoute(partnerUser), ...reference, [`GET /api/v1/responses/${recordId}`]: () => ({ body: foreign }), 'GET /api/v1/audit': () => ({ body: page([]) }) });
    await renderApp(`/responses/${recordId}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'IRC — Sécurité alimentaire — Sévaré' })).toBeTruthy();
    expect(screen.getByText(/^Fiche d’une autre organisation ou région\s: en lecture seule\.$/)).toBeTruthy();
    const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
    expect(fact('Organisation')).toBe('IRC — International Rescue Committee');
    expect(fact('Partenaire de mise en œuvre')).toBe('AMSS');
    expect(fact('Bailleur')).toBe('ECHO');
    expect(fact('Activité')).toBe('Distribution de vivres');
    expect(fact('Ménages ciblés')).toBe('400');
    expect(fact('Personnes atteintes')).toBe('2\u202f700');
    expect(fact('Budget')).toBe('4\u202f500\u202f000,50 XOF');
    expect(fact('Commentaires')).toBe('Deuxième distribution en avril.');
    expect(screen.getByRole('link', { name: 'ALR-2026-0003' }).getAttribute('href')).toBe('/alerts/00000000-0000-4000-8000-0000000000e1');
    expect(screen.getByRole('link', { name: 'Sévaré' }).getAttribute('href')).toBe(`/localities/${localityId}`);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Enregistrer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Supprimer la fiche' })).toBeNull();
  });
});

describe('5W pivot', () => {
  it('shows the totals the server computed, not the sum of the cells', async () => {
    const figures = (actors: number, records: number, householdsTargeted: number, householdsReached: number) => ({ actors, records, householdsTargeted, householdsReached });
    const result: PivotResult = {
      rows: 'sector',
      cols: 'adm1',
      rowHeaders: [
        { key: 'secal', label: 'Sécurité alimentaire' },
        { key: 'eha', label: 'EHA (eau, hygiène, assainissement)' },
      ],
      colHeaders: [{ key: 'ML05', label: 'Mopti' }],
      cells: [
        { row: 'secal', col: 'ML05', ...figures(2, 3, 600, 550) },
        { row: 'eha', col: 'ML05', ...figures(2, 2, 600, 550) },
      ],
      rowTotals: [
        { row: 'secal', ...figures(2, 3, 600, 550) },
        { row: 'eha', ...figures(2, 2, 600, 550) },
      ],
      colTotals: [{ col: 'ML05', ...figures(2, 5, 700, 650) }],
      total: figures(2, 5, 700, 650),
    };
    const api = fakeApi({ ...meRoute(coordinator), ...reference, 'GET /api/v1/responses/pivot': () => ({ body: result }) });
    const { location } = await renderApp('/responses/pivot?periodFrom=2026-01');
    const table = await screen.findByRole('table', { name: 'Matrice 5W par Secteur et Région' });
    const total = within(table).getAllByRole('row').at(-1)!;
    expect(within(total).getAllByRole('cell').map((c) => c.textContent)).toEqual(['650', '650']);
    expect(api.calls('GET', '/api/v1/responses/pivot')[0]!.query.get('periodFrom')).toBe('2026-01');
    fireEvent.change(screen.getByLabelText('En lignes'), { target: { value: 'organisation' } });
    await waitFor(() => expect(location.current).toBe('/responses/pivot?periodFrom=2026-01&rows=organisation'));
    await waitFor(() => expect(api.calls('GET', '/api/v1/responses/pivot').at(-1)!.query.get('rows')).toBe('organisation'));
  });
});

describe('capacities', () => {
  it('summarises capacity by region with sectors side by side', async () => {
    const summary: CapacitySummary = {
      period: '2026-03',
      regions: [
        {
          pcode: 'ML05',
          name: 'Mopti',
          sectors: [{ sector: 'abris_ame', organisations: 2, households: 780, byFunding: { funded: 500, partially_funded: 280, pipeline: 0, unfunded: 0 } }],
        },
      ],
    };
    fakeApi({
      ...meRoute(coordinator),
      ...reference,
      'GET /api/v1/capacities/summary': () => ({ body: summary }),
      'GET /api/v1/capacities': () => ({ body: page([]) }),
    });
    await renderApp('/capacities?period=2026-03');
    const table = await screen.findByRole('table', { name: 'Capacité par région et par secteur' });
    const mopti = await within(table).findByRole('row', { name: /Mopti/ });
    expect(within(mopti).getByText('2 organisations')).toBeTruthy();
    expect(mopti.textContent).toContain('780');
    expect(await screen.findByText('Aucune capacité déclarée pour ces filtres.')).toBeTruthy();
  });

  it("gives a donor the summary with the month and sector only: no organisation, region or funding filter, no request for the records", async () => {
    const viewer: CurrentUser = { ...coordinator, id: '00000000-0000-4000-8000-000000000009', role: 'viewer', organisationId: null, csrfToken: 'csrf-viewer' };
    const summary: CapacitySummary = { period: '2026-03', regions: [{ pcode: 'ML05', name: 'Mopti', sectors: [{ sector: 'eha', organisations: 3, households: 679, byFunding: { funded: 679, partially_funded: 0, pipeline: 0, unfunded: 0 } }] }] };
    const api = fakeApi({ ...meRoute(viewer), ...reference, 'GET /api/v1/capacities/summary': () => ({ body: summary }) });
    await renderApp('/capacities?period=2026-03');
    const table = await screen.findByRole('table', { name: 'Capacité par région et par secteur' });
    expect(await within(table).findByText('3 organisations')).toBeTruthy();
    const filters = screen.getByRole('search');
    expect(within(filters).getAllByRole('combobox').map((select) => (select as HTMLSelectElement).labels[0]!.textContent)).toEqual(['Secteur']);
    expect(within(filters).getByLabelText('Mois')).toBeTruthy();
    expect(api.calls('GET', '/api/v1/capacities')).toEqual([]);
  });
});
