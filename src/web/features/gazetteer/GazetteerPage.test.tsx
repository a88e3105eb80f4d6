// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import type { AdminArea, GazetteerImportResult, Locality } from '../../../shared/contracts/gazetteer.ts';
import { adminUser, page, partnerUser } from '../../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';

const coordinatorUser: CurrentUser = { ...adminUser, id: '00000000-0000-4000-8000-000000000003', email: 'coordinator@demo.relais', role: 'coordinator' };

function report(overrides: Partial<GazetteerImportResult> = {}): GazetteerImportResult {
  return {
    kind: 'communes',
    level: null,
    edition: 'COD 2015',
    fileName: 'communes.csv',
    dryRun: true,
    rows: 701,
    created: 668,
    updated: 0,
    unchanged: 33,
    parentsCreated: 0,
    located: 0,
    mapping: { adm3_pcode: 'adm3_pcode', adm3_name: 'adm3_name' },
    errorCount: 0,
    errors: [],
    durationMs: 120,
    ...overrides,
  };
}

const mopti: AdminArea = { pcode: 'ML0501', name: 'Mopti', level: 2, parentPcode: 'ML05', parentName: 'Mopti', edition: 'COD 2015', hasGeometry: true, bbox: [-4.6, 14, -3.6, 15] };
const sevare: Locality = {
  id: '00000000-0000-4000-8000-0000000000c1',
  name: 'Sévaré',
  pcode: 'ML050109007',
  kind: 'village',
  adm1Pcode: 'ML05',
  adm1Name: 'Mopti',
  adm2Pcode: 'ML0501',
  adm2Name: 'Mopti',
  adm3Pcode: 'ML050109',
  adm3Name: 'Mopti Commune',
  lat: 14.52457,
  lon: -4.09469,
  version: 1,
};
const lists = {
  'GET /api/v1/admin-areas': () => ({ body: page([mopti]) }),
  'GET /api/v1/localities': () => ({ body: page([sevare]) }),
};

function chooseFile(name: string, content: string) {
  fireEvent.change(screen.getByLabelText('Fichier'), { target: { files: [new File([content], name, { type: 'text/csv' })] } });
}

describe('gazetteer page', () => {
  it('checks a file with a dry run, then imports it on confirmation', async () => {
    const api = fakeApi({
      ...meRoute(adminUser),
      ...lists,
      'POST /api/v1/gazetteer/import': (request) => ({ body: report({ dryRun: request.query.get('dryRun') === 'true', created: 668 }) }),
    });
    await renderApp('/admin/gazetteer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Référentiel géographique' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type de fichier'), { target: { value: 'communes' } });
    expect(screen.queryByLabelText('Niveau administratif')).toBeNull();
    chooseFile('communes.csv', 'adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name\n');
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier' }));

    expect(await screen.findByText(/Fichier vérifié/)).toBeTruthy();
    const [dryRun] = api.calls('POST', '/api/v1/gazetteer/import');
    expect(Object.fromEntries(dryRun!.query)).toEqual({ kind: 'communes', edition: 'COD 2015', dryRun: 'true' });
    expect(((dryRun!.body as FormData).get('file') as File).name).toBe('communes.csv');
    expect(dryRun!.headers.get('x-csrf-token')).toBe('csrf-admin');
    const summary = screen.getByRole('region', { name: 'Bilan de l’import' });
    expect(within(summary).getByText('Créées').nextElementSibling?.textContent).toBe('668');

    fireEvent.click(screen.getByRole('button', { name: 'Importer' }));
    expect(await screen.findByText('Import de « communes.csv » terminé.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/gazetteer/import')[1]!.query.get('dryRun')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Importer' })).toBeNull();
  });

  it('shows a refused file row by row, with the level and property names sent for boundaries', async () => {
    const refused = report({
      kind: 'boundaries',
      level: 2,
      rows: 3,
      created: 0,
      unchanged: 0,
      errorCount: 2,
      errors: [
        { row: 2, column: 'ADM1_PCODE', code: 'parent_unknown', message: 'Parent inconnu.', value: 'ML99' },
        { row: 3, column: 'geometry', code: 'geometry_invalid', message: 'Géométrie invalide.', value: 'Point' },
      ],
    });
    const api = fakeApi({
      ...meRoute(adminUser),
      ...lists,
      'POST /api/v1/gazetteer/import': () => problem(422, 'import_invalid', "Le fichier n'a pas été importé.", { report: refused }),
    });
    await renderApp('/admin/gazetteer');
    fireEvent.change(await screen.findByLabelText('Niveau administratif'), { target: { value: '2' } });
    fireEvent.change(screen.getByLabelText('Propriété du code P'), { target: { value: 'CODE' } });
    chooseFile('cercles.geojson', '{}');
    fireEvent.click(screen.getByRole('button', { name: 'Vérifier le fichier' }));

    const table = await screen.findByRole('table', { name: 'Erreurs ligne par ligne' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['2', 'ADM1_PCODE', 'ML99', 'Parent inconnu.'],
      ['3', 'geometry', 'Point', 'Géométrie invalide.'],
    ]);
    expect(screen.getByText("Le fichier n'a pas été importé.")).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Importer' })).toBeNull();
    const query = Object.fromEntries(api.calls('POST', '/api/v1/gazetteer/import')[0]!.query);
    expect(query).toMatchObject({ kind: 'boundaries', level: '2', pcodeProperty: 'CODE', dryRun: 'true' });
    expect(query).not.toHaveProperty('nameProperty');
  });

  it('searches localities within an admin area, keeping the filters in the URL', async () => {
    const api = fakeApi({ ...meRoute(adminUser), ...lists });
    const { location } = await renderApp('/admin/gazetteer');
    expect(await screen.findByRole('table', { name: 'Unités administratives du référentiel' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Afficher'), { target: { value: 'localities' } });
    const search = await screen.findByLabelText('Nom ou code P');
    fireEvent.change(search, { target: { value: 'sevare' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Dans l’unité'), { target: { value: 'ml0501' } });
    fireEvent.keyDown(screen.getByLabelText('Dans l’unité'), { key: 'Enter' });

    await waitFor(() => expect(location.current).toBe('/admin/gazetteer?view=localities&q=sevare&adm=ML0501'));
    const table = await screen.findByRole('table', { name: 'Localités du référentiel' });
    expect(within(table).getByText('Sévaré')).toBeTruthy();
    expect(within(table).getByText('Mopti Commune')).toBeTruthy();
    const last = api.calls('GET', '/api/v1/localities').at(-1)!;
    expect([last.query.get('q'), last.query.get('adm')]).toEqual(['sevare', 'ML0501']);
  });

  it('opens the gazetteer for a coordinator, whose only administration section it is', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...lists });
    const { location } = await renderApp('/admin');
    expect(await screen.findByRole('heading', { level: 1, name: 'Référentiel géographique' })).toBeTruthy();
    expect(location.current).toBe('/admin/gazetteer');
    const tabs = screen.getByRole('navigation', { name: 'Sections de l’administration' });
    expect(within(tabs).getAllByRole('link').map((a) => a.textContent)).toEqual(['Référentiel géographique']);
  });

  it('refuses the page to a partner', async () => {
    fakeApi({ ...meRoute(partnerUser), ...lists });
    await renderApp('/admin/gazetteer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Accès réservé' })).toBeTruthy();
    expect(screen.queryByLabelText('Fichier')).toBeNull();
  });
});
