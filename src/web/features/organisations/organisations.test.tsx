// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../../shared/contracts/organisations.ts';
import { adminUser, dnds, organisation, page } from '../../test/fixtures.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';

const nrc = organisation();
const base = { ...meRoute(adminUser), [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }) };

describe('organisations administration', () => {
  it('filters the list from the URL and keeps the filters in the URL', async () => {
    const api = fakeApi({
      ...base,
      'GET /api/v1/organisations': (request) => {
        const q = request.query.get('q');
        const items = q ? [nrc] : [dnds, nrc];
        return { body: page(items, q ? 1 : 60, Number(request.query.get('page') ?? 1)) };
      },
    });
    const { location } = await renderApp('/admin/organisations?active=all');
    expect(await screen.findByText('60 résultats')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Organisations enregistrées' });
    expect(within(table).getByRole('link', { name: 'DNDS' }).getAttribute('href')).toBe(`/admin/organisations/${dnds.id}`);
    expect(api.calls('GET', '/api/v1/organisations')[0]?.query.get('active')).toBe('all');

    fireEvent.click(screen.getByRole('button', { name: /Suivant/ }));
    await waitFor(() => expect(location.current).toBe('/admin/organisations?active=all&page=2'));
    expect(await screen.findByText('Page 2 sur 3')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Nom ou sigle'), { target: { value: 'norvég' } });
    fireEvent.keyDown(screen.getByLabelText('Nom ou sigle'), { key: 'Enter' });
    expect(await screen.findByText('1 résultat')).toBeTruthy();
    // A new search starts again from the first page.
    expect(location.current).toBe('/admin/organisations?active=all&q=norv%C3%A9g');
    expect(api.requests.at(-1)?.query.get('page')).toBe('1');
  });

  it('creates an organisation and opens it', async () => {
    let created: Organisation | undefined;
    const api = fakeApi({
      ...base,
      'POST /api/v1/organisations': (request) => {
        created = organisation({ id: '00000000-0000-4000-8000-0000000000b9', ...(request.body as object) });
        return { status: 201, body: created };
      },
      'GET /api/v1/organisations/00000000-0000-4000-8000-0000000000b9': () => ({ body: created }),
      'GET /api/v1/audit': () => ({ body: page([]) }),
    });
    await renderApp('/admin/organisations/new');
    fireEvent.click(await screen.findByRole('button', { name: 'Créer' }));
    expect(screen.getAllByText('Ce champ est obligatoire.')).toHaveLength(2);
    expect(screen.getByText('Choisissez une valeur dans la liste.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Sigle'), { target: { value: 'AMSS' } });
    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'Association Malienne pour la Survie au Sahel' } });
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'nngo' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Acteur post-RRM' }));
    fireEvent.click(screen.getByRole('button', { name: 'Créer' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'AMSS' })).toBeTruthy();
    expect(screen.getByText('Association Malienne pour la Survie au Sahel')).toBeTruthy();
    expect(screen.getByText('Organisation « AMSS » créée.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/organisations')[0]?.body).toEqual({
      acronym: 'AMSS',
      name: 'Association Malienne pour la Survie au Sahel',
      type: 'nngo',
      roles: ['post_rrm_actor'],
    });
  });

  it('explains a concurrent change and reloads the saved record on request', async () => {
    const theirs = organisation({ name: 'Norwegian Refugee Council', version: 2 });
    const api = fakeApi({
      ...base,
      [`GET /api/v1/organisations/${nrc.id}`]: () => ({ body: nrc }),
      [`PATCH /api/v1/organisations/${nrc.id}`]: (request) =>
        (request.body as { version: number }).version === 1
          ? problem(409, 'version_conflict', "Cet élément a été modifié par quelqu'un d'autre entre-temps.", { current: theirs })
          : { body: { ...theirs, ...(request.body as object), version: 3 } },
      'GET /api/v1/audit': () => ({ body: page([]) }),
    });
    await renderApp(`/admin/organisations/${nrc.id}`);
    const name = await screen.findByLabelText('Nom');
    fireEvent.change(name, { target: { value: 'NRC Mali' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));

    expect(await screen.findByText("Cet élément a été modifié par quelqu'un d'autre entre-temps.")).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Recharger' }));
    expect(screen.getByLabelText<HTMLInputElement>('Nom').value).toBe('Norwegian Refugee Council');

    fireEvent.change(screen.getByLabelText('Nom'), { target: { value: 'NRC Mali' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Modifications enregistrées.')).toBeTruthy();
    expect(api.calls('PATCH', `/api/v1/organisations/${nrc.id}`).map((r) => (r.body as { version: number }).version)).toEqual([1, 2]);
  });

  it('deactivates after confirmation', async () => {
    let current = nrc;
    const api = fakeApi({
      ...base,
      [`GET /api/v1/organisations/${nrc.id}`]: () => ({ body: current }),
      [`PATCH /api/v1/organisations/${nrc.id}`]: (request) => {
        current = { ...current, ...(request.body as object), version: current.version + 1 };
        return { body: current };
      },
      'GET /api/v1/audit': () => ({ body: page([]) }),
    });
    await renderApp(`/admin/organisations/${nrc.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Désactiver' }));
    const dialog = await screen.findByRole('dialog', { name: 'Désactiver' });
    expect(within(dialog).getByText(/Désactiver « NRC »/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Désactiver' }));

    expect(await screen.findByText('Organisation désactivée.')).toBeTruthy();
    expect(api.calls('PATCH', `/api/v1/organisations/${nrc.id}`)[0]?.body).toEqual({ active: false, version: 1 });
    expect(screen.getByRole('button', { name: 'Réactiver' })).toBeTruthy();
  });
});
