// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Alert, AlertTransitionInput } from '../../../shared/contracts/alerts.ts';
import type { Locality } from '../../../shared/contracts/gazetteer.ts';
import type { HarmonisedPackage } from '../../../shared/contracts/packages.ts';
import { ids, organisation, page, partnerUser } from '../../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';
import { alert, alertIds, alertPage, coordinatorUser, rrmResponse, sevare, viewerUser } from './alert-fixtures.ts';

type Routes = Parameters<typeof fakeApi>[0];

/** French typography as the UI writes it: a narrow no-break space inside « » and before : ; ? ! */
const nb = (text: string) => text.replace(/« /g, '«\u202f').replace(/ ([»:;?!])/g, '\u202f$1');

const reference: Routes = {
  'GET /api/v1/admin-areas': () => ({ body: alertPage([]) }),
  'GET /api/v1/organisations': () => ({ body: page([organisation()]) }),
};

function alertPageRoutes(current: () => Alert, extra: Routes = {}): Routes {
  return {
    ...reference,
    [`GET /api/v1/alerts/${alertIds.alert}`]: () => ({ body: current() }),
    [`GET /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ body: { items: [] } }),
    ...extra,
  };
}

describe('alert list', () => {
  it('sends the URL filters to the API and toggles the "RRM ends within 30 days" ready filter', async () => {
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...reference,
      'GET /api/v1/alerts': (request) =>
        request.query.get('rrmEndsWithinDays') === '30'
          ? { body: alertPage([alert({ status: 'validated', continuum: { ...alert().continuum, phase: 'rrm', rrmDaysLeft: 12 } })]) }
          : { body: alertPage([alert()], 40) },
    });
    const { location } = await renderApp('/alerts?phase=alerte&status=verified');
    expect(await screen.findByText('40 résultats')).toBeTruthy();
    const first = api.calls('GET', '/api/v1/alerts')[0]!;
    expect(first.query.get('phase')).toBe('alerte');
    expect(first.query.get('status')).toBe('verified');
    expect(first.query.get('sort')).toBe('-alertDate');

    const table = screen.getByRole('table', { name: 'Alertes enregistrées' });
    expect(within(table).getByRole('link', { name: 'ALR-2026-0042' }).getAttribute('href')).toBe(`/alerts/${alertIds.alert}`);
    expect(within(table).getByRole('link', { name: 'Sévaré' }).getAttribute('href')).toBe(`/localities/${alertIds.locality}`);
    expect(within(table).getByText('Vérifiée')).toBeTruthy();
    // At the alert stage the RRM has not started: no countdown to its end.
    expect(within(table).queryByText(/Fin du RRM/)).toBeNull();

    const chip = screen.getByRole('button', { name: 'RRM se termine dans 30 jours' });
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(chip);
    expect(await screen.findByText('1 résultat')).toBeTruthy();
    expect(location.current).toBe('/alerts?phase=alerte&status=verified&rrmEndsWithinDays=30');
    expect(screen.getByRole('button', { name: 'RRM se termine dans 30 jours' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('Fin du RRM dans 12 jours')).toBeTruthy();
    // The export follows the filters of the list on screen.
    const xlsx = screen.getByRole('link', { name: 'Excel (XLSX)' }).getAttribute('href')!;
    const exported = new URL(xlsx, 'http://relais.test');
    expect(exported.pathname).toBe('/api/v1/alerts/export');
    expect([...exported.searchParams.entries()].sort()).toEqual(
      [
        ['format', 'xlsx'],
        // The file comes in the interface's language, whatever the browser's own.
        ['lang', 'fr'],
        ['phase', 'alerte'],
        ['rrmEndsWithinDays', '30'],
        ['sort', '-alertDate'],
        ['status', 'verified'],
      ].sort(),
    );
  });

  it('invites a coordinator to record the first alert, and only a coordinator', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...reference, 'GET /api/v1/alerts': () => ({ body: alertPage([]) }) });
    await renderApp('/alerts');
    expect(await screen.findByRole('heading', { name: 'Aucune alerte enregistrée' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Enregistrer la première alerte' }).getAttribute('href')).toBe('/alerts/new');
  });

  it('shows a read-only list to a viewer: no creation, no import', async () => {
    fakeApi({ ...meRoute(viewerUser), ...reference, 'GET /api/v1/alerts': () => ({ body: alertPage([]) }) });
    await renderApp('/alerts');
    expect(await screen.findByRole('heading', { name: 'Aucune alerte enregistrée' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Enregistrer la première alerte' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Nouvelle alerte' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Importer' })).toBeNull();
  });

  it('checks an import file first, shows the refusals row by row, and imports only a clean file', async () => {
    const report = (dryRun: boolean, invalid: number) => ({
      format: 'csv',
      sheet: null,
      encoding: 'utf-8',
      delimiter: ';',
      headerRow: 1,
      hxlRow: 2,
      columns: [{ key: 'shockType', position: 2, letter: 'B', header: 'Type de choc', hxl: '#event+type', matchedBy: 'header' }],
      unknownColumns: [],
      missingRequiredColumns: [],
      rows: 2,
      valid: 2 - invalid,
      invalid,
      errors: invalid,
      warnings: 0,
      issues: invalid
        ? [{ row: 4, column: 'shockType', header: 'Type de choc', value: 'Inondations?', code: 'enum_unknown', params: {}, severity: 'error', message: 'Valeur inconnue.', suggestions: ['Inondation'] }]
        : [],
      issuesTruncated: false,
      plan: { create: 2 - invalid, update: 0, unchanged: 0, refused: invalid },
      outcomes: [
        { row: 3, action: 'create', id: null, label: 'Sévaré' },
        { row: 4, action: invalid ? 'refused' : 'create', id: null, label: 'Bankass' },
      ],
      outcomesTruncated: false,
      canCommit: invalid === 0,
      dryRun,
      committed: !dryRun,
    });
    let fixed = false;
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...reference,
      'GET /api/v1/alerts': () => ({ body: alertPage([alert()]) }),
      'POST /api/v1/alerts/import': (request) => ({ body: report(request.query.get('dryRun') === 'true', fixed ? 0 : 1) }),
    });
    await renderApp('/alerts');
    fireEvent.click(await screen.findByRole('button', { name: 'Importer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Importer une matrice d’alertes' });
    const input = within(dialog).getByLabelText<HTMLInputElement>('Fichier');
    fireEvent.change(input, { target: { files: [new File(['a;b'], 'alertes.csv', { type: 'text/csv' })] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));

    expect(await within(dialog).findByText(/1 ligne est refusée/)).toBeTruthy();
    const issues = within(dialog).getByRole('table', { name: 'Problèmes ligne par ligne' });
    expect(within(issues).getByText('Valeur inconnue.')).toBeTruthy();
    expect(within(issues).getByText('Inondations?')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: /Importer les/ })).toBeNull();

    fixed = true;
    fireEvent.change(input, { target: { files: [new File(['a;b'], 'alertes-corrigees.csv', { type: 'text/csv' })] } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Vérifier le fichier' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: 'Importer les 2 lignes' }));
    await waitFor(() => expect(api.calls('POST', '/api/v1/alerts/import')).toHaveLength(3));
    // Text queries collapse the narrow no-break spaces; accessible names keep them.
    expect(await within(dialog).findByText('Import terminé (créations : 2, mises à jour : 0, lignes inchangées : 0).')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/alerts/import').map((r) => r.query.get('dryRun'))).toEqual(['true', 'true', 'false']);
  });
});

describe('alert workflow', () => {
  it('offers only the legal next statuses', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...alertPageRoutes(() => alert({ status: 'verified' })) });
    await renderApp(`/alerts/${alertIds.alert}`);
    const actions = await screen.findByRole('group', { name: 'Changer le statut' });
    expect(within(actions).getAllByRole('button').map((b) => b.textContent)).toEqual([nb('Passer à « Évaluée (ESM) »'), 'Rejeter l’alerte']);
    const current = screen.getByRole('listitem', { current: 'step' });
    expect(current.textContent).toContain('Vérifiée');
  });

  it('keeps "RRM response" out of reach until a response is recorded, and rejection out of a validated alert', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...alertPageRoutes(() => alert({ status: 'validated', validatedAt: '2026-09-10T10:00:00.000Z' })) });
    await renderApp(`/alerts/${alertIds.alert}`);
    const actions = await screen.findByRole('group', { name: 'Changer le statut' });
    const buttons = within(actions).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual([nb('Passer à « Réponse RRM »'), nb('Passer à « Clôturée »')]);
    expect((buttons[0] as HTMLButtonElement).disabled).toBe(true);
    expect((buttons[1] as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/Enregistrez au moins une réponse RRM/)).toBeTruthy();
  });

  it('dates each step taken, and keeps "assessed" out of reach until the MSA is recorded', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...alertPageRoutes(() => alert({ status: 'verified', msaFindings: [] })) });
    await renderApp(`/alerts/${alertIds.alert}`);
    const actions = await screen.findByRole('group', { name: 'Changer le statut' });
    const assess = within(actions).getByRole<HTMLButtonElement>('button', { name: nb('Passer à « Évaluée (ESM) »') });
    expect(assess.disabled).toBe(true);
    expect(document.getElementById(assess.getAttribute('aria-describedby')!)!.textContent).toContain('Enregistrez d’abord les résultats de l’évaluation multisectorielle'.replaceAll('’', "'"));
    const steps = screen.getAllByRole('listitem').filter((li) => li.closest('.workflow-steps'));
    expect(steps[0]!.textContent).toContain('4 sept. 2026');
    expect(steps[1]!.textContent).toContain('5 sept. 2026');
  });

  it('shows the day the MSA was recorded, and offers validation once it is', async () => {
    const findings = [{ sector: 'sante' as const, need: false, householdsInNeed: null, severity: null, remarks: null }];
    fakeApi({ ...meRoute(coordinatorUser), ...alertPageRoutes(() => alert({ status: 'assessed', assessedAt: '2026-09-08T09:00:00.000Z', msaFindings: findings })) });
    await renderApp(`/alerts/${alertIds.alert}`);
    const actions = await screen.findByRole('group', { name: 'Changer le statut' });
    expect(within(actions).getByRole<HTMLButtonElement>('button', { name: nb('Passer à « Validée »') }).disabled).toBe(false);
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain('8 sept. 2026');
  });

  it('gives no countdown to the end of an RRM that has not started', async () => {
    fakeApi({ ...meRoute(coordinatorUser), ...alertPageRoutes(() => alert({ status: 'verified' })) });
    await renderApp(`/alerts/${alertIds.alert}`);
    const continuum = (await screen.findByRole('heading', { name: 'Continuum' })).closest('section')!;
    expect(continuum.textContent).toContain('la réponse RRM n’a pas commencé');
    expect(continuum.textContent).not.toMatch(/encore \d+ jours/);
    expect(screen.queryByText(/Fin du RRM dans/)).toBeNull();
  });

  it('shows no workflow action to a viewer', async () => {
    fakeApi({ ...meRoute(viewerUser), ...alertPageRoutes(() => alert()) });
    await renderApp(`/alerts/${alertIds.alert}`);
    expect(await screen.findByRole('heading', { name: 'Circuit de l’alerte' })).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Changer le statut' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Modifier l’alerte' })).toBeNull();
  });

  it('refuses to reject without a reason, then rejects with it', async () => {
    let current = alert({ status: 'reported' });
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...alertPageRoutes(() => current, {
        [`POST /api/v1/alerts/${alertIds.alert}/transitions`]: (request) => {
          const body = request.body as AlertTransitionInput;
          current = { ...current, status: body.to, rejectionReason: body.reason ?? null, rejectedAt: '2026-09-06T09:00:00.000Z', version: current.version + 1, continuum: { ...current.continuum, phase: null } };
          return { body: current };
        },
      }),
    });
    await renderApp(`/alerts/${alertIds.alert}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Rejeter l’alerte' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rejeter l’alerte ALR-2026-0042' });
    const reason = within(dialog).getByLabelText('Motif du rejet');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Rejeter l’alerte' }));
    expect(await within(dialog).findByText('Indiquez le motif du rejet.')).toBeTruthy();
    expect(document.activeElement).toBe(reason);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(api.calls('POST', `/api/v1/alerts/${alertIds.alert}/transitions`)).toHaveLength(0);

    fireEvent.change(reason, { target: { value: 'Doublon de ALR-2026-0040' } });
    fireEvent.submit(reason.closest('form')!);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.calls('POST', `/api/v1/alerts/${alertIds.alert}/transitions`)[0]?.body).toEqual({ to: 'rejected', reason: 'Doublon de ALR-2026-0040', version: 3 });
    expect(await screen.findByText('Doublon de ALR-2026-0040')).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Changer le statut' })).toBeNull();
  });
});

function locality(): Locality {
  return { ...sevare, kind: 'town', lat: 14.5, lon: -4.1, version: 1 };
}

describe('alert form', () => {
  it('refuses a shock after its alert, then records the alert with its MSA findings', async () => {
    let created: Alert | undefined;
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...reference,
      'GET /api/v1/localities': (request) => ({ body: page(request.query.get('q') === 'sev' ? [locality()] : []) }),
      'POST /api/v1/alerts': () => {
        created = alert({ status: 'reported' });
        return { status: 201, body: created };
      },
      [`GET /api/v1/alerts/${alertIds.alert}`]: () => ({ body: created }),
      [`GET /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ body: { items: [] } }),
    });
    await renderApp('/alerts/new');
    fireEvent.change(await screen.findByLabelText('Type de choc'), { target: { value: 'flood' } });
    fireEvent.change(screen.getByLabelText('Date du choc'), { target: { value: '2026-09-10' } });
    fireEvent.change(screen.getByLabelText('Date de l’alerte'), { target: { value: '2026-09-04' } });
    fireEvent.change(screen.getByLabelText('Ménages déplacés'), { target: { value: '120' } });
    fireEvent.change(screen.getByLabelText('Personnes déplacées'), { target: { value: '640' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’alerte' }));

    expect(await screen.findByText("La date du choc ne peut pas être postérieure à la date de l'alerte.")).toBeTruthy();
    // The locality is still missing: the schema says so next to the picker.
    expect(screen.getByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/alerts')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Date du choc'), { target: { value: '2026-09-02' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Localité d’accueil' }), { target: { value: 'sev' } });
    fireEvent.click(await screen.findByRole('option', { name: /Sévaré/ }));
    fireEvent.change(screen.getByRole('combobox', { name: nb('Besoin : Abris / AME') }), { target: { value: 'yes' } });
    // "No need" is an answer of its own, worded as such.
    expect(screen.getByRole('combobox', { name: nb('Besoin : Santé') }).textContent).toContain('Aucun besoin');
    fireEvent.change(screen.getByLabelText(/^Ménages dans le besoin.*Abris \/ AME$/), { target: { value: '95' } });
    fireEvent.change(screen.getByLabelText(/^Sévérité.*Abris \/ AME$/), { target: { value: '4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer l’alerte' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'ALR-2026-0042' })).toBeTruthy();
    expect(screen.getByText('Alerte ALR-2026-0042 enregistrée.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/alerts')[0]?.body).toEqual({
      shockType: 'flood',
      shockDate: '2026-09-02',
      alertDate: '2026-09-04',
      hostLocalityId: alertIds.locality,
      originPcodes: [],
      originText: null,
      households: 120,
      persons: 640,
      populationGroup: 'idp',
      sourceOrganisationId: null,
      description: null,
      msaFindings: [{ sector: 'abris_ame', need: true, householdsInNeed: 95, severity: 4, remarks: null }],
    });
  });

  it('explains a concurrent change and saves again on the reloaded version', async () => {
    const theirs = alert({ households: 150, version: 4 });
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...reference,
      [`GET /api/v1/alerts/${alertIds.alert}`]: () => ({ body: alert() }),
      [`PATCH /api/v1/alerts/${alertIds.alert}`]: (request) =>
        (request.body as { version: number }).version === 3
          ? problem(409, 'version_conflict', 'Cet élément a été modifié par quelqu’un d’autre entre-temps.', { current: theirs })
          : { body: { ...theirs, version: 5 } },
      [`GET /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ body: { items: [] } }),
    });
    await renderApp(`/alerts/${alertIds.alert}/edit`);
    fireEvent.change(await screen.findByLabelText('Personnes déplacées'), { target: { value: '700' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Cet élément a été modifié par quelqu’un d’autre entre-temps.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Recharger' }));
    expect((screen.getByLabelText<HTMLInputElement>('Ménages déplacés')).value).toBe('150');
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ALR-2026-0042' })).toBeTruthy();
    expect(api.calls('PATCH', `/api/v1/alerts/${alertIds.alert}`).map((r) => (r.body as { version: number }).version)).toEqual([3, 4]);
  });
});

describe('RRM responses', () => {
  it('lets a partner change only its own organisation’s responses', async () => {
    const other = rrmResponse({ id: alertIds.rrmOther, organisation: { id: alertIds.acted, acronym: 'ACTED', name: 'Acted' }, sector: 'eha' });
    fakeApi({
      ...meRoute(partnerUser),
      ...alertPageRoutes(() => alert({ status: 'responded', rrmResponseCount: 2 }), {
        [`GET /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ body: { items: [rrmResponse(), other] } }),
      }),
    });
    await renderApp(`/alerts/${alertIds.alert}`);
    const table = await screen.findByRole('table', { name: 'Réponses RRM à l’alerte ALR-2026-0042' });
    const [, own, theirs] = within(table).getAllByRole('row');
    expect(within(own!).getByRole('button', { name: 'Modifier (NRC, Abris / AME)' })).toBeTruthy();
    expect(within(own!).getByRole('button', { name: 'Supprimer (NRC, Abris / AME)' })).toBeTruthy();
    expect(within(theirs!).queryByRole('button')).toBeNull();
    expect(screen.getByRole('button', { name: 'Ajouter une réponse RRM' })).toBeTruthy();
  });

  it('records a partner’s response for its own organisation, dates checked as the server does', async () => {
    const api = fakeApi({
      ...meRoute(partnerUser),
      ...alertPageRoutes(() => alert({ status: 'validated' }), {
        [`POST /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ status: 201, body: rrmResponse() }),
      }),
    });
    await renderApp(`/alerts/${alertIds.alert}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une réponse RRM' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nouvelle réponse RRM, alerte ALR-2026-0042' });
    expect(within(dialog).queryByRole('combobox', { name: 'Organisation' })).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('Secteur'), { target: { value: 'abris_ame' } });
    fireEvent.change(within(dialog).getByLabelText('Modalité'), { target: { value: 'in_kind' } });
    fireEvent.change(within(dialog).getByLabelText('Début'), { target: { value: '2026-09-20' } });
    fireEvent.change(within(dialog).getByLabelText('Fin'), { target: { value: '2026-09-15' } });
    fireEvent.change(within(dialog).getByLabelText('Ménages atteints'), { target: { value: '110' } });
    fireEvent.change(within(dialog).getByLabelText('Personnes atteintes'), { target: { value: '590' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await within(dialog).findByText('La date de fin ne peut pas précéder la date de début.')).toBeTruthy();
    expect(api.calls('POST', `/api/v1/alerts/${alertIds.alert}/rrm-responses`)).toHaveLength(0);

    fireEvent.change(within(dialog).getByLabelText('Fin'), { target: { value: '2026-10-05' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Réponse RRM enregistrée.')).toBeTruthy();
    expect(api.calls('POST', `/api/v1/alerts/${alertIds.alert}/rrm-responses`)[0]?.body).toEqual({
      organisationId: ids.nrc,
      sector: 'abris_ame',
      package: null,
      startDate: '2026-09-20',
      endDate: '2026-10-05',
      householdsReached: 110,
      personsReached: 590,
      modality: 'in_kind',
      // No harmonised package chosen: nothing to fall short of.
      packageId: null,
      deliveredValueXof: null,
      deliveredDurationMonths: null,
      missingComponents: [],
    });
  });

  it('names the harmonised package a response delivers and records what it gave short of it', async () => {
    const kitId = '00000000-0000-4000-8000-0000000000c1';
    const kit: HarmonisedPackage = {
      id: kitId,
      seriesId: kitId,
      sector: 'abris_ame',
      name: 'Kit AME standard',
      revision: 2,
      phase: 'rrm',
      status: 'endorsed',
      references: null,
      endorsement: { by: 'cluster', on: '2026-03-10', decision: null, recordedBy: null },
      proposedAt: null,
      supersededAt: null,
      author: null,
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-10T08:00:00.000Z',
      version: 3,
      can: { edit: false, propose: false, endorse: false, revise: false },
      modality: 'in_kind',
      components: [
        { item: 'Bâche', quantity: 2, unit: 'pièces' },
        { item: 'Natte', quantity: 2, unit: 'pièces' },
      ],
      transferValueXof: 45_000,
      recurring: false,
      durationMonths: null,
      frequency: 'once',
      targeting: null,
    };
    const saved = rrmResponse({ packageRef: { id: kitId, name: kit.name, revision: 2 }, deliveredValueXof: 30_000, missingComponents: ['Natte'] });
    const api = fakeApi({
      ...meRoute(partnerUser),
      ...alertPageRoutes(() => alert({ status: 'validated' }), {
        'GET /api/v1/packages': (request) => ({ body: page(request.query.get('sector') === 'abris_ame' ? [kit] : []) }),
        [`POST /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({ status: 201, body: saved }),
      }),
    });
    await renderApp(`/alerts/${alertIds.alert}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Ajouter une réponse RRM' }));
    const dialog = await screen.findByRole('dialog', { name: 'Nouvelle réponse RRM, alerte ALR-2026-0042' });
    fireEvent.change(within(dialog).getByLabelText('Secteur'), { target: { value: 'abris_ame' } });
    const packageSelect = await within(dialog).findByRole('combobox', { name: /Paquet harmonisé livré/ });
    fireEvent.change(packageSelect, { target: { value: kitId } });
    fireEvent.change(within(dialog).getByLabelText(/Valeur remise par ménage/), { target: { value: '30 000' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Natte' }));
    fireEvent.change(within(dialog).getByLabelText('Modalité'), { target: { value: 'in_kind' } });
    fireEvent.change(within(dialog).getByLabelText('Début'), { target: { value: '2026-09-20' } });
    fireEvent.change(within(dialog).getByLabelText('Fin'), { target: { value: '2026-10-05' } });
    fireEvent.change(within(dialog).getByLabelText('Ménages atteints'), { target: { value: '110' } });
    fireEvent.change(within(dialog).getByLabelText('Personnes atteintes'), { target: { value: '590' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Réponse RRM enregistrée.')).toBeTruthy();
    expect(api.calls('POST', `/api/v1/alerts/${alertIds.alert}/rrm-responses`)[0]?.body).toMatchObject({
      sector: 'abris_ame',
      packageId: kitId,
      deliveredValueXof: 30_000,
      deliveredDurationMonths: null,
      missingComponents: ['Natte'],
    });
  });

  it('shows the package a response delivered in the list', async () => {
    fakeApi({
      ...meRoute(partnerUser),
      ...alertPageRoutes(() => alert({ status: 'responded', rrmResponseCount: 1 }), {
        [`GET /api/v1/alerts/${alertIds.alert}/rrm-responses`]: () => ({
          body: {
            items: [
              rrmResponse({
                packageRef: { id: '00000000-0000-4000-8000-0000000000c1', name: 'Kit AME standard', revision: 2 },
                deliveredValueXof: 30_000,
                missingComponents: ['Natte'],
              }),
            ],
          },
        }),
      }),
    });
    await renderApp(`/alerts/${alertIds.alert}`);
    const table = await screen.findByRole('table', { name: 'Réponses RRM à l’alerte ALR-2026-0042' });
    expect(within(table).getByRole('link', { name: 'Kit AME standard (v2)' }).getAttribute('href')).toBe('/packages/00000000-0000-4000-8000-0000000000c1');
    expect(table.textContent).toContain('remis\u202f: 30\u202f000 FCFA · sans\u202f: Natte');
  });
});
